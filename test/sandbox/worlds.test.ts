import path from 'node:path';
import { fallbackEntry } from '../../lib/diagnosis/platform-fallback';
import { parseImageRef } from '../../lib/image-ref/parse-image-ref';
import { BUILTIN_ROLES } from '../../lib/sandbox/builtin-roles';
import { windowsBuildRunsOn, windowsHostBuild } from '../../lib/diagnosis/windows-build';
import { buildSandboxRegistry, plainPlatform } from '../../lib/sandbox/registry/registry-content';
import { listWorlds, loadWorld, loadWorldText, WorldError } from '../../lib/sandbox/load-world';
import type { ArmResource, World } from '../../lib/sandbox/world-schema';

/**
 * Every world under lib/sandbox/worlds (picked up by listing the folder: a new file is covered
 * without editing this test) validates, and is internally consistent the way a real estate is:
 * the failure's cluster, image, node and log rows agree with the resources and registry content,
 * and a world whose expected root cause is an absence (tag, repository, platform) really lacks it.
 */

const files = listWorlds();
const worlds = new Map<string, World>();
function world(file: string): World {
  let loaded = worlds.get(file);
  if (!loaded) {
    loaded = loadWorld(file);
    worlds.set(file, loaded);
  }
  return loaded;
}

type Pool = { name: string; osType?: string; vmSize?: string; osSKU?: string; nodeImageVersion?: string };
const byId = (w: World, id: string): ArmResource | undefined => w.resources.find((r) => r.id.toLowerCase() === id.toLowerCase());
const clusterOf = (w: World): ArmResource => byId(w, w.failure.cluster!)!;
const poolsOf = (w: World): Pool[] => (clusterOf(w).properties?.agentPoolProfiles as Pool[] | undefined) ?? [];
/** Azure VM sizes with a `p` feature letter (D4ps_v5, E8pds_v5) are Ampere arm64. */
const archOf = (vmSize = ''): string => (/^Standard_[A-Za-z]+\d+[a-z]*p[a-z]*_/.test(vmSize) ? 'arm64' : 'amd64');
const platformOf = (pool: Pool): string => `${(pool.osType ?? 'Linux').toLowerCase()}/${archOf(pool.vmSize)}`;
/** AKS node names: `aks-<pool>-<hash>-vmss<index>` on Linux, `aks<pool><index>` on Windows. */
const poolOfNode = (w: World, node: string): Pool | undefined =>
  poolsOf(w).find((p) => node.startsWith(`aks-${p.name}-`) || new RegExp(`^aks${p.name}\\d{6}$`).test(node));

describe('built-in sandbox worlds', () => {
  it('there are at least 22 worlds, several of them in the demo', () => {
    expect(files.length).toBeGreaterThanOrEqual(22);
    expect(files.filter((f) => world(f).demo).length).toBeGreaterThanOrEqual(6);
  });

  describe.each(files.map((f) => [path.basename(f), f] as const))('%s', (_name, file) => {
    it('validates', () => {
      expect(() => world(file)).not.toThrow();
    });

    it('starts from a failure on a managed cluster of the world, on one of its nodes', () => {
      const w = world(file);
      expect(clusterOf(w).type.toLowerCase()).toBe('microsoft.containerservice/managedclusters');
      expect(w.failure.node).toBeDefined();
      expect(poolOfNode(w, w.failure.node!)).toBeDefined();
    });

    it('has registry content for the image, or really lacks what the world is about', () => {
      const w = world(file);
      const parsed = parseImageRef(w.failure.image);
      // A world about a registry that no longer exists (its name does not resolve) has no content for it either.
      // So does an undecided world whose registry says the tag is missing (pull-doctor could not look).
      const aboutAbsence =
        ['repository-tag', 'image-reference'].some((c) => w.expect.rootCause.includes(c as never)) ||
        (w.expect.rootCause.includes('registry') && w.expect.category === 'dns_failure') ||
        (w.expect.category === 'tag_not_found' && w.expect.outcome === 'undecided');
      if (!parsed.ok) {
        // Only a world about the reference itself may carry an unparseable image.
        expect(w.expect.rootCause).toContain('image-reference');
        return;
      }
      const { registry, repository, tag, digest } = parsed.ref;
      const content = w.registries[registry]?.repositories[repository];
      // A digest is present when some tag of the repository resolves to it (the sandbox derives digests from the content).
      const present =
        digest === undefined
          ? content?.tags[tag ?? 'latest'] !== undefined
          : content !== undefined && [...buildSandboxRegistry(registry, w.registries[registry]!).repositories.get(repository)!.tags.values()].includes(digest);
      if (aboutAbsence && w.registries[registry]?.failWith === undefined) expect(present).toBe(false);
      else expect(present).toBe(true);
    });

    it('offers the platform of the failing node, unless the world is about the platform', () => {
      const w = world(file);
      const parsed = parseImageRef(w.failure.image);
      if (!parsed.ok) return;
      const tags = w.registries[parsed.ref.registry]?.repositories[parsed.ref.repository]?.tags;
      const image = tags?.[parsed.ref.tag ?? 'latest'];
      if (!image) return;
      const pool = poolOfNode(w, w.failure.node!)!;
      // An arm64 node pulls linux/arm64/v8 too: compare os/arch, the variant refines them.
      // A Windows entry counts only when its os.version runs on the pool's Windows build (containerd's rule).
      const hostBuild = windowsHostBuild(pool.osSKU, pool.nodeImageVersion);
      const runs = (p: string) => {
        const osVersion = /\(([0-9.]+)\)/.exec(p)?.[1];
        return !osVersion || hostBuild === undefined || windowsBuildRunsOn(hostBuild, osVersion);
      };
      const offered = image.platforms.filter(runs).map((p) => plainPlatform(p).split('/').slice(0, 2).join('/'));
      // containerd falls back to a 32-bit entry (arm/v8…v5 on arm64, 386 on amd64): the pull succeeds with it.
      const [os, arch] = platformOf(pool).split('/');
      const pulls = offered.includes(platformOf(pool)) || fallbackEntry(image.platforms.filter(runs), os!, arch!) !== undefined;
      expect(pulls).toBe(!w.expect.rootCause.includes('platform'));
    });

    it('has Container insights rows that agree with the failure and the node pools', () => {
      const w = world(file);
      const workspaceId = (clusterOf(w).properties?.addonProfiles as { omsagent?: { config?: { logAnalyticsWorkspaceResourceID?: string } } } | undefined)
        ?.omsagent?.config?.logAnalyticsWorkspaceResourceID;
      expect(workspaceId).toBeDefined();
      const customerId = String(byId(w, workspaceId!)?.properties?.customerId);
      const tables = w.logs[customerId];
      expect(tables).toBeDefined();
      const { pod, namespace, message, node } = w.failure;
      expect(tables!.KubeEvents!.some((r) => r.Name === pod && r.Namespace === namespace && r.Message === message)).toBe(true);
      expect(tables!.KubePodInventory!.some((r) => r.Name === pod && r.Computer === node)).toBe(true);
      for (const row of tables!.KubeNodeInventory!) {
        const labels = (JSON.parse(String(row.Labels)) as Array<Record<string, string>>)[0]!;
        const pool = poolsOf(w).find((p) => p.name === labels.agentpool);
        expect(pool).toBeDefined();
        expect(`${labels['kubernetes.io/os']}/${labels['kubernetes.io/arch']}`).toBe(platformOf(pool!));
        expect(row.ClusterId).toBe(w.failure.cluster);
      }
      expect(tables!.KubeNodeInventory!.some((r) => r.Computer === node)).toBe(true);
    });

    it('assigns only built-in roles or roles the world defines', () => {
      const w = world(file);
      // Custom roles come as `roleDefinitions` or as Microsoft.Authorization/roleDefinitions resources.
      const asResources = w.resources.filter((r) => r.type.toLowerCase() === 'microsoft.authorization/roledefinitions').map((r) => r.name);
      const known = new Set([...BUILTIN_ROLES.map((r) => r.name), ...w.roleDefinitions.map((r) => r.name), ...asResources]);
      const assigned = w.resources
        .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
        .map((r) => String(r.properties?.roleDefinitionId).split('/').pop()!);
      expect(assigned.filter((guid) => !known.has(guid))).toEqual([]);
    });

    it('has no dangling references between resources', () => {
      const w = world(file);
      expect(danglingReferences(w)).toEqual([]);
    });

    it('has an expect that a diagnosis can meet', () => {
      const { rootCause, fixIncludes, unknown, outcome, category } = world(file).expect;
      if (rootCause.length > 0) expect(fixIncludes.length).toBeGreaterThan(0);
      if (outcome === 'should_work') expect([rootCause, unknown]).toEqual([[], []]);
      // Undecided: a check could not run, or the message names a cause that no check it can run
      // confirms (verdict.ts: "every check that applies passed"), e.g. an egress firewall ARM cannot see.
      if (outcome === 'undecided') expect(unknown.length > 0 || category !== 'unknown').toBe(true);
      if (outcome === 'cause_found') expect(rootCause.length).toBeGreaterThan(0);
    });
  });
});

/** Resource ids named inside properties that neither exist nor are embedded in their parent. */
function danglingReferences(w: World): string[] {
  const embedded = new Set<string>();
  const referenced: string[] = [];
  const visit = (value: unknown, key: string, depth: number): void => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, key, depth + 1));
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (depth > 0 && typeof record.id === 'string' && typeof record.name === 'string') embedded.add(record.id.toLowerCase());
      for (const [k, v] of Object.entries(record)) visit(v, k, depth + 1);
    } else if (typeof value === 'string' && /^(id|vnetSubnetID|logAnalyticsWorkspaceResourceID|privateLinkServiceId|resourceId)$/.test(key) && value.startsWith('/subscriptions/')) {
      referenced.push(value);
    }
  };
  for (const resource of w.resources) visit(resource.properties, 'properties', 1);
  const exists = new Set([...w.resources.map((r) => r.id), ...w.deletedResources].map((id) => id.toLowerCase()));
  return [...new Set(referenced)].filter((id) => !exists.has(id.toLowerCase()) && !embedded.has(id.toLowerCase()));
}

describe('broken worlds are rejected with <file>: <path>: <problem>', () => {
  const CLUSTER = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
  const load = (text: string) => () => loadWorldText(text, 'broken.yaml');

  it('a resource id that is not an ARM id', () => {
    const text = 'extends: healthy.yaml\ndescription: x\nresources:\n  - { id: myacr, name: myacr, type: Microsoft.ContainerRegistry/registries }\n';
    expect(load(text)).toThrow(new WorldError('broken.yaml', 'resources[0].id', 'must be a full ARM resource id'));
    expect(load(text)).toThrow(/^broken\.yaml: resources\[0\]\.id: must be a full ARM resource id$/);
  });

  it('an unknown check id in expect', () => {
    const text = 'extends: healthy.yaml\ndescription: x\nexpect: { category: auth_missing, rootCause: [pull-permissions] }\n';
    expect(load(text)).toThrow(/^broken\.yaml: expect\.rootCause\[0\]: Invalid enum value\. Expected 'image-reference' \| .*, received 'pull-permissions'$/);
  });

  it('a YAML syntax error', () => {
    const text = 'description: x\nexpect:\n  category: [auth_missing\n';
    expect(load(text)).toThrow(/^broken\.yaml: line \d+, column \d+: YAML syntax error: /);
  });

  it('a missing failure', () => {
    const text = `description: x\ncaller: { principalId: 44444444-4444-4444-4444-444444444444 }\nexpect: { category: unknown }\n`;
    expect(load(text)).toThrow(/^broken\.yaml: failure: is required$/);
  });

  it('extends of a missing file', () => {
    expect(load('extends: no-such-world.yaml\ndescription: x\n')).toThrow(/^broken\.yaml: extends: no such world file "no-such-world\.yaml"/);
  });

  it('duplicate resource ids (case-insensitive)', () => {
    const text = `description: x
caller: { principalId: 44444444-4444-4444-4444-444444444444 }
resources:
  - { id: ${CLUSTER}, name: aks-prod, type: Microsoft.ContainerService/managedClusters }
  - { id: ${CLUSTER.toUpperCase().replace('AKS-PROD', 'aks-prod')}, name: aks-prod, type: Microsoft.ContainerService/managedClusters }
failure: { cluster: ${CLUSTER}, image: myacr.azurecr.io/app:v1, source: sandbox }
expect: { category: unknown }
`;
    expect(load(text)).toThrow(/^broken\.yaml: resources\[1\]\.id: duplicate of resources\[0\]\.id \(ids are case-insensitive\)$/);
  });
});
