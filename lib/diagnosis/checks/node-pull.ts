import { randomBytes } from 'node:crypto';
import type { Check, CheckOutcome } from '../check';
import { describeRunCommandFailure } from '../in-cluster/in-cluster-access';
import { parseProbeOutput } from '../in-cluster/parse-output';
import { readInCluster } from '../in-cluster/read-in-cluster';
import { probeScript } from '../in-cluster/scripts';
import { DOCS } from './docs';

/**
 * A canipull pod on the failing node's pool (what `az aks check-acr` runs): it authenticates as the
 * kubelet does (the node's azure.json) and tries the ACR token exchange. Its result is evidence
 * beside the Azure checks, never a cause on its own: a failure is a warning that says the problem
 * is reproducible from the node, and which step failed.
 */
export const nodePullCheck: Check = {
  id: 'node-pull',
  title: 'test pull from the node pool',
  needs: ['registry', 'cluster'],
  inCluster: 'probe',
  timeoutMs: 150_000,
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const node = ctx.failure.node?.toLowerCase();
    const pool = cluster.nodePools.find((p) => node?.startsWith(`aks-${p.name.toLowerCase()}-`) || (node && new RegExp(`^aks${p.name.toLowerCase()}\\d{6}$`).test(node)));
    if (!pool) return { finding: { status: 'skipped', summary: `the failure's node${node ? ` ${node}` : ''} is in no node pool of ${cluster.name}`, evidence: [], fixes: [] } };
    if (pool.osType !== 'Linux') return { finding: { status: 'skipped', summary: `canipull runs on Linux nodes; pool ${pool.name} is ${pool.osType}`, evidence: [], fixes: [] } };
    const script = probeScript({ nodePool: pool.name.toLowerCase(), loginServer: registry.loginServer, podName: `pull-doctor-canipull-${randomBytes(4).toString('hex')}` });
    let logs: string;
    try {
      logs = (await readInCluster(ctx, cluster.id, script)).logs;
    } catch (e) {
      const d = describeRunCommandFailure(e, `a test pull from node pool ${pool.name}`);
      return { finding: { status: 'unknown', summary: d.summary, evidence: [], fixes: [{ text: d.fixText }], missing: d.missing, docs: DOCS.runCommand } };
    }
    const probe = parseProbeOutput(logs);
    const source = `in-cluster (AKS Run Command): canipull pod on node pool ${pool.name}`;
    const evidence = probe.steps.map((s) => ({ fact: `${s.step}: ${s.result}`, source }));
    if (probe.canPull) return { finding: { status: 'pass', summary: `a canipull pod on node pool ${pool.name} authenticated to ${registry.loginServer}`, evidence, fixes: [] } };
    const failed = probe.steps.find((s) => s.result === 'FAILED');
    if (!failed && probe.exitCode === undefined) {
      return { finding: { status: 'unknown', summary: `the canipull pod on node pool ${pool.name} gave no result (it may not have started within the timeout)`, evidence, fixes: [], missing: { what: `a test pull from node pool ${pool.name}` } } };
    }
    return {
      finding: {
        status: 'warn',
        summary: `A test pull from node pool ${pool.name} also fails against ${registry.loginServer}${failed ? ` at "${failed.step}"` : ` (exit ${probe.exitCode})`}: the failure is reproducible from the node`,
        evidence,
        fixes: [{ text: `Run the same check yourself on the failing node for the full log.`, command: `az aks check-acr --resource-group ${cluster.resourceGroup} --name ${cluster.name} --acr ${registry.loginServer} --node-name ${ctx.failure.node ?? '<node>'}` }],
        docs: DOCS.checkAcr,
      },
    };
  },
};
