import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INFRA, ROOT, filesUnder, read, rel } from './bicep-text';

/**
 * Built-in role ids as published in the Azure RBAC built-in roles reference
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles, categories General,
 * Containers, Storage, Security, Monitor, Integration). Kept here independently of
 * infra/modules/role-ids.json so a typo in either is caught.
 */
const REAL_ROLE_IDS: Record<string, string> = {
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Container Registry Repository Reader': 'b93aa761-3e63-49ed-ac28-beffa264f7ac',
  'Container Registry Repository Catalog Lister': 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'EventGrid Data Sender': 'd5a91429-5739-47e2-a06b-3470a27159e7',
};

/** Roles that would make pull-doctor able to change or take over what it diagnoses. */
const FORBIDDEN_ROLE_IDS: Record<string, string> = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
};

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const roleIdsJson = JSON.parse(read(join(INFRA, 'modules', 'role-ids.json'))) as Record<string, string>;
const roleMap = Object.fromEntries(Object.entries(roleIdsJson).filter(([k]) => !k.startsWith('$')));
const infraFiles = filesUnder(INFRA, ['.bicep', '.bicepparam', '.json', '.kql', '.yaml', '.yml', '.sh', '.ps1']).filter(
  (f) => !f.endsWith('role-ids.json'),
);
// The in-cluster exporter's Helm values (infra/k8s-event-exporter/) may carry example GUIDs; they are
// still searched for forbidden role ids below.
const deploymentFiles = infraFiles.filter((f) => !f.includes(`${join('infra', 'k8s-event-exporter')}`));
const bicepFiles = infraFiles.filter((f) => f.endsWith('.bicep'));

describe('built-in role ids', () => {
  it('role-ids.json holds only roles this test knows, each with its real id', () => {
    expect(Object.keys(roleMap).length).toBeGreaterThan(0);
    for (const [name, id] of Object.entries(roleMap)) {
      expect({ name, id }).toEqual({ name, id: REAL_ROLE_IDS[name] });
    }
  });

  it('agree with the sandbox built-in roles (lib/sandbox/builtin-roles.ts) wherever both name a role', () => {
    const path = join(ROOT, 'lib', 'sandbox', 'builtin-roles.ts');
    expect(existsSync(path)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BUILTIN_ROLES } = require(path) as { BUILTIN_ROLES: ReadonlyArray<{ name: string; roleName: string }> };
    const sandbox = new Map(BUILTIN_ROLES.map((r) => [r.roleName, r.name]));
    const shared = Object.keys({ ...REAL_ROLE_IDS, ...FORBIDDEN_ROLE_IDS }).filter((n) => sandbox.has(n));
    expect(shared).toEqual(expect.arrayContaining(['Reader', 'AcrPull', 'Owner', 'Contributor']));
    for (const name of shared) {
      expect({ name, id: sandbox.get(name) }).toEqual({ name, id: REAL_ROLE_IDS[name] ?? FORBIDDEN_ROLE_IDS[name] });
    }
  });

  it('no file under infra/ hard-codes a GUID: role ids come from role-ids.json only', () => {
    // Not a role: Azure Monitor's action group app id, which the secure webhook setup assigns our app role to (Microsoft Learn, action-groups#secure-webhook).
    const notRoles = new Set(['461e8683-5575-4561-ac7f-899cc907d62a']);
    const stray = deploymentFiles.flatMap((f) => (read(f).match(GUID) ?? []).filter((g) => !notRoles.has(g.toLowerCase())).map((g) => `${rel(f)}: ${g}`));
    expect(stray).toEqual([]);
  });

  it('no Owner, Contributor, User Access Administrator (or other write/assign role) anywhere in infra/', () => {
    for (const [name, id] of Object.entries(FORBIDDEN_ROLE_IDS)) {
      expect(Object.keys(roleMap)).not.toContain(name);
      expect(Object.values(roleMap)).not.toContain(id);
      for (const f of [...infraFiles, join(INFRA, 'modules', 'role-ids.json')]) {
        expect({ file: rel(f), mentions: read(f).toLowerCase().includes(id) }).toEqual({ file: rel(f), mentions: false });
      }
    }
  });

  it('every role named in Bicep (roleIds[…], roleNames, appRoles) exists in role-ids.json', () => {
    const named = new Set<string>();
    for (const f of bicepFiles) {
      const text = read(f);
      for (const m of text.matchAll(/roleIds\['([^']+)'\]|roleIds\.(\w+)/g)) named.add(m[1] ?? m[2]);
      for (const m of text.matchAll(/roleNames: \[([^\]]*)\]/g)) for (const r of m[1].matchAll(/'([^']+)'/g)) named.add(r[1]);
      const appRoles = /var appRoles = \[([^\]]*)\]/.exec(text);
      if (appRoles) for (const r of appRoles[1].matchAll(/'([^']+)'/g)) named.add(r[1]);
    }
    expect([...named].length).toBeGreaterThanOrEqual(8);
    expect([...named].filter((n) => !(n in roleMap))).toEqual([]);
    // …and every role in the map is used somewhere (no dead grants to review).
    expect(Object.keys(roleMap).filter((n) => !named.has(n))).toEqual([]);
  });

  it('every role assignment builds its role definition id from role-ids.json', () => {
    for (const f of bicepFiles) {
      const text = read(f);
      const ids = [...text.matchAll(/roleDefinitionId: (.+)$/gm)].map((m) => m[1]);
      for (const expr of ids) {
        expect({ file: rel(f), expr }).toEqual({
          file: rel(f),
          // The one custom role (Run Command, run-command-on-cluster.bicep) is referenced by its resource.
          expr: expect.stringMatching(/^(subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', roleIds(\[[^\]]+\]|\.\w+)\)|a\.properties.*|runCommandRole\.id)$/),
        });
      }
    }
  });
});

describe('least-privilege scopes', () => {
  const main = read(join(INFRA, 'main.bicep'));

  it('grants the monitored estate only read roles, per resource or resource group', () => {
    const grants = [...main.matchAll(/module (\w+) '(modules\/access\/[^']+)'(?:(?!\nmodule )[\s\S])*?roleNames: \[([^\]]*)\]/g)].map((m) => ({
      module: m[1],
      roles: [...m[3].matchAll(/'([^']+)'/g)].map((r) => r[1]),
    }));
    expect(grants.map((g) => g.module).sort()).toEqual(
      ['abacRegistryAccess', 'clusterAccess', 'networkAccess', 'registryAccess', 'resourceGroupAccess', 'workspaceAccess'].sort(),
    );
    const readOnly = new Set(['Reader', 'AcrPull', 'Container Registry Repository Reader', 'Container Registry Repository Catalog Lister', 'Log Analytics Reader']);
    for (const g of grants) expect({ module: g.module, writes: g.roles.filter((r) => !readOnly.has(r)) }).toEqual({ module: g.module, writes: [] });
  });

  it('grants Run Command (a custom role with exactly its three actions) only when inClusterMode is not off', () => {
    const role = read(join(INFRA, 'modules', 'access', 'run-command-on-cluster.bicep'));
    const actions = [...role.matchAll(/^\s+'(Microsoft\.[^']+)'$/gm)].map((m) => m[1]);
    expect(actions).toEqual([
      'Microsoft.ContainerService/managedClusters/read',
      'Microsoft.ContainerService/managedClusters/runCommand/action',
      'Microsoft.ContainerService/managedClusters/commandResults/read',
    ]);
    expect(role).toMatch(/assignableScopes: \[resourceGroup\(\)\.id\]/);
    expect(role).toMatch(/scope: cluster\n/);
    expect(main).toMatch(/module clusterRunCommand 'modules\/access\/run-command-on-cluster\.bicep' = \[\s*for id in \(inClusterMode == 'off' \? \[\] : monitoredClusterIds\)/);
    expect(main).toMatch(/param inClusterMode string = 'off'/);
  });

  it('deploys each cross-scope assignment into the target\'s own resource group', () => {
    const accessModules = [...main.matchAll(/module \w+ 'modules\/access\/roles-on-[^']+' = \[\s*for id in (\w+): \{[\s\S]*?scope: ([^\n]+)/g)];
    expect(accessModules.length).toBe(6);
    for (const m of accessModules) expect(m[2].trim()).toBe("resourceGroup(split(id, '/')[2], split(id, '/')[4])");
  });

  it('assigns at subscription scope only Reader, and only when grantSubscriptionWideReader is true', () => {
    const subscriptionScoped = bicepFiles.filter((f) => /targetScope = 'subscription'/.test(read(f)) && /roleAssignments/.test(read(f)));
    expect(subscriptionScoped.map(rel)).toEqual(['infra/modules/access/reader-on-subscription.bicep']);
    const sub = read(subscriptionScoped[0]);
    expect([...sub.matchAll(/roleIds(?:\.(\w+)|\['([^']+)'\])/g)].map((m) => m[1] ?? m[2])).toEqual(['Reader', 'Reader']);
    expect(main).toMatch(/module subscriptionReader 'modules\/access\/reader-on-subscription\.bicep' = if \(grantSubscriptionWideReader\)/);
    expect(main).toMatch(/param grantSubscriptionWideReader bool = false/);
    // main.bicep itself (subscription-scoped, to create the resource group) assigns no roles.
    expect(main).not.toMatch(/Microsoft\.Authorization\/roleAssignments/);
  });

  it('scopes the app\'s data roles to its own containers, queues and table (never the storage account), vault and Application Insights', () => {
    const storage = read(join(INFRA, 'modules', 'storage.bicep'));
    expect([...storage.matchAll(/scope: ([\w[\]]+)/g)].map((m) => m[1]).sort()).toEqual(['appQueue[i]', 'deadLetterContainer', 'deploymentContainer', 'hostContainer[i]', 'incidentTable']);
    expect(read(join(INFRA, 'modules', 'key-vault.bicep'))).toMatch(/scope: vault/);
    expect(read(join(INFRA, 'modules', 'monitoring.bicep'))).toMatch(/scope: appInsights/);
  });
});
