/**
 * Just enough Bicep reading for the consistency tests (Bicep cannot be compiled on our machines):
 * mask strings and comments, find `var`/`param`/`module` declarations, read an object literal's
 * top-level keys. Not a parser — the files under infra/ are written so that this suffices, and the
 * tests fail loudly when a declaration they look for is not found.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const INFRA = join(ROOT, 'infra');

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Every file under `dir` (recursively) whose name ends with one of `exts`. */
export function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(path);
  }
  return out.sort();
}

export const rel = (path: string): string => relative(ROOT, path);

/**
 * The text with string literals (including their interpolations) and comments replaced by spaces,
 * same length and line breaks, so braces and keys can be matched on code only.
 */
export function maskStringsAndComments(text: string): string {
  const out = text.split('');
  type Frame = { kind: 'code' | 'string' | 'interp'; braces: number };
  const stack: Frame[] = [{ kind: 'code', braces: 0 }];
  let maskDepth = 0; // > 0 while inside a string (interpolations included)
  const blank = (i: number): void => {
    if (out[i] !== '\n') out[i] = ' ';
  };
  for (let i = 0; i < text.length; i++) {
    const top = stack[stack.length - 1];
    const ch = text[i];
    if (top.kind === 'string') {
      blank(i);
      if (ch === '\\') {
        blank(i + 1);
        i++;
      } else if (ch === "'") {
        stack.pop();
        maskDepth--;
      } else if (ch === '$' && text[i + 1] === '{') {
        blank(i + 1);
        i++;
        stack.push({ kind: 'interp', braces: 0 });
      }
      continue;
    }
    // code or interpolation
    if (maskDepth > 0) blank(i);
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') blank(i++);
      i--;
    } else if (ch === '/' && text[i + 1] === '*') {
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) blank(i++);
      blank(i);
      blank(i + 1);
      i++;
    } else if (ch === "'") {
      blank(i);
      stack.push({ kind: 'string', braces: 0 });
      maskDepth++;
    } else if (ch === '{') {
      top.braces++;
    } else if (ch === '}') {
      if (top.kind === 'interp' && top.braces === 0) stack.pop();
      else top.braces--;
    }
  }
  return out.join('');
}

/** Index just past the bracket that closes the one at `open` (masked text). */
function closing(masked: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const want: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const ch = masked[i];
    if (pairs[ch]) want.push(pairs[ch]);
    else if (ch === want[want.length - 1]) {
      want.pop();
      if (want.length === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

export interface ObjectEntry {
  key: string;
  /** Source text of the value (original, not masked), trimmed. */
  value: string;
}

/** Top-level entries of the object literal assigned by `var <name> = {` (one entry per line). */
export function varObjectEntries(text: string, name: string): ObjectEntry[] {
  const masked = maskStringsAndComments(text);
  const decl = new RegExp(`^var ${name} = \\{`, 'm').exec(masked);
  if (!decl) throw new Error(`var ${name} = { … } not found`);
  const open = decl.index + decl[0].length - 1;
  const end = closing(masked, open);
  const entries: ObjectEntry[] = [];
  let depth = 0;
  let lineStart = open + 1;
  for (let i = open + 1; i < end - 1; i++) {
    const ch = masked[i];
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    else if (ch === '\n') lineStart = i + 1;
    if (ch === ':' && depth === 0) {
      const keyText = masked.slice(lineStart, i).trim();
      if (/^[A-Za-z_]\w*$/.test(keyText)) {
        const eol = text.indexOf('\n', i);
        entries.push({ key: keyText, value: text.slice(i + 1, eol < 0 ? undefined : eol).trim() });
      }
    }
  }
  return entries;
}

export interface ParamDecl {
  name: string;
  type: string;
  decorators: string[];
  hasDefault: boolean;
}

/** `param` declarations with the decorator lines right above them. */
export function params(text: string): ParamDecl[] {
  const lines = text.split('\n');
  const out: ParamDecl[] = [];
  lines.forEach((line, i) => {
    const m = /^param (\w+) (\S+)(.*)$/.exec(line);
    if (!m) return;
    const decorators: string[] = [];
    for (let j = i - 1; j >= 0 && lines[j].startsWith('@'); j--) decorators.unshift(lines[j]);
    out.push({ name: m[1], type: m[2], decorators, hasDefault: /=/.test(m[3]) });
  });
  return out;
}

/** Module references: `module <symbol> '<path>'`. */
export function moduleRefs(text: string): Array<{ symbol: string; path: string }> {
  return [...text.matchAll(/^module (\w+) '([^']+)'/gm)].map((m) => ({ symbol: m[1], path: m[2] }));
}

/** Resource type@apiVersion strings declared in the file. */
export function resourceTypes(text: string): Array<{ symbol: string; type: string; apiVersion: string }> {
  return [...text.matchAll(/^resource (\w+) '([^@']+)@([^']+)'/gm)].map((m) => ({ symbol: m[1], type: m[2], apiVersion: m[3] }));
}
