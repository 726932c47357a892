import { RestError } from '@azure/core-rest-pipeline';
import { handBuiltRegistries, type HandBuiltRegistryContent } from '../../../test/helpers/hand-built-registry';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import type { AppClientSecrets } from '../../azure/entra-directory';
import type { ClusterCommandResult } from '../../azure/run-command';
import type { Category, ImageRef, PullFailure } from '../../model';
import { RegistryError } from '../../registry/registry-client';
import type { CheckContext } from '../check';
import type { ClusterFacts, RegistryFacts } from '../facts';
import type { InClusterAccess } from '../in-cluster/in-cluster-access';
import { secretsScript } from '../in-cluster/scripts';
import { DOCS } from './docs';
import { pullSecretCheck } from './pull-secret';

// The pull-secret check's decisions on what the cluster and Microsoft Graph answer (the sandbox
// worlds in pull-secret.test.ts cover AKS Run Command and Graph on the wire): the pod's
// imagePullSecrets as the secrets script prints them, each secret's existence, type and hosts, the
// service principal behind one, no secret at all, and the exact commands. The Run Command result,
// Graph's answer and the registry read come through ctx.lookups, keyed as the check keys them.
const SUB = '00000000-0000-0000-0000-000000000001';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const HOST = 'myacr.azurecr.io';
const SP = '88888888-8888-4888-8888-888888888888';
const SP2 = '77777777-7777-4777-8777-777777777777';
const SOURCE = 'in-cluster (AKS Run Command): kubectl get pod/secret';
const GRAPH = 'Microsoft Graph: GET applications(appId=…) and servicePrincipals(appId=…) passwordCredentials';
const RUNCOMMAND = `RUNCOMMAND ${CLUSTER} ${secretsScript({ namespace: 'shop', pod: 'web-abc' }).text.split('\n', 1)[0]}`;
const DAY = 24 * 3_600_000;

const acrImage: ImageRef = {
  original: `${HOST}/app:v1`,
  registry: HOST,
  repository: 'app',
  tag: 'v1',
  registryDefaulted: false,
  tagDefaulted: false,
  acr: { registryName: 'myacr', cloud: 'AzureCloud', kind: 'login', loginServer: HOST },
};
const dockerImage = (over: Partial<ImageRef> = {}): ImageRef => ({ original: 'fabrikamlabs/ledger-sync:2.1', registry: 'docker.io', repository: 'fabrikamlabs/ledger-sync', tag: '2.1', registryDefaulted: true, tagDefaulted: false, ...over });
const cluster = { id: CLUSTER, subscriptionId: SUB, resourceGroup: 'rg-aks', name: 'aks-prod' } as ClusterFacts;
const registry = { id: `/subscriptions/${SUB}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr`, subscriptionId: SUB, name: 'myacr', loginServer: HOST } as RegistryFacts;
const ATTACH = { text: 'Or let the kubelet identity pull from myacr and drop the secret from the pod spec.', command: 'az aks update --resource-group rg-aks --name aks-prod --attach-acr myacr' };
// A secret that exists is deleted before it is created again (AlreadyExists; a secret's type is immutable) — nimbus-vendor-pull-secret-opaque-type.
const replace = (name: string, wrong: 'type' | 'server', host = HOST) => ({
  text: `Replace ${name} in namespace shop with a docker-registry secret for ${host} (credentials of an identity with pull rights on it): delete it first, ${wrong === 'type' ? "a secret's type cannot change" : 'an existing secret cannot be created again'}; if a chart or GitOps renders it, fix its ${wrong} there too.`,
  command: `kubectl delete secret ${name} --namespace shop\nkubectl create secret docker-registry ${name} --namespace shop --docker-server=${host} --docker-username=<app id or token name> --docker-password=<secret>`,
});
const recreate = (name: string, host = HOST) => ({
  text: `Create ${name} in namespace shop for ${host} (credentials of an identity with pull rights on it).`,
  command: `kubectl create secret docker-registry ${name} --namespace shop --docker-server=${host} --docker-username=<app id or token name> --docker-password=<secret>`,
});

interface Setup {
  image?: ImageRef;
  failure?: Partial<PullFailure>;
  category?: Category;
  candidates?: Category[];
  /** What the secrets script printed (a Run Command result), or the error Run Command failed with. */
  logs?: string | Error;
  withRegistry?: boolean;
  inCluster?: boolean;
  answers?: Record<string, unknown>;
  /** What the (non-ACR) registries hold, for the anonymous read. */
  hub?: Record<string, HandBuiltRegistryContent>;
}
async function run({ image = acrImage, failure = {}, category = 'auth_missing', candidates = [], logs, withRegistry = true, inCluster = true, answers = {}, hub = {} }: Setup) {
  const result: ClusterCommandResult | Error | undefined = typeof logs === 'string' ? { provisioningState: 'succeeded', exitCode: 0, logs } : logs;
  // Run Command and Graph answers are preset; the registry read runs against the hand-built registry.
  const lookups = presetLookups({ ...(result ? { [RUNCOMMAND]: result } : {}), ...answers }, { loadUnlisted: true });
  const registries = handBuiltRegistries(hub);
  const access: InClusterAccess = { mode: 'read', run: () => Promise.reject(new Error('the logic test answers Run Command through lookups')) };
  const ctx = {
    facts: { image, cluster, ...(withRegistry ? { registry } : {}) },
    failure: { image: image.original, source: 'k8s-event', cluster: CLUSTER, namespace: 'shop', pod: 'web-abc', ...failure },
    classification: { category, confidence: 0.9, candidates, explanation: '' },
    inCluster: inCluster ? access : undefined,
    lookups,
    registries,
  } as unknown as CheckContext;
  const outcome = await pullSecretCheck.run(ctx);
  return { finding: outcome.finding, asked: lookups.asked, calls: registries.calls };
}
const podWith = (...lines: string[]) => ['pod ok', ...lines].join('\n');
const found = (name: string, fields: string) => `secret ${name} found ${fields}`;

describe('pull-secret check: reading the pod', () => {
  it('needs the image and the cluster, and in-cluster reads', () => {
    const { id, title, needs, provides, inCluster } = pullSecretCheck;
    expect({ id, title, needs, provides, inCluster }).toEqual({ id: 'pull-secret', title: 'image pull secrets', needs: ['image', 'cluster'], provides: undefined, inCluster: 'read' });
  });

  it.each<[string, Partial<PullFailure>]>([
    ['no namespace', { namespace: undefined }],
    ['no pod', { pod: undefined }],
    ['a namespace that is not a Kubernetes name', { namespace: 'Shop_1' }],
    ['a pod name that is not a Kubernetes name', { pod: 'web abc' }],
  ])('skips a failure with %s, running nothing', async (_what, failure) => {
    const { finding, asked } = await run({ failure });
    expect(finding).toEqual({ status: 'skipped', summary: 'the failure names no pod, so its imagePullSecrets cannot be read', evidence: [], fixes: [] });
    expect(asked).toEqual([]);
  });

  it('is unknown when Run Command is refused, naming the action', async () => {
    const refused = new RestError("The client does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/runCommand/action'", { statusCode: 403, code: 'AuthorizationFailed' });
    const { finding } = await run({ logs: refused });
    expect(finding).toEqual({
      status: 'unknown',
      summary: "could not read the imagePullSecrets of shop/web-abc: Run Command was refused (403 AuthorizationFailed) — pull-doctor's identity lacks Microsoft.ContainerService/managedClusters/runCommand/action",
      evidence: [],
      fixes: [{ text: "Grant pull-doctor's identity Microsoft.ContainerService/managedClusters/runCommand/action and Microsoft.ContainerService/managedClusters/commandResults/read on the cluster (infra: set inClusterMode), or set PULL_DOCTOR_IN_CLUSTER=off." }],
      missing: { what: 'the imagePullSecrets of shop/web-abc', permission: 'Microsoft.ContainerService/managedClusters/runCommand/action (and Microsoft.ContainerService/managedClusters/commandResults/read) on the cluster' },
      docs: DOCS.runCommand,
    });
  });

  it('is unknown, never a pass, when in-cluster reads are not configured', async () => {
    const { finding, asked } = await run({ inCluster: false });
    expect(asked).toEqual([]);
    expect(finding).toMatchObject({ status: 'unknown', summary: 'could not read the imagePullSecrets of shop/web-abc: Run Command failed (in-cluster evidence is not configured (PULL_DOCTOR_IN_CLUSTER))', evidence: [], docs: DOCS.runCommand });
  });

  it('is unknown when Kubernetes RBAC refuses the pod, with the Role to grant', async () => {
    expect((await run({ logs: 'pod forbidden' })).finding).toEqual({
      status: 'unknown',
      summary: 'Kubernetes RBAC refused reading pod shop/web-abc',
      evidence: [],
      fixes: [{ text: "Give pull-doctor's identity the Role from the README (get pods, get the named secrets) in namespace shop." }],
      missing: { what: 'pod shop/web-abc', permission: 'Kubernetes RBAC: get pods in namespace shop' },
    });
  });

  it.each<[string, string]>([
    ['pod notfound', 'it no longer exists'],
    ['pod error', 'kubectl failed'],
    ['garbage the script never prints', 'kubectl failed'],
  ])('is unknown when the pod read says %s', async (logs, why) => {
    expect((await run({ logs })).finding).toEqual({ status: 'unknown', summary: `could not read pod shop/web-abc inside the cluster (${why})`, evidence: [], fixes: [], missing: { what: 'pod shop/web-abc', permission: undefined } });
  });
});

describe('pull-secret check: no imagePullSecrets', () => {
  const EMPTY = { fact: 'shop/web-abc: spec.imagePullSecrets is empty', source: SOURCE };
  // The same key as the repository-tag check's read, so the two share one request.
  const manifestKey = (reference: string) => `registry docker.io manifest fabrikamlabs/ledger-sync:${reference}`;
  const served = (reference: string): Record<string, HandBuiltRegistryContent> => ({
    'docker.io': { manifests: { [`fabrikamlabs/ledger-sync:${reference}`]: { digest: 'sha256:abc', mediaType: 'application/vnd.oci.image.manifest.v1+json', platforms: ['linux/amd64'], sizeBytesByPlatform: {} } } },
  });

  it('passes for an ACR: the kubelet pulls with its own identity', async () => {
    expect((await run({ logs: podWith('pod-pull-secrets') })).finding).toEqual({ status: 'pass', summary: 'shop/web-abc has no imagePullSecrets: the kubelet pulls with its own identity', evidence: [EMPTY], fixes: [] });
  });

  it('passes for another registry when the message is not about credentials, reading nothing more', async () => {
    const { finding, asked } = await run({ image: dockerImage(), category: 'rate_limited', candidates: ['network_unreachable'], logs: podWith('pod-pull-secrets') });
    expect(finding).toEqual({ status: 'pass', summary: 'shop/web-abc has no imagePullSecrets: the kubelet pulls from docker.io anonymously', evidence: [EMPTY], fixes: [] });
    expect(asked).toEqual([RUNCOMMAND]);
  });

  it.each<[string, Category, Category[]]>([
    ['the message', 'repo_not_found', []],
    ['a candidate of the message', 'unknown', ['rate_limited', 'access_denied']],
  ])('passes when %s asks for credentials but the registry serves the image anonymously', async (_what, category, candidates) => {
    const { finding, calls } = await run({ image: dockerImage(), category, candidates, logs: podWith('pod-pull-secrets'), hub: served('2.1') });
    expect(calls).toEqual([{ host: 'docker.io', call: 'resolve fabrikamlabs/ledger-sync:2.1', signal: true }]);
    expect(finding).toEqual({ status: 'pass', summary: 'shop/web-abc has no imagePullSecrets, and docker.io serves fabrikamlabs/ledger-sync anonymously: no secret is needed', evidence: [EMPTY], fixes: [] });
  });

  it('fails when the registry refuses the anonymous read: the secret to create and where it goes', async () => {
    const { finding } = await run({ image: dockerImage(), logs: podWith('pod-pull-secrets'), hub: { 'docker.io': { manifests: { 'fabrikamlabs/ledger-sync:2.1': new RegistryError('unauthorized', 401, 'UNAUTHORIZED') } } } });
    expect(finding).toEqual({
      status: 'fail',
      summary: 'shop/web-abc has no imagePullSecrets, so the kubelet pulls fabrikamlabs/ledger-sync from docker.io anonymously, and docker.io refused it: a private repository needs a pull secret (or the repository name is wrong)',
      evidence: [EMPTY],
      fixes: [
        {
          text: 'Create a pull secret for docker.io in namespace shop with an account or access token that can read fabrikamlabs/ledger-sync.',
          command: 'kubectl create secret docker-registry docker-pull --namespace shop --docker-server=docker.io --docker-username=<user> --docker-password=<access token>',
        },
        { text: 'Then reference it in the workload: spec.template.spec.imagePullSecrets: [{ name: docker-pull }].' },
      ],
      docs: DOCS.pullSecret,
    });
  });

  it.each<[string, Partial<ImageRef>, string]>([
    ['a digest', { tag: undefined, digest: 'sha256:abc' }, 'sha256:abc'],
    ['no tag (latest)', { tag: undefined }, 'latest'],
  ])('reads the image by %s', async (_what, over, reference) => {
    const { finding, asked } = await run({ image: dockerImage(over), logs: podWith('pod-pull-secrets'), hub: served(reference) });
    expect(asked).toEqual([RUNCOMMAND, manifestKey(reference)]);
    expect(finding.status).toBe('pass');
  });
});

describe('pull-secret check: each imagePullSecret', () => {
  it('passes when every secret exists, is dockerconfigjson and covers the host (any case)', async () => {
    const { finding } = await run({ logs: podWith('pod-pull-secrets acr-pull', found('acr-pull', 'type=kubernetes.io/dockerconfigjson hosts=https://MyAcr.azurecr.io/v1/,other.io user=other apps=')) });
    expect(finding).toEqual({
      status: 'pass',
      summary: `every imagePullSecret of shop/web-abc exists, is kubernetes.io/dockerconfigjson and covers ${HOST}`,
      evidence: [
        { fact: 'shop/web-abc uses imagePullSecrets acr-pull', source: SOURCE },
        { fact: `secret shop/acr-pull (kubernetes.io/dockerconfigjson) covers ${HOST}, other.io`, source: SOURCE },
      ],
      fixes: [],
    });
  });

  it('counts docker.io, index.docker.io and registry-1.docker.io as one registry', async () => {
    const { finding } = await run({ image: dockerImage(), logs: podWith('pod-pull-secrets hub', found('hub', 'type=kubernetes.io/dockerconfigjson hosts=https://index.docker.io/v1/')) });
    expect(finding.status).toBe('pass');
  });

  it('fails on every wrong secret: missing, wrong type, another host, no host; the fixes for each', async () => {
    const { finding } = await run({
      logs: podWith(
        'pod-pull-secrets acr-pull opaque regcred empty',
        'secret acr-pull notfound',
        found('opaque', 'type=Opaque'),
        found('regcred', 'type=kubernetes.io/dockerconfigjson hosts=otheracr.azurecr.io,ghcr.io'),
        found('empty', 'type=kubernetes.io/dockerconfigjson hosts='),
      ),
    });
    expect(finding).toEqual({
      status: 'fail',
      summary: `The pod's pull secret is wrong: secret acr-pull does not exist in namespace shop; secret opaque has type Opaque, not kubernetes.io/dockerconfigjson; secret regcred is for otheracr.azurecr.io, ghcr.io, not ${HOST}; secret empty is for no registry, not ${HOST}`,
      evidence: [
        { fact: 'shop/web-abc uses imagePullSecrets acr-pull, opaque, regcred, empty', source: SOURCE },
        { fact: 'secret shop/acr-pull does not exist', source: SOURCE },
        { fact: 'secret shop/opaque has type Opaque', source: SOURCE },
        { fact: 'secret shop/regcred (kubernetes.io/dockerconfigjson) covers otheracr.azurecr.io, ghcr.io', source: SOURCE },
        { fact: 'secret shop/empty (kubernetes.io/dockerconfigjson) covers no registry', source: SOURCE },
      ],
      fixes: [recreate('acr-pull'), ATTACH, replace('opaque', 'type'), replace('regcred', 'server'), ATTACH, replace('empty', 'server'), ATTACH],
      docs: DOCS.pullSecret,
    });
  });

  it('without the registry resource (or for another host), the fix is to drop the secret if the node identity can pull', async () => {
    const remove = (name: string, host = HOST) => ({ text: `Or remove ${name} from the pod's imagePullSecrets if the node identity can pull from ${host}.` });
    const noRegistry = await run({ withRegistry: false, logs: podWith('pod-pull-secrets acr-pull', 'secret acr-pull notfound') });
    expect(noRegistry.finding.fixes).toEqual([recreate('acr-pull'), remove('acr-pull')]);
    const otherHost = await run({ image: dockerImage(), logs: podWith('pod-pull-secrets hub', 'secret hub notfound') });
    expect(otherHost.finding.fixes).toEqual([recreate('hub', 'docker.io'), remove('hub', 'docker.io')]);
  });

  it('is unknown when a secret cannot be read, naming the RBAC it needs', async () => {
    const { finding } = await run({ logs: podWith('pod-pull-secrets a b c', 'secret a forbidden', 'secret b error', found('c', `type=kubernetes.io/dockerconfigjson hosts=${HOST}`)) });
    expect(finding).toEqual({
      status: 'unknown',
      summary: 'could not read secret a, b in namespace shop',
      evidence: [
        { fact: 'shop/web-abc uses imagePullSecrets a, b, c', source: SOURCE },
        { fact: 'secret shop/a: Kubernetes RBAC refused reading it', source: SOURCE },
        { fact: 'secret shop/b: could not be read', source: SOURCE },
        { fact: `secret shop/c (kubernetes.io/dockerconfigjson) covers ${HOST}`, source: SOURCE },
      ],
      fixes: [{ text: "Give pull-doctor's identity get on secrets a, b in namespace shop (the README's Role)." }],
      missing: { what: 'secret a, b in shop', permission: 'Kubernetes RBAC: get secrets (resourceNames a, b) in namespace shop' },
    });
  });

  it('a secret the script said nothing about could not be read; a wrong one still decides', async () => {
    const silent = await run({ logs: podWith('pod-pull-secrets quiet') });
    expect(silent.finding).toMatchObject({ status: 'unknown', summary: 'could not read secret quiet in namespace shop' });
    expect(silent.finding.evidence[1]).toEqual({ fact: 'secret shop/quiet: could not be read', source: SOURCE });
    const both = await run({ logs: podWith('pod-pull-secrets quiet acr-pull', 'secret acr-pull notfound') });
    expect(both.finding).toMatchObject({ status: 'fail', summary: "The pod's pull secret is wrong: secret acr-pull does not exist in namespace shop" });
  });
});

describe('pull-secret check: a secret whose username is a service principal', () => {
  const graphKey = (appId: string) => `GRAPH clientSecretDates ${appId}`;
  const secrets = (appId: string, ...ends: Array<string | undefined>): AppClientSecrets => ({
    appId,
    displayName: 'aks-pull-sp',
    application: ends.map((endDateTime, i) => ({ keyId: `k${i}`, endDateTime })),
    servicePrincipal: [],
  });
  const spSecret = (apps: string) => podWith('pod-pull-secrets acr-sp', found('acr-sp', `type=kubernetes.io/dockerconfigjson hosts=${HOST} user=guid apps=${apps}`));
  const USES = [
    { fact: 'shop/web-abc uses imagePullSecrets acr-sp', source: SOURCE },
    { fact: `secret shop/acr-sp (kubernetes.io/dockerconfigjson) covers ${HOST}`, source: SOURCE },
  ];
  const ROTATE = [
    { text: `Create a new client secret for ${SP} (this replaces its secrets; the expired ones no longer work anyway).`, command: `PASSWORD=$(az ad app credential reset --id ${SP} --query password -o tsv)` },
    {
      text: 'Replace secret acr-sp in namespace shop with the new password; pods pick it up on their next pull.',
      command: `kubectl create secret docker-registry acr-sp --namespace shop --docker-server=${HOST} --docker-username=${SP} --docker-password="$PASSWORD" --dry-run=client -o yaml | kubectl apply -f -`,
    },
  ];

  it('fails when its client secrets all expired: rotate, or let the kubelet identity pull', async () => {
    const { finding } = await run({ logs: spSecret(SP), answers: { [graphKey(SP)]: secrets(SP, '2026-10-01T00:00:00Z') } });
    expect(finding).toEqual({
      status: 'fail',
      summary: `The pod's pull secret is wrong: secret acr-sp authenticates as service principal aks-pull-sp (${SP}), whose client secrets all expired (the last on 2026-10-01): the registry refuses it`,
      evidence: [...USES, { fact: `app registration aks-pull-sp (${SP}): client secret ended 2026-10-01T00:00:00Z`, source: GRAPH }],
      fixes: [...ROTATE, ATTACH],
      docs: DOCS.pullSecret,
    });
  });

  it('passes with the nearest expiry when a client secret is valid', async () => {
    const { finding } = await run({ logs: spSecret(SP), answers: { [graphKey(SP)]: secrets(SP, '2099-01-01T00:00:00Z') } });
    expect(finding).toEqual({
      status: 'pass',
      summary: `every imagePullSecret of shop/web-abc exists, is kubernetes.io/dockerconfigjson and covers ${HOST}; service principal aks-pull-sp (${SP}) in secret acr-sp has a valid client secret (the nearest expiry is 2099-01-01)`,
      evidence: [...USES, { fact: `app registration aks-pull-sp (${SP}): client secret valid until 2099-01-01T00:00:00Z`, source: GRAPH }],
      fixes: [],
    });
  });

  it('warns when the valid secret ends within a week, with no "missing"', async () => {
    const soon = new Date(Date.now() + 3.5 * DAY).toISOString();
    const { finding } = await run({ logs: spSecret(SP), answers: { [graphKey(SP)]: secrets(SP, soon) } });
    expect(finding).toEqual({
      status: 'warn',
      summary: `secret acr-sp authenticates as service principal aks-pull-sp (${SP}), whose valid client secret expires on ${soon.slice(0, 10)} (in 3 days)`,
      evidence: [...USES, { fact: `app registration aks-pull-sp (${SP}): client secret valid until ${soon}`, source: GRAPH }],
      fixes: [
        { text: `Add a new client secret to ${SP} now (--append keeps the current one working until the pull secret is replaced).`, command: `PASSWORD=$(az ad app credential reset --id ${SP} --append --query password -o tsv)` },
        ROTATE[1],
      ],
      missing: undefined,
      docs: DOCS.pullSecret,
    });
  });

  it('is unknown when Graph refuses, naming the permission', async () => {
    const denied = Object.assign(new Error('Insufficient privileges'), { statusCode: 403, code: 'Authorization_RequestDenied' });
    const { finding } = await run({ logs: spSecret(SP), answers: { [graphKey(SP)]: denied } });
    expect(finding).toMatchObject({
      status: 'unknown',
      summary: `secret acr-sp uses service principal ${SP}; its client secret expiry could not be read from Microsoft Graph (403 Authorization_RequestDenied) — pull-doctor's identity needs Application.Read.All`,
      evidence: USES,
      missing: { what: `the client secret expiry of service principal ${SP} (pull secret shop/acr-sp)`, permission: expect.stringContaining('Application.Read.All') },
      docs: DOCS.pullSecret,
    });
    expect(finding.fixes).toHaveLength(1);
  });

  it('the worst verdict decides, and only its summaries and fixes are shown', async () => {
    const soon = new Date(Date.now() + 3.5 * DAY).toISOString();
    const denied = Object.assign(new Error('Insufficient privileges'), { statusCode: 403, code: 'Authorization_RequestDenied' });
    const failAndWarn = await run({ logs: spSecret(`${SP2},${SP}`), answers: { [graphKey(SP2)]: secrets(SP2, soon), [graphKey(SP)]: secrets(SP, '2026-10-01T00:00:00Z') } });
    expect(failAndWarn.finding.status).toBe('fail');
    expect(failAndWarn.finding.summary).toBe(`The pod's pull secret is wrong: secret acr-sp authenticates as service principal aks-pull-sp (${SP}), whose client secrets all expired (the last on 2026-10-01): the registry refuses it`);
    expect(failAndWarn.finding.fixes).toEqual([...ROTATE, ATTACH]);
    const unknownAndWarn = await run({ logs: spSecret(`${SP2},${SP}`), answers: { [graphKey(SP2)]: secrets(SP2, soon), [graphKey(SP)]: denied } });
    expect(unknownAndWarn.finding.status).toBe('unknown');
    expect(unknownAndWarn.finding.summary).toMatch(/^secret acr-sp uses service principal 88888888/);
    // Two verdicts of the worst kind: both summaries, in order.
    const twoExpired = await run({ logs: spSecret(`${SP2},${SP}`), answers: { [graphKey(SP2)]: secrets(SP2, '2026-09-01T00:00:00Z'), [graphKey(SP)]: secrets(SP, '2026-10-01T00:00:00Z') } });
    expect(twoExpired.finding.summary).toBe(
      `The pod's pull secret is wrong: secret acr-sp authenticates as service principal aks-pull-sp (${SP2}), whose client secrets all expired (the last on 2026-09-01): the registry refuses it; secret acr-sp authenticates as service principal aks-pull-sp (${SP}), whose client secrets all expired (the last on 2026-10-01): the registry refuses it`,
    );
    const twoUnknown = await run({ logs: spSecret(`${SP2},${SP}`), answers: { [graphKey(SP2)]: denied, [graphKey(SP)]: denied } });
    expect(twoUnknown.finding.summary).toBe(
      [SP2, SP].map((app) => `secret acr-sp uses service principal ${app}; its client secret expiry could not be read from Microsoft Graph (403 Authorization_RequestDenied) — pull-doctor's identity needs Application.Read.All`).join('; '),
    );
    const twoValid = await run({ logs: spSecret(`${SP2},${SP}`), answers: { [graphKey(SP2)]: secrets(SP2, undefined), [graphKey(SP)]: secrets(SP, '2099-01-01T00:00:00Z') } });
    expect(twoValid.finding.summary).toBe(
      `every imagePullSecret of shop/web-abc exists, is kubernetes.io/dockerconfigjson and covers ${HOST}; service principal aks-pull-sp (${SP2}) in secret acr-sp has a valid client secret; service principal aks-pull-sp (${SP}) in secret acr-sp has a valid client secret (the nearest expiry is 2099-01-01)`,
    );
  });
});
