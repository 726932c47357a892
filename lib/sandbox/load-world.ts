import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import { WorldSchema, type World } from './world-schema';
import { checkWorldSemantics } from './world-semantics';
import { composeWorld, type Origin, type RawWorld } from './world-compose';
import { formatPath, WorldError } from './world-error';

export { formatPath, WorldError } from './world-error';

/**
 * Loads sandbox world files (lib/sandbox/worlds/README.md describes the format): YAML → composition
 * (`extends`, `removeResources`, `patch`) → WorldSchema → semantic checks. Every problem is a
 * WorldError naming the file, the path inside it and the problem.
 */

/** The built-in worlds. Compiled code runs from dist/lib/sandbox, where no YAML is copied: fall back to the sources. */
export const WORLDS_DIR: string = [path.join(__dirname, 'worlds'), path.resolve(__dirname, '../../../lib/sandbox/worlds')].find(
  (dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.yaml')),
) ?? path.join(__dirname, 'worlds');

export interface LoadWorldOptions {
  /** Folder `extends:` paths are relative to. Default: the file's folder, or WORLDS_DIR for a bare file name. */
  baseDir?: string;
}

/** Reads, composes and validates one world file. */
export function loadWorld(file: string): World {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WorldError(file, '', `cannot read world file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return loadWorldText(text, file, { baseDir: path.dirname(path.resolve(file)) });
}

/** Composes and validates a world given as text; `fileName` names it in errors and anchors `extends`. */
export function loadWorldText(text: string, fileName: string, options: LoadWorldOptions = {}): World {
  const baseDir = options.baseDir ?? (path.dirname(fileName) === '.' ? WORLDS_DIR : path.dirname(path.resolve(fileName)));
  const { raw, origins } = composeWorld(parseWorldYaml(text, fileName), fileName, {
    baseDir,
    load: (file) => {
      let baseText: string;
      try {
        baseText = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      return parseWorldYaml(baseText, file);
    },
  });
  const typo = unknownNestedField(raw);
  if (typo) throw locate(fileName, origins, typo, 'unknown field (a typo would otherwise be silently ignored)');
  const parsed = WorldSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw locate(fileName, origins, issue.path, describeIssue(issue));
  }
  const problem = checkWorldSemantics(parsed.data)[0];
  if (problem) throw locate(fileName, origins, problem.path, problem.problem);
  return parsed.data;
}

/** Every `*.yaml` world in `dir`, as absolute paths, sorted by name. */
export function listWorlds(dir: string = WORLDS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.resolve(dir, f));
}

/** YAML text → plain data, with syntax errors, duplicate keys and non-string keys reported by line and column. */
function parseWorldYaml(text: string, file: string): RawWorld {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new WorldError(file, `line ${pos.line}, column ${pos.col}`, `YAML syntax error: ${error.message.split('\n')[0]}`);
  }
  let nonStringKey: WorldError | undefined;
  visit(doc, {
    Pair(_, pair) {
      // `1.10:` would silently become the tag "1.1"; make the author quote it.
      if (!nonStringKey && isPair(pair) && isScalar(pair.key) && typeof pair.key.value !== 'string') {
        const pos = lineCounter.linePos(pair.key.range?.[0] ?? 0);
        nonStringKey = new WorldError(
          file,
          `line ${pos.line}, column ${pos.col}`,
          `mapping key ${String(pair.key.value)} is not a string; quote it (e.g. "${String(pair.key.source ?? pair.key.value)}")`,
        );
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (nonStringKey) throw nonStringKey;
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) throw new WorldError(file, '', 'the file is empty');
  if (typeof value !== 'object' || Array.isArray(value)) throw new WorldError(file, '', 'a world must be a YAML mapping');
  return value as RawWorld;
}

/** zod strips unknown keys; in the parts a test asserts on, an unknown key is a typo (`fixincludes:`). */
function unknownNestedField(raw: RawWorld): Array<string | number> | undefined {
  const shapes = { caller: WorldSchema.shape.caller.shape, failure: WorldSchema.shape.failure.shape, expect: WorldSchema.shape.expect.shape };
  for (const [field, shape] of Object.entries(shapes)) {
    const value = raw[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const unknown = Object.keys(value).find((key) => !(key in shape));
    if (unknown) return [field, unknown];
  }
  return undefined;
}

function describeIssue(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Maps a path in the composed world back to the file and path it came from. */
function locate(file: string, origins: Origin, segments: ReadonlyArray<string | number>, problem: string): WorldError {
  const [head, index, ...rest] = segments;
  if (head === 'resources' && typeof index === 'number' && origins.resources[index]) {
    const from = origins.resources[index]!;
    return new WorldError(from.file, formatPath(['resources', from.index, ...rest]), withContext(problem, from.file, file));
  }
  const from = typeof head === 'string' ? origins.fields[head] ?? file : file;
  return new WorldError(from, formatPath(segments), withContext(problem, from, file));
}

function withContext(problem: string, from: string, file: string): string {
  return from === file ? problem : `${problem} (in a world extended by ${path.basename(file)})`;
}
