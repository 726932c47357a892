import { MAX_EVENTS_PER_DELIVERY } from '../http/bounded-body';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { IncidentStore } from '../incidents/incident-store';
import type { PullFailure } from '../model';
import type { Intake } from './intake';
import { clipForLog, type Logger } from './logger';
import { isAksClusterId, isNamespace } from './names';
import { completeAlertPods, parseAlert, type AlertPod, type ParsedAlert } from './parse-alert';
import { parseAcrEvents } from './parse-acr-event';
import { parseK8sEvents } from './parse-k8s-event';

/**
 * What the trigger functions call: plain values in, plain answers out (functions/ only adapts the
 * Functions types). Transient failures (storage, Log Analytics) throw so the caller's retry applies;
 * bad input never throws.
 */
export interface IntakeServices {
  intake: Intake;
  store: IncidentStore;
  /** Absent when no Log Analytics is configured; alerts that only count rows are then logged and dropped. */
  insights?: ContainerInsightsPort;
  /** PULL_DOCTOR_WORKSPACE_IDS: where to read failing pods when an alert names no workspace. */
  workspaceIds: readonly string[];
}

export interface HttpAnswer {
  status: number;
  jsonBody: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Log Analytics reads for one alert must finish well inside the action group's webhook timeout. */
const ALERT_LOOKUP_BUDGET_MS = 8_000;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `body is not JSON (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'})` };
  }
}

/** The alert's pods (all failing pods in its window when it names none), read from Container insights. */
async function lookUpAlertPods(
  services: IntakeServices,
  alert: Extract<ParsedAlert, { kind: 'alert' }>,
  pods: AlertPod[],
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<PullFailure[]> {
  const workspaceId = alert.workspaceIds[0] ?? services.workspaceIds[0];
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
  if (alert.condition === 'Resolved') {
    const resolved = await services.intake.alertResolved(alert.alertId, { eventKey: alert.firingKey, signal });
    return { status: 202, jsonBody: { resolved } };
  }
  if (await services.intake.seen(alert.firingKey, true, signal)) {
    log.info(`alert webhook: ${alert.rule} firing ${alert.window.start.toISOString()}..${alert.window.end.toISOString()} redelivered, dropped`);
    return { status: 202, jsonBody: { duplicate: true } };
  }
  const failures = await alertFailures(services, alert, log, signal);
  const result = await services.intake.ingest(failures, { eventKey: alert.firingKey, durableKey: true, alertId: alert.alertId, signal });
  log.info(
    `alert webhook: ${alert.rule} ${result.duplicate ? 'redelivered, dropped' : `${failures.length} failure(s) → ${result.incidents.length} incident(s), ${result.enqueued} job(s)`}`,
  );
  return {
    status: 202,
    jsonBody: { duplicate: result.duplicate, failures: failures.length, incidents: result.incidents, enqueued: result.enqueued, ignored: result.ignored.length },
  };
}

export interface EventsOutcome {
  accepted: number;
  ignored: number;
  malformed: number;
  duplicates: number;
  enqueued: number;
}

/** Kubernetes Warning events (one envelope or a batch). Malformed and unrelated events are logged and dropped. */
export async function handleK8sEvents(services: IntakeServices, body: unknown, log: Logger, signal?: AbortSignal): Promise<EventsOutcome> {
  const outcome: EventsOutcome = { accepted: 0, ignored: 0, malformed: 0, duplicates: 0, enqueued: 0 };
  for (const event of parseK8sEvents(body)) {
    if (event.kind === 'malformed') {
      outcome.malformed++;
      log.warn(`k8s event ${clipForLog(event.id ?? '(no id)', 100)} malformed, dropped: ${clipForLog(event.reason)}`);
      continue;
    }
    if (event.kind === 'ignored') {
      outcome.ignored++;
      log.info(`k8s event ${clipForLog(event.id, 100)} ignored: ${clipForLog(event.reason)}`);
      continue;
    }
    const result = await services.intake.ingest([event.failure], { eventKey: `eg|${event.id}`, signal });
    if (result.duplicate) outcome.duplicates++;
    else if (result.ignored.length > 0) outcome.ignored++;
    else outcome.accepted++;
    outcome.enqueued += result.enqueued;
  }
  return outcome;
}

/** ACR ImagePushed / ImageDeleted. */
export async function handleAcrEvents(services: IntakeServices, body: unknown, log: Logger, signal?: AbortSignal): Promise<EventsOutcome & { rechecks: number }> {
  const outcome = { accepted: 0, ignored: 0, malformed: 0, duplicates: 0, enqueued: 0, rechecks: 0 };
  for (const event of await parseAcrEvents(body)) {
    if (event.kind === 'malformed') {
      outcome.malformed++;
      log.warn(`ACR event ${clipForLog(event.id ?? '(no id)', 100)} malformed, dropped: ${clipForLog(event.reason)}`);
      continue;
    }
    if (event.kind === 'ignored') {
      outcome.ignored++;
      log.info(`ACR event ${clipForLog(event.id, 100)} ignored: ${clipForLog(event.reason)}`);
      continue;
    }
    if (!services.intake.registryInScope(event.loginServer)) {
      outcome.ignored++;
      log.info(`ACR event ${clipForLog(event.id, 100)} ignored: registry ${event.loginServer} is outside PULL_DOCTOR_ALLOWED_REGISTRIES`);
      continue;
    }
    const key = `acr|${event.id}`;
    if (await services.intake.seen(key, true, signal)) {
      outcome.duplicates++;
      continue;
    }
    outcome.accepted++;
    await handleAcrEvent(services, event, outcome, log, signal);
    await services.intake.remember(key, true, signal);
  }
  return outcome;
}

async function handleAcrEvent(
  services: IntakeServices,
  event: Extract<Awaited<ReturnType<typeof parseAcrEvents>>[number], { kind: 'push' | 'delete' }>,
  outcome: { enqueued: number; rechecks: number },
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (event.kind === 'delete') {
    // ImageDeleted names the manifest digest and not always a tag: tags we saw pushed with that digest went with it.
    const tags = event.tag ? [event.tag] : event.digest ? await services.store.tagsForDigest(event.loginServer, event.repository, event.digest, { signal }) : [];
    for (const tag of tags) {
      await services.store.recordDeletedTag({ loginServer: event.loginServer, repository: event.repository, tag, digest: event.digest, deletedAt: event.timestamp }, { signal });
      log.info(`ACR: remembered deletion of ${event.loginServer}/${event.repository}:${tag} at ${event.timestamp}`);
    }
    if (tags.length === 0) log.info(`ACR: manifest ${event.digest ?? '?'} of ${event.loginServer}/${event.repository} deleted (no known tag)`);
    return;
  }
  if (event.tag && event.digest) {
    await services.store.recordPushedTag({ loginServer: event.loginServer, repository: event.repository, tag: event.tag, digest: event.digest }, { signal });
  }
  const rechecks = await services.intake.imagePushed(event, { signal });
  outcome.rechecks += rechecks.length;
  outcome.enqueued += rechecks.length;
  if (rechecks.length) log.info(`ACR: ${event.loginServer}/${event.repository}:${event.tag ?? event.digest} pushed → re-checking ${rechecks.length} incident(s)`);
}

/**
 * Event Grid webhook validation: the Event Grid schema sends a SubscriptionValidationEvent (answer
 * with its code); CloudEvents 1.0 sends an OPTIONS abuse-protection request (answer with the
 * origin). https://learn.microsoft.com/azure/event-grid/webhook-event-delivery
 */
export function eventGridHandshake(method: string, headers: { get(name: string): string | null }, body: unknown): HttpAnswer | undefined {
  if (method.toUpperCase() === 'OPTIONS') {
    const origin = headers.get('webhook-request-origin');
    if (!origin) return { status: 400, jsonBody: { error: 'OPTIONS without WebHook-Request-Origin' } };
    return { status: 200, jsonBody: {}, headers: { 'WebHook-Allowed-Origin': origin, 'WebHook-Allowed-Rate': '*' } };
  }
  const first: unknown = Array.isArray(body) ? body[0] : undefined;
  if (first && typeof first === 'object' && (first as { eventType?: unknown }).eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent') {
    const code = (first as { data?: { validationCode?: unknown } }).data?.validationCode;
    if (typeof code !== 'string') return { status: 400, jsonBody: { error: 'validation event without data.validationCode' } };
    return { status: 200, jsonBody: { validationResponse: code } };
  }
  return undefined;
}

/** HTTP delivery of Event Grid events (k8s or ACR): handshake, then the handler; malformed body → 400. */
export async function handleEventGridHttp(
  method: string,
  headers: { get(name: string): string | null },
  rawBody: string,
  handle: (body: unknown) => Promise<EventsOutcome>,
  log: Logger,
): Promise<HttpAnswer> {
  const refused = (answer: HttpAnswer): HttpAnswer => {
    log.warn(`event webhook: ${answer.status} ${String(answer.jsonBody.error)}`);
    return answer;
  };
  if (method.toUpperCase() === 'OPTIONS') {
    const preflight = eventGridHandshake(method, headers, undefined)!;
    return preflight.status === 200 ? preflight : refused(preflight);
  }
  const json = parseJson(rawBody);
  if (!json.ok) return refused({ status: 400, jsonBody: { error: json.reason } });
  if (Array.isArray(json.value) && json.value.length > MAX_EVENTS_PER_DELIVERY) {
    return refused({ status: 413, jsonBody: { error: `${json.value.length} events in one delivery; at most ${MAX_EVENTS_PER_DELIVERY}` } });
  }
  const handshake = eventGridHandshake(method, headers, json.value);
  if (handshake) {
    if (handshake.status !== 200) return refused(handshake);
    log.info('event webhook: subscription validation answered');
    return handshake;
  }
  const outcome = await handle(json.value);
  return { status: 200, jsonBody: { ...outcome } };
}
