import { createHash } from 'node:crypto';
import type { Change, CheckId } from '../model';
import type { RecheckScope } from './change-scope';

/** The checks a fleet audit re-runs for every running image: everything Azure and the registry can tell. */
export const AUDIT_CHECKS: readonly CheckId[] = ['pull-permission', 'repository-tag', 'platform', 'network-rules', 'private-endpoint', 'private-dns', 'geo-replication'];

/**
 * The fleet audit (issue 18, deliverable 4) as an impact analysis: "what if every node of this
 * cluster were recycled now" is a cluster change whose scope is every running image of the cluster.
 * Pass both to `ImpactEngine.assess(change, scope)`.
 */
export function auditOfCluster(cluster: string, at: Date = new Date()): { change: Change; scope: RecheckScope } {
  const id = `audit-${createHash('sha256').update(`${cluster.toLowerCase()}|${at.toISOString()}`).digest('hex').slice(0, 32)}`;
  return {
    change: { id, kind: 'cluster-changed', at: at.toISOString(), resourceId: cluster, operation: 'pull-doctor/audit', eventIds: [], checks: [...AUDIT_CHECKS] },
    scope: { filter: { cluster } },
  };
}
