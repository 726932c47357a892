import { ChatDeliveryError, isPermanentChatError } from '../chat/chat-errors';
import { acknowledge } from '../incidents/outbox';
import type { Incident } from '../model';
import type { DiagnoseJob } from '../queue/diagnose-job';
import { recordDeliveryFailure, recordJobPoisoned } from '../telemetry';
import type { DeliveryState } from './deliver-diagnosis';
import { defer, MAX_DEFERRALS, type JobDeps, type JobOutcome } from './run-diagnose-job';

function describe(error: unknown): string {
  if (error instanceof ChatDeliveryError) return `${error.message}${error.details.code && !error.message.includes(error.details.code) ? ` (${error.details.code})` : ''}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * What a failed job does, by error class:
 * - a permanent chat error (channel gone, bot not in the channel, auth): no retry; the incident
 *   records `deliveryFailed` (shown by `pull-doctor incidents`), logged at error;
 * - a rate limit with a Retry-After: back on the queue with that delay (that channel only);
 * - anything else: retried by the queue; the last attempt (host.json maxDequeueCount) finishes the
 *   message as "could not finish: <reason>" with a Re-check button, records why, and logs the
 *   poison at error with a metric before the runtime moves the message to `<queue>-poison`.
 */
export async function handleJobError(job: DiagnoseJob, error: unknown, deps: JobDeps, state: DeliveryState, meta: { dequeueCount?: number; signal?: AbortSignal }): Promise<JobOutcome> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const reason = describe(error).slice(0, 1000);
  const attempt = meta.dequeueCount ?? 1;
  const platform = deps.chat.platform;

  if (isPermanentChatError(error)) {
    deps.log.error(`diagnose job ${job.jobId}: incident ${job.incidentId}: chat delivery failed for good, not retried: ${reason}`);
    recordDeliveryFailure({ platform, kind: 'permanent', code: error.details.code });
    // An edit the platform refuses for good (message gone, cannot be updated) may still be replaceable by a new message.
    if (!state.final && state.ref) await finishUnfinished(job, deps, state, reason, meta.signal);
    await record(job, deps, now, reason, attempt, { reason, at: now, jobId: job.jobId, permanent: true, ...(error.details.code ? { code: error.details.code } : {}) }, state.ref);
    return 'failed:permanent';
  }

  if (error instanceof ChatDeliveryError && error.details.retryAfterMs !== undefined && deps.queue && job.deferrals < MAX_DEFERRALS) {
    deps.log.warn(`diagnose job ${job.jobId}: chat rate limited (${reason}); runs again in ${Math.ceil(error.details.retryAfterMs / 1000)} s`);
    return defer(job, deps, 'rate-limited', error.details.retryAfterMs / 1000, meta.signal);
  }

  const last = attempt >= (deps.maxDequeueCount ?? 5);
  if (!last) {
    deps.log.error(`diagnose job ${job.jobId} (attempt ${attempt}) failed: ${reason}`);
    await record(job, deps, now, reason, attempt);
    throw error;
  }

  // The last attempt: every message that was started reaches a final state before the job goes to poison.
  if (!state.final) await finishUnfinished(job, deps, state, reason, meta.signal);
  deps.log.error(`diagnose job ${job.jobId} poisoned: incident ${job.incidentId} (${job.reason}), attempt ${attempt}: ${reason}`);
  recordJobPoisoned({ reason: job.reason });
  recordDeliveryFailure({ platform, kind: 'exhausted' });
  // A message left unfinished (the channel refused even that) keeps the job owed: the outbox sends it again once the channel is back.
  const stuck = state.ref !== undefined && !state.final;
  await record(job, deps, now, reason, attempt, { reason: `gave up after ${attempt} attempts: ${reason}`, at: now, jobId: job.jobId, permanent: false }, state.ref, stuck);
  throw error;
}

/** "could not finish: <reason>" on the incident's message (a new one where the adapter cannot edit, or has none yet). */
async function finishUnfinished(job: DiagnoseJob, deps: JobDeps, state: DeliveryState, reason: string, signal?: AbortSignal): Promise<void> {
  const incident = await deps.store.get(job.cluster, job.incidentId, { signal }).catch(() => undefined);
  const subject: Incident | undefined = incident ?? undefined;
  const ref = state.ref ?? incident?.chat;
  if (!subject || !ref) {
    deps.log.error(`diagnose job ${job.jobId}: incident ${job.incidentId} has no message to finish${subject ? '' : ' (incident not readable)'}`);
    return;
  }
  try {
    const replaced = await deps.chat.unfinished(ref, subject, reason, { signal });
    if (replaced) state.ref = replaced;
    state.final = true;
  } catch (error) {
    deps.log.error(`diagnose job ${job.jobId}: could not mark the message "could not finish" either: ${describe(error)}`);
  }
}

/** Records why the job failed (job failures + the incident); on a final failure also acknowledges the job and records the delivery failure. */
async function record(
  job: DiagnoseJob,
  deps: JobDeps,
  now: string,
  reason: string,
  attempt: number,
  final?: NonNullable<Incident['deliveryFailed']>,
  ref?: Incident['chat'],
  keepOwed = false,
): Promise<void> {
  try {
    await deps.store.recordJobFailure({ jobId: job.jobId, incidentId: job.incidentId, cluster: job.cluster, attempt, error: reason.slice(0, 2000), at: now });
    await deps.store.update(job.cluster, job.incidentId, (c) => {
      if (!c) return undefined;
      const next: Incident = final ? { ...(keepOwed ? c : acknowledge(c, job.jobId)), deliveryFailed: final } : { ...c };
      next.lastError = reason.slice(0, 500);
      if (ref) {
        next.chat = ref;
        delete next.postingJob;
      }
      if (next.job?.id === job.jobId) delete next.job;
      return next;
    });
  } catch (error) {
    deps.log.error(`could not record the failure of job ${job.jobId}: ${describe(error)}`);
  }
}
