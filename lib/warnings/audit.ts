import { createHash } from 'node:crypto';
import type { Change, CheckId, ImpactReport } from '../model';
import type { ImpactEngine } from '../prevent/impact-analyzer';
import { AUDIT_OPERATION } from '../render/warning-view';

/**
 * The fleet audit (issue 18): every image running in a cluster now, re-checked with every check
 * that decides a *future* pull (registry state, identity, network, node pools), as if every node
 * were recycled now. It is the impact analysis in "audit" mode: no change caused it, so the scope
 * is the cluster and the checks are all of these. Sorted by blast radius (the analyzer sorts).
 */
export const AUDIT_CHECKS: readonly CheckId[] = [
  'cluster',
  'pull-permission',
  'repository-tag',
  'platform',
  'network-rules',
  // The nodes' way out (subnet NSG, route table, Azure Firewall) decides a recycled node's pull as much as the registry firewall.
  'node-egress',
  'private-endpoint',
  'private-dns',
  'geo-replication',
];

/** The audit as a change the analyzer understands: the cluster "changed" into what it is now. */
export function auditChange(cluster: string, at: Date): Change {
  return {
    id: `audit-${createHash('sha256').update(cluster.toLowerCase()).digest('hex').slice(0, 16)}-${at.toISOString()}`,
    kind: 'cluster-changed',
    at: at.toISOString(),
    resourceId: cluster,
    operation: AUDIT_OPERATION,
    eventIds: [],
    checks: [...AUDIT_CHECKS],
  };
}

export async function auditCluster(engine: ImpactEngine, cluster: string, options: { at?: Date; signal?: AbortSignal } = {}): Promise<ImpactReport> {
  const change = auditChange(cluster, options.at ?? new Date());
  return engine.assess(change, { filter: { cluster } }, options.signal ? { signal: options.signal } : {});
}

/** The machine-readable answer of `audit --json` (the `impact --json` shape, per cluster). */
export function auditJson(reports: ReadonlyArray<{ cluster: string; report: ImpactReport }>) {
  return {
    clusters: reports.map(({ cluster, report }) => ({
      cluster,
      atRisk: report.atRisk.map((w) => ({ namespace: w.namespace, workload: w.workload, pods: w.pods, image: w.image, nodePools: w.nodePools, checkId: w.checkId, summary: w.summary, fix: w.fix })),
      undecided: report.undecided,
      considered: report.considered,
      checked: report.checked,
      requests: report.requests,
    })),
  };
}
