import type { ChatPort } from '../chat/chat-port';
import type { DiagnosisProgress, Diagnoser } from '../diagnosis/diagnoser';
import type { IncidentStore } from '../incidents/incident-store';
import { clipForLog, type Logger } from '../intake/logger';
import type { ChatMessageRef, Diagnosis, Incident, PullFailure } from '../model';
import { parseJobMessage, type DiagnoseJob } from '../queue/diagnose-job';
import { recordIncident, recordTimeToFirstMessage } from '../telemetry';

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
  | 'skipped:busy';

/** A claim older than this belongs to a run that died (host.json functionTimeout is 5 minutes). */
const CLAIM_TIMEOUT_MS = 5 * 60_000;

function ms(text: string | undefined): number {
  const t = text ? Date.parse(text) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/**
 * The queue trigger's work: one diagnose job. A storm of jobs for one incident runs the engine
 * once (debounce + claim); progress and the verdict update the incident's one chat message.
 * Throws on failure so the Functions runtime retries (maxDequeueCount 5), after recording why so
 * a poison message can be explained.
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
  if (job.reason === 'alert-resolved') return notifyResolved(incident, deps, signal);
  if (incident.status === 'resolved' && !job.force) return 'skipped:resolved';
  if (incident.status === 'muted' && ms(incident.mutedUntil) > now().getTime() && !job.force) return 'skipped:muted';
  if (!job.force && incident.lastDiagnosedAt && now().getTime() - ms(incident.lastDiagnosedAt) < deps.debounceMinutes * 60_000) {
    deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id} diagnosed at ${incident.lastDiagnosedAt}, within the debounce; skipped`);
    return 'skipped:debounced';
  }

  const claimedAt = now().toISOString();
  const claim = await deps.store.update(
    job.cluster,
    job.incidentId,
    (current) => {
      if (!current) return undefined;
      const other = current.job && current.job.id !== job.jobId && now().getTime() - ms(current.job.startedAt) < CLAIM_TIMEOUT_MS;
      return other ? undefined : { ...current, job: { id: job.jobId, startedAt: claimedAt } };
    },
    { signal },
  );
  if (!claim.written || !claim.incident) {
    deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id} is being diagnosed by job ${claim.incident?.job?.id}; skipped`);
    return 'skipped:busy';
  }

  try {
    return await diagnoseClaimed(job, claim.incident, deps, signal);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    deps.log.error(`diagnose job ${job.jobId} (attempt ${meta.dequeueCount ?? 1}) failed: ${reason}`);
    await recordFailure(job, reason, meta.dequeueCount ?? 1, deps, now);
    throw error;
  }
}

async function diagnoseClaimed(job: DiagnoseJob, incident: Incident, deps: JobDeps, signal: AbortSignal | undefined): Promise<JobOutcome> {
  const now = deps.now ?? (() => new Date());
  if (!incident.sample) throw new Error(`incident ${incident.id} has no failure to diagnose`);
  let ref: ChatMessageRef | undefined = incident.chat;
  if (!ref) {
    ref = await deps.chat.start(incident, { signal });
    recordTimeToFirstMessage(now().getTime() - Date.parse(incident.firstSeen), { platform: ref.platform, trigger: incident.sample?.source });
    const stored = ref;
    // Saved at once: a retry after a later failure updates this message instead of posting another.
    await deps.store.update(job.cluster, job.incidentId, (c) => (c ? { ...c, chat: stored } : undefined), { signal });
  } else if (job.requestedBy || job.reason === 'image-pushed') {
    await deps.chat.reply(ref, job.reason === 'image-pushed' ? `${job.resolveIfPasses ?? 'image pushed'}: re-checking…` : `re-check requested by ${job.requestedBy}…`, { signal });
  }

  const progress = progressReporter(deps, ref, incident, signal);
  const failure = deps.completeFailure
    ? await deps.completeFailure(incident.sample, signal).catch((error: unknown) => {
        deps.log.warn(`diagnose job ${job.jobId}: pod details not read (${error instanceof Error ? error.message : String(error)}); diagnosing without them`);
        return incident.sample!;
      })
    : incident.sample;
  const diagnosis: Diagnosis = await deps.diagnoser.diagnose(failure, { signal, onProgress: progress.report });
  await progress.flush();
  await deps.chat.diagnosis(ref, incident, diagnosis, { signal });

  const passes = diagnosis.verdict.outcome === 'should_work';
  const resolveHow = job.resolveIfPasses && passes ? job.resolveIfPasses : undefined;
  const finishedAt = now().toISOString();
  const { incident: stored } = await deps.store.update(
    job.cluster,
    job.incidentId,
    (current) => {
      if (!current) return undefined;
      const next: Incident = { ...current, lastDiagnosedAt: finishedAt, chat: ref };
      delete next.job;
      delete next.lastError;
      const cause = diagnosis.verdict.rootCauses[0]?.checkId;
      if (cause) next.rootCause = cause;
      if (resolveHow && current.status !== 'resolved') Object.assign(next, { status: 'resolved', resolvedAt: finishedAt, resolvedReason: resolveHow });
      return next;
    },
    { signal },
  );
  if (resolveHow && stored) {
    recordIncident('resolved', { category: stored.category, resolvedBy: job.reason });
    await deps.chat.resolved(ref, stored, resolveHow, { signal });
    deps.log.info(`incident ${incident.id} resolved: ${resolveHow}`);
    return 'resolved';
  }
  return 'diagnosed';
}

/** Forwards engine progress to chat, at most one update per interval, in order, never failing the job. */
function progressReporter(deps: JobDeps, ref: ChatMessageRef, incident: Incident, signal: AbortSignal | undefined) {
  const interval = deps.progressIntervalMs ?? 1000;
  let chain: Promise<void> = Promise.resolve();
  let lastSent = 0;
  let latest: DiagnosisProgress | undefined;
  let sentLatest = true;
  const send = (p: DiagnosisProgress) => {
    lastSent = Date.now();
    sentLatest = true;
    chain = chain.then(() =>
      deps.chat.progress(ref, incident, p, { signal }).catch((error: unknown) => deps.log.warn(`chat progress update failed: ${error instanceof Error ? error.message : String(error)}`)),
    );
  };
  return {
    report: (p: DiagnosisProgress) => {
      latest = p;
      sentLatest = false;
      if (Date.now() - lastSent >= interval) send(p);
    },
    flush: async () => {
      if (!sentLatest && latest && latest.done < latest.total) send(latest);
      await chain;
    },
  };
}

async function notifyResolved(incident: Incident, deps: JobDeps, signal: AbortSignal | undefined): Promise<JobOutcome> {
  if (!incident.chat) return 'notified';
  await deps.chat.resolved(incident.chat, incident, incident.resolvedReason ?? 'resolved', { signal });
  return 'notified';
}

async function recordFailure(job: DiagnoseJob, reason: string, attempt: number, deps: JobDeps, now: () => Date): Promise<void> {
  try {
    await deps.store.recordJobFailure({ jobId: job.jobId, incidentId: job.incidentId, cluster: job.cluster, attempt, error: reason.slice(0, 2000), at: now().toISOString() });
    await deps.store.update(job.cluster, job.incidentId, (c) => {
      if (!c) return undefined;
      const next: Incident = { ...c, lastError: reason.slice(0, 500) };
      delete next.job;
      return next;
    });
  } catch (error) {
    deps.log.error(`could not record the failure of job ${job.jobId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
