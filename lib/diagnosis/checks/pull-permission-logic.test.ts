import type { DenyAssignment, RoleAssignment, RoleDefinition } from '@azure/arm-authorization';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { registryFacts } from '../../../test/helpers/check-logic';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import { BUILTIN_ROLES, ROLE_IDS } from '../../sandbox/builtin-roles';
import type { CheckContext } from '../check';
import type { RegistryFacts } from '../facts';
import { repositoryReadCondition } from '../role-permissions';
import { DOCS } from './docs';
import { pullPermissionCheck } from './pull-permission';

// The pull-permission check's decisions on what ARM returns (the sandbox worlds in
// pull-permission*.test.ts cover the wire): which assignments count, whether a role grants the pull
// in legacy and ABAC mode, conditions that cannot be evaluated, service-principal clusters, and the
// exact fix commands. ARM answers come through ctx.lookups, keyed as azure-lookups.ts keys them.
const SUB = '11111111-1111-1111-1111-111111111111';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-registry`;
const REGISTRY = `${RG}/providers/Microsoft.ContainerRegistry/registries/myacr`;
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
// Hex letters in the ids, so that comparing them in the wrong case would show.
const KUBELET = '2222222a-2222-2222-2222-22222222222b';
const SP_APP = '66666666-6666-6666-6666-666666666666';
const SELF = '9999999f-9999-9999-9999-999999999999';
const ARM_ENDPOINT = 'https://management.azure.com';
const ASSIGNMENTS = `ARM ${REGISTRY}/providers/Microsoft.Authorization/roleAssignments`;
const OF_KUBELET = `ARM role assignments of ${KUBELET}`;
const KEY_CLUSTER = `GET ${CLUSTER}`;
const KEY_OF_KUBELET = `LIST ${REGISTRY}/providers/Microsoft.Authorization/roleAssignments?principalId=${KUBELET}`;
const KEY_AT_REGISTRY = `LIST ${REGISTRY}/providers/Microsoft.Authorization/roleAssignments`;
const KEY_DENY = `LIST ${REGISTRY}/providers/Microsoft.Authorization/denyAssignments`;

const roleId = (guid: string) => `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
/** A built-in role as roleDefinitions.getById returns it. */
function builtIn(guid: string): RoleDefinition {
  const spec = BUILTIN_ROLES.find((r) => r.name === guid)!;
  return { id: roleId(guid), name: guid, roleName: spec.roleName, roleType: spec.roleType, permissions: spec.permissions };
}
const CUSTOM_PULLER = 'cccccccc-0000-4000-8000-000000000001';
const ROLES: Record<string, RoleDefinition> = {
  [`GET ${roleId(ROLE_IDS.acrPull)}`]: builtIn(ROLE_IDS.acrPull),
  [`GET ${roleId(ROLE_IDS.acrPush)}`]: builtIn(ROLE_IDS.acrPush),
  [`GET ${roleId(ROLE_IDS.reader)}`]: builtIn(ROLE_IDS.reader),
  [`GET ${roleId(ROLE_IDS.repositoryReader)}`]: builtIn(ROLE_IDS.repositoryReader),
  [`GET ${roleId(ROLE_IDS.networkContributor)}`]: builtIn(ROLE_IDS.networkContributor),
  [`GET ${roleId(ROLE_IDS.aksClusterUser)}`]: builtIn(ROLE_IDS.aksClusterUser),
  // A custom role without a display name: evidence falls back to its id.
  [`GET ${roleId(CUSTOM_PULLER)}`]: { id: roleId(CUSTOM_PULLER), permissions: [{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }] },
};

let assignmentCount = 0;
const assign = (guid: string, over: Partial<RoleAssignment> = {}): RoleAssignment => ({
  id: `${over.scope ?? REGISTRY}/providers/Microsoft.Authorization/roleAssignments/a${++assignmentCount}`,
  scope: REGISTRY,
  roleDefinitionId: roleId(guid),
  principalId: KUBELET,
  principalType: 'ServicePrincipal',
  ...over,
});

const registry = (over: Partial<RegistryFacts> = {}): RegistryFacts => registryFacts({ id: REGISTRY, subscriptionId: SUB, ...over });
const ABAC = { roleAssignmentMode: 'AbacRepositoryPermissions' };
const withKubelet: ManagedCluster = { location: 'westeurope', identityProfile: { kubeletidentity: { objectId: KUBELET, clientId: 'c', resourceId: '/r' } } };
const withServicePrincipal: ManagedCluster = { location: 'westeurope', servicePrincipalProfile: { clientId: SP_APP } };

interface Setup {
  registry?: Partial<RegistryFacts>;
  cluster?: ManagedCluster;
  clusterId?: string | undefined;
  answers?: Record<string, unknown>;
}
/** pull-doctor's own credential, as @azure/identity hands it out: a token whose `oid` claim is SELF. */
const tokenScopes: Array<{ scope: string | string[]; signal: boolean }> = [];
const credential: TokenCredential = {
  async getToken(scope, options) {
    tokenScopes.push({ scope, signal: options?.abortSignal instanceof AbortSignal });
    const claims = Buffer.from(JSON.stringify({ aud: ARM_ENDPOINT, oid: SELF })).toString('base64url');
    return { token: `eyJhbGciOiJub25lIn0.${claims}.`, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

async function run(setup: Setup) {
  const { registry: over = {}, cluster = withKubelet, answers = {} } = setup;
  const clusterId = 'clusterId' in setup ? setup.clusterId : CLUSTER;
  // ARM reads are preset; the one unlisted read (pull-doctor's own object id) runs against the credential above.
  const lookups = presetLookups({ [KEY_CLUSTER]: cluster, [KEY_DENY]: [], ...ROLES, ...answers }, { loadUnlisted: true });
  const ctx = {
    azure: { credential, resourceManagerEndpoint: ARM_ENDPOINT },
    facts: { registry: registry(over), image: { original: 'myacr.azurecr.io/app:v1', registry: 'myacr.azurecr.io', repository: 'app', tag: 'v1', registryDefaulted: false, tagDefaulted: false } },
    failure: { image: 'myacr.azurecr.io/app:v1', source: 'cli', cluster: clusterId },
    lookups,
  } as unknown as CheckContext;
  return { finding: (await pullPermissionCheck.run(ctx)).finding, asked: lookups.asked };
}
const ofKubelet = (...assignments: RoleAssignment[]) => ({ [KEY_OF_KUBELET]: assignments });

const ATTACH_FIXES = [
  {
    text: 'Attach myacr to aks-prod: this grants AcrPull to the kubelet identity on the registry only (run it as someone who may assign roles on myacr: Owner, User Access Administrator or Role Based Access Control Administrator).',
    command: 'az aks update --resource-group rg-aks --name aks-prod --attach-acr myacr',
  },
  {
    text: 'Or grant AcrPull directly (same effect, for pipelines that manage role assignments):',
    command: `az role assignment create --assignee-object-id ${KUBELET} --assignee-principal-type ServicePrincipal --role AcrPull --scope ${REGISTRY}`,
  },
];
const CONDITION = repositoryReadCondition('app');
const abacFix = (who: string) => ({
  text: `myacr uses ABAC repository permissions: grant the "Container Registry Repository Reader" role, limited to the repository app (content/read and metadata/read) by the documented condition ${CONDITION} (AcrPull and az aks update --attach-acr are not honoured in this mode).`,
  command: `az role assignment create ${who} --role 'Container Registry Repository Reader' --scope ${REGISTRY} --condition '${CONDITION.replace(/'/g, "'\\''")}' --condition-version 2.0`,
});
const KUBELET_ABAC_FIX = abacFix(`--assignee-object-id ${KUBELET} --assignee-principal-type ServicePrincipal`);
// A condition on a principal attribute (Microsoft Graph), as the abac-condition-unevaluable world writes it.
const UNEVALUABLE =
  "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND !(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})) OR (@Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project] StringEquals 'shop'))";
const ATTRIBUTE = 'the attribute Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project';

describe('pull-permission check: before any role is read', () => {
  it('needs the registry and the image, and provides nothing', () => {
    const { id, title, needs, provides } = pullPermissionCheck;
    expect({ id, title, needs, provides }).toEqual({ id: 'pull-permission', title: 'pull permission', needs: ['registry', 'image'], provides: undefined });
  });

  it.each<[string, string | undefined]>([
    ['no cluster', undefined],
    ['a cluster that is not a resource id', 'aks-prod'],
  ])('skips with %s, reading nothing', async (_what, clusterId) => {
    const { finding, asked } = await run({ clusterId });
    expect(finding).toEqual({ status: 'skipped', summary: 'no AKS cluster given', evidence: [], fixes: [] });
    expect(asked).toEqual([]);
  });

  it('passes an anonymous-pull registry without reading role assignments', async () => {
    const { finding, asked } = await run({ registry: { anonymousPullEnabled: true } });
    expect(finding).toEqual({ status: 'pass', summary: 'Registry myacr allows anonymous pull: no role is needed', evidence: [{ fact: 'anonymousPullEnabled is true', source: `ARM ${REGISTRY}` }], fixes: [] });
    expect(asked).toEqual([KEY_CLUSTER]);
  });

  it.each<[string, ManagedCluster]>([
    ['no identity profile and no service principal', { location: 'westeurope' }],
    ['a kubelet identity without an object id, and the msi placeholder service principal', { location: 'westeurope', identityProfile: { kubeletidentity: { clientId: 'c' } }, servicePrincipalProfile: { clientId: 'MSI' } }],
  ])('skips a cluster with %s', async (_what, cluster) => {
    const { finding } = await run({ cluster });
    expect(finding).toEqual({ status: 'skipped', summary: 'the cluster profile names no kubelet identity', evidence: [], fixes: [] });
  });
});

describe('pull-permission check: the kubelet identity, legacy role mode', () => {
  it('fails with no role at all: the attach command and the direct assignment', async () => {
    expect((await run({ answers: ofKubelet() })).finding).toEqual({
      status: 'fail',
      summary: 'The kubelet identity of aks-prod has no role that lets it pull from myacr',
      evidence: [{ fact: `kubelet identity ${KUBELET} has no role assignment at or above myacr`, source: ASSIGNMENTS }],
      fixes: ATTACH_FIXES,
      docs: DOCS.attachAcr,
    });
  });

  it('counts only assignments of this principal (any case) at or above the registry', async () => {
    const { finding } = await run({
      answers: ofKubelet(
        assign(ROLE_IDS.acrPull, { scope: `${RG}/providers/Microsoft.ContainerRegistry/registries/myacr2` }),
        assign(ROLE_IDS.acrPull, { principalId: '33333333-3333-3333-3333-333333333333' }),
        assign(ROLE_IDS.acrPull, { principalId: undefined }),
        assign(ROLE_IDS.acrPull, { scope: undefined }),
        assign(ROLE_IDS.networkContributor, { principalId: KUBELET.toUpperCase() }),
        assign(ROLE_IDS.aksClusterUser, { scope: RG }),
      ),
    });
    expect(finding.status).toBe('fail');
    expect(finding.evidence).toEqual([
      { fact: `kubelet identity ${KUBELET} has 2 role assignment(s) at or above myacr`, source: ASSIGNMENTS },
      { fact: `Network Contributor at ${REGISTRY} does not grant the pull`, source: OF_KUBELET },
      { fact: `Azure Kubernetes Service Cluster User Role at ${RG} does not grant the pull`, source: OF_KUBELET },
    ]);
  });

  it('passes on the first granting role, naming the registry scope "the registry" whatever its case', async () => {
    const { finding } = await run({ answers: ofKubelet(assign(ROLE_IDS.networkContributor), assign(ROLE_IDS.acrPull, { scope: REGISTRY.toUpperCase() }), assign(CUSTOM_PULLER, { scope: RG })) });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'The kubelet identity can pull from myacr: AcrPull at the registry',
      evidence: [
        { fact: `Network Contributor at ${REGISTRY} does not grant the pull`, source: OF_KUBELET },
        { fact: `AcrPull at ${REGISTRY.toUpperCase()} grants the pull`, source: OF_KUBELET },
        { fact: `${roleId(CUSTOM_PULLER)} at ${RG} grants the pull`, source: OF_KUBELET },
      ],
      fixes: [],
    });
  });

  it('names an inherited scope in full', async () => {
    const { finding } = await run({ answers: ofKubelet(assign(ROLE_IDS.acrPull, { scope: RG })) });
    expect(finding.summary).toBe(`The kubelet identity can pull from myacr: AcrPull at ${RG}`);
  });

  it('lets a role with no permission blocks grant nothing', async () => {
    const { finding } = await run({ answers: { ...ofKubelet(assign(CUSTOM_PULLER)), [`GET ${roleId(CUSTOM_PULLER)}`]: { id: roleId(CUSTOM_PULLER), roleName: 'Empty' } } });
    expect(finding.status).toBe('fail');
    expect(finding.evidence[1]).toEqual({ fact: `Empty at ${REGISTRY} does not grant the pull`, source: OF_KUBELET });
  });
});

describe('pull-permission check: the kubelet identity, ABAC repository permissions', () => {
  it('fails with AcrPull only: says why it does not count, and the repository role with its condition', async () => {
    expect((await run({ registry: ABAC, answers: ofKubelet(assign(ROLE_IDS.acrPull), assign(ROLE_IDS.networkContributor)) })).finding).toEqual({
      status: 'fail',
      summary: 'The kubelet identity of aks-prod has no repository role that lets it pull app from myacr (ABAC mode: AcrPull is not honoured)',
      evidence: [
        { fact: `kubelet identity ${KUBELET} has 2 role assignment(s) at or above myacr`, source: ASSIGNMENTS },
        { fact: `AcrPull at ${REGISTRY} does not grant the pull (registry-wide pull roles are not honoured in ABAC mode)`, source: OF_KUBELET },
        { fact: `Network Contributor at ${REGISTRY} does not grant the pull (no repository read data action)`, source: OF_KUBELET },
      ],
      fixes: [KUBELET_ABAC_FIX],
      docs: DOCS.abac,
    });
  });

  it.each<[string, string | undefined]>([
    ['no condition', undefined],
    ['a condition that lets the repository through', CONDITION],
  ])('passes a repository role with %s', async (_what, condition) => {
    const { finding } = await run({ registry: ABAC, answers: ofKubelet(assign(ROLE_IDS.repositoryReader, { condition })) });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'The kubelet identity can pull from myacr: Container Registry Repository Reader at the registry',
      evidence: [{ fact: `Container Registry Repository Reader at ${REGISTRY} grants the pull`, source: OF_KUBELET }],
      fixes: [],
    });
  });

  it('fails a repository role whose condition leaves the repository out', async () => {
    const { finding } = await run({ registry: ABAC, answers: ofKubelet(assign(ROLE_IDS.repositoryReader, { condition: repositoryReadCondition('other') })) });
    expect(finding.status).toBe('fail');
    expect(finding.evidence[1]).toEqual({ fact: `Container Registry Repository Reader at ${REGISTRY} does not grant the pull (its condition does not let the repository app through)`, source: OF_KUBELET });
  });

  it('warns when a condition cannot be evaluated: the condition, what to check, and the replacement', async () => {
    const unclear = assign(ROLE_IDS.repositoryReader, { condition: UNEVALUABLE });
    const { finding } = await run({ registry: ABAC, answers: ofKubelet(unclear, assign(ROLE_IDS.acrPull)) });
    expect(finding).toEqual({
      status: 'warn',
      summary: 'Could not evaluate the ABAC condition of Container Registry Repository Reader on myacr: the kubelet identity may not be allowed to pull app',
      evidence: [
        { fact: `condition of Container Registry Repository Reader at ${REGISTRY}: ${UNEVALUABLE}`, source: `ARM ${unclear.id}` },
        { fact: `Container Registry Repository Reader at ${REGISTRY} may not grant the pull (its condition could not be evaluated: ${ATTRIBUTE})`, source: OF_KUBELET },
        { fact: `AcrPull at ${REGISTRY} does not grant the pull (registry-wide pull roles are not honoured in ABAC mode)`, source: OF_KUBELET },
      ],
      fixes: [
        { text: `Check that the condition of Container Registry Repository Reader (${ATTRIBUTE}) lets app through for Microsoft.ContainerRegistry/registries/repositories/content/read: ${UNEVALUABLE}` },
        { ...KUBELET_ABAC_FIX, text: `Or replace it: ${KUBELET_ABAC_FIX.text}` },
      ],
      docs: DOCS.abac,
    });
  });

  it('an unclear condition without an assignment id names the role assignment generically', async () => {
    const { finding } = await run({ registry: ABAC, answers: ofKubelet(assign(ROLE_IDS.repositoryReader, { condition: UNEVALUABLE, id: undefined })) });
    expect(finding.evidence[0]!.source).toBe('ARM role assignment');
  });

  it('a granting repository role wins over one whose condition is unclear', async () => {
    const { finding } = await run({ registry: ABAC, answers: ofKubelet(assign(ROLE_IDS.repositoryReader, { condition: UNEVALUABLE }), assign(ROLE_IDS.repositoryReader, { scope: RG })) });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(`The kubelet identity can pull from myacr: Container Registry Repository Reader at ${RG}`);
  });
});

describe('pull-permission check: a service principal cluster', () => {
  const atRegistry = (...assignments: RoleAssignment[]) => ({ [KEY_AT_REGISTRY]: assignments });
  const SP_FIX = { text: "Grant AcrPull on myacr to the cluster's service principal (az accepts its app id).", command: `az role assignment create --assignee ${SP_APP} --role AcrPull --scope ${REGISTRY}` };

  it("fails when no service principal but pull-doctor's own holds a pull role, counting only service principals at or above the registry", async () => {
    const { finding, asked } = await run({
      cluster: withServicePrincipal,
      answers: atRegistry(
        assign(ROLE_IDS.acrPull, { principalId: SELF }),
        assign(ROLE_IDS.acrPull, { principalType: 'User', principalId: 'u1' }),
        assign(ROLE_IDS.acrPull, { principalId: 'p2', scope: `${RG}/providers/Microsoft.ContainerRegistry/registries/other` }),
        assign(ROLE_IDS.acrPull, { principalId: 'p3', scope: undefined }),
        assign(ROLE_IDS.networkContributor, { principalId: 'p4' }),
      ),
    });
    expect(asked.slice(0, 3)).toEqual([KEY_CLUSTER, 'self oid', KEY_AT_REGISTRY]);
    // Its own object id, from a Resource Manager token (so its own Reader assignment is not the cluster's).
    expect(tokenScopes.at(-1)).toEqual({ scope: `${ARM_ENDPOINT}/.default`, signal: true });
    expect(finding).toEqual({
      status: 'fail',
      summary: `No service principal holds a pull role on myacr, so the cluster's service principal ${SP_APP} cannot pull`,
      evidence: [{ fact: '1 role assignment(s) for service principals at or above myacr; none grants the pull', source: ASSIGNMENTS }],
      fixes: [SP_FIX],
      docs: DOCS.attachAcr,
    });
  });

  it('in ABAC mode, asks for the repository role for its app id', async () => {
    const { finding } = await run({ cluster: withServicePrincipal, registry: ABAC, answers: atRegistry(assign(ROLE_IDS.acrPull, { principalId: 'p1' })) });
    expect(finding.status).toBe('fail');
    expect(finding.fixes).toEqual([abacFix(`--assignee ${SP_APP}`)]);
  });

  it('is unknown when other service principals hold pull roles: their object ids, and how to compare', async () => {
    const { finding } = await run({
      cluster: withServicePrincipal,
      answers: atRegistry(assign(ROLE_IDS.acrPull, { principalId: 'p1' }), assign(ROLE_IDS.networkContributor, { principalId: 'p2' }), assign(ROLE_IDS.acrPush, { principalId: 'p3', scope: RG })),
    });
    expect(finding).toEqual({
      status: 'unknown',
      summary: `Service principals hold pull roles on myacr, but pull-doctor cannot tell whether one is ${SP_APP} (matching an app id to an object id needs Microsoft Graph)`,
      evidence: [
        { fact: `AcrPull at ${REGISTRY} for object p1`, source: 'ARM role assignments' },
        { fact: `AcrPush at ${RG} for object p3`, source: 'ARM role assignments' },
      ],
      fixes: [{ text: `Compare with the service principal's object id: az ad sp show --id ${SP_APP} --query id -o tsv` }, SP_FIX],
      missing: { what: `the object id of service principal ${SP_APP}`, permission: 'Microsoft Graph Application.Read.All (not requested by pull-doctor)' },
    });
  });

  it('a cluster with both a kubelet identity and a service principal is judged by its kubelet identity', async () => {
    const { finding } = await run({ cluster: { ...withKubelet, servicePrincipalProfile: { clientId: SP_APP } }, answers: ofKubelet(assign(ROLE_IDS.acrPull)) });
    expect(finding.summary).toBe('The kubelet identity can pull from myacr: AcrPull at the registry');
  });
});

describe('pull-permission check: deny assignments (a deny wins over every role assignment)', () => {
  const EVERYONE = { id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' };
  const GROUP = { id: '8888888a-8888-8888-8888-88888888888b', type: 'Group' };
  const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';
  const deny = (over: Partial<DenyAssignment> = {}): DenyAssignment => ({
    id: `${REGISTRY}/providers/Microsoft.Authorization/denyAssignments/d1`,
    denyAssignmentName: 'freeze',
    scope: REGISTRY,
    permissions: [{ actions: [PULL], notActions: [], dataActions: [], notDataActions: [] }],
    principals: [EVERYONE],
    excludePrincipals: [],
    isSystemProtected: false,
    ...over,
  });
  const granted = (...denies: DenyAssignment[]) => ({ ...ofKubelet(assign(ROLE_IDS.acrPull)), [KEY_DENY]: denies });

  it.each<[string, DenyAssignment[], string]>([
    ['none', [], 'pass'],
    ['one on everyone at the registry', [deny()], 'fail'],
    ['one on the identity itself (other case), inherited from the resource group', [deny({ scope: RG, principals: [{ id: KUBELET.toUpperCase(), type: 'ServicePrincipal' }] })], 'fail'],
    ['one that excludes the identity', [deny({ excludePrincipals: [{ id: KUBELET, type: 'ServicePrincipal' }] })], 'pass'],
    ['one on another principal', [deny({ principals: [{ id: SP_APP, type: 'ServicePrincipal' }] })], 'pass'],
    ['one that denies writes only (*/read in notActions: a deployment stack denyWriteAndDelete)', [deny({ permissions: [{ actions: ['*'], notActions: ['*/read'] }] })], 'pass'],
    ['one on data actions only, in legacy mode', [deny({ permissions: [{ dataActions: ['Microsoft.ContainerRegistry/registries/repositories/content/read'] }] })], 'pass'],
    ['one at the resource group that does not apply to child scopes', [deny({ scope: RG, doNotApplyToChildScopes: true })], 'pass'],
    ['one at another registry', [deny({ scope: `${RG}/providers/Microsoft.ContainerRegistry/registries/myacr2` })], 'pass'],
    ['one on a group (membership needs Graph)', [deny({ principals: [GROUP] })], 'warn'],
    ['one on everyone that excludes a group', [deny({ excludePrincipals: [GROUP] })], 'warn'],
    ['one with a condition', [deny({ condition: "@Resource[Microsoft.ContainerRegistry/registries/repositories:name] StringEquals 'app'" })], 'warn'],
  ])('with a granting AcrPull and a deny assignment: %s → %s', async (_what, denies, status) => {
    expect((await run({ answers: granted(...denies) })).finding.status).toBe(status);
  });

  it('in ABAC mode, judges the repository read data action', async () => {
    const reader = { ...ofKubelet(assign(ROLE_IDS.repositoryReader)) };
    const dataDeny = deny({ permissions: [{ dataActions: ['Microsoft.ContainerRegistry/registries/repositories/*'], notDataActions: [] }] });
    expect((await run({ registry: ABAC, answers: { ...reader, [KEY_DENY]: [dataDeny] } })).finding.status).toBe('fail');
    expect((await run({ registry: ABAC, answers: { ...reader, [KEY_DENY]: [deny()] } })).finding.status).toBe('pass');
  });

  it('fails naming the deny assignment, and offers to delete a user-assigned one', async () => {
    const { finding } = await run({ answers: granted(deny({ description: 'IR-1' })) });
    expect(finding.summary).toBe('Deny assignment "freeze" blocks the kubelet identity\'s pull from myacr (a deny assignment overrides its role assignments)');
    expect(finding.evidence[0]).toEqual({ fact: `deny assignment "freeze" at ${REGISTRY} applies: it denies ${PULL} to everyone without excluding it`, source: `ARM ${REGISTRY}/providers/Microsoft.Authorization/denyAssignments/d1` });
    expect(finding.fixes.map((f) => f.command)).toEqual([undefined, `az rest --method delete --url "https://management.azure.com${REGISTRY}/providers/Microsoft.Authorization/denyAssignments/d1?api-version=2024-07-01-preview"`]);
    expect(finding.fixes[0]!.text).toContain('("IR-1"); granting AcrPull again changes nothing');
    expect(finding.docs).toBe(DOCS.denyAssignments);
  });

  it('says why a deny may apply: every group it names or excludes, its condition; an unnamed one is sourced at the registry', async () => {
    const [G2, G3, G4] = ['8888888a-0000-4000-8000-000000000002', '8888888a-0000-4000-8000-000000000003', '8888888a-0000-4000-8000-000000000004'].map((id) => ({ id, type: 'Group' }));
    const condition = "@Resource[Microsoft.ContainerRegistry/registries/repositories:name] StringEquals 'app'";
    const { finding } = await run({ answers: granted(deny({ id: undefined, principals: [GROUP, G2!], excludePrincipals: [G3!, G4!], condition })) });
    expect(finding.status).toBe('warn');
    expect(finding.evidence[0]).toEqual({
      fact: `deny assignment "freeze" at ${REGISTRY} may apply: it names group ${GROUP.id}, ${G2!.id}, and whether the identity is a member needs Microsoft Graph; it excludes group ${G3!.id}, ${G4!.id}, which the identity may belong to; its condition is not evaluated: ${condition}`,
      source: `ARM ${REGISTRY}/providers/Microsoft.Authorization/denyAssignments`,
    });
  });

  it('says "everyone" when the deny names everyone beside the identity itself', async () => {
    const { finding } = await run({ answers: granted(deny({ principals: [{ id: KUBELET, type: 'ServicePrincipal' }, EVERYONE] })) });
    expect(finding.evidence[0]!.fact).toBe(`deny assignment "freeze" at ${REGISTRY} applies: it denies ${PULL} to everyone without excluding it`);
    const { finding: own } = await run({ answers: granted(deny({ principals: [{ id: KUBELET, type: 'ServicePrincipal' }] })) });
    expect(own.evidence[0]!.fact).toBe(`deny assignment "freeze" at ${REGISTRY} applies: it denies ${PULL} to the identity without excluding it`);
  });

  it('sends a system-protected one back to where it was created, and checks group membership', async () => {
    const { finding } = await run({ answers: granted(deny({ isSystemProtected: true, principals: [GROUP] })) });
    expect(finding.summary).toContain('may block');
    expect(finding.fixes[0]).toEqual({ text: `Check whether the kubelet identity ${KUBELET} is a member of group ${GROUP.id}, which "freeze" denies:`, command: `az ad group member check --group ${GROUP.id} --member-id ${KUBELET}` });
    expect(finding.fixes[2]!.text).toContain('is system-protected');
    expect(finding.fixes).toHaveLength(3);
  });

  it('is not read when no role grants the pull, and a refused read is not a pass', async () => {
    const { asked } = await run({ answers: ofKubelet() });
    expect(asked).not.toContain(KEY_DENY);
    const refused = Object.assign(new Error('AuthorizationFailed'), { statusCode: 403 });
    await expect(run({ answers: { ...granted(), [KEY_DENY]: refused } })).rejects.toThrow('AuthorizationFailed');
  });
});

// A role assigned to a group reaches only its members, and ARM's list for the kubelet identity shows
// only its own assignments: with no pull role of its own, a group's pull role makes it "may pull" —
// a warning with the membership commands (group-grants.ts), never "no role", never a pass.
describe('pull-permission check: a pull role held by a group', () => {
  const GROUP = '5b5b5b5b-0000-4000-8000-0000000000e1';
  const toGroup = (guid: string, over: Partial<RoleAssignment> = {}) => assign(guid, { principalId: GROUP, principalType: 'Group', scope: RG, ...over });
  const atRegistry = (...assignments: RoleAssignment[]) => ({ [KEY_AT_REGISTRY]: assignments });

  it('warns when a group holds AcrPull above the registry, naming it and how to check membership', async () => {
    const { finding } = await run({ answers: { ...ofKubelet(), ...atRegistry(toGroup(ROLE_IDS.acrPull, { description: 'sg-acr-pullers' })) } });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(`The kubelet identity of aks-prod holds no pull role of its own on myacr; group ${GROUP} holds AcrPull at ${RG}, which lets it pull only if it is a member (pull-doctor does not read group membership)`);
    expect(finding.fixes.map((f) => f.command)).toEqual([
      `az ad group member check --group ${GROUP} --member-id ${KUBELET}`,
      `az ad group member add --group ${GROUP} --member-id ${KUBELET}`,
      `az role assignment create --assignee-object-id ${KUBELET} --assignee-principal-type ServicePrincipal --role AcrPull --scope ${REGISTRY}`,
    ]);
    expect(finding.fixes.at(-1)!.text).toBe('Or grant the role to it directly: AcrPull on the registry.');
  });

  it("judges only groups' assignments there: a user's role at the registry is not read", async () => {
    const { finding, asked } = await run({ answers: { ...ofKubelet(), ...atRegistry(assign(ROLE_IDS.aksClusterUser, { principalId: SP_APP, principalType: 'User' })) } });
    expect(finding.status).toBe('fail');
    expect(asked).not.toContain(`GET ${roleId(ROLE_IDS.aksClusterUser)}`);
  });

  it.each<[string, RoleAssignment[], Partial<RegistryFacts>]>([
    ['a group role that does not grant the pull', [toGroup(ROLE_IDS.networkContributor)], {}],
    ['AcrPull held by another service principal', [assign(ROLE_IDS.acrPull, { principalId: SP_APP })], {}],
    ['a group AcrPull on another registry', [toGroup(ROLE_IDS.acrPull, { scope: `${RG}/providers/Microsoft.ContainerRegistry/registries/otheracr` })], {}],
    ['a group AcrPull in ABAC mode (not honoured)', [toGroup(ROLE_IDS.acrPull)], ABAC],
  ])('still fails for %s', async (_what, assignments, over) => {
    const { finding } = await run({ registry: over, answers: { ...ofKubelet(), ...atRegistry(...assignments) } });
    expect(finding.status).toBe('fail');
  });

  it('warns in ABAC mode for a group holding the repository role with a condition that lets the repository through', async () => {
    const { finding } = await run({ registry: ABAC, answers: { ...ofKubelet(), ...atRegistry(toGroup(ROLE_IDS.repositoryReader, { condition: CONDITION, conditionVersion: '2.0' })) } });
    expect(finding.status).toBe('warn');
    expect(finding.fixes.at(-1)).toEqual({ ...KUBELET_ABAC_FIX, text: `Or grant the role to it directly: ${KUBELET_ABAC_FIX.text}` });
  });

  // nimbus-asr-acrpull-on-workload-identity: AcrPull was given to the pod's workload identity instead of the kubelet's.
  describe('a pull role held by another identity of the team', () => {
    const WORKLOAD = '7777777a-7777-7777-7777-77777777777b';
    const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-web-workload`;
    const identities = { [`LIST /subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`]: [{ id: IDENTITY, name: 'id-web-workload', principalId: WORKLOAD.toUpperCase() }] };
    const LINE = {
      fact: `AcrPull at the registry is held by id-web-workload (${WORKLOAD}), not by the kubelet identity: images are pulled as the kubelet identity, never as a pod's workload identity or the control plane's`,
      source: `ARM ${IDENTITY}`,
    };
    it('fails as before and says which identity holds the role', async () => {
      const { finding } = await run({ answers: { ...ofKubelet(), ...identities, ...atRegistry(assign(ROLE_IDS.acrPull, { principalId: WORKLOAD })) } });
      expect(finding.status).toBe('fail');
      expect(finding.evidence).toEqual([{ fact: `kubelet identity ${KUBELET} has no role assignment at or above myacr`, source: ASSIGNMENTS }, LINE]);
      expect(finding.fixes).toEqual(ATTACH_FIXES);
    });

    it('names a custom pull role without a display name "a pull role"', async () => {
      const { finding } = await run({ answers: { ...ofKubelet(), ...identities, ...atRegistry(assign(CUSTOM_PULLER, { principalId: WORKLOAD })) } });
      expect(finding.evidence[1]).toEqual({ ...LINE, fact: LINE.fact.replace('AcrPull', 'a pull role') });
    });

    it('names an inherited grant on the registry\'s resource group by its scope', async () => {
      const { finding } = await run({ answers: { ...ofKubelet(), ...identities, ...atRegistry(assign(ROLE_IDS.acrPull, { principalId: WORKLOAD, scope: RG })) } });
      expect(finding.evidence[1]!.fact).toBe(LINE.fact.replace('at the registry', `at ${RG}`));
    });

    it.each<[string, RoleAssignment[], Record<string, unknown>]>([
      ['the principal is no identity of the cluster\'s or registry\'s subscription (a pipeline, pull-doctor)', [assign(ROLE_IDS.acrPull, { principalId: SP_APP })], identities],
      ['the grant is above the registry\'s resource group', [assign(ROLE_IDS.reader, { principalId: WORKLOAD, scope: `/subscriptions/${SUB}` })], identities],
      ['the role does not grant the pull', [assign(ROLE_IDS.networkContributor, { principalId: WORKLOAD })], identities],
      ['it is the kubelet identity itself (in another case)', [assign(ROLE_IDS.networkContributor, { principalId: KUBELET.toUpperCase() })], identities],
      ['the identity list cannot be read', [assign(ROLE_IDS.acrPull, { principalId: WORKLOAD })], { [`LIST /subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`]: new Error('429') }],
      [
        'the grant found is the kubelet identity\'s own (in another case), though its own list showed none',
        [assign(ROLE_IDS.acrPull, { principalId: KUBELET.toUpperCase() })],
        { [`LIST /subscriptions/${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`]: [{ id: `${IDENTITY}-kubelet`, name: 'aks-prod-agentpool', principalId: KUBELET }] },
      ],
      ['the principal is a user, not an identity', [assign(ROLE_IDS.acrPull, { principalId: WORKLOAD, principalType: 'User' })], identities],
      ['the grant is on another resource group whose name begins with the registry\'s', [assign(ROLE_IDS.acrPull, { principalId: WORKLOAD, scope: `${RG}-dev` })], identities],
    ])('adds nothing when %s', async (_what, assignments, answers) => {
      const { finding } = await run({ answers: { ...ofKubelet(), ...answers, ...atRegistry(...assignments) } });
      expect(finding.status).toBe('fail');
      expect(finding.evidence).toHaveLength(1);
    });
  });

  it('reads no identity list when no grant near the registry gives the pull', async () => {
    const { asked } = await run({ answers: { ...ofKubelet(), ...atRegistry(assign(ROLE_IDS.networkContributor, { principalId: '7777777a-7777-7777-7777-77777777777b' })) } });
    expect(asked.filter((k) => k.includes('userAssignedIdentities'))).toEqual([]);
  });

  it('fails as before when the registry’s assignments cannot be listed', async () => {
    const { finding } = await run({ answers: { ...ofKubelet(), [KEY_AT_REGISTRY]: new Error('429') } });
    expect(finding.status).toBe('fail');
    expect(finding.fixes).toEqual(ATTACH_FIXES);
  });
});

// tundra-acrpull-on-old-resource-group-after-registry-move: the kubelet's AcrPull stayed on the resource group the registry left.
describe('a pull role the kubelet identity holds at a scope that does not contain the registry', () => {
  const KEY_IN_SUB = `LIST /subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments?principalId=${KUBELET}`;
  const OLD_RG = `/subscriptions/${SUB}/resourceGroups/rg-acr-shared`;
  const LINE = {
    fact: `the kubelet identity holds AcrPull at ${OLD_RG}, which does not contain myacr (${REGISTRY}): a role assignment applies only at its scope and below — a registry moved out of that resource group no longer inherits it`,
    source: `ARM role assignments of ${KUBELET} in subscription ${SUB}`,
  };

  it('fails as before, the fixes unchanged, and names the stranded grant', async () => {
    const { finding } = await run({ answers: { ...ofKubelet(), [KEY_AT_REGISTRY]: [], [KEY_IN_SUB]: [assign(ROLE_IDS.acrPull, { scope: OLD_RG })] } });
    expect(finding.status).toBe('fail');
    expect(finding.evidence).toContainEqual(LINE);
    expect(finding.fixes).toEqual(ATTACH_FIXES);
    // A group whose name only begins with the registry's holds no part of it either.
    const dev = await run({ answers: { ...ofKubelet(), [KEY_AT_REGISTRY]: [], [KEY_IN_SUB]: [assign(ROLE_IDS.acrPull, { scope: `${RG}-dev` })] } });
    expect(dev.finding.evidence).toContainEqual({ ...LINE, fact: LINE.fact.replace(OLD_RG, `${RG}-dev`) });
  });

  it.each<[string, RoleAssignment[]]>([
    ['the role there does not grant the pull', [assign(ROLE_IDS.networkContributor, { scope: OLD_RG })]],
    ['the grant is another principal\'s', [assign(ROLE_IDS.acrPull, { scope: OLD_RG, principalId: SP_APP })]],
    ['the grant is on another registry (that registry\'s own)', [assign(ROLE_IDS.acrPull, { scope: `${OLD_RG}/providers/Microsoft.ContainerRegistry/registries/otheracr` })]],
  ])('names nothing when %s', async (_what, assignments) => {
    const { finding } = await run({ answers: { ...ofKubelet(), [KEY_AT_REGISTRY]: [], [KEY_IN_SUB]: assignments } });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.map((e) => e.fact).join('\n')).not.toContain('does not contain myacr');
  });
});
