import type { ChatPort } from '../chat/chat-port';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { IncidentStore } from '../incidents/incident-store';
import { acknowledge, CLAIM_TIMEOUT_MS } from '../incidents/outbox';
import { clipForLog, type Logger } from '../intake/logger';
import type { Incident, PullFailure } from '../model';
import { parseJobMessage, type DiagnoseJob } from '../queue/diagnose-job';
import type { JobQueue } from '../queue/job-queue';
import { deliverDiagnosis, type DeliveryState } from './deliver-diagnosis';
import { handleJobError } from './job-failure';

export interface JobDeps {
  store: IncidentStore;
  chat: ChatPort;
  diagnoser: Diagnoser;
  log: Logger;
  /** Re-run an incident's diagnosis at most this often unless the job is forced. */
  debounceMinutes: number;
  now?: () => Date;
  /** Progress updates to chat at most this often (the last one always goes). Default 1 s. */
  progressIntervalMs?: number;
  /** Adds what the signal did not carry (container, workload, node) before diagnosing. */
  completeFailure?: (failure: PullFailure, signal?: AbortSignal) => Promise<PullFailure>;
  /** Where a job goes back with a delay (busy incident, rate-limited channel); without it such a job throws (the runtime retries it). */
  queue?: JobQueue;
  /** host.json maxDequeueCount: the attempt that, failing, sends the message to `<queue>-poison`. Default 5. */
  maxDequeueCount?: number;
  /** Delay before a job that met a busy incident runs again. Default 30 s. */
  busyRetrySeconds?: number;
}

export type JobOutcome =
  | 'diagnosed'
  | 'resolved'
  | 'notified'
  | 'skipped:invalid'
  | 'skipped:missing'
  | 'skipped:resolved'
  | 'skipped:muted'
  | 'skipped:debounced'
  | 'skipped:done'
  | 'skipped:superseded'
  | 'deferred:busy'
  | 'deferred:rate-limited'
  | 'failed:permanent';

/** A job handed back more often than this (busy, rate limited) fails like any other error: it retries, then ends unfinished. */
export const MAX_DEFERRALS = 8;

function ms(text: string | undefined): number {
  const t = text ? Date.parse(text) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/**
 * The queue trigger's work: one diagnose job. The incident's outbox (`pendingJob`, `doneJobs`) makes
 * it idempotent by job id; a storm of jobs for one incident runs the engine once (debounce + claim);
 * progress and the verdict update the incident's one chat message, and whatever fails, that message
 * ends in a final state (lib/jobs/job-failure.ts). Throws only for errors worth retrying.
 */
export async function runDiagnoseJob(message: unknown, deps: JobDeps, meta: { dequeueCount?: number; signal?: AbortSignal } = {}): Promise<JobOutcome> {
  const parsed = parseJobMessage(message);
  if (!parsed.ok) {
    // Retrying cannot fix a message we cannot read; say so once and let it go.
    deps.log.error(`diagnose job: unreadable message dropped (${clipForLog(parsed.error)})`);
    return 'skipped:invalid';
  }
  const job = parsed.job;
  const now = deps.now ?? (() => new Date());
  const signal = meta.signal;
  const incident = await deps.store.get(job.cluster, job.incidentId, { signal });
  if (!incident) {
    deps.log.warn(`diagnose job ${job.jobId}: incident ${job.incidentId} not found`);
    return 'skipped:missing';
  }
  if (incident.doneJobs?.includes(job.jobId)) {
    deps.log.info(`diagnose job ${job.jobId}: already finished (a redelivered or re-sent copy); skipped`);
    return 'skipped:done';
  }
  if (incident.pendingJob && incident.pendingJob.id !== job.jobId && incident.job?.id !== job.jobId) {
    deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id} now owes job ${incident.pendingJob.id}, which replaces this one; skipped`);
    return 'skipped:superseded';
  }
  const state: DeliveryState = { ref: incident.chat, final: false };
  try {
    if (job.reason === 'alert-resolved') return await notifyResolved(job, incident, deps, state, signal);
    if (incident.status === 'resolved' && !job.force) return await settle(job, incident, deps, 'skipped:resolved', signal);
    if (incident.status === 'muted' && ms(incident.mutedUntil) > now().getTime() && !job.force) return await settle(job, incident, deps, 'skipped:muted', signal);
    if (!job.force && incident.lastDiagnosedAt && now().getTime() - ms(incident.lastDiagnosedAt) < deps.debounceMinutes * 60_000) {
      deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id} diagnosed at ${incident.lastDiagnosedAt}, within the debounce; skipped`);
      return await settle(job, incident, deps, 'skipped:debounced', signal);
    }
  } catch (error) {
    return handleJobError(job, error, deps, state, meta);
  }

  const claimedAt = now().toISOString();
  let earlierIntent: Incident['postingJob'];
  const claim = await deps.store.update(
    job.cluster,
    job.incidentId,
    (current) => {
      if (!current) return undefined;
      const other = current.job && current.job.id !== job.jobId && now().getTime() - ms(current.job.startedAt) < CLAIM_TIMEOUT_MS;
      if (other) return undefined;
      // The intent to post is written before the post (with the claim, one write): see findEarlierPost.
      earlierIntent = current.chat ? undefined : current.postingJob;
      const posting = current.chat ? {} : { postingJob: current.postingJob ?? { jobId: job.jobId, at: claimedAt } };
      return { ...current, job: { id: job.jobId, startedAt: claimedAt }, ...posting };
    },
    { signal },
  );
  if (!claim.written || !claim.incident) {
    deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id} is being diagnosed by job ${claim.incident?.job?.id}; runs again in ${deps.busyRetrySeconds ?? 30} s`);
    return defer(job, deps, 'busy', deps.busyRetrySeconds ?? 30, signal);
  }

  try {
    return await deliverDiagnosis(job, claim.incident, deps, state, { dequeueCount: meta.dequeueCount ?? 1, signal, earlierIntent });
  } catch (error) {
    return handleJobError(job, error, deps, state, meta);
  }
}

/**
 * Hands the job back to the queue with a delay instead of failing it (a busy incident, a channel
 * that asked to wait), so it neither uses an attempt nor is dropped.
 */
export async function defer(job: DiagnoseJob, deps: JobDeps, why: 'busy' | 'rate-limited', delaySeconds: number, signal?: AbortSignal): Promise<JobOutcome> {
  if (!deps.queue || job.deferrals >= MAX_DEFERRALS) {
    throw new Error(`job ${job.jobId}: ${why === 'busy' ? 'incident busy with another job' : 'chat channel rate limited'}${deps.queue ? ` after ${job.deferrals} deferrals` : ''}; retried by the queue`);
  }
  await deps.queue.enqueue({ ...job, deferrals: job.deferrals + 1 }, { signal, delaySeconds: Math.max(1, Math.ceil(delaySeconds)) });
  return why === 'busy' ? 'deferred:busy' : 'deferred:rate-limited';
}

/** A job that ends without a diagnosis: acknowledged when it is the incident's pending job (one write), else nothing to write. */
async function settle<T extends JobOutcome>(job: DiagnoseJob, incident: Incident, deps: JobDeps, outcome: T, signal?: AbortSignal): Promise<T> {
  if (incident.pendingJob?.id === job.jobId) {
    await deps.store.update(job.cluster, job.incidentId, (c) => c && acknowledge(c, job.jobId), { signal });
  }
  return outcome;
}

async function notifyResolved(job: DiagnoseJob, incident: Incident, deps: JobDeps, state: DeliveryState, signal: AbortSignal | undefined): Promise<JobOutcome> {
  // The message already holds its verdict: a failed resolution notice must not turn it into "could not finish".
  state.final = true;
  if (incident.chat) await deps.chat.resolved(incident.chat, incident, incident.resolvedReason ?? 'resolved', { signal });
  return settle(job, incident, deps, 'notified', signal);
}
