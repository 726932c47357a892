import type { PullFailure } from '../model';
import type { AlertToExpand } from '../queue/alert-expand-job';
import type { IntakeServices } from './handlers';
import type { Logger } from './logger';
import { isAksClusterId, isNamespace } from './names';
import { completeAlertPods, type AlertPod } from './parse-alert';

/** One Log Analytics read for an alert; the queue's retry (not this budget) covers a slow workspace. */
const ALERT_LOOKUP_BUDGET_MS = 30_000;

/**
 * The workspace an alert is read from. With PULL_DOCTOR_WORKSPACE_IDS set, the payload's link is
 * followed only when it names one of those (the identity may read others it should not query for a
 * caller); unset, the link is the only source.
 */
function alertWorkspace(services: Pick<IntakeServices, 'workspaceIds'>, alert: AlertToExpand): string | undefined {
  const configured = services.workspaceIds.map((w) => w.toLowerCase());
  if (configured.length === 0) return alert.workspaceIds[0];
  return alert.workspaceIds.find((w) => configured.includes(w)) ?? configured[0];
}

/** The alert's pods (all failing pods in its window when `pods` is empty), read from Container insights. */
async function lookUpAlertPods(services: Pick<IntakeServices, 'insights' | 'workspaceIds'>, alert: AlertToExpand, pods: AlertPod[], log: Logger, signal: AbortSignal | undefined): Promise<PullFailure[]> {
  const workspaceId = alertWorkspace(services, alert);
  if (!services.insights || !workspaceId) {
    if (pods.length === 0 || pods.some((p) => !p.image)) {
      log.warn(`alert ${alert.rule}: rows without an image and no Log Analytics workspace configured (PULL_DOCTOR_WORKSPACE_IDS); those rows are dropped`);
    }
    return [];
  }
  const clusters = new Set((pods.length ? pods.map((p) => p.cluster ?? alert.cluster) : [alert.cluster]).filter((c): c is string => !!c && isAksClusterId(c)));
  // Only names that pass the grammar become query filters; a row with a bad one is refused by intake (logged).
  const namespaces = new Set(pods.map((p) => p.namespace).filter((n) => n === undefined || isNamespace(n)));
  const budget = AbortSignal.timeout(ALERT_LOOKUP_BUDGET_MS);
  const rows = await services.insights.failingPods(
    {
      workspaceId,
      start: new Date(alert.window.start),
      end: new Date(alert.window.end),
      ...(clusters.size === 1 ? { cluster: [...clusters][0] } : {}),
      ...(namespaces.size === 1 && [...namespaces][0] ? { namespace: [...namespaces][0] } : {}),
    },
    { signal: signal ? AbortSignal.any([signal, budget]) : budget },
  );
  const named = pods.filter((p) => p.pod);
  const wanted = named.length ? rows.filter((r) => named.some((p) => p.pod === r.pod && (!p.namespace || p.namespace === r.namespace) && (!p.image || p.image === r.image))) : rows;
  return wanted.map((r) => ({ ...r, cluster: r.cluster ?? alert.cluster, source: alert.signal === 'prometheus' ? 'prometheus-alert' : 'alert' }));
}

/** True when the alert's pods cannot become failures without the Log Analytics read. */
export function alertNeedsLookup(alert: AlertToExpand): boolean {
  return alert.pods.length === 0 || alert.podsLeftOut > 0 || alert.pods.some((p) => !p.image);
}

/**
 * The alert's failures. Dimensions name pod and image but not the kubelet message, which decides the
 * incident's category, so the message is read from Container insights for the alert's window; rows
 * without an image (Prometheus), an alert that only counts rows, or one whose pods did not all fit
 * the job need that read to exist at all: for those a failed read throws (the queue retries). For
 * the others it is logged and the dimensions are used alone.
 */
export async function alertFailures(services: Pick<IntakeServices, 'insights' | 'workspaceIds'>, alert: AlertToExpand, log: Logger, signal: AbortSignal | undefined): Promise<PullFailure[]> {
  const window = { start: new Date(alert.window.start), end: new Date(alert.window.end) };
  const named = completeAlertPods({ ...alert, window }, alert.pods);
  const needsLookup = alertNeedsLookup(alert);
  let found: PullFailure[] = [];
  try {
    // Pods left out of the job: read the whole window, so none of them is lost.
    found = await lookUpAlertPods(services, alert, alert.podsLeftOut > 0 ? [] : alert.pods, log, signal);
  } catch (error) {
    if (needsLookup) throw error;
    log.warn(`alert ${alert.rule}: could not read kubelet messages from Log Analytics (${error instanceof Error ? error.message : String(error)}); using the dimensions alone`);
  }
  const key = (f: PullFailure) => `${f.namespace}/${f.pod}/${f.image}`;
  const byKey = new Map(found.map((f) => [key(f), f]));
  // Dimensions are authoritative for which pods fired; the read adds their message, node and times.
  const merged = named.map((f) => ({ ...f, ...byKey.get(key(f)), count: f.count ?? byKey.get(key(f))?.count, source: f.source }));
  const namedKeys = new Set(named.map(key));
  return needsLookup ? [...merged, ...found.filter((f) => !namedKeys.has(key(f)))] : merged;
}
