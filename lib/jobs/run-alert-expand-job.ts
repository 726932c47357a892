import type { IntakeServices } from '../intake/handlers';
import { alertFailures, alertNeedsLookup } from '../intake/alert-expansion';
import { clipForLog, type Logger } from '../intake/logger';
import { alertExpandedKey, alertResolvedKey, AlertExpandJobSchema, describeAlertJob } from '../queue/alert-expand-job';
import { parseQueueJob } from '../queue/diagnose-job';
import { recordJobPoisoned } from '../telemetry';

export interface AlertExpandJobDeps {
  services: Pick<IntakeServices, 'intake' | 'insights' | 'workspaceIds'>;
  log: Logger;
  /** host.json maxDequeueCount: the attempt on which a failure is the last one. */
  maxAttempts?: number;
}

export type AlertExpandJobOutcome = 'alert:expanded' | 'alert:duplicate' | 'alert:resolved-first' | 'alert:dropped';

/**
 * One queued alert (lib/queue/alert-expand-job.ts): read its pods' kubelet messages from Container
 * insights, then ingest them like any other failure (incidents, diagnose jobs through the outbox).
 * Idempotent by the firing's key. A failed read the alert cannot do without throws, so the queue
 * retries it (host.json visibility timeout); the last attempt logs the poison at error with the
 * alert and the reason and counts it, and the runtime moves the message to `<queue>-poison`, where
 * `pull-doctor incidents` lists it.
 *
 * A Resolved call that was handled before this job (or while it ran) wins: its durable mark is read
 * before the ingest, and again after it (the Resolved handler writes the mark before it looks for
 * incidents, so one of the two sides sees the other) to resolve what this job just opened.
 */
export async function runAlertExpandJob(message: unknown, deps: AlertExpandJobDeps, meta: { dequeueCount?: number; signal?: AbortSignal } = {}): Promise<AlertExpandJobOutcome> {
  const parsed = parseQueueJob(message, AlertExpandJobSchema);
  if (!parsed.ok) {
    deps.log.error(`alert job dropped: not an alert job (${clipForLog(parsed.error)})`);
    return 'alert:dropped';
  }
  const { alert } = parsed.job;
  const { intake } = deps.services;
  const signal = meta.signal;
  const what = `alert job ${parsed.job.jobId}: ${describeAlertJob(parsed.job)}`;
  const doneKey = alertExpandedKey(alert.firingKey);
  try {
    if (await intake.seen(doneKey, true, signal)) {
      deps.log.info(`${what}: already expanded (a redelivered copy); skipped`);
      return 'alert:duplicate';
    }
    if (await intake.seen(alertResolvedKey(alert.alertId), true, signal)) {
      deps.log.info(`${what}: the alert resolved before its pods were read; nothing opened`);
      await intake.remember(doneKey, true, signal);
      return 'alert:resolved-first';
    }
    const failures = await alertFailures(deps.services, alert, deps.log, signal);
    const result = await intake.ingest(failures, { eventKey: doneKey, durableKey: true, alertId: alert.alertId, alertRule: alert.rule, signal });
    deps.log.info(`${what}: ${failures.length} failure(s) → ${result.incidents.length} incident(s), ${result.enqueued} job(s)${failures.length === 0 ? ' (no failing pod found in its window)' : ''}`);
    if (result.incidents.length > 0 && (await intake.seen(alertResolvedKey(alert.alertId), true, signal))) {
      const resolved = await intake.alertResolved(alert.alertId, { rule: alert.rule, signal });
      deps.log.info(`${what}: the alert resolved while its pods were read; ${resolved.length} incident(s) resolved`);
    }
    return 'alert:expanded';
  } catch (error) {
    const reason = clipForLog(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 1000);
    const attempt = meta.dequeueCount ?? 1;
    if (attempt >= (deps.maxAttempts ?? 5)) {
      deps.log.error(`${what} poisoned after ${attempt} attempts${alertNeedsLookup(alert) ? ' (its pods can only be read from Log Analytics)' : ''}: ${reason}`);
      recordJobPoisoned({ reason: 'alert-expand' });
    } else deps.log.warn(`${what} failed (attempt ${attempt}), retried: ${reason}`);
    throw error;
  }
}
