import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listWorlds, loadWorld, loadWorldText, WorldError, WORLDS_DIR } from './load-world';
import { parseDottedPath } from './world-compose';
import { typeFromId } from './world-semantics';

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';
const CLUSTER = `${SUB}/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const REGISTRY = `${SUB}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr`;
const ACRPULL_ASSIGNMENT = `${REGISTRY}/providers/Microsoft.Authorization/roleAssignments/acacacac-0000-4000-8000-000000000001`;

/** A small self-contained world; `extra` is appended as more top-level YAML. */
function standalone(resources: string, extra = ''): string {
  return `description: test world
caller: { principalId: 44444444-4444-4444-4444-444444444444 }
resources:
  - id: ${CLUSTER}
    name: aks-prod
    type: Microsoft.ContainerService/managedClusters
    location: westeurope
${resources}
failure: { cluster: ${CLUSTER}, image: myacr.azurecr.io/app:v1, source: sandbox }
expect: { category: unknown }
${extra}`;
}

function errorOf(fn: () => unknown): WorldError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorldError) return error;
    throw error;
  }
  throw new Error('expected a WorldError, but the world loaded');
}

describe('loadWorldText: parsing and validation', () => {
  it('loads a minimal world and applies schema defaults', () => {
    const world = loadWorldText(standalone(''), 'mini.yaml');
    expect(world.resources).toHaveLength(1);
    expect(world.demo).toBe(false);
    expect(world.expect.rootCause).toEqual([]);
    expect(world.registries).toEqual({});
  });

  it('reports YAML syntax errors with line and column', () => {
    const error = errorOf(() => loadWorldText('description: x\nresources: [\n  { id: a\n', 'broken.yaml'));
    expect(error.file).toBe('broken.yaml');
    expect(error.path).toMatch(/^line \d+, column \d+$/);
    expect(error.message).toMatch(/^broken\.yaml: line \d+, column \d+: YAML syntax error: /);
  });

  it('rejects duplicate mapping keys and unquoted numeric keys (1.10 would become 1.1)', () => {
    expect(errorOf(() => loadWorldText('description: a\ndescription: b\n', 'dup.yaml')).message).toMatch(
      /^dup\.yaml: line 2, column 1: YAML syntax error: Map keys must be unique/,
    );
    const numeric = standalone('', 'registries:\n  myacr.azurecr.io:\n    repositories:\n      app:\n        tags:\n          1.10: {}\n');
    expect(errorOf(() => loadWorldText(numeric, 'num.yaml')).message).toMatch(/^num\.yaml: line \d+, column 11: mapping key 1\.1 is not a string; quote it/);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(errorOf(() => loadWorldText('', 'empty.yaml')).message).toBe('empty.yaml: the file is empty');
    expect(errorOf(() => loadWorldText('- a\n- b\n', 'list.yaml')).message).toBe('list.yaml: a world must be a YAML mapping');
  });

  it('rejects unknown top-level fields instead of ignoring a typo', () => {
    expect(errorOf(() => loadWorldText(standalone('', 'expects: {}\n'), 'typo.yaml')).message).toMatch(/^typo\.yaml: expects: unknown field/);
    const nested = standalone('').replace('expect: { category: unknown }', 'expect: { category: unknown, fixincludes: [x] }');
    expect(errorOf(() => loadWorldText(nested, 'typo.yaml')).message).toBe('typo.yaml: expect.fixincludes: unknown field (a typo would otherwise be silently ignored)');
  });

  it('names the path of a schema problem', () => {
    const text = standalone(`  - id: ${REGISTRY}\n    name: myacr\n    type: not a type\n`);
    expect(errorOf(() => loadWorldText(text, 'bad-type.yaml')).message).toBe('bad-type.yaml: resources[1].type: must look like Provider.Namespace/type');
    const noDescription = standalone('').replace('description: test world\n', '');
    expect(errorOf(() => loadWorldText(noDescription, 'nodesc.yaml')).message).toBe('nodesc.yaml: description: is required');
  });

  it('checks names, types and ids against each other', () => {
    const wrongName = standalone(`  - id: ${REGISTRY}\n    name: otheracr\n    type: Microsoft.ContainerRegistry/registries\n`);
    expect(errorOf(() => loadWorldText(wrongName, 'w.yaml')).message).toBe('w.yaml: resources[1].name: must equal the last segment of the id ("myacr")');
    const wrongType = standalone(`  - id: ${REGISTRY}/replications/eastus\n    name: eastus\n    type: Microsoft.ContainerRegistry/registries\n`);
    expect(errorOf(() => loadWorldText(wrongType, 'w.yaml')).message).toBe(
      'w.yaml: resources[1].type: does not match the id, which says Microsoft.ContainerRegistry/registries/replications',
    );
    const duplicate = standalone(`  - id: ${CLUSTER.toLowerCase()}\n    name: aks-prod\n    type: Microsoft.ContainerService/managedClusters\n`);
    expect(errorOf(() => loadWorldText(duplicate, 'w.yaml')).message).toBe('w.yaml: resources[1].id: duplicate of resources[0].id (ids are case-insensitive)');
  });

  it('checks that a role assignment scope is the prefix of its id', () => {
    const assignment = (scope: string) => `  - id: ${ACRPULL_ASSIGNMENT}
    name: acacacac-0000-4000-8000-000000000001
    type: Microsoft.Authorization/roleAssignments
    properties:
      roleDefinitionId: ${SUB}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d
      principalId: 22222222-2222-2222-2222-222222222222
      scope: ${scope}
`;
    expect(loadWorldText(standalone(assignment(REGISTRY)), 'ok.yaml').resources).toHaveLength(2);
    expect(errorOf(() => loadWorldText(standalone(assignment(SUB)), 'w.yaml')).message).toBe(
      `w.yaml: resources[1].properties.scope: must equal the id's prefix before /providers/Microsoft.Authorization/roleAssignments/ ("${REGISTRY}")`,
    );
  });

  it('requires failure.cluster to be a managed cluster in the world', () => {
    const missing = standalone('').replace(`failure: { cluster: ${CLUSTER},`, `failure: { cluster: ${CLUSTER}x,`);
    expect(errorOf(() => loadWorldText(missing, 'w.yaml')).message).toBe(`w.yaml: failure.cluster: no resource with id ${CLUSTER}x`);
    const absent = standalone('').replace(`failure: { cluster: ${CLUSTER},`, 'failure: {');
    expect(errorOf(() => loadWorldText(absent, 'w.yaml')).message).toMatch(/^w\.yaml: failure\.cluster: is required in a world/);
  });

  it('requires logs to belong to a workspace in the world and registry keys to be host names', () => {
    const logs = standalone('', 'logs:\n  55555555-5555-5555-5555-555555555555: { KubeEvents: [] }\n');
    expect(errorOf(() => loadWorldText(logs, 'w.yaml')).message).toBe(
      'w.yaml: logs["55555555-5555-5555-5555-555555555555"]: no Microsoft.OperationalInsights/workspaces resource has this properties.customerId',
    );
    // healthy.yaml holds the workspace; the rows must use the documented tables and columns.
    const derived = (tables: string) => `extends: healthy.yaml\ndescription: derived\nlogs:\n  55555555-5555-5555-5555-555555555555: ${tables}\n`;
    expect(errorOf(() => loadWorldText(derived('{ ContainerInventory: [{ ContainerID: c1, PodName: web-1 }] }'), 'w.yaml')).message).toBe(
      'w.yaml: logs["55555555-5555-5555-5555-555555555555"].ContainerInventory[0].PodName: not a column of ContainerInventory (Azure Monitor Logs table reference)',
    );
    expect(errorOf(() => loadWorldText(derived('{ ContainerLog: [] }'), 'w.yaml')).message).toMatch(/\.ContainerLog: not a Container insights table pull-doctor reads/);
    const host = standalone('', 'registries:\n  https://MyAcr.azurecr.io: {}\n');
    expect(errorOf(() => loadWorldText(host, 'w.yaml')).message).toMatch(/^w\.yaml: registries\["https:\/\/MyAcr\.azurecr\.io"\]: must be a lowercase registry host/);
  });
});

describe('loadWorldText: composition', () => {
  const base = `extends: healthy.yaml\ndescription: derived\n`;

  it('removes, replaces and patches resources of the extended world', () => {
    const world = loadWorldText(
      `${base}removeResources:
  - ${ACRPULL_ASSIGNMENT.toUpperCase()}
patch:
  - id: ${REGISTRY}
    set:
      properties.publicNetworkAccess: Disabled
      properties.networkRuleSet.ipRules[+]: { action: Allow, value: 20.1.2.3 }
  - id: ${CLUSTER}
    set:
      properties.agentPoolProfiles[name=userpool].vmSize: Standard_D4ps_v5
      properties.agentPoolProfiles[0].nodeLabels["kubernetes.io/role"]: system
    unset: [properties.identityProfile]
`,
      'derived.yaml',
    );
    const healthy = loadWorld(path.join(WORLDS_DIR, 'healthy.yaml'));
    expect(world.resources).toHaveLength(healthy.resources.length - 1);
    expect(world.resources.some((r) => r.id === ACRPULL_ASSIGNMENT)).toBe(false);
    const registry = world.resources.find((r) => r.id === REGISTRY)!;
    expect(registry.properties).toMatchObject({ publicNetworkAccess: 'Disabled', networkRuleSet: { defaultAction: 'Allow', ipRules: [{ action: 'Allow', value: '20.1.2.3' }] } });
    const cluster = world.resources.find((r) => r.id === CLUSTER)!;
    const pools = cluster.properties!.agentPoolProfiles as Array<Record<string, unknown>>;
    expect(pools.map((p) => p.vmSize)).toEqual(['Standard_D4s_v5', 'Standard_D4ps_v5']);
    expect(pools[0]!.nodeLabels).toEqual({ 'kubernetes.io/role': 'system' });
    expect(cluster.properties!.identityProfile).toBeUndefined();
    // The base world is not modified by patching a derived one.
    expect(healthy.resources.find((r) => r.id === REGISTRY)!.properties!.publicNetworkAccess).toBe('Enabled');
  });

  it('deep-merges registries (null deletes), merges logs per table and does not inherit demo', () => {
    const world = loadWorldText(
      `${base}registries:
  myacr.azurecr.io:
    repositories:
      app:
        tags:
          v1.0: null
          v1.2: { platforms: [linux/amd64] }
logs:
  55555555-5555-5555-5555-555555555555:
    KubeEvents: []
`,
      'derived.yaml',
    );
    const tags = world.registries['myacr.azurecr.io']!.repositories.app!.tags;
    expect(Object.keys(tags).sort()).toEqual(['v1.1', 'v1.2']);
    expect(tags['v1.2']).toMatchObject({ platforms: ['linux/amd64'], sizeBytes: 187000000 });
    expect(world.registries['myacr.azurecr.io']!.repositories.payments).toBeDefined();
    const tables = world.logs['55555555-5555-5555-5555-555555555555']!;
    expect(tables.KubeEvents).toEqual([]);
    expect(tables.KubeNodeInventory!.length).toBeGreaterThan(0);
    expect(world.demo).toBe(false);
    expect(world.description).toBe('derived');
  });

  it('reports composition mistakes where they were made', () => {
    expect(errorOf(() => loadWorldText(`${base}removeResources: [${REGISTRY}/nope]\n`, 'd.yaml')).message).toBe(
      `d.yaml: removeResources[0]: no resource with id ${REGISTRY}/nope in the extended world`,
    );
    expect(errorOf(() => loadWorldText(`${base}patch: [{ id: ${REGISTRY}/nope, set: {} }]\n`, 'd.yaml')).message).toBe(
      `d.yaml: patch[0].id: no resource with id ${REGISTRY}/nope`,
    );
    expect(errorOf(() => loadWorldText(`${base}patch: [{ id: ${CLUSTER}, set: { "properties.agentPoolProfiles[name=gpu].count": 1 } }]\n`, 'd.yaml')).message).toBe(
      'd.yaml: patch[0].set["properties.agentPoolProfiles[name=gpu].count"]: "properties.agentPoolProfiles[name=gpu].count": no list element with name=gpu',
    );
    expect(errorOf(() => loadWorldText(`${base}patch: [{ id: ${CLUSTER}, sett: {} }]\n`, 'd.yaml')).message).toMatch(/^d\.yaml: patch\[0\]: Unrecognized key\(s\) in object: 'sett'/);
  });

  it('attributes a problem in an added resource to the derived file and its own index', () => {
    const text = `${base}resources:\n  - { id: subscriptions/nope, name: nope, type: Microsoft.Foo/bars }\n`;
    expect(errorOf(() => loadWorldText(text, 'd.yaml')).message).toBe('d.yaml: resources[0].id: must be a full ARM resource id');
  });

  describe('with world files on disk', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'worlds-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('follows extends chains relative to each file and detects cycles', () => {
      writeFileSync(path.join(dir, 'a.yaml'), standalone(''));
      writeFileSync(path.join(dir, 'b.yaml'), 'extends: a.yaml\ndescription: b\nexpect: { category: auth_missing }\n');
      writeFileSync(path.join(dir, 'c.yaml'), 'extends: b.yaml\ndescription: c\n');
      const c = loadWorld(path.join(dir, 'c.yaml'));
      expect(c.description).toBe('c');
      expect(c.expect.category).toBe('auth_missing');
      writeFileSync(path.join(dir, 'x.yaml'), 'extends: y.yaml\ndescription: x\n');
      writeFileSync(path.join(dir, 'y.yaml'), 'extends: x.yaml\ndescription: y\n');
      expect(errorOf(() => loadWorld(path.join(dir, 'x.yaml'))).message).toMatch(/^y\.yaml: extends: extends itself through x\.yaml → y\.yaml → x\.yaml/);
      expect(listWorlds(dir).map((f) => path.basename(f))).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'x.yaml', 'y.yaml']);
    });

    it('names the base file when the base is broken', () => {
      writeFileSync(path.join(dir, 'broken-base.yaml'), standalone(`  - id: ${REGISTRY}\n    name: wrong\n    type: Microsoft.ContainerRegistry/registries\n`));
      writeFileSync(path.join(dir, 'child.yaml'), 'extends: broken-base.yaml\ndescription: child\n');
      const error = errorOf(() => loadWorld(path.join(dir, 'child.yaml')));
      expect(error.file).toBe(path.join(dir, 'broken-base.yaml'));
      expect(error.message).toBe('broken-base.yaml: resources[1].name: must equal the last segment of the id ("myacr") (in a world extended by child.yaml)');
    });

    it('reports an unreadable file', () => {
      expect(errorOf(() => loadWorld(path.join(dir, 'missing.yaml'))).message).toBe('missing.yaml: cannot read world file (ENOENT)');
    });
  });
});

describe('helpers', () => {
  it('parses dotted patch paths', () => {
    expect(parseDottedPath('properties.agentPoolProfiles[name=user pool].nodeLabels["kubernetes.io/os"]')).toEqual([
      { key: 'properties' },
      { key: 'agentPoolProfiles' },
      { where: 'name', equals: 'user pool' },
      { key: 'nodeLabels' },
      { key: 'kubernetes.io/os' },
    ]);
    expect(parseDottedPath('a[0][+]')).toEqual([{ key: 'a' }, { index: 0 }, { append: true }]);
    expect(parseDottedPath('a[')).toBeUndefined();
    expect(parseDottedPath('')).toBeUndefined();
  });

  it('derives the ARM type from an id', () => {
    expect(typeFromId(`${REGISTRY}/replications/eastus`)).toBe('Microsoft.ContainerRegistry/registries/replications');
    expect(typeFromId(`${SUB}/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io/A/myacr.westeurope.data`)).toBe(
      'Microsoft.Network/privateDnsZones/A',
    );
    expect(typeFromId(ACRPULL_ASSIGNMENT)).toBe('Microsoft.Authorization/roleAssignments');
    expect(typeFromId(`${SUB}/resourceGroups/rg`)).toBeUndefined();
  });
});
