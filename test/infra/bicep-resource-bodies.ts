import { maskStringsAndComments } from './bicep-text';

/** One property written in a resource body: its path (`properties.siteConfig.appSettings[].name`) and line. */
export interface WrittenProperty {
  path: string[];
  line: number;
}

export interface ResourceBody {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  line: number;
  properties: WrittenProperty[];
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

function closing(masked: string, open: number): number {
  const want: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const ch = masked[i]!;
    if (OPEN[ch]) want.push(OPEN[ch]!);
    else if (ch === want[want.length - 1]) {
      want.pop();
      if (want.length === 0) return i;
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/**
 * Every `resource` declaration with the property paths its body literally writes. Only values that
 * are object or array literals are followed (`key: { … }`, `key: [ { … } ]`, `[for …: { … }]`);
 * expressions (`union(…)`, variables, ternaries) are values, not structure, and are not descended.
 */
export function resourceBodies(text: string): ResourceBody[] {
  const masked = maskStringsAndComments(text);
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const out: ResourceBody[] = [];
  for (const m of masked.matchAll(/^[ \t]*resource (\w+) /gm)) {
    // The type string is masked; read it from the source at the same place.
    const quoted = /^'([^@']+)@([^']+)'( existing)?/.exec(text.slice(m.index! + m[0].length));
    if (!quoted) continue;
    const afterDecl = m.index! + m[0].length + quoted[0].length;
    const open = masked.indexOf('{', afterDecl);
    const body: ResourceBody = { symbol: m[1]!, type: quoted[1]!, apiVersion: quoted[2]!, existing: Boolean(quoted[3]), line: lineAt(m.index!), properties: [] };
    walkObject(masked, text, open, [], body.properties, lineAt);
    out.push(body);
  }
  return out;
}

function walkObject(masked: string, text: string, open: number, path: string[], out: WrittenProperty[], lineAt: (i: number) => number): void {
  const end = closing(masked, open);
  let i = open + 1;
  while (i < end) {
    // A key starts a line, or follows `{` / `,` (single-line objects).
    // Quoted keys are blanked in the masked text, so the key is read from the source.
    const rawKey = /^[ \t\r\n,]*('([^'\n]*)'|[A-Za-z_$][\w$]*)[ \t]*:/.exec(text.slice(i, end));
    const key = rawKey && /^[ \t\r\n,]*(\S+?)[ \t]*:/.exec(masked.slice(i, end)) ? rawKey : null;
    if (!key || !rawKey) {
      // Not at a key: skip to the next line or comma at this depth.
      const next = nextBoundary(masked, i, end);
      i = next;
      continue;
    }
    const name = rawKey[2] ?? rawKey[1]!;
    const keyPath = [...path, name];
    out.push({ path: keyPath, line: lineAt(i + key[0].length) });
    let v = i + key[0].length;
    while (v < end && (masked[v] === ' ' || masked[v] === '\t')) v++;
    if (masked[v] === '{') {
      walkObject(masked, text, v, keyPath, out, lineAt);
      i = closing(masked, v) + 1;
    } else if (masked[v] === '[') {
      walkArray(masked, text, v, [...keyPath.slice(0, -1), `${name}[]`], out, lineAt);
      i = closing(masked, v) + 1;
    } else {
      i = nextBoundary(masked, v, end);
    }
  }
}

function walkArray(masked: string, text: string, open: number, path: string[], out: WrittenProperty[], lineAt: (i: number) => number): void {
  const end = closing(masked, open);
  // `[for x in xs: { … }]`: the element is the object after the loop header's colon.
  let i = open + 1;
  const loop = /^\s*for\b/.exec(masked.slice(i, end));
  if (loop) {
    let depth = 0;
    for (; i < end; i++) {
      const ch = masked[i]!;
      if (OPEN[ch]) depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      else if (ch === ':' && depth === 0) break;
    }
    i++;
  }
  while (i < end) {
    const ch = masked[i]!;
    if (ch === '{') {
      walkObject(masked, text, i, path, out, lineAt);
      i = closing(masked, i) + 1;
    } else if (ch === '[' || ch === '(') {
      i = closing(masked, i) + 1;
    } else i++;
  }
}

/** Index of the next line start or top-level comma after `from` (brackets skipped). */
function nextBoundary(masked: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const ch = masked[i]!;
    if (OPEN[ch]) i = closing(masked, i);
    else if (ch === '\n' || ch === ',') return i + 1;
  }
  return end;
}
