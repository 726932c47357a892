import path from 'node:path';
import { BUILTIN_ROLES } from '../../lib/sandbox/builtin-roles';
import { roleDefinitionResource } from '../../lib/sandbox/arm/role-definitions';
import { listWorlds, loadWorld } from '../../lib/sandbox/load-world';
import { checkPath, loadSlices, type Slice } from '../helpers/bicep-type-slice';

/**
 * Issue 17: the sandbox's ARM answers have the property names and nesting Azure's REST specs define.
 * Every resource a world serves, and every role definition the sandbox synthesises, is walked path by
 * path against the resource type's generated types from Azure/bicep-types-az (generated from
 * azure-rest-api-specs; slices in test/fixtures/bicep-types, the type list in
 * scripts/slice-bicep-types.js SANDBOX_TYPES). A GET answer may carry read-only properties.
 */
const slices = loadSlices();

/** The newest slice of a type: the sandbox answers at the version the SDK calls, the newest we slice. */
function sliceFor(type: string): Slice | undefined {
  const prefix = `${type.toLowerCase()}@`;
  return [...slices.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([, slice]) => slice)[0];
}

/** Every path in a JSON value, arrays stepped into as `name[]` (leaves and the objects above them). */
export function jsonPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) {
    const last = prefix[prefix.length - 1]!;
    const inArray = [...prefix.slice(0, -1), `${last}[]`];
    const items = value.flatMap((item) => (item && typeof item === 'object' ? jsonPaths(item, inArray) : []));
    return items.length > 0 ? items : [inArray];
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix.length > 0 ? [prefix] : [];
    return entries.flatMap(([k, v]) => [[...prefix, k], ...(v && typeof v === 'object' ? jsonPaths(v, [...prefix, k]) : [])]);
  }
  return prefix.length > 0 ? [prefix] : [];
}

function problemsOf(resource: Record<string, unknown>): string[] {
  const type = String(resource.type);
  const slice = sliceFor(type);
  if (!slice) return [`${type}: no slice (add it to SANDBOX_TYPES in scripts/slice-bicep-types.js)`];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const p of jsonPaths(resource)) {
    const key = p.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    const problem = checkPath(slice, p, { readOnly: 'allowed' });
    if (problem) problems.push(problem);
  }
  return problems;
}

const worlds = listWorlds().map((file) => ({ name: path.basename(file), world: loadWorld(file) }));

describe('sandbox ARM answers against the REST specs (bicep-types-az)', () => {
  it('walks nested paths, arrays and dictionary keys (the walker sees what ARM returns)', () => {
    expect(jsonPaths({ properties: { a: [{ b: 1 }], c: { d: 'x' } } }).map((p) => p.join('.'))).toEqual([
      'properties',
      'properties.a',
      'properties.a[].b',
      'properties.c',
      'properties.c.d',
    ]);
  });

  it.each(worlds.map((w) => [w.name, w.world] as const))('%s: every resource has the spec’s property names and nesting', (_name, world) => {
    const problems = [...new Set(world.resources.flatMap((r) => problemsOf(r as Record<string, unknown>).map((p) => `${String(r.id)}: ${p}`)))];
    expect(problems).toEqual([]);
  });

  it('synthesised role definitions match Microsoft.Authorization/roleDefinitions', () => {
    const scope = '/subscriptions/11111111-1111-1111-1111-111111111111';
    expect(BUILTIN_ROLES.flatMap((role) => problemsOf(roleDefinitionResource(role, scope)))).toEqual([]);
  });

  it('fails on a misspelt or misplaced property (the check can fail)', () => {
    const registry = worlds.flatMap((w) => w.world.resources).find((r) => r.type === 'Microsoft.ContainerRegistry/registries')!;
    const props = (registry as { properties: Record<string, unknown> }).properties;
    expect(problemsOf({ ...registry, properties: { ...props, publicNetworkAcess: 'Enabled' } })).toEqual([expect.stringMatching(/publicNetworkAcess: no such property/)]);
    expect(problemsOf({ ...registry, loginServer: 'x.azurecr.io' })).toEqual([expect.stringMatching(/^loginServer: no such property/)]);
    expect(problemsOf({ ...registry, properties: { ...props, networkRuleSet: { defaultAction: 'Deny', ipRules: [{ value: '1.2.3.4', acton: 'Allow' }] } } })).toEqual([
      expect.stringMatching(/ipRules\[\]\.acton: no such property/),
    ]);
  });
});
