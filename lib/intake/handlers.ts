import type { K8sEventSender } from '../config/settings';
import { MAX_EVENTS_PER_DELIVERY } from '../http/bounded-body';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { IncidentStore } from '../incidents/incident-store';
import type { Intake } from './intake';
import type { JobQueue } from '../queue/job-queue';
import { isPermanentStorageError, storageErrorCode } from '../incidents/storage-errors';
import { eachIsolated } from './incident-lookups';
import { clipForLog, type Logger } from './logger';
import { parseJson } from './json-body';
import { parseAcrEvents } from './parse-acr-event';
import { parseK8sEvents } from './parse-k8s-event';
import { authenticateSender, senderBinding } from './k8s-senders';

export { handleAlertWebhook } from './alert-handler';

/**
 * What the trigger functions call: plain values in, plain answers out (functions/ only adapts the
 * Functions types). Transient failures (storage, queue) throw so the caller's retry applies;
 * bad input never throws.
 */
export interface IntakeServices {
  intake: Intake;
  store: IncidentStore;
  /** The work queue: an accepted alert is queued for its Log Analytics read (lib/jobs/run-alert-expand-job.ts). */
  queue: JobQueue;
  /** Absent when no Log Analytics is configured; alerts that only count rows are then logged and dropped. */
  insights?: ContainerInsightsPort;
  /** PULL_DOCTOR_WORKSPACE_IDS: the workspaces alerts may read (a link to another one is not followed). */
  workspaceIds: readonly string[];
  /** PULL_DOCTOR_ALERT_RULES: the alert rules pull-doctor's infra created. */
  alertRules?: readonly string[];
  /** PULL_DOCTOR_K8S_EVENT_SENDERS: each Kubernetes event sender bound to its cluster. */
  k8sEventSenders?: readonly K8sEventSender[];
}

export interface HttpAnswer {
  status: number;
  jsonBody: Record<string, unknown>;
  headers?: Record<string, string>;
}



export interface EventsOutcome {
  accepted: number;
  ignored: number;
  malformed: number;
  /** Kubernetes events whose sender is not bound to the cluster they name (PULL_DOCTOR_K8S_EVENT_SENDERS). */
  refused?: number;
  duplicates: number;
  enqueued: number;
}

/**
 * Kubernetes Warning events (one envelope, a batch, or the exporter's raw event). Malformed and
 * unrelated events are logged and dropped; `routeCluster` is the cluster of the authenticated
 * per-cluster route that received them. Each event is stored on its own: one that Storage refuses
 * for good is dropped with a log line; a transient failure fails the delivery (after the other
 * events) so Event Grid retries it.
 */
export async function handleK8sEvents(services: IntakeServices, body: unknown, log: Logger, signal?: AbortSignal, routeCluster?: string): Promise<EventsOutcome> {
  const outcome: EventsOutcome = { accepted: 0, ignored: 0, malformed: 0, refused: 0, duplicates: 0, enqueued: 0 };
  let transient: unknown;
  for (const event of parseK8sEvents(body, senderBinding(services.k8sEventSenders ?? [], routeCluster))) {
    if (event.kind === 'refused') {
      outcome.refused!++;
      log.warn(`k8s event ${clipForLog(event.id, 100)} refused: ${clipForLog(event.reason)}`);
      continue;
    }
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
    let result: Awaited<ReturnType<typeof services.intake.ingest>>;
    try {
      result = await services.intake.ingest([event.failure], { eventKey: `eg|${event.id}`, signal });
    } catch (error) {
      if (!isPermanentStorageError(error)) {
        transient ??= error;
        continue;
      }
      outcome.ignored++;
      log.error(`k8s event ${clipForLog(event.id, 100)} dropped: storage refused it for good (${clipForLog(storageErrorCode(error))})`);
      continue;
    }
    if (result.duplicate) outcome.duplicates++;
    else if (result.ignored.length > 0) outcome.ignored++;
    else outcome.accepted++;
    outcome.enqueued += result.enqueued;
  }
  if (transient) throw transient;
  return outcome;
}

/**
 * ACR ImagePushed / ImageDeleted. Each event on its own, as for Kubernetes events: one that Storage
 * refuses for good is dropped with a log line; a transient failure fails the delivery after the
 * other events (the ones done are remembered, so Event Grid's retry does only the rest).
 */
export async function handleAcrEvents(services: IntakeServices, body: unknown, log: Logger, signal?: AbortSignal): Promise<EventsOutcome & { rechecks: number }> {
  const outcome = { accepted: 0, ignored: 0, malformed: 0, duplicates: 0, enqueued: 0, rechecks: 0 };
  const events: Array<Extract<Awaited<ReturnType<typeof parseAcrEvents>>[number], { kind: 'push' | 'delete' }>> = [];
  for (const event of await parseAcrEvents(body)) {
    if (event.kind === 'malformed') {
      outcome.malformed++;
      log.warn(`ACR event ${clipForLog(event.id ?? '(no id)', 100)} malformed, dropped: ${clipForLog(event.reason)}`);
    } else if (event.kind === 'ignored') {
      outcome.ignored++;
      log.info(`ACR event ${clipForLog(event.id, 100)} ignored: ${clipForLog(event.reason)}`);
    } else if (!services.intake.registryInScope(event.loginServer)) {
      outcome.ignored++;
      log.info(`ACR event ${clipForLog(event.id, 100)} ignored: registry ${event.loginServer} is outside PULL_DOCTOR_ALLOWED_REGISTRIES`);
    } else {
      if (event.leftOut) log.warn(`ACR event ${clipForLog(event.id, 100)}: left out ${event.leftOut.join(', ')} (not valid for its grammar or too long)`);
      events.push(event);
    }
  }
  await eachIsolated(events, log, (event) => `ACR event ${event.id}`, async (event) => {
    const key = `acr|${event.id}`;
    if (await services.intake.seen(key, true, signal)) {
      outcome.duplicates++;
      return;
    }
    await handleAcrEvent(services, event, outcome, log, signal);
    await services.intake.remember(key, true, signal);
    outcome.accepted++;
  }, () => outcome.ignored++);
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

/** POST /api/events/k8s/<sender>: the exporter's raw webhook body (or an envelope) from one cluster's sender. */
export async function handleK8sSenderHttp(
  services: IntakeServices,
  sender: string,
  headers: { get(name: string): string | null },
  rawBody: string,
  log: Logger,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const auth = authenticateSender(services.k8sEventSenders ?? [], sender, headers.get('authorization'));
  if (!auth.ok) {
    log.warn(`k8s sender webhook: ${auth.status} ${auth.error}`);
    return { status: auth.status, jsonBody: { error: auth.error } };
  }
  const json = parseJson(rawBody);
  if (!json.ok) {
    log.warn(`k8s sender webhook: 400 ${json.reason}`);
    return { status: 400, jsonBody: { error: json.reason } };
  }
  if (Array.isArray(json.value) && json.value.length > MAX_EVENTS_PER_DELIVERY) {
    const error = `${json.value.length} events in one delivery; at most ${MAX_EVENTS_PER_DELIVERY}`;
    log.warn(`k8s sender webhook: 413 ${error}`);
    return { status: 413, jsonBody: { error } };
  }
  const outcome = await handleK8sEvents(services, json.value, log, signal, auth.cluster);
  return { status: 200, jsonBody: { ...outcome } };
}
