import { owningWorkload, type PullFailure } from '../model';
import { abortable } from '../util/abortable';
import type { ContainerInsightsPort, PreviousImage } from './container-insights';
import { PREVIOUS_IMAGE_KINDS, type PreviousImageKind } from './kql-templates';
import { leastRoleFor } from '../diagnosis/least-role';

/** What the repository-tag check asks: the failing workload (from the failure) and its image. */
export interface PreviousImageRequest {
  failure: PullFailure;
  registry: string;
  repository: string;
  failingTag: string;
}

/**
 * The answer, never an exception: the tag found, or why there is none — `unreadable` when it could
 * not be read (no workspace, a failed query, a workload we cannot name), so the check says so.
 */
export type PreviousImageAnswer =
  | { found: PreviousImage; workload: string; source: string }
  | { found?: undefined; unreadable: boolean; why: string; source: string };

export type PreviousImageLookup = (request: PreviousImageRequest, signal: AbortSignal) => Promise<PreviousImageAnswer>;

const DAY = 24 * 3_600_000;
const SOURCE = 'Container insights (KubePodInventory, ContainerInventory)';
/** Workspaces queried at once; PULL_DOCTOR_WORKSPACE_IDS rarely names more. */
const MAX_WORKSPACES = 10;

export interface PreviousImageOptions {
  /** How far back before the failure to look (default 7 days). */
  windowDays?: number;
  /**
   * Longest wait for Log Analytics (default 4 s). Shorter than a check's budget (10 s), so a slow
   * workspace costs the repository-tag check its preference, never its finding.
   */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * A 403 from the Log Analytics query API (InsufficientAccessError) names no action; a query needs
 * Microsoft.OperationalInsights/workspaces/query/read (all tables: query/{star}/read, one table:
 * query/<table>/read; https://learn.microsoft.com/azure/azure-monitor/logs/manage-access). Those are
 * read actions, so the built-in Reader (actions: {star}/read) grants them — Microsoft's own table-level guide
 * grants table reads with Reader (https://learn.microsoft.com/azure/azure-monitor/logs/manage-table-access) —
 * and it is narrower than Log Analytics Reader ({star}/read plus the search actions). The least role is
 * named the way ARM 403s name theirs (least-role.ts), so the refusal says which right is missing.
 */
const QUERY_ACTION = 'Microsoft.OperationalInsights/workspaces/query/read';

function whyRejected(error: unknown): string {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status !== 403) return oneLine(error);
  const code = (error as { code?: unknown }).code;
  return `403${typeof code === 'string' ? ` ${code}` : ''}: pull-doctor may not query it (needs ${QUERY_ACTION} on the workspace; least built-in role that grants it: ${leastRoleFor(QUERY_ACTION)})`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/**
 * The tag the failing workload ran before, from Container insights in the configured workspaces
 * (the newest answer wins when several hold the cluster). The window ends when the failure was
 * first seen: what ran then is what the rollout replaced.
 */
export function containerInsightsPreviousImage(insights: () => ContainerInsightsPort, workspaceIds: readonly string[], options: PreviousImageOptions = {}): PreviousImageLookup {
  const windowMs = (options.windowDays ?? 7) * DAY;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 4000;
  return async ({ failure, registry, repository, failingTag }, signal) => {
    if (workspaceIds.length === 0) return { unreadable: true, why: 'no Container insights workspace is configured (PULL_DOCTOR_WORKSPACE_IDS)', source: SOURCE };
    const workload = owningWorkload(failure.controller);
    const m = /^([A-Za-z]+)\/(.+)$/.exec(workload ?? '');
    if (!failure.cluster || !failure.namespace || !m) {
      return { unreadable: true, why: `the failing pod's ${!failure.cluster ? 'cluster' : !failure.namespace ? 'namespace' : 'workload'} is not known`, source: SOURCE };
    }
    const kind = m[1] as PreviousImageKind;
    if (!PREVIOUS_IMAGE_KINDS.includes(kind)) return { unreadable: true, why: `${kind} workloads are not looked up (only ${PREVIOUS_IMAGE_KINDS.join(', ')})`, source: SOURCE };
    const end = new Date(Date.parse(failure.firstSeen ?? '') || Date.parse(failure.lastSeen ?? '') || now());
    const params = { cluster: failure.cluster, namespace: failure.namespace, workload: { kind, name: m[2]! }, registry, repository, failingTag, start: new Date(end.getTime() - windowMs), end };
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    const results = await Promise.allSettled(
      workspaceIds.slice(0, MAX_WORKSPACES).map((workspaceId) => abortable(insights().previousImage({ ...params, workspaceId }, { signal: bounded }), bounded)),
    );
    const found = results
      .map((r, i) => (r.status === 'fulfilled' && r.value ? { image: r.value, workspaceId: workspaceIds[i]! } : undefined))
      .filter((f) => f !== undefined)
      .sort((a, b) => Date.parse(b.image.lastRunning) - Date.parse(a.image.lastRunning))[0];
    if (found) return { found: found.image, workload: `${kind}/${m[2]}`, source: `${SOURCE}, workspace ${found.workspaceId}` };
    const timedOut = bounded.aborted && !signal.aborted;
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`workspace ${workspaceIds[i]}: ${timedOut ? `no answer within ${timeoutMs} ms` : whyRejected(r.reason)}`] : []));
    if (failed.length > 0) return { unreadable: true, why: `Log Analytics could not be read (${failed.join('; ')})`, source: SOURCE };
    const days = Math.round(windowMs / DAY);
    return { unreadable: false, why: `Container insights shows no other tag of ${repository} running in ${kind}/${m[2]} in the ${days} days before ${end.toISOString()}`, source: SOURCE };
  };
}
