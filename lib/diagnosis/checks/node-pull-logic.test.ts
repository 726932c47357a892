import type { ManagedCluster } from '@azure/arm-containerservice';
import { RestError } from '@azure/core-rest-pipeline';
import type { ImageRef } from '../../model';
import type { ClusterCommandResult } from '../../azure/run-command';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import type { CheckContext } from '../check';
import type { ClusterFacts, NodePoolFacts, RegistryFacts } from '../facts';
import type { InClusterAccess } from '../in-cluster/in-cluster-access';
import type { ClusterScript } from '../in-cluster/scripts';
import { DOCS } from './docs';
import { nodePullCheck } from './node-pull';

// The node-pull check's decisions on hand-built facts (the sandbox worlds in node-pull.test.ts cover
// Run Command on the wire): which pool the test pull runs on, what it pulls, and how canipull's steps
// and the manifest HEAD's status codes become a finding. ctx.inCluster answers with the two pods'
// output as scripts.ts prints it (canipull's step lines, `canipull-exit N`, `head …` lines).
const SUB = '00000000-0000-0000-0000-000000000001';
const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const LOGIN = 'myacr.azurecr.io';
const NODE = 'aks-userpool-12345678-vmss000000';
const DIGEST = `sha256:${'d'.repeat(64)}`;
const CANIPULL = 'in-cluster (AKS Run Command): canipull pod on node pool userpool';
const HEAD = 'in-cluster (AKS Run Command): manifest HEAD pod on node pool userpool';

const pool = (name: string, osType: NodePoolFacts['osType'] = 'Linux'): NodePoolFacts => ({ name, osType, architecture: 'amd64', vmSize: 'Standard_D4s_v5', mode: 'User' });
const CLUSTER = {
  id: CLUSTER_ID,
  subscriptionId: SUB,
  resourceGroup: 'rg-aks',
  name: 'aks-prod',
  nodePools: [pool('system'), pool('userpool'), pool('Win', 'Windows')],
} as Partial<ClusterFacts> as ClusterFacts;
const REGISTRY = { loginServer: LOGIN } as Partial<RegistryFacts> as RegistryFacts;
const IMAGE: ImageRef = { original: `${LOGIN}/team/app:v1`, registry: LOGIN, repository: 'team/app', tag: 'v1', registryDefaulted: false, tagDefaulted: false };

const step = (name: string, result: 'SUCCEEDED' | 'FAILED', i = 0) => `[2026-11-25T21:42:0${i}Z] ${name}: ${result}`;
const PASSING = [step('Checking host name resolution (myacr.azurecr.io)', 'SUCCEEDED', 0), step('Validating image pull permission', 'SUCCEEDED', 1), `Your cluster can pull images from ${LOGIN}!`, 'canipull-exit 0'];
const FAILING = [step('Checking host name resolution (myacr.azurecr.io)', 'SUCCEEDED', 0), step('Validating image pull permission', 'FAILED', 1), 'canipull-exit 1'];
const head = (...lines: string[]) => lines.map((l) => `head ${l}`);
const CHECK_ACR = { text: 'Run the same check yourself on the failing node for the full log.', command: `az aks check-acr --resource-group rg-aks --name aks-prod --acr ${LOGIN} --node-name ${NODE}` };

let scripts: ClusterScript[] = [];
async function check(logs: string[] | Error, over: { node?: string; image?: Partial<ImageRef>; nodePools?: NodePoolFacts[] } = {}) {
  scripts = [];
  const inCluster: InClusterAccess = {
    mode: 'probe',
    async run(clusterId, script): Promise<ClusterCommandResult> {
      expect(clusterId).toBe(CLUSTER_ID);
      scripts.push(script);
      if (logs instanceof Error) throw logs;
      return { provisioningState: 'succeeded', exitCode: 0, logs: `${logs.join('\n')}\n` };
    },
  };
  const ctx = {
    facts: { registry: REGISTRY, cluster: { ...CLUSTER, nodePools: over.nodePools ?? CLUSTER.nodePools }, image: { ...IMAGE, ...over.image } },
    failure: { image: IMAGE.original, source: 'cli', node: 'node' in over ? over.node : NODE },
    lookups: presetLookups({ [`GET ${CLUSTER_ID}`]: { location: 'westeurope' } satisfies ManagedCluster }, { loadUnlisted: true }),
    inCluster,
  } as unknown as CheckContext;
  return (await nodePullCheck.run(ctx)).finding;
}
const header = () => scripts.map((s) => s.text.split('\n', 1)[0]);

describe('the declaration the engine schedules by', () => {
  it('names the check and the facts it needs', () => {
    const { run: _run, ...declaration } = nodePullCheck;
    expect(declaration).toEqual({ id: 'node-pull', title: 'test pull from the node pool', needs: ['image', 'registry', 'cluster'], inCluster: 'probe', timeoutMs: 240_000 });
  });
});

describe('node-pull check: which pool, what pull', () => {
  it.each<[string, string | undefined, string]>([
    ['no node is known', undefined, "the failure's node is in no node pool of aks-prod"],
    ['the node is in no pool', 'aks-gone-12345678-vmss000000', "the failure's node aks-gone-12345678-vmss000000 is in no node pool of aks-prod"],
    ['the node name only contains a pool name', 'xaks-userpool-12345678-vmss000000', "the failure's node xaks-userpool-12345678-vmss000000 is in no node pool of aks-prod"],
    ['the pool is Windows', 'AKSWIN000001', 'canipull runs on Linux nodes; pool Win is Windows'],
  ])('is skipped when %s, and runs nothing', async (_what, node, summary) => {
    expect(await check(PASSING, { node })).toEqual({ status: 'skipped', summary, evidence: [], fixes: [] });
    expect(scripts).toEqual([]);
  });

  it.each<[string, string, Partial<ImageRef>, string]>([
    ['by tag on the pool of the node', 'AKS-UserPool-12345678-vmss000000', {}, 'v1'],
    ['by digest when the image has one', NODE, { digest: DIGEST }, DIGEST],
    ['latest when neither is known', NODE, { tag: undefined }, 'latest'],
  ])('pulls %s', async (_what, node, image, reference) => {
    await check(PASSING, { node, image, nodePools: [pool('system'), pool('UserPool')] });
    expect(header()).toEqual([expect.stringMatching(new RegExp(`^# pull-doctor probe v1 pool=userpool registry=myacr\\.azurecr\\.io pod=pull-doctor-canipull-[0-9a-f]{8} repository=team/app reference=${reference}$`))]);
  });

  it('finds a Windows-style node name (aks<pool><6 digits>) among Linux pools too', async () => {
    const finding = await check(PASSING, { node: 'aksuserpool000004' });
    expect(finding.status).toBe('pass');
    expect(header()[0]).toContain(' pool=userpool ');
  });
});

describe('node-pull check: what the pods said', () => {
  it('passes when canipull authenticated and the manifest HEAD answered 200, with every step as evidence', async () => {
    const finding = await check([...PASSING, ...head('identity ok', 'exchange 200', 'token 200', `manifest 200 ${DIGEST}`)]);
    expect(finding).toEqual({
      status: 'pass',
      summary: `a canipull pod on node pool userpool authenticated to ${LOGIN}, and a HEAD of team/app:v1 from the node answered 200 (digest ${DIGEST})`,
      evidence: [
        { fact: 'Checking host name resolution: SUCCEEDED', source: CANIPULL },
        { fact: 'Validating image pull permission: SUCCEEDED', source: CANIPULL },
        { fact: `token exchange POST https://${LOGIN}/oauth2/exchange with the kubelet identity: 200`, source: HEAD },
        { fact: `repository token POST https://${LOGIN}/oauth2/token (repository:team/app:pull): 200`, source: HEAD },
        { fact: `manifest HEAD https://${LOGIN}/v2/team/app/manifests/v1: 200, Docker-Content-Digest ${DIGEST}`, source: HEAD },
      ],
      fixes: [],
    });
  });

  it.each<[string, string[], string]>([
    ['the HEAD pod printed nothing', [], `a canipull pod on node pool userpool authenticated to ${LOGIN}`],
    ['the node has no Entra token (IMDS)', head('identity none'), `a canipull pod on node pool userpool authenticated to ${LOGIN}`],
    ['the HEAD gave no manifest result', head('identity ok', 'exchange 200', 'token 200'), `a canipull pod on node pool userpool authenticated to ${LOGIN}`],
    ['the HEAD answered 200 without a digest', head('identity ok', 'exchange 200', 'token 200', 'manifest 200'), `a canipull pod on node pool userpool authenticated to ${LOGIN}, and a HEAD of team/app:v1 from the node answered 200`],
  ])('passes when canipull authenticated and %s', async (_what, headLines, summary) => {
    const finding = await check([...PASSING, ...headLines]);
    expect(finding).toMatchObject({ status: 'pass', summary, fixes: [] });
  });

  it('says why the HEAD was not tried when the node has no Entra token', async () => {
    const finding = await check([...PASSING, ...head('identity none')]);
    expect(finding.evidence[2]).toEqual({ fact: 'no Entra token for the kubelet identity from IMDS on the node (a service principal cluster, or IMDS unreachable): manifest HEAD not tried', source: HEAD });
    expect(finding.evidence).toHaveLength(3);
  });

  it.each<[string, string[], string]>([
    ['the manifest is missing', head('identity ok', 'exchange 200', 'token 200', 'manifest 404'), 'a HEAD of team/app:v1 from the node answered 404 (no such manifest)'],
    ['the pull is not allowed (401)', head('identity ok', 'exchange 200', 'token 200', 'manifest 401'), 'a HEAD of team/app:v1 from the node answered 401 (not allowed to pull it)'],
    ['the pull is not allowed (403)', head('identity ok', 'exchange 200', 'token 200', 'manifest 403'), 'a HEAD of team/app:v1 from the node answered 403 (not allowed to pull it)'],
    ['the registry errs', head('identity ok', 'exchange 200', 'token 200', 'manifest 500'), 'a HEAD of team/app:v1 from the node answered 500'],
    ['the pull token is refused', head('identity ok', 'exchange 200', 'token 401'), 'a pull token for team/app was refused (401)'],
    ['the token exchange is refused', head('identity ok', 'exchange 401'), "the node's token exchange was refused (401)"],
  ])('warns when canipull authenticated but %s', async (_what, headLines, text) => {
    const finding = await check([...PASSING, ...headLines]);
    expect(finding).toMatchObject({
      status: 'warn',
      summary: `From node pool userpool the registry ${LOGIN} accepts the node's identity, but ${text}`,
      fixes: [CHECK_ACR],
      docs: DOCS.checkAcr,
    });
  });

  it('ignores a HEAD result printed after the node had no Entra token (untrusted output: the script stops there)', async () => {
    const finding = await check([...PASSING, ...head('identity none', 'manifest 404')]);
    expect(finding).toMatchObject({ status: 'pass', summary: `a canipull pod on node pool userpool authenticated to ${LOGIN}` });
    expect(finding.evidence.slice(2)).toEqual([{ fact: 'no Entra token for the kubelet identity from IMDS on the node (a service principal cluster, or IMDS unreachable): manifest HEAD not tried', source: HEAD }]);
  });

  it('names the repository of a digest reference when its pull token is refused', async () => {
    const finding = await check([...PASSING, ...head('identity ok', 'exchange 200', 'token 403')], { image: { digest: DIGEST } });
    expect(finding.summary).toBe(`From node pool userpool the registry ${LOGIN} accepts the node's identity, but a pull token for team/app was refused (403)`);
    expect(finding.evidence.slice(2).map((e) => e.fact)).toEqual([
      `token exchange POST https://${LOGIN}/oauth2/exchange with the kubelet identity: 200`,
      `repository token POST https://${LOGIN}/oauth2/token (repository:team/app:pull): 403`,
    ]);
  });

  it('names a digest reference with @ in what the HEAD says and by its digest in the URL', async () => {
    const finding = await check([...PASSING, ...head('identity ok', 'exchange 200', 'token 200', 'manifest 404')], { image: { digest: DIGEST } });
    expect(finding.summary).toBe(`From node pool userpool the registry ${LOGIN} accepts the node's identity, but a HEAD of team/app@${DIGEST} from the node answered 404 (no such manifest)`);
    expect(finding.evidence.at(-1)!.fact).toBe(`manifest HEAD https://${LOGIN}/v2/team/app/manifests/${DIGEST}: 404`);
  });

  it('warns that the failure is reproducible, at the failed step and with the refused exchange', async () => {
    const finding = await check([...FAILING, ...head('identity ok', 'exchange 401')]);
    expect(finding).toEqual({
      status: 'warn',
      summary: `A test pull from node pool userpool also fails against ${LOGIN} at "Validating image pull permission"; the node's token exchange was refused (401): the failure is reproducible from the node`,
      evidence: [
        { fact: 'Checking host name resolution: SUCCEEDED', source: CANIPULL },
        { fact: 'Validating image pull permission: FAILED', source: CANIPULL },
        { fact: `token exchange POST https://${LOGIN}/oauth2/exchange with the kubelet identity: 401`, source: HEAD },
      ],
      fixes: [CHECK_ACR],
      docs: DOCS.checkAcr,
    });
  });

  it.each<[string, string[], string]>([
    ['canipull exited non-zero without a failed step', ['canipull-exit 124'], ' (exit 124)'],
    ['every step passed but canipull did not say it can pull', [step('Validating image pull permission', 'SUCCEEDED'), 'canipull-exit 0'], ' (exit 0)'],
    ['canipull said it can pull but exited non-zero', [`Your cluster can pull images from ${LOGIN}!`, 'canipull-exit 2'], ' (exit 2)'],
    ['only the HEAD answered', head('identity ok', 'exchange 403'), "; the node's token exchange was refused (403)"],
  ])('warns when %s', async (_what, logs, detail) => {
    const finding = await check(logs);
    expect(finding).toMatchObject({ status: 'warn', summary: `A test pull from node pool userpool also fails against ${LOGIN}${detail}: the failure is reproducible from the node`, fixes: [CHECK_ACR] });
  });

  it('lists only the HEAD steps that printed a result', async () => {
    const finding = await check([...FAILING, ...head('identity ok')]);
    expect(finding.evidence.map((e) => e.fact)).toEqual(['Checking host name resolution: SUCCEEDED', 'Validating image pull permission: FAILED']);
    expect(finding.summary).toBe(`A test pull from node pool userpool also fails against ${LOGIN} at "Validating image pull permission": the failure is reproducible from the node`);
  });

  it.each<[string, string[]]>([
    ['printed nothing', []],
    ['printed only a HEAD without a result', head('identity none')],
  ])('is unknown when the pods %s', async (_what, logs) => {
    expect(await check(logs)).toEqual({
      status: 'unknown',
      summary: 'the canipull pod on node pool userpool gave no result (it may not have started within the timeout)',
      evidence: logs.length ? [{ fact: 'no Entra token for the kubelet identity from IMDS on the node (a service principal cluster, or IMDS unreachable): manifest HEAD not tried', source: HEAD }] : [],
      fixes: [],
      missing: { what: 'a test pull from node pool userpool' },
    });
  });

  it('is unknown when Run Command fails, naming the pool', async () => {
    const finding = await check(new RestError('conflict', { statusCode: 409, code: 'OperationNotAllowed' }));
    expect(finding).toEqual({
      status: 'unknown',
      summary: 'could not read a test pull from node pool userpool: Run Command failed (409 OperationNotAllowed)',
      evidence: [],
      fixes: [{ text: 'Re-check; if Run Command keeps failing, see `az aks command invoke` on the cluster (it is disabled when the cluster sets disableRunCommand).' }],
      missing: { what: 'a test pull from node pool userpool' },
      docs: DOCS.runCommand,
    });
  });
});
