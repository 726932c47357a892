import type { PullFailure } from '../model';
import type { HttpAnswer, IntakeServices } from './handlers';
import { alertOwnership } from './alert-ownership';
import { parseJson } from './json-body';
import { clipForLog, type Logger } from './logger';
import { isAksClusterId, isNamespace } from './names';
import { completeAlertPods, parseAlert, type AlertPod, type ParsedAlert } from './parse-alert';

/** Log Analytics reads for one alert must finish well inside the action group's webhook timeout. */
const ALERT_LOOKUP_BUDGET_MS = 8_000;

/**
 * The workspace an alert is read from. With PULL_DOCTOR_WORKSPACE_IDS set, the payload's link is
 * followed only when it names one of those (the identity may read others it should not query for a
 * caller); unset, the link is the only source.
 */
function alertWorkspace(services: IntakeServices, alert: Extract<ParsedAlert, { kind: 'alert' }>): string | undefined {
  const configured = services.workspaceIds.map((w) => w.toLowerCase());
  if (configured.length === 0) return alert.workspaceIds[0];
  return alert.workspaceIds.find((w) => configured.includes(w)) ?? configured[0];
}

/** The alert's pods (all failing pods in its window when it names none), read from Container insights. */
async function lookUpAlertPods(
  services: IntakeServices,
  alert: Extract<ParsedAlert, { kind: 'alert' }>,
  pods: AlertPod[],
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<PullFailure[]> {
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
      start: alert.window.start,
      end: alert.window.end,
      ...(clusters.size === 1 ? { cluster: [...clusters][0] } : {}),
      ...(namespaces.size === 1 && [...namespaces][0] ? { namespace: [...namespaces][0] } : {}),
    },
    { signal: signal ? AbortSignal.any([signal, budget]) : budget },
  );
  const named = pods.filter((p) => p.pod);
  const wanted = named.length ? rows.filter((r) => named.some((p) => p.pod === r.pod && (!p.namespace || p.namespace === r.namespace) && (!p.image || p.image === r.image))) : rows;
  return wanted.map((r) => ({ ...r, cluster: r.cluster ?? alert.cluster, source: alert.signal === 'prometheus' ? 'prometheus-alert' : 'alert' }));
}

/**
 * The alert's failures. Dimensions name pod and image but not the kubelet message, which decides the
 * incident's category, so the message is read from Container insights for the alert's window; rows
 * without an image (Prometheus) or an alert that only counts rows need that read to exist at all.
 */
async function alertFailures(services: IntakeServices, alert: Extract<ParsedAlert, { kind: 'alert' }>, log: Logger, signal: AbortSignal | undefined): Promise<PullFailure[]> {
  const named = completeAlertPods(alert, alert.pods);
  const needsLookup = alert.pods.length === 0 || alert.pods.some((p) => !p.image);
  let found: PullFailure[] = [];
  try {
    found = await lookUpAlertPods(services, alert, alert.pods, log, signal);
  } catch (error) {
    // Without the read there is nothing to ingest: fail, so the action group calls again.
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

/** Azure Monitor action group → 202 accepted/ignored, 400 malformed. */
export async function handleAlertWebhook(services: IntakeServices, rawBody: string, log: Logger, signal?: AbortSignal): Promise<HttpAnswer> {
  const json = parseJson(rawBody);
  if (!json.ok) {
    log.warn(`alert webhook: 400 ${json.reason}`);
    return { status: 400, jsonBody: { error: json.reason } };
  }
  const alert = parseAlert(json.value);
  if (alert.kind === 'malformed') {
    log.warn(`alert webhook: 400 malformed common alert schema payload: ${alert.reason}`);
    return { status: 400, jsonBody: { error: `malformed alert: ${alert.reason}` } };
  }
  if (alert.kind === 'ignored') {
    log.info(`alert webhook: ignored (${alert.reason})`);
    return { status: 202, jsonBody: { ignored: alert.reason } };
  }
  if (alert.testAction) {
    const note = `Azure Monitor test action (${alert.rule}) received; pull-doctor acts only on its own pull-failure alerts, so nothing was queried or opened`;
    log.info(`alert webhook: ${note}`);
    return { status: 202, jsonBody: { test: true, note } };
  }
  const ownership = alertOwnership(alert.origin, services.alertRules ?? []);
  if (!ownership.ours) {
    log.info(`alert webhook: ignored (${clipForLog(ownership.reason)})`);
    return { status: 202, jsonBody: { ignored: ownership.reason } };
  }
  if (alert.condition === 'Resolved') {
    const resolved = await services.intake.alertResolved(alert.alertId, { eventKey: alert.firingKey, rule: alert.rule, signal });
    return { status: 202, jsonBody: { resolved } };
  }
  if (await services.intake.seen(alert.firingKey, true, signal)) {
    log.info(`alert webhook: ${alert.rule} firing ${alert.window.start.toISOString()}..${alert.window.end.toISOString()} redelivered, dropped`);
    return { status: 202, jsonBody: { duplicate: true } };
  }
  const failures = await alertFailures(services, alert, log, signal);
  const result = await services.intake.ingest(failures, { eventKey: alert.firingKey, durableKey: true, alertId: alert.alertId, alertRule: alert.rule, signal });
  log.info(
    `alert webhook: ${alert.rule} ${result.duplicate ? 'redelivered, dropped' : `${failures.length} failure(s) → ${result.incidents.length} incident(s), ${result.enqueued} job(s)`}`,
  );
  return {
    status: 202,
    jsonBody: {
      duplicate: result.duplicate,
      failures: failures.length,
      incidents: result.incidents,
      enqueued: result.enqueued,
      ignored: result.ignored.length,
      ...(failures.length === 0 ? { note: 'no failing pod found for this alert in its window' } : {}),
    },
  };
}
