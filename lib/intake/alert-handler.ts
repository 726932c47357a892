import type { HttpAnswer, IntakeServices } from './handlers';
import { alertResolvedKey, newAlertExpandJob } from '../queue/alert-expand-job';
import { alertOwnership } from './alert-ownership';
import { parseJson } from './json-body';
import { clipForLog, type Logger } from './logger';
import { parseAlert } from './parse-alert';

/**
 * Azure Monitor action group → 202 queued/ignored/resolved, 400 malformed. The webhook only
 * authenticates (functions/), parses, deduplicates (the firing's durable key) and queues one
 * "expand alert" job; the Container insights read that turns the alert into failures runs on the
 * queue (lib/jobs/run-alert-expand-job.ts), with the queue's retries and poison handling. A Resolved
 * call is handled here (Table Storage only), and leaves a durable mark so an expansion still queued
 * for the same alert opens nothing.
 */
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
  try {
    if (alert.condition === 'Resolved') {
      // Marked first: an expansion of this alert that runs after this point sees it (run-alert-expand-job.ts).
      await services.intake.remember(alertResolvedKey(alert.alertId), true, signal);
      const resolved = await services.intake.alertResolved(alert.alertId, { eventKey: alert.firingKey, rule: alert.rule, signal });
      return { status: 202, jsonBody: { resolved } };
    }
    if (await services.intake.seen(alert.firingKey, true, signal)) {
      log.info(`alert webhook: ${alert.rule} firing ${alert.window.start.toISOString()}..${alert.window.end.toISOString()} redelivered, dropped`);
      return { status: 202, jsonBody: { duplicate: true } };
    }
    const made = newAlertExpandJob({
      alertId: alert.alertId,
      rule: alert.rule,
      signal: alert.signal,
      window: { start: alert.window.start.toISOString(), end: alert.window.end.toISOString() },
      firingKey: alert.firingKey,
      ...(alert.cluster ? { cluster: alert.cluster } : {}),
      workspaceIds: alert.workspaceIds.slice(0, 10),
      pods: alert.pods,
    });
    if (!made.ok) {
      log.warn(`alert webhook: 400 alert out of bounds: ${clipForLog(made.reason)}`);
      return { status: 400, jsonBody: { error: `alert out of bounds: ${made.reason}` } };
    }
    const job = made.job;
    await services.queue.enqueue(job, { signal });
    // Remembered after the send: a failed send is retried by the action group; a copy sent twice is
    // dropped by the job's own key.
    await services.intake.remember(alert.firingKey, true, signal);
    log.info(`alert webhook: ${alert.rule} firing queued as job ${job.jobId} (${job.alert.pods.length} pod(s)${job.alert.podsLeftOut ? `, ${job.alert.podsLeftOut} left out: the job reads the window` : ''})`);
    return { status: 202, jsonBody: { queued: true, jobId: job.jobId, pods: job.alert.pods.length, ...(job.alert.podsLeftOut ? { podsLeftOut: job.alert.podsLeftOut } : {}) } };
  } catch (error) {
    // Thrown to the host, this would be its 500, which an action group does not retry (it retries
    // 408, 429, 503, 504 and dropped calls: Microsoft Learn, "Action groups", webhook retry rules):
    // the alert would be lost. A 503 is retried, up to 5 times over about 70 s.
    log.error(`alert webhook: 503 incident storage or queue unavailable, the action group retries: ${clipForLog(error instanceof Error ? error.message : String(error))}`);
    return { status: 503, headers: { 'Retry-After': '10' }, jsonBody: { error: 'incident storage unavailable; retry later' } };
  }
}
