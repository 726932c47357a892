import { randomBytes } from 'node:crypto';
import type { Check, CheckOutcome } from '../check';
import { describeRunCommandFailure } from '../in-cluster/in-cluster-access';
import { parseProbeOutput } from '../in-cluster/parse-output';
import { readInCluster } from '../in-cluster/read-in-cluster';
import { probeScript } from '../in-cluster/scripts';
import { parseManifestHead, type ManifestHeadEvidence } from '../in-cluster/manifest-head';
import type { Evidence } from '../../model';
import { DOCS } from './docs';

/**
 * A canipull pod on the failing node's pool (what `az aks check-acr` runs): it authenticates as the
 * kubelet does (the node's azure.json) and tries the ACR token exchange; a second pod does the
 * exchange itself and a HEAD of the exact manifest (manifest-head.ts). Its result is evidence
 * beside the Azure checks, never a cause on its own: a failure is a warning that says the problem
 * is reproducible from the node, and which step failed.
 */
export const nodePullCheck: Check = {
  id: 'node-pull',
  title: 'test pull from the node pool',
  needs: ['image', 'registry', 'cluster'],
  inCluster: 'probe',
  // Two pods, each under `timeout 90`, plus Run Command's own start.
  timeoutMs: 240_000,
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const node = ctx.failure.node?.toLowerCase();
    const pool = cluster.nodePools.find((p) => node?.startsWith(`aks-${p.name.toLowerCase()}-`) || (node && new RegExp(`^aks${p.name.toLowerCase()}\\d{6}$`).test(node)));
    if (!pool) return { finding: { status: 'skipped', summary: `the failure's node${node ? ` ${node}` : ''} is in no node pool of ${cluster.name}`, evidence: [], fixes: [] } };
    if (pool.osType !== 'Linux') return { finding: { status: 'skipped', summary: `canipull runs on Linux nodes; pool ${pool.name} is ${pool.osType}`, evidence: [], fixes: [] } };
    const image = ctx.facts.image!;
    const reference = image.digest ?? image.tag ?? 'latest';
    const script = probeScript({ nodePool: pool.name.toLowerCase(), loginServer: registry.loginServer, podName: `pull-doctor-canipull-${randomBytes(4).toString('hex')}`, repository: image.repository, reference });
    let logs: string;
    try {
      logs = (await readInCluster(ctx, cluster.id, script)).logs;
    } catch (e) {
      const d = describeRunCommandFailure(e, `a test pull from node pool ${pool.name}`);
      return { finding: { status: 'unknown', summary: d.summary, evidence: [], fixes: [{ text: d.fixText }], missing: d.missing, docs: DOCS.runCommand } };
    }
    const probe = parseProbeOutput(logs);
    const head = parseManifestHead(logs);
    const source = `in-cluster (AKS Run Command): canipull pod on node pool ${pool.name}`;
    const evidence: Evidence[] = [
      ...probe.steps.map((s) => ({ fact: `${s.step}: ${s.result}`, source })),
      ...headEvidence(head, registry.loginServer, image.repository, reference).map((fact) => ({ fact, source: `in-cluster (AKS Run Command): manifest HEAD pod on node pool ${pool.name}` })),
    ];
    const manifest = describeHead(head, `${image.repository}:${reference}`.replace(':sha256:', '@sha256:'));
    const failed = probe.steps.find((s) => s.result === 'FAILED');
    // Stryker disable next-line StringLiteral: a pool was found from the failure's node, so the node is known here and '<node>' is never used
    const checkAcr = { text: `Run the same check yourself on the failing node for the full log.`, command: `az aks check-acr --resource-group ${cluster.resourceGroup} --name ${cluster.name} --acr ${registry.loginServer} --node-name ${ctx.failure.node ?? '<node>'}` };
    if (probe.canPull) {
      if (!manifest || manifest.ok) return { finding: { status: 'pass', summary: `a canipull pod on node pool ${pool.name} authenticated to ${registry.loginServer}${manifest ? `, and ${manifest.text}` : ''}`, evidence, fixes: [] } };
      return { finding: { status: 'warn', summary: `From node pool ${pool.name} the registry ${registry.loginServer} accepts the node's identity, but ${manifest.text}`, evidence, fixes: [checkAcr], docs: DOCS.checkAcr } };
    }
    if (!failed && probe.exitCode === undefined && !manifest) {
      return { finding: { status: 'unknown', summary: `the canipull pod on node pool ${pool.name} gave no result (it may not have started within the timeout)`, evidence, fixes: [], missing: { what: `a test pull from node pool ${pool.name}` } } };
    }
    return {
      finding: {
        status: 'warn',
        summary: `A test pull from node pool ${pool.name} also fails against ${registry.loginServer}${failed ? ` at "${failed.step}"` : probe.exitCode !== undefined ? ` (exit ${probe.exitCode})` : ''}${manifest ? `; ${manifest.text}` : ''}: the failure is reproducible from the node`,
        evidence,
        fixes: [checkAcr],
        docs: DOCS.checkAcr,
      },
    };
  },
};

/** The manifest HEAD's steps as facts, each with its status code; the token result and the manifest result apart. */
function headEvidence(head: ManifestHeadEvidence | undefined, host: string, repository: string, reference: string): string[] {
  if (!head) return [];
  if (head.identity === 'none') return ['no Entra token for the kubelet identity from IMDS on the node (a service principal cluster, or IMDS unreachable): manifest HEAD not tried'];
  return [
    ...(head.exchange !== undefined ? [`token exchange POST https://${host}/oauth2/exchange with the kubelet identity: ${head.exchange}`] : []),
    ...(head.token !== undefined ? [`repository token POST https://${host}/oauth2/token (repository:${repository}:pull): ${head.token}`] : []),
    ...(head.manifest !== undefined ? [`manifest HEAD https://${host}/v2/${repository}/manifests/${reference}: ${head.manifest}${head.digest ? `, Docker-Content-Digest ${head.digest}` : ''}`] : []),
  ];
}

/** What the manifest HEAD showed, in words; undefined when it gave no result. */
function describeHead(head: ManifestHeadEvidence | undefined, image: string): { ok: boolean; text: string } | undefined {
  if (!head || head.identity === 'none') return undefined;
  if (head.exchange !== undefined && head.exchange !== 200) return { ok: false, text: `the node's token exchange was refused (${head.exchange})` };
  if (head.token !== undefined && head.token !== 200) return { ok: false, text: `a pull token for ${image.split(/[:@]/)[0]} was refused (${head.token})` };
  if (head.manifest === undefined) return undefined;
  if (head.manifest === 200) return { ok: true, text: `a HEAD of ${image} from the node answered 200${head.digest ? ` (digest ${head.digest})` : ''}` };
  return { ok: false, text: `a HEAD of ${image} from the node answered ${head.manifest}${head.manifest === 404 ? ' (no such manifest)' : head.manifest === 401 || head.manifest === 403 ? ' (not allowed to pull it)' : ''}` };
}
