import { randomUUID } from 'node:crypto';
import type { Incident, PendingJob } from '../model';
import { DiagnoseJobSchema, type DiagnoseJob } from '../queue/diagnose-job';
import type { JobQueue } from '../queue/job-queue';
import type { IncidentStore, StoreOptions } from './incident-store';

/**
 * The outbox. An incident's intent to run a job is part of the incident row (`pendingJob`), written
 * in the same ETag-guarded update as the change that asked for it; the queue message is only a
 * wake-up call. Whoever sees a pending job that nobody picked up within OUTBOX_ACK_MS — the
 * redelivered event, the next event, the timer — sends it again; the runner is idempotent by job
 * id (`doneJobs`), so a second copy does nothing. A job that reaches a final state clears it.
 */
export const OUTBOX_ACK_MS = 60_000;
/** After this many sends nobody picked up, the intent is given up and recorded as a delivery failure. */
export const OUTBOX_MAX_SENDS = 6;
/** How many finished job ids an incident remembers. */
const DONE_JOBS_KEPT = 10;

export type JobRequest = Pick<PendingJob, 'reason'> & Partial<Pick<PendingJob, 'force' | 'resolveIfPasses' | 'requestedBy'>>;

/** The incident with a new pending job (a newer intent replaces an older one: the older message then finds itself superseded). */
export function withPendingJob(incident: Incident, request: JobRequest, now: Date): Incident {
  const at = now.toISOString();
  const previous = incident.pendingJob;
  // A forced intent stays forced when a later, unforced one replaces it before it ran.
  const force = (request.force ?? false) || (previous !== undefined && previous.force && previous.reason !== 'alert-resolved' && request.reason !== 'alert-resolved');
  return {
    ...incident,
    pendingJob: {
      id: randomUUID(),
      reason: request.reason,
      force,
      ...(request.resolveIfPasses ? { resolveIfPasses: request.resolveIfPasses } : previous?.resolveIfPasses && force ? { resolveIfPasses: previous.resolveIfPasses } : {}),
      ...(request.requestedBy ? { requestedBy: request.requestedBy.slice(0, 200) } : {}),
      createdAt: at,
      sentAt: at,
      sends: 0,
    },
  };
}

/** The queue message for an incident's pending job. */
export function pendingJobMessage(incident: Pick<Incident, 'id' | 'cluster'>, pending: PendingJob, deferrals = 0): DiagnoseJob {
  return DiagnoseJobSchema.parse({
    jobId: pending.id,
    incidentId: incident.id,
    cluster: incident.cluster,
    reason: pending.reason,
    force: pending.force,
    ...(pending.resolveIfPasses ? { resolveIfPasses: pending.resolveIfPasses } : {}),
    ...(pending.requestedBy ? { requestedBy: pending.requestedBy } : {}),
    requestedAt: pending.createdAt,
    deferrals,
  });
}

/** True when the pending job was not picked up (no live claim by it) within the bound since it was last sent. */
export function needsResend(incident: Incident, now: Date, claimTimeoutMs: number, immediately = false): boolean {
  const pending = incident.pendingJob;
  if (!pending) return false;
  const claimed = incident.job?.id === pending.id && now.getTime() - Date.parse(incident.job.startedAt) < claimTimeoutMs;
  return !claimed && (immediately || now.getTime() - Date.parse(pending.sentAt) >= OUTBOX_ACK_MS);
}

/** A claim older than this belongs to a run that died (host.json functionTimeout is 5 minutes). */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** The incident with `jobId` acknowledged: recorded as done, its pending intent and claim cleared. */
export function acknowledge(incident: Incident, jobId: string): Incident {
  const next: Incident = { ...incident, doneJobs: [...(incident.doneJobs ?? []).filter((id) => id !== jobId), jobId].slice(-DONE_JOBS_KEPT) };
  if (next.pendingJob?.id === jobId) delete next.pendingJob;
  if (next.job?.id === jobId) delete next.job;
  return next;
}

export interface OutboxDeps {
  store: IncidentStore;
  queue: JobQueue;
  now: () => Date;
}

/**
 * Puts the incident's pending job on the queue. Counted as one send; the caller decides when that is
 * due (right after writing the intent, or `needsResend`). Throws when the queue refuses, leaving the
 * intent in place for the next redelivery, event or timer.
 */
export async function sendPendingJob(deps: OutboxDeps, incident: Incident, options: StoreOptions = {}): Promise<void> {
  const pending = incident.pendingJob;
  if (!pending) return;
  await deps.queue.enqueue(pendingJobMessage(incident, pending), { signal: options.signal });
}

export type ResendOutcome = 'sent' | 'not-due' | 'given-up';

/**
 * Sends a pending job nobody picked up again. The bump of `sentAt` is an ETag-guarded write, so of
 * many instances seeing the same stale intent only one sends it. After OUTBOX_MAX_SENDS the intent
 * is given up and recorded as a delivery failure (visible in `pull-doctor incidents`).
 */
export async function resendIfDue(deps: OutboxDeps, incident: Incident, claimTimeoutMs: number, options: StoreOptions & { immediately?: boolean } = {}): Promise<ResendOutcome> {
  const now = deps.now();
  const due = (i: Incident) => needsResend(i, now, claimTimeoutMs, options.immediately);
  if (!due(incident)) return 'not-due';
  let outcome = 'not-due' as ResendOutcome;
  const { incident: stored, written } = await deps.store.update(
    incident.cluster,
    incident.id,
    (current) => {
      outcome = 'not-due';
      if (!current?.pendingJob || !due(current)) return undefined;
      if (current.pendingJob.sends >= OUTBOX_MAX_SENDS) {
        outcome = 'given-up';
        const next: Incident = {
          ...current,
          deliveryFailed: { reason: `job ${current.pendingJob.id} (${current.pendingJob.reason}) was sent ${current.pendingJob.sends} times and never picked up`, at: now.toISOString(), jobId: current.pendingJob.id, permanent: false },
        };
        delete next.pendingJob;
        return next;
      }
      outcome = 'sent';
      return { ...current, pendingJob: { ...current.pendingJob, sentAt: now.toISOString(), sends: current.pendingJob.sends + 1 } };
    },
    { signal: options.signal },
  );
  if (written && outcome === 'sent' && stored) await sendPendingJob(deps, stored, options);
  return written ? outcome : 'not-due';
}

/**
 * Asks for a job on an incident: writes the intent (with `extra` applied in the same update), then
 * sends it. Returns the stored incident, or undefined when `extra` refused or the incident is gone.
 */
export async function requestJob(
  deps: OutboxDeps,
  cluster: string,
  id: string,
  request: JobRequest,
  options: StoreOptions & { extra?: (current: Incident) => Incident | undefined } = {},
): Promise<Incident | undefined> {
  const now = deps.now();
  const { incident, written } = await deps.store.update(
    cluster,
    id,
    (current) => {
      if (!current) return undefined;
      const changed = options.extra ? options.extra(current) : current;
      return changed && withPendingJob(changed, request, now);
    },
    { signal: options.signal },
  );
  if (!written || !incident) return undefined;
  await sendPendingJob(deps, incident, options);
  return incident;
}
