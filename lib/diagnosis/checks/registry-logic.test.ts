import type { Registry } from '@azure/arm-containerregistry';
import { RestError } from '@azure/core-rest-pipeline';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import type { Category, ImageRef, PullFailure } from '../../model';
import type { CheckContext } from '../check';
import { DOCS } from './docs';
import { registryCheck, toRegistryFacts } from './registry';

// The registry check's decisions on what ARM lists (the sandbox worlds in registry.test.ts cover the
// wire): which subscriptions it searches and in what order, the registry it picks, the evidence and
// warnings it draws from the resource, and the three not-found outcomes with their exact commands.
// ARM answers come through ctx.lookups, keyed as lib/diagnosis/azure-lookups.ts keys them.
// Hex letters in the ids, so that comparing them in the wrong case would show.
const SUB = 'a0000000-0000-0000-0000-00000000000a';
const OTHER = 'b0000000-0000-0000-0000-00000000000b';
const THIRD = 'c0000000-0000-0000-0000-00000000000c';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const registryId = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/${name}`;
const LIST = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.ContainerRegistry/registries`;
const LIST_SUBSCRIPTIONS = 'LIST /subscriptions';
const ARM_LIST = 'ARM list Microsoft.ContainerRegistry/registries';

const acrImage = (loginServer = 'myacr.azurecr.io', over: Partial<ImageRef> = {}): ImageRef => ({
  original: `${loginServer}/app:v1`,
  registry: loginServer,
  repository: 'app',
  tag: 'v1',
  registryDefaulted: false,
  tagDefaulted: false,
  acr: { registryName: loginServer.split('.')[0]!.toLowerCase(), cloud: 'AzureCloud', kind: 'login', loginServer },
  ...over,
});

/** A registry as `registries.list` returns it (only what the check reads). */
const acr = (name: string, over: Partial<Registry> = {}, sub = SUB): Registry => ({
  id: registryId(sub, name),
  name,
  location: 'westeurope',
  sku: { name: 'Premium' },
  loginServer: `${name}.azurecr.io`,
  provisioningState: 'Succeeded',
  adminUserEnabled: false,
  publicNetworkAccess: 'Enabled',
  networkRuleSet: { defaultAction: 'Allow' },
  ...over,
});

interface Setup {
  image?: ImageRef;
  failure?: Partial<PullFailure>;
  category?: Category;
  subscriptions?: string[];
  answers: Record<string, unknown>;
}
async function run({ image = acrImage(), failure = {}, category = 'auth_missing', subscriptions = [], answers }: Setup) {
  const lookups = presetLookups(answers);
  const ctx = {
    facts: { image },
    failure: { image: image.original, source: 'cli', cluster: CLUSTER, ...failure },
    classification: { category, confidence: 0.9, candidates: [], explanation: '' },
    subscriptions,
    lookups,
  } as unknown as CheckContext;
  const outcome = await registryCheck.run(ctx);
  return { ...outcome, asked: lookups.asked };
}

describe('registry check on what ARM lists', () => {
  it('runs once the image is known and provides the registry', () => {
    expect({ id: registryCheck.id, title: registryCheck.title, needs: registryCheck.needs, provides: registryCheck.provides }).toEqual({ id: 'registry', title: 'registry', needs: ['image'], provides: ['registry'] });
  });

  it('skips an image that is not in an Azure Container Registry, reading nothing', async () => {
    const image: ImageRef = { original: 'nginx:1.27', registry: 'docker.io', repository: 'library/nginx', tag: '1.27', registryDefaulted: true, tagDefaulted: false };
    const { finding, facts, asked } = await run({ image, answers: {} });
    expect(finding).toEqual({ status: 'skipped', summary: 'docker.io is not an Azure Container Registry', evidence: [], fixes: [] });
    expect(facts).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it("finds the registry in the cluster's own subscription with one list, whatever the login server's case", async () => {
    const { finding, facts, asked } = await run({
      image: acrImage('MyAcr.azurecr.io'),
      answers: { [LIST(SUB)]: [acr('other'), acr('myacr', { loginServer: 'MYACR.azurecr.io' })] },
    });
    expect(asked).toEqual([LIST(SUB)]);
    expect(finding).toEqual({
      status: 'pass',
      summary: 'Registry myacr found (Premium, westeurope)',
      evidence: [
        { fact: 'myacr (Premium) in westeurope, resource group rg-registry', source: `ARM ${registryId(SUB, 'myacr')}` },
        { fact: 'public network access Enabled, default action Allow', source: 'registry networkRuleSet' },
      ],
      fixes: [],
    });
    expect(facts?.registry).toMatchObject({ name: 'myacr', loginServer: 'myacr.azurecr.io', subscriptionId: SUB });
  });

  it('lists the other subscriptions only when the registry is not in the cluster\'s, never the cluster\'s twice', async () => {
    const { finding, facts, asked } = await run({
      answers: {
        [LIST(SUB)]: [acr('other')],
        [LIST_SUBSCRIPTIONS]: [SUB.toUpperCase(), OTHER],
        [LIST(OTHER)]: [acr('myacr', {}, OTHER)],
      },
    });
    expect(asked).toEqual([LIST(SUB), LIST_SUBSCRIPTIONS, LIST(OTHER)]);
    expect(finding.status).toBe('pass');
    expect(facts?.registry).toMatchObject({ id: registryId(OTHER, 'myacr'), subscriptionId: OTHER });
  });

  it('searches every configured subscription at once, and none other', async () => {
    const { finding, asked } = await run({
      subscriptions: [OTHER, THIRD],
      answers: { [LIST(OTHER)]: [acr('a', {}, OTHER)], [LIST(THIRD)]: [acr('myacr', {}, THIRD)] },
    });
    expect(asked).toEqual([LIST(OTHER), LIST(THIRD)]);
    expect(finding.evidence[0]!.source).toBe(`ARM ${registryId(THIRD, 'myacr')}`);
  });

  it('without a cluster, lists every subscription the identity sees', async () => {
    const { finding, asked } = await run({
      failure: { cluster: undefined },
      answers: { [LIST_SUBSCRIPTIONS]: [OTHER], [LIST(OTHER)]: [acr('myacr', {}, OTHER)] },
    });
    expect(asked).toEqual([LIST_SUBSCRIPTIONS, LIST(OTHER)]);
    expect(finding.status).toBe('pass');
  });

  it('adds evidence for every setting that changes how pulls work', async () => {
    const found = acr('myacr', {
      sku: { name: 'Standard' },
      location: 'swedencentral',
      publicNetworkAccess: 'Disabled',
      roleAssignmentMode: 'AbacRepositoryPermissions',
      anonymousPullEnabled: true,
      adminUserEnabled: true,
      dataEndpointEnabled: true,
      dataEndpointHostNames: ['myacr.swedencentral.data.azurecr.io', 'myacr.westeurope.data.azurecr.io'],
      policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } },
    });
    const { finding } = await run({ answers: { [LIST(SUB)]: [found] } });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'Registry myacr found (Standard, swedencentral)',
      evidence: [
        { fact: 'myacr (Standard) in swedencentral, resource group rg-registry', source: `ARM ${registryId(SUB, 'myacr')}` },
        { fact: 'public network access Disabled, default action Allow', source: 'registry networkRuleSet' },
        { fact: 'role assignment mode: ABAC repository permissions (AcrPull is not honoured; repository roles are)', source: 'registry roleAssignmentMode' },
        { fact: 'anonymous pull is enabled', source: 'registry anonymousPullEnabled' },
        { fact: 'admin user is enabled (a shared credential; prefer identities)', source: 'registry adminUserEnabled' },
        { fact: 'dedicated data endpoints: myacr.swedencentral.data.azurecr.io, myacr.westeurope.data.azurecr.io', source: 'registry dataEndpointHostNames' },
        { fact: 'Entra tokens with the ARM audience are refused (azureADAuthenticationAsArmPolicy disabled)', source: 'registry policies' },
      ],
      fixes: [],
    });
  });

  it('says nothing of legacy role mode or an enabled ARM-token policy', async () => {
    const found = acr('myacr', { roleAssignmentMode: 'LegacyRegistryPermissions', policies: { azureADAuthenticationAsArmPolicy: { status: 'enabled' } } });
    expect((await run({ answers: { [LIST(SUB)]: [found] } })).finding.evidence).toHaveLength(2);
  });

  it.each<[string, string | undefined, string]>([
    ['in its own subscription', SUB, ''],
    ['in another subscription (named in the command)', OTHER, ` --subscription ${OTHER}`],
  ])('warns about a registry not yet Succeeded, %s', async (_where, sub, subscriptionArg) => {
    const { finding } = await run({
      subscriptions: [sub!],
      answers: { [LIST(sub!)]: [acr('myacr', { provisioningState: 'Updating' }, sub)] },
    });
    expect(finding).toMatchObject({
      status: 'warn',
      summary: 'Registry myacr is in provisioning state Updating',
      fixes: [{ text: 'Check the registry in the portal and its activity log; pulls may fail until it is Succeeded.', command: `az acr show --name myacr --query provisioningState${subscriptionArg}` }],
    });
  });

  it('passes a registry that reports no provisioning state', async () => {
    const { finding } = await run({ answers: { [LIST(SUB)]: [acr('myacr', { provisioningState: undefined })] } });
    expect(finding).toMatchObject({ status: 'pass', summary: 'Registry myacr found (Premium, westeurope)', fixes: [] });
  });
});

describe('registry check when no readable subscription holds the login server', () => {
  const notFound = (category: Category, failure: Partial<PullFailure> = {}, answers: Record<string, unknown> = {}) =>
    run({ category, failure, answers: { [LIST(SUB)]: [acr('other')], [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: [], ...answers } });

  it.each<[Category, 'warn' | 'unknown']>([
    ['auth_missing', 'warn'],
    ['access_denied', 'warn'],
    ['repo_not_found', 'warn'],
    ['firewall_denied', 'unknown'],
    ['tag_not_found', 'unknown'],
  ])('a %s message: %s, with a pull secret for another tenant', async (category, status) => {
    const { finding, facts } = await notFound(category, { namespace: 'shop' });
    expect(facts).toBeUndefined();
    expect(finding).toEqual({
      status,
      summary: `No registry with login server myacr.azurecr.io in the 2 subscription(s) pull-doctor can read: it is in another tenant (where the cluster's managed identity cannot pull) or in a subscription pull-doctor cannot read`,
      evidence: [{ fact: `searched registries in subscriptions ${SUB}, ${OTHER}`, source: ARM_LIST }],
      missing: { what: 'the registry resource behind myacr.azurecr.io', permission: 'Reader on its subscription (or that subscription in PULL_DOCTOR_SUBSCRIPTIONS), if it is in this tenant' },
      fixes: [
        {
          text: "If myacr.azurecr.io belongs to another tenant, pull with a registry credential: create a pull secret (a repository-scoped ACR token is the least privilege) and reference it in the pod spec's imagePullSecrets.",
          command: 'kubectl create secret docker-registry myacr-pull --docker-server=myacr.azurecr.io --docker-username=<token-name> --docker-password=<token-password> -n shop',
          supersededBy: 'pull-secret',
        },
        { text: 'Then add it to the workload: spec.template.spec.imagePullSecrets: [{ name: myacr-pull }].', supersededBy: 'pull-secret' },
        { text: "If the registry is in your tenant, give pull-doctor's identity Reader on it (or add its subscription to PULL_DOCTOR_SUBSCRIPTIONS) so the rest of the chain can be checked." },
      ],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it('names no namespace when the failure has none, and says when no subscription is visible', async () => {
    const { finding } = await run({ failure: { cluster: undefined }, answers: { [LIST_SUBSCRIPTIONS]: [] } });
    expect(finding.summary).toMatch(/^No registry with login server myacr\.azurecr\.io in the 0 subscription\(s\)/);
    expect(finding.evidence).toEqual([{ fact: 'searched registries in subscriptions (none visible)', source: ARM_LIST }]);
    expect(finding.fixes[0]!.command).toBe('kubectl create secret docker-registry myacr-pull --docker-server=myacr.azurecr.io --docker-username=<token-name> --docker-password=<token-password>');
  });

  it('a name that does not resolve: the registry is gone or misnamed, and where the image may have moved', async () => {
    const registries = [acr('other'), acr('nameless', { name: undefined }), acr('serverless', { loginServer: undefined }), acr('Moved', { loginServer: 'Moved.azurecr.io' }, OTHER), acr('third'), acr('fourth')];
    const { finding, facts } = await run({
      category: 'dns_failure',
      failure: { namespace: 'shop', container: 'web', controller: 'Deployment/web' },
      answers: { [LIST(SUB)]: registries.slice(0, 3), [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: registries.slice(3) },
    });
    expect(facts).toBeUndefined();
    const movedTo = (name: string, server: string, sub = '') => [
      { text: `If the image was moved to ${name}, confirm it is there:`, command: `az acr repository show --name ${name} --image app:v1${sub}` },
      { text: 'Then point the workload at it:', command: `kubectl set image deployment/web web=${server}/app:v1 -n shop` },
    ];
    expect(finding).toEqual({
      status: 'fail',
      summary:
        'myacr.azurecr.io does not resolve and no registry in the 2 subscription(s) pull-doctor can read has that login server: the registry was deleted or renamed, or the image reference names the wrong registry',
      evidence: [
        { fact: "the kubelet's DNS lookup of myacr.azurecr.io found no such host", source: 'kubelet message' },
        // A registry without a login server lists as an empty entry.
        { fact: `registries in subscriptions ${SUB}, ${OTHER}: other.azurecr.io, nameless.azurecr.io, , Moved.azurecr.io, third.azurecr.io, fourth.azurecr.io`, source: ARM_LIST },
      ],
      fixes: [
        { text: "Check the registry name in the workload's image; if myacr was deleted, its images are gone with it unless they were imported elsewhere." },
        ...movedTo('other', 'other.azurecr.io'),
        ...movedTo('Moved', 'moved.azurecr.io', ` --subscription ${OTHER}`),
        ...movedTo('third', 'third.azurecr.io'),
      ],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it.each<[string, Partial<ImageRef>, string]>([
    ['a digest', { tag: undefined, digest: 'sha256:abc' }, 'app@sha256:abc'],
    ['no tag (latest)', { tag: undefined }, 'app:latest'],
  ])('a name that does not resolve, image by %s, no cluster: no set-image command, no subscription to name', async (_what, over, path) => {
    const { finding } = await run({
      image: acrImage('myacr.azurecr.io', over),
      category: 'dns_failure',
      failure: { cluster: undefined },
      // ARM always sends an id; without one there is no subscription to name either.
      answers: { [LIST_SUBSCRIPTIONS]: [OTHER], [LIST(OTHER)]: [acr('other', { id: undefined }, OTHER)] },
    });
    expect(finding.evidence[1]).toEqual({ fact: `registries in subscriptions ${OTHER}: other.azurecr.io`, source: ARM_LIST });
    expect(finding.fixes.slice(1)).toEqual([{ text: 'If the image was moved to other, confirm it is there:', command: `az acr repository show --name other --image ${path}` }]);
  });

  it('a name that does not resolve and no registry anywhere: only the name check', async () => {
    const { finding } = await run({ category: 'dns_failure', failure: { cluster: undefined }, answers: { [LIST_SUBSCRIPTIONS]: [] } });
    expect(finding.evidence[1]).toEqual({ fact: 'registries in subscriptions (none visible): none', source: ARM_LIST });
    expect(finding.fixes).toHaveLength(1);
  });
});

// Subscriptions - List shows every subscription the identity holds any role on; one where it may not
// list registries answers 403 AuthorizationFailed (the SDK's pager keeps the code, not the body).
describe('registry check when a subscription refuses the list (403)', () => {
  const refused = () => new RestError('Pagination failed with unexpected statusCode 403', { statusCode: 403, code: 'AuthorizationFailed' });

  it('goes on past the refusing subscription, finds the registry in another and names the refusal', async () => {
    const { finding, facts } = await run({
      answers: { [LIST(SUB)]: [], [LIST_SUBSCRIPTIONS]: [SUB, OTHER, THIRD], [LIST(OTHER)]: refused(), [LIST(THIRD)]: [acr('myacr', {}, THIRD)] },
    });
    expect(finding.status).toBe('pass');
    expect(facts?.registry).toMatchObject({ subscriptionId: THIRD });
    expect(finding.evidence).toContainEqual({
      fact: `not searched (ARM refused the read): could not read the list /subscriptions/${OTHER}/providers/Microsoft.ContainerRegistry/registries: 403 AuthorizationFailed: pull-doctor's identity may not perform Microsoft.ContainerRegistry/registries/read on /subscriptions/${OTHER}`,
      source: 'ARM 403 AuthorizationFailed',
    });
  });

  it("tolerates a refusal in the cluster's own subscription too", async () => {
    const { finding } = await run({ answers: { [LIST(SUB)]: refused(), [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: [acr('myacr', {}, OTHER)] } });
    expect(finding.status).toBe('pass');
  });

  it('not found where readable: unknown naming the refused action, scope and least role — never "another tenant"', async () => {
    const { finding, facts } = await run({ answers: { [LIST(SUB)]: [acr('other')], [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: refused() } });
    expect(facts).toBeUndefined();
    expect(finding).toEqual({
      status: 'unknown',
      summary: `No registry with login server myacr.azurecr.io in the subscriptions pull-doctor could list; subscription ${OTHER} refused the list, so it may be there`,
      evidence: [
        { fact: `searched registries in subscriptions ${SUB}`, source: ARM_LIST },
        expect.objectContaining({ source: 'ARM 403 AuthorizationFailed' }),
      ],
      missing: { what: `the registries of subscription ${OTHER}`, permission: `Microsoft.ContainerRegistry/registries/read on /subscriptions/${OTHER} (least built-in role that grants it: Reader)` },
      fixes: [{ text: `Give pull-doctor's identity Reader on ${OTHER} (or on the registry) so it can find the registry behind myacr.azurecr.io and check the rest of the chain.` }],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it('names each refused action once, with every subscription that refused it', async () => {
    const { finding } = await run({ answers: { [LIST(SUB)]: refused(), [LIST_SUBSCRIPTIONS]: [SUB, OTHER, THIRD], [LIST(OTHER)]: refused(), [LIST(THIRD)]: [] } });
    expect(finding.missing?.permission).toBe(`Microsoft.ContainerRegistry/registries/read on /subscriptions/${SUB}, /subscriptions/${OTHER} (least built-in role that grants it: Reader)`);
  });

  it('every subscription refused: nothing was read, so the refusal itself fails the lookup', async () => {
    const first = refused();
    await expect(run({ answers: { [LIST(SUB)]: first, [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: refused() } })).rejects.toBe(first);
  });

  it('any other error still fails the lookup (a throttled list is not "not there")', async () => {
    const throttled = new RestError('throttled', { statusCode: 429, code: 'TooManyRequests' });
    await expect(run({ answers: { [LIST(SUB)]: [], [LIST_SUBSCRIPTIONS]: [SUB, OTHER], [LIST(OTHER)]: throttled } })).rejects.toBe(throttled);
  });
});

describe('registry facts from the ARM resource', () => {
  it('copies what later checks read, lower-casing the login server', () => {
    const facts = toRegistryFacts(
      acr('myacr', {
        loginServer: 'MyAcr.azurecr.io',
        networkRuleSet: { defaultAction: 'Deny', ipRules: [{ iPAddressOrRange: '20.1.2.0/24', action: 'Allow' }, { iPAddressOrRange: '20.1.3.4' }] },
        networkRuleBypassOptions: 'AzureServices',
        privateEndpointConnections: [
          { id: `${registryId(SUB, 'myacr')}/privateEndpointConnections/pe1`, privateEndpoint: { id: '/pe/1' }, privateLinkServiceConnectionState: { status: 'Approved' } },
          {},
        ],
        tenantId: 'ignored',
      } as Partial<Registry>),
    );
    expect(facts).toEqual({
      id: registryId(SUB, 'myacr'),
      subscriptionId: SUB,
      resourceGroup: 'rg-registry',
      name: 'myacr',
      loginServer: 'myacr.azurecr.io',
      location: 'westeurope',
      sku: 'Premium',
      provisioningState: 'Succeeded',
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: 'Enabled',
      defaultAction: 'Deny',
      ipRules: [
        { value: '20.1.2.0/24', action: 'Allow' },
        { value: '20.1.3.4', action: undefined },
      ],
      networkRuleBypassOptions: 'AzureServices',
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      roleAssignmentMode: undefined,
      azureADAuthenticationAsArmPolicy: 'enabled',
      privateEndpointConnections: [
        { id: `${registryId(SUB, 'myacr')}/privateEndpointConnections/pe1`, privateEndpointId: '/pe/1', status: 'Approved' },
        { id: '', privateEndpointId: undefined, status: undefined },
      ],
    });
  });

  it.each<[string, Partial<Registry>, Partial<ReturnType<typeof toRegistryFacts>>]>([
    ['a Standard registry has no firewall, whatever its rule set says', { sku: { name: 'Standard' }, networkRuleSet: { defaultAction: 'Deny' } }, { sku: 'Standard', defaultAction: 'Allow' }],
    [
      'a registry without a SKU, rule set or lists',
      { sku: undefined, networkRuleSet: undefined, location: undefined, loginServer: undefined, policies: {} },
      { sku: 'Unknown', defaultAction: 'Allow', ipRules: [], location: '', loginServer: '', dataEndpointHostNames: [], privateEndpointConnections: [], azureADAuthenticationAsArmPolicy: 'enabled' },
    ],
    ['a Premium rule set without IP rules', { networkRuleSet: { defaultAction: 'Allow' } }, { defaultAction: 'Allow', ipRules: [] }],
    ['public access Disabled', { publicNetworkAccess: 'Disabled' }, { publicNetworkAccess: 'Disabled' }],
    ['public access unset counts as Enabled', { publicNetworkAccess: undefined }, { publicNetworkAccess: 'Enabled' }],
    ['flags set', { adminUserEnabled: true, anonymousPullEnabled: true, dataEndpointEnabled: true }, { adminUserEnabled: true, anonymousPullEnabled: true, dataEndpointEnabled: true }],
  ])('%s', (_what, over, expected) => {
    expect(toRegistryFacts(acr('myacr', over))).toMatchObject(expected);
  });

  it('refuses a registry without a resource id, naming it', () => {
    expect(() => toRegistryFacts(acr('myacr', { id: undefined }))).toThrow('registry without a resource id: myacr');
    expect(() => toRegistryFacts(acr('myacr', { id: undefined, name: undefined }))).toThrow('registry without a resource id: ?');
  });
});
