import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, INFRA, read, rel, ROOT } from './bicep-text';
import { resourceBodies } from './bicep-resource-bodies';

/**
 * Every resource in infra/ against Azure/bicep-types-az's generated types (the types the Bicep
 * compiler itself checks with): the type@apiVersion exists, and every property the body writes
 * exists at that path and is not read-only. Slices of the type files are committed under
 * test/fixtures/bicep-types (SOURCES.md; `node scripts/slice-bicep-types.js` regenerates them).
 */
type TypeNode = Record<string, unknown> & { $type: string };
interface Slice {
  resource: string;
  resourceIndex: number;
  types: Record<string, TypeNode>;
}

const DIR = join(ROOT, 'test', 'fixtures', 'bicep-types');
const slices = new Map<string, Slice>(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Slice)
    .map((s) => [s.resource.toLowerCase(), s]),
);

/** Bicep's own resource-body keywords, not properties of the resource type. */
const BICEP_KEYWORDS = new Set(['parent', 'scope', 'dependsOn']);
const READ_ONLY = 2; // bicep-types TypePropertyFlags.ReadOnly

function deref(slice: Slice, ref: unknown): TypeNode | undefined {
  const r = (ref as { $ref?: string } | undefined)?.$ref;
  return r?.startsWith('#/') ? slice.types[r.slice(2)] : undefined;
}

interface Property {
  type: TypeNode | undefined;
  flags: number;
}

/** The property `name` on `type`, or undefined when the type has no such property. */
function property(slice: Slice, type: TypeNode | undefined, name: string): Property | 'any' | undefined {
  if (!type || type.$type === 'AnyType') return 'any';
  if (type.$type === 'ObjectType') {
    const props = (type.properties ?? {}) as Record<string, { type: unknown; flags: number }>;
    const found = props[name];
    if (found) return { type: deref(slice, found.type), flags: found.flags };
    return type.additionalProperties ? { type: deref(slice, type.additionalProperties), flags: 0 } : undefined;
  }
  if (type.$type === 'DiscriminatedObjectType') {
    const base = (type.baseProperties ?? {}) as Record<string, { type: unknown; flags: number }>;
    if (name === type.discriminator) return { type: undefined, flags: 0 };
    if (base[name]) return { type: deref(slice, base[name]!.type), flags: base[name]!.flags };
    for (const element of Object.values(type.elements as Record<string, unknown>)) {
      const found = property(slice, deref(slice, element), name);
      if (found) return found;
    }
    return undefined;
  }
  if (type.$type === 'UnionType') {
    for (const element of type.elements as unknown[]) {
      const t = deref(slice, element);
      if (t && ['ObjectType', 'DiscriminatedObjectType', 'AnyType'].includes(t.$type)) {
        const found = property(slice, t, name);
        if (found) return found;
      }
    }
    return undefined;
  }
  return undefined;
}

/** Problems with one written path: unknown property, read-only property, or an object where a value belongs. */
export function checkPath(slice: Slice, path: string[]): string | undefined {
  const resource = slice.types[String(slice.resourceIndex)]!;
  let type = deref(slice, resource.body);
  for (const [i, segment] of path.entries()) {
    const isArray = segment.endsWith('[]');
    const name = isArray ? segment.slice(0, -2) : segment;
    if (i === 0 && BICEP_KEYWORDS.has(name)) return undefined;
    const found = property(slice, type, name);
    if (found === 'any') return undefined;
    if (!found) return `${path.slice(0, i + 1).join('.')}: no such property in ${slice.resource}`;
    if (found.flags & READ_ONLY) return `${path.slice(0, i + 1).join('.')}: read-only in ${slice.resource}`;
    type = found.type;
    if (isArray) type = type?.$type === 'ArrayType' ? deref(slice, type.itemType) : type;
  }
  return undefined;
}

const files = filesUnder(INFRA, ['.bicep']);
const declared = files.flatMap((file) => resourceBodies(read(file)).map((r) => ({ ...r, file: rel(file) })));

describe('Bicep resources against Azure/bicep-types-az', () => {
  it('finds the resources (the parser sees what the files declare)', () => {
    expect(declared.length).toBeGreaterThanOrEqual(40);
    const site = declared.find((r) => r.type === 'Microsoft.Web/sites' && !r.existing)!;
    expect(site.properties.map((p) => p.path.join('.'))).toEqual(expect.arrayContaining(['properties.functionAppConfig.runtime.name', 'identity.userAssignedIdentities']));
  });

  it('every type@apiVersion exists', () => {
    const missing = declared.filter((r) => !slices.has(`${r.type}@${r.apiVersion}`.toLowerCase())).map((r) => `${r.file}:${r.line} ${r.type}@${r.apiVersion}`);
    expect(missing).toEqual([]);
  });

  it('every property written exists at its path and is writable', () => {
    const problems: string[] = [];
    for (const r of declared.filter((d) => !d.existing)) {
      const slice = slices.get(`${r.type}@${r.apiVersion}`.toLowerCase());
      if (!slice) continue;
      for (const p of r.properties) {
        const problem = checkPath(slice, p.path);
        if (problem) problems.push(`${r.file}:${p.line} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails on a misspelt, misplaced or read-only property (the check can fail)', () => {
    const slice = slices.get('microsoft.web/sites@2024-04-01')!;
    expect(checkPath(slice, ['properties', 'httpsOnly'])).toBeUndefined();
    expect(checkPath(slice, ['properties', 'httpOnly'])).toMatch(/no such property/);
    expect(checkPath(slice, ['httpsOnly'])).toMatch(/no such property/);
    expect(checkPath(slice, ['properties', 'defaultHostName'])).toMatch(/read-only/);
    expect(checkPath(slice, ['properties', 'siteConfig', 'appSettings[]', 'nam'])).toMatch(/no such property/);
  });
});
