import type { RoleAssignment } from '@azure/arm-authorization';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { RestError } from '@azure/core-rest-pipeline';
import type { Category, PullFailure } from '../../model';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import type { CheckContext } from '../check';
import { DOCS } from './docs';
import { imageReferenceCheck } from './image-reference';

// The image-reference check's decisions on the reference alone (the sandbox worlds in
// image-reference.test.ts cover the whole run): invalid references and their corrected form, ACR
// host typos, Docker Hub and its rate limit (the import fix reads the cluster's registries through
// ctx.lookups, answered here from hand-built ARM shapes).
const SUB = '00000000-0000-0000-0000-000000000001';
const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const OTHER_SUB = '00000000-0000-0000-0000-000000000002';
const KUBELET_OID = '11111111-2222-3333-4444-555555555555';
const ASSIGNMENTS_KEY = `LIST /subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments?principalId=${KUBELET_OID}`;
const SOURCE = 'pod spec (image as written)';
const WITH_KUBELET: ManagedCluster = { location: 'westeurope', identityProfile: { kubeletidentity: { objectId: KUBELET_OID, clientId: 'c1' } } };
const ACR_PULL_ID = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`;
const VIEWER_ID = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/0c0c0c0c-0000-4000-8000-000000000001`;
const registryId = (name: string, rg = 'rg-registry') => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.ContainerRegistry/registries/${name}`;
const assignmentOn = (registry: string): RoleAssignment => ({ scope: registryId(registry), principalId: KUBELET_OID, roleDefinitionId: ACR_PULL_ID });
// The role definitions and the registry list knownRegistryOf reads (SDK shapes): AcrPull grants the
// pull; a custom "registry viewer" reads the registry resource only.
const ROLES = {
  [`GET ${ACR_PULL_ID}`]: { roleName: 'AcrPull', permissions: [{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }] },
  [`GET ${VIEWER_ID}`]: { roleName: 'Registry viewer', permissions: [{ actions: ['Microsoft.ContainerRegistry/registries/read'] }] },
};
const REGISTRIES_KEY = `LIST /subscriptions/${SUB}/providers/Microsoft.ContainerRegistry/registries`;
const REGISTRIES = [
  { id: registryId('zacr'), name: 'zacr' },
  { id: registryId('bacr'), name: 'bacr' },
  { id: registryId('aacr', 'rg-other'), name: 'aacr' },
];

const WORKLOAD: Partial<PullFailure> = { namespace: 'shop', controller: 'Deployment/web', container: 'web' };

/** The keys the last check() asked ctx.lookups for. */
let asked: string[] = [];
async function check(image: string, options: { failure?: Partial<PullFailure>; category?: Category; arm?: Record<string, unknown> } = {}) {
  const lookups = presetLookups(options.arm ?? {});
  asked = lookups.asked;
  const ctx = {
    failure: { image, source: 'cli', ...WORKLOAD, ...options.failure },
    classification: { category: options.category ?? 'unknown', confidence: 0.9, candidates: [], explanation: '' },
    facts: {},
    lookups,
    subscriptions: [],
  } as unknown as CheckContext;
  return imageReferenceCheck.run(ctx);
}

describe('the declaration the engine schedules by', () => {
  it('names the check and the facts it needs', () => {
    const { run: _run, ...declaration } = imageReferenceCheck;
    expect(declaration).toEqual({ id: 'image-reference', title: 'image reference', needs: [], provides: ['image'] });
  });
});

describe('image-reference check: invalid references', () => {
  it('fails an invalid reference, with the parser’s corrected reference and the command that sets it', async () => {
    const outcome = await check('myacr.azurecr.io/App:v1');
    expect(outcome).toEqual({
      finding: {
        status: 'fail',
        summary: 'The image reference "myacr.azurecr.io/App:v1" is invalid: repository name must be lowercase: "App" (try "app")',
        evidence: [{ fact: 'repository is wrong: repository name must be lowercase: "App" (try "app")', source: SOURCE }],
        fixes: [{ text: "Use a valid reference, e.g. myacr.azurecr.io/app:v1 in the workload's pod spec.", command: 'kubectl set image deployment/web web=myacr.azurecr.io/app:v1 -n shop' }],
        docs: DOCS.imageNames,
      },
    });
  });

  it.each<[string, string, string]>([
    // "Team_A" reads as a registry host only because of its capitals; lowercased it is a Docker Hub user.
    ['the name part lowercased, the tag kept', 'Team_A/app:V1', 'team_a/app:V1'],
    ['all of it lowercased when there is no tag', 'Team_A/APP', 'team_a/app'],
  ])('suggests %s when the parser has no suggestion', async (_what, image, corrected) => {
    const { finding } = await check(image);
    expect(finding.evidence[0]!.fact).toMatch(/^registry is wrong: registry host "Team_A" contains "_"/);
    expect(finding.fixes).toEqual([{ text: `Use a valid reference, e.g. ${corrected} in the workload's pod spec.`, command: `kubectl set image deployment/web web=${corrected} -n shop` }]);
  });

  it.each<[string, string]>([
    ['there is nothing to lowercase', 'myacr.azurecr.io/app:-v1'],
    ['lowercasing does not make it valid', 'My_acr.io/App:v1'],
  ])('says how to fix it by hand when %s', async (_what, image) => {
    const { finding } = await check(image);
    expect(finding.status).toBe('fail');
    expect(finding.fixes).toEqual([{ text: 'Fix the reference in the workload’s pod spec (lowercase repository, tag of letters, digits, `_.-`).', command: undefined }]);
  });

  it('never suggests a reference that is itself invalid (trailing whitespace around a capital)', async () => {
    const { finding } = await check('myacr.azurecr.io/App:v1 ');
    expect(finding.fixes).toEqual([{ text: "Use a valid reference, e.g. myacr.azurecr.io/app:v1 in the workload's pod spec.", command: 'kubectl set image deployment/web web=myacr.azurecr.io/app:v1 -n shop' }]);
  });

  it('gives the corrected reference without a command when the container is not known', async () => {
    const { finding } = await check('myacr.azurecr.io/App:v1', { failure: { container: undefined } });
    expect(finding.fixes).toEqual([{ text: "Use a valid reference, e.g. myacr.azurecr.io/app:v1 in the workload's pod spec.", command: undefined }]);
  });

  it('quotes at most 200 characters of the reference in the summary', async () => {
    const image = `myacr.azurecr.io/${'a'.repeat(250)}`;
    const { finding } = await check(image);
    expect(finding.summary).toBe(`The image reference "${image.slice(0, 200)}" is invalid: image name is 267 characters long; at most 255 are allowed`);
  });
});

describe('image-reference check: valid references', () => {
  it('fails a typo of an ACR host, and hands later checks the registry that was meant', async () => {
    const outcome = await check('myacr.azureacr.io/team/app:v1');
    expect(outcome).toEqual({
      finding: {
        status: 'fail',
        summary: 'The registry host myacr.azureacr.io looks like a typo of myacr.azurecr.io',
        evidence: [{ fact: 'image is myacr.azureacr.io/team/app:v1; myacr.azureacr.io is not an Azure Container Registry host', source: SOURCE }],
        fixes: [{ text: 'Point the workload at myacr.azurecr.io/team/app:v1.', command: 'kubectl set image deployment/web web=myacr.azurecr.io/team/app:v1 -n shop' }],
        docs: DOCS.imageNames,
      },
      facts: {
        image: {
          original: 'myacr.azurecr.io/team/app:v1',
          registry: 'myacr.azurecr.io',
          repository: 'team/app',
          tag: 'v1',
          registryDefaulted: false,
          tagDefaulted: false,
          acr: { registryName: 'myacr', cloud: 'AzureCloud', kind: 'login', loginServer: 'myacr.azurecr.io' },
        },
      },
    });
  });

  it('passes an ACR reference with its tag and digest', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const outcome = await check(`myacr.azurecr.io/team/app:v1@${digest}`);
    expect(outcome.finding).toEqual({
      status: 'pass',
      summary: `myacr.azurecr.io/team/app:v1@${digest} is a valid reference on the Azure Container Registry myacr.azurecr.io`,
      evidence: [{ fact: `registry myacr.azurecr.io, repository team/app, tag v1, digest ${digest}`, source: SOURCE }],
      fixes: [],
    });
    expect(outcome.facts!.image).toMatchObject({ registry: 'myacr.azurecr.io', repository: 'team/app', tag: 'v1', digest });
  });

  it('passes an ACR reference by tag alone', async () => {
    const { finding } = await check('myacr.azurecr.io/team/app:v1');
    expect(finding.evidence).toEqual([{ fact: 'registry myacr.azurecr.io, repository team/app, tag v1', source: SOURCE }]);
  });

  it('passes a reference on another registry, digest only', async () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const { finding } = await check(`ghcr.io/team/app@${digest}`);
    expect(finding.summary).toBe(`ghcr.io/team/app@${digest} is a valid reference on ghcr.io`);
    expect(finding.evidence).toEqual([{ fact: `registry ghcr.io, repository team/app, digest ${digest}`, source: SOURCE }]);
  });

  it.each<[string, string]>([
    ['nginx', 'registry is docker.io (no registry written: Docker Hub is assumed)'],
    ['docker.io/library/nginx:latest', 'registry is docker.io'],
  ])('passes %s on Docker Hub without asking Azure', async (image, fact) => {
    const outcome = await check(image, { failure: { cluster: CLUSTER_ID } });
    expect(asked).toEqual([]);
    expect(outcome.finding).toEqual({ status: 'pass', summary: 'docker.io/library/nginx:latest is on Docker Hub (not checked against Azure)', evidence: [{ fact, source: SOURCE }], fixes: [], docs: undefined });
    expect(outcome.facts!.image).toMatchObject({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest' });
  });
});

describe('image-reference check: Docker Hub rate limit', () => {
  const limited = { category: 'rate_limited' as const, failure: { cluster: CLUSTER_ID } };

  it('warns and imports into the registry the kubelet identity already pulls from (the first by name)', async () => {
    const arm = { [`GET ${CLUSTER_ID}`]: WITH_KUBELET, [ASSIGNMENTS_KEY]: [assignmentOn('zacr'), assignmentOn('bacr'), { scope: `/subscriptions/${SUB}` }], ...ROLES, [REGISTRIES_KEY]: REGISTRIES };
    const outcome = await check('nginx:1.27', { ...limited, arm });
    expect(outcome.finding).toEqual({
      status: 'warn',
      summary: 'Docker Hub rate-limited the pull of docker.io/library/nginx:1.27: anonymous pulls are limited per source IP, and every node behind one egress IP shares the limit',
      evidence: [{ fact: 'registry is docker.io (no registry written: Docker Hub is assumed)', source: SOURCE }],
      fixes: [
        { text: 'Import the image into bacr, the registry the cluster already pulls from, once (Docker Hub is not asked again).', command: 'az acr import --name bacr --source docker.io/library/nginx:1.27 --image nginx:1.27' },
        { text: 'Then point the workload at bacr.azurecr.io/nginx:1.27.', command: 'kubectl set image deployment/web web=bacr.azurecr.io/nginx:1.27 -n shop' },
      ],
      docs: DOCS.importImage,
    });
    expect(outcome.facts!.image).toMatchObject({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27' });
    expect(asked).toEqual([`GET ${CLUSTER_ID}`, ASSIGNMENTS_KEY, `GET ${ACR_PULL_ID}`, `GET ${ACR_PULL_ID}`, REGISTRIES_KEY]);
  });

  // Azure RBAC applies an assignment to its scope and below (https://learn.microsoft.com/azure/role-based-access-control/scope-overview).
  it.each<[string, RoleAssignment[], string]>([
    ['AcrPull on a resource group covers its registries only', [{ scope: `/subscriptions/${SUB}/resourceGroups/rg-registry`, principalId: KUBELET_OID, roleDefinitionId: ACR_PULL_ID }], 'bacr'],
    ['AcrPull on the subscription covers every registry in it', [{ scope: `/subscriptions/${SUB}`, principalId: KUBELET_OID, roleDefinitionId: ACR_PULL_ID }], 'aacr'],
    [
      'a role without the pull on one registry does not count',
      [
        { scope: registryId('aacr', 'rg-other'), principalId: KUBELET_OID, roleDefinitionId: VIEWER_ID },
        { scope: registryId('zacr'), principalId: KUBELET_OID, roleDefinitionId: ACR_PULL_ID },
      ],
      'zacr',
    ],
  ])('names the registry when %s', async (_what, assignments, name) => {
    const arm = { [`GET ${CLUSTER_ID}`]: WITH_KUBELET, [ASSIGNMENTS_KEY]: assignments, ...ROLES, [REGISTRIES_KEY]: REGISTRIES };
    const { finding } = await check('nginx:1.27', { ...limited, arm });
    expect(finding.fixes[0]!.command).toBe(`az acr import --name ${name} --source docker.io/library/nginx:1.27 --image nginx:1.27`);
  });

  it.each<[string, Record<string, unknown>, Partial<PullFailure>, string]>([
    ['no cluster is given', {}, { cluster: undefined }, 'no AKS cluster given'],
    ['the cluster has no kubelet identity', { [`GET ${CLUSTER_ID}`]: { location: 'westeurope', servicePrincipalProfile: { clientId: 'sp' } } }, {}, 'the cluster has no kubelet identity'],
    [
      'the kubelet identity holds no registry role in any subscription',
      {
        [`GET ${CLUSTER_ID}`]: WITH_KUBELET,
        [ASSIGNMENTS_KEY]: [],
        // listSubscriptionIds caches the ids it collected, not the SDK's Subscription objects.
        'LIST /subscriptions': [SUB, OTHER_SUB],
        [ASSIGNMENTS_KEY.replace(SUB, OTHER_SUB)]: [],
      },
      {},
      'the kubelet identity holds no pull role covering a registry in any subscription pull-doctor can read',
    ],
    [
      'ARM refuses the read',
      { [`GET ${CLUSTER_ID}`]: new RestError('denied', { statusCode: 403, code: 'AuthorizationFailed' }) },
      {},
      'could not read the kubelet identity’s registries: 403 AuthorizationFailed',
    ],
  ])('asks for the registry name when %s', async (_what, arm, failure, note) => {
    const { finding } = await check('docker.io/library/nginx', { category: 'rate_limited', failure: { ...limited.failure, ...failure }, arm });
    expect(finding.status).toBe('warn');
    expect(finding.fixes).toEqual([
      {
        text: `Import the image into your Azure Container Registry once and pull it from there (replace <registry> with your registry name; ${note}).`,
        command: 'az acr import --name <registry> --source docker.io/library/nginx:latest --image nginx:latest',
      },
    ]);
  });
});
