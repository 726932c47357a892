import path from 'node:path';
import { z } from 'zod';
import { WorldSchema } from './world-schema';
import { WorldError, formatPath } from './world-error';

/**
 * World composition: a broken world is written as a small diff from a healthy one.
 *   extends: healthy.yaml          base world (relative to this file), itself possibly extending another
 *   removeResources: [ids]         drop base resources (ids compared case-insensitively)
 *   resources: [...]               replace the same-id resource or add
 *   patch: [{ id, set: {dotted.path: value}, unset: [dotted.path] }]
 *   registries                     deep-merged per key (null deletes a key)
 *   logs                           merged per workspace; each table given replaces that table
 *   description, demo              never inherited
 *   every other field              replaced when given
 * Applied in that order. The schema validates the composed result, not the pieces.
 */

export type RawWorld = Record<string, unknown>;

/** Which file (and index in it) each part of a composed world came from, to report errors there. */
export interface Origin {
  resources: Array<{ file: string; index: number }>;
  fields: Record<string, string>;
}

export interface ComposeOptions {
  baseDir: string;
  /** Reads and parses a base world; undefined when the file does not exist. */
  load(file: string): RawWorld | undefined;
}

const COMPOSITION_KEYS = ['extends', 'removeResources', 'patch'] as const;
const NOT_INHERITED = ['description', 'demo'];
const KNOWN_KEYS = new Set<string>([...Object.keys(WorldSchema.shape), ...COMPOSITION_KEYS]);

const ResourceEntrySchema = z.object({ id: z.string().min(1) }).passthrough();
const CompositionSchema = z.object({
  extends: z.string().min(1).optional(),
  removeResources: z.array(z.string().min(1)).default([]),
  resources: z.array(ResourceEntrySchema).optional(),
  patch: z
    .array(
      z
        .object({
          id: z.string().min(1),
          set: z.record(z.string(), z.unknown()).default({}),
          unset: z.array(z.string()).default([]),
        })
        .strict(),
    )
    .default([]),
});

export function composeWorld(own: RawWorld, file: string, options: ComposeOptions, chain: string[] = []): { raw: RawWorld; origins: Origin } {
  const unknown = Object.keys(own).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) throw new WorldError(file, unknown[0]!, `unknown field (known: ${[...KNOWN_KEYS].join(', ')})`);
  const parsed = CompositionSchema.safeParse(own);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorldError(file, formatPath(issue.path), issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message);
  }
  const composition = parsed.data;

  let raw: RawWorld = {};
  let origins: Origin = { resources: [], fields: {} };
  if (composition.extends !== undefined) {
    const baseFile = path.resolve(options.baseDir, composition.extends);
    if (chain.includes(baseFile) || path.resolve(file) === baseFile) {
      throw new WorldError(file, 'extends', `extends itself through ${[...chain, path.resolve(file), baseFile].map((f) => path.basename(f)).join(' → ')}`);
    }
    const baseOwn = options.load(baseFile);
    if (!baseOwn) throw new WorldError(file, 'extends', `no such world file "${composition.extends}" (looked for ${baseFile})`);
    ({ raw, origins } = composeWorld(baseOwn, baseFile, { ...options, baseDir: path.dirname(baseFile) }, [...chain, path.resolve(file)]));
    for (const key of NOT_INHERITED) {
      delete raw[key];
      delete origins.fields[key];
    }
  }

  for (const [key, value] of Object.entries(own)) {
    if ((COMPOSITION_KEYS as readonly string[]).includes(key) || key === 'resources') continue;
    if (key === 'registries' && isRecord(value) && isRecord(raw.registries)) raw.registries = deepMerge(raw.registries, value);
    else if (key === 'logs' && isRecord(value) && isRecord(raw.logs)) raw.logs = mergeLogs(raw.logs, value);
    else raw[key] = value;
    origins.fields[key] = file;
  }

  const resources: Array<Record<string, unknown>> = Array.isArray(raw.resources) ? [...(raw.resources as Array<Record<string, unknown>>)] : [];
  const resourceOrigins = [...origins.resources];
  const indexOf = (id: string): number => resources.findIndex((r) => typeof r.id === 'string' && r.id.toLowerCase() === id.toLowerCase());

  composition.removeResources.forEach((id, i) => {
    const at = indexOf(id);
    if (at < 0) throw new WorldError(file, `removeResources[${i}]`, `no resource with id ${id} in the extended world`);
    resources.splice(at, 1);
    resourceOrigins.splice(at, 1);
  });
  (composition.resources ?? []).forEach((resource, i) => {
    const at = indexOf(resource.id);
    const entry = { ...(own.resources as Array<Record<string, unknown>>)[i]! };
    if (at >= 0 && composition.extends !== undefined) {
      resources[at] = entry;
      resourceOrigins[at] = { file, index: i };
    } else {
      resources.push(entry);
      resourceOrigins.push({ file, index: i });
    }
  });
  composition.patch.forEach((patch, i) => {
    const at = indexOf(patch.id);
    if (at < 0) throw new WorldError(file, `patch[${i}].id`, `no resource with id ${patch.id}`);
    const patched = structuredClone(resources[at]!);
    for (const [dotted, value] of Object.entries(patch.set)) {
      const problem = setPath(patched, dotted, value);
      if (problem) throw new WorldError(file, formatPath(['patch', i, 'set', dotted]), problem);
    }
    patch.unset.forEach((dotted, j) => {
      const problem = setPath(patched, dotted, undefined);
      if (problem) throw new WorldError(file, formatPath(['patch', i, 'unset', j]), problem);
    });
    resources[at] = patched;
  });
  if (composition.extends !== undefined || own.resources !== undefined) raw.resources = resources;
  return { raw, origins: { resources: resourceOrigins, fields: origins.fields } };
}

type Segment = { key: string } | { index: number } | { where: string; equals: string } | { append: true };

/** `properties.agentPoolProfiles[name=userpool].vmSize`, `nodeLabels["kubernetes.io/arch"]`, `a.b[0]`, `a.b[+]` (append). */
export function parseDottedPath(dotted: string): Segment[] | undefined {
  const segments: Segment[] = [];
  const token = /\.?([^.[\]"]+)|\[(\d+)\]|\[([\w.-]+)=([^\]]+)\]|\["([^"]+)"\]|\[(\+)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(dotted)) !== null) {
    consumed = token.lastIndex;
    if (match[1] !== undefined) segments.push({ key: match[1] });
    else if (match[2] !== undefined) segments.push({ index: Number(match[2]) });
    else if (match[3] !== undefined) segments.push({ where: match[3], equals: match[4]! });
    else if (match[5] !== undefined) segments.push({ key: match[5] });
    else segments.push({ append: true });
    if (consumed === dotted.length) break;
  }
  return consumed === dotted.length && segments.length > 0 ? segments : undefined;
}

/** Sets (or, with `undefined`, deletes) a dotted path; returns a problem text when the path does not fit. */
function setPath(target: Record<string, unknown>, dotted: string, value: unknown): string | undefined {
  const segments = parseDottedPath(dotted);
  if (!segments) return `cannot parse path "${dotted}" (use a.b[0].c, a[name=x].c or a["dotted.key"])`;
  let node: unknown = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if ('key' in segment) {
      if (!isRecord(node)) return `"${dotted}": ${segment.key} is not inside an object`;
      if (last) {
        if (value === undefined) delete node[segment.key];
        else node[segment.key] = value;
        return undefined;
      }
      if (node[segment.key] === undefined) node[segment.key] = {};
      node = node[segment.key];
      continue;
    }
    if (!Array.isArray(node)) return `"${dotted}": not a list where [${'index' in segment ? segment.index : 'append' in segment ? '+' : `${segment.where}=${segment.equals}`}] is used`;
    if ('append' in segment) {
      if (!last || value === undefined) return `"${dotted}": [+] appends a value and must come last`;
      node.push(value);
      return undefined;
    }
    const at = 'index' in segment ? segment.index : node.findIndex((item) => isRecord(item) && String(item[segment.where]) === segment.equals);
    if (at < 0 || at >= node.length) return `"${dotted}": no list element ${'index' in segment ? at : `with ${segment.where}=${segment.equals}`}`;
    if (last) {
      if (value === undefined) node.splice(at, 1);
      else node[at] = value;
      return undefined;
    }
    node = node[at];
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; `null` deletes; anything else (lists included) replaces. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isRecord(value) && isRecord(out[key])) out[key] = deepMerge(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

/** Per workspace, a table given replaces the base's table; other tables are kept. */
function mergeLogs(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [workspace, tables] of Object.entries(over)) {
    const current = out[workspace];
    if (tables === null) delete out[workspace];
    else out[workspace] = isRecord(tables) && isRecord(current) ? { ...current, ...tables } : tables;
  }
  return out;
}
