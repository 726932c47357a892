import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import { isPermanentChatError } from '../chat/chat-errors';
import { acknowledge } from '../incidents/outbox';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import type { DiagnoseJob } from '../queue/diagnose-job';
import { recordIncident, recordTimeToFirstMessage } from '../telemetry';
import type { JobDeps, JobOutcome } from './run-diagnose-job';

/** What a failing job knows about its message: where it is, and whether it already shows a final state. */
export interface DeliveryState {
  ref: ChatMessageRef | undefined;
  /** The message shows the verdict (or the resolution): a later failure must not replace it with "could not finish". */
  final: boolean;
}

/** Attempts at saving a just-posted message reference before the message is taken back. */
const REF_SAVE_ATTEMPTS = 3;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Posts (or reuses) the incident's message, diagnoses, updates the message with the verdict and
 * records the outcome, acknowledging the job in the same write. The message reference is saved
 * right after the post, before anything else can fail: a retried job then updates the same message.
 */
export async function deliverDiagnosis(
  job: DiagnoseJob,
  incident: Incident,
  deps: JobDeps,
  state: DeliveryState,
  /** `earlierIntent`: an intent to post an earlier attempt wrote (this job's claim found it, with no reference saved). */
  meta: { dequeueCount: number; signal?: AbortSignal; earlierIntent?: Incident['postingJob'] },
): Promise<JobOutcome> {
  const now = deps.now ?? (() => new Date());
  const signal = meta.signal;
  if (!incident.sample) throw new Error(`incident ${incident.id} has no failure to diagnose`);
  let ref: ChatMessageRef | undefined = incident.chat;
  if (!ref) {
    // An earlier attempt wrote the intent to post and may have posted without saving the reference (the process died in between).
    ref = meta.earlierIntent ? await findEarlierPost(job, incident, meta.earlierIntent, deps, signal) : undefined;
    if (!ref) {
      ref = await deps.chat.start(incident, { signal, jobId: job.jobId });
      recordTimeToFirstMessage(now().getTime() - Date.parse(incident.firstSeen), { platform: ref.platform, trigger: incident.sample?.source });
    }
    state.ref = ref;
    await saveRef(job, ref, deps, state, signal);
  } else if ((job.requestedBy || job.reason === 'image-pushed') && meta.dequeueCount === 1 && job.deferrals === 0) {
    // Said once per job, not once per attempt.
    await deps.chat.reply(ref, job.reason === 'image-pushed' ? `${job.resolveIfPasses ?? 'image pushed'}: re-checking…` : `re-check requested by ${job.requestedBy}…`, { signal });
  }

  const progress = progressReporter(deps, ref, incident, signal);
  const failure = deps.completeFailure
    ? await deps.completeFailure(incident.sample, signal).catch((error: unknown) => {
        deps.log.warn(`diagnose job ${job.jobId}: pod details not read (${reasonOf(error)}); diagnosing without them`);
        return incident.sample!;
      })
    : incident.sample;
  const diagnosis: Diagnosis = await deps.diagnoser.diagnose(failure, { signal, onProgress: progress.report });
  await progress.flush();
  await deps.chat.diagnosis(ref, incident, diagnosis, { signal });
  state.final = true;

  const passes = diagnosis.verdict.outcome === 'should_work';
  const resolveHow = job.resolveIfPasses && passes ? job.resolveIfPasses : undefined;
  const finishedAt = now().toISOString();
  const stored = ref;
  const { incident: saved } = await deps.store.update(
    job.cluster,
    job.incidentId,
    (current) => {
      if (!current) return undefined;
      const next: Incident = { ...acknowledge(current, job.jobId), lastDiagnosedAt: finishedAt, chat: stored };
      delete next.postingJob;
      delete next.lastError;
      delete next.deliveryFailed;
      const cause = diagnosis.verdict.rootCauses[0]?.checkId;
      if (cause) next.rootCause = cause;
      if (resolveHow && current.status !== 'resolved') Object.assign(next, { status: 'resolved', resolvedAt: finishedAt, resolvedReason: resolveHow });
      return next;
    },
    { signal },
  );
  if (resolveHow && saved) {
    recordIncident('resolved', { category: saved.category, resolvedBy: job.reason });
    await deps.chat.resolved(ref, saved, resolveHow, { signal });
    deps.log.info(`incident ${incident.id} resolved: ${resolveHow}`);
    return 'resolved';
  }
  return 'diagnosed';
}

/**
 * Saves the reference of the message just posted, with a few quick attempts. When storage stays
 * away the message is taken back (deleted), so the retried job's message is the incident's only
 * one; if even that fails, the message stays in `state` and the last attempt finishes it.
 */
async function saveRef(job: DiagnoseJob, ref: ChatMessageRef, deps: JobDeps, state: DeliveryState, signal: AbortSignal | undefined): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= REF_SAVE_ATTEMPTS; attempt++) {
    try {
      await deps.store.update(job.cluster, job.incidentId, (c) => (c ? withChat(c, ref) : undefined), { signal });
      return;
    } catch (error) {
      lastError = error;
      if (signal?.aborted) break;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  deps.log.warn(`diagnose job ${job.jobId}: message posted but its reference not saved (${reasonOf(lastError)}); taking the message back so the retry posts the only one`);
  try {
    await deps.chat.withdraw(ref, { signal });
    state.ref = undefined;
  } catch (error) {
    deps.log.error(`diagnose job ${job.jobId}: could not take back the unsaved message (${reasonOf(error)}); it is finished as "could not finish" if the job gives up`);
  }
  throw lastError;
}

/** The incident with its message reference saved and the intent to post cleared. */
export function withChat(incident: Incident, ref: ChatMessageRef): Incident {
  const next: Incident = { ...incident, chat: ref };
  delete next.postingJob;
  return next;
}

/**
 * The message an earlier attempt posted but did not record, found by the incident id it carries
 * (Slack message metadata). Where the platform cannot look (Teams, a Slack token without
 * `channels:history`), a new message is posted and the possible duplicate is logged; a transient
 * failure of the lookup fails the attempt, so the retry looks again rather than posting twice.
 */
async function findEarlierPost(job: DiagnoseJob, incident: Incident, intent: NonNullable<Incident['postingJob']>, deps: JobDeps, signal: AbortSignal | undefined): Promise<ChatMessageRef | undefined> {
  const cannot = (why: string) =>
    deps.log.warn(`diagnose job ${job.jobId}: incident ${incident.id}: job ${intent.jobId} may have posted a message at ${intent.at} without saving its reference, and ${why}; posting a new one, so a second message may appear`);
  if (!deps.chat.find) {
    cannot(`${deps.chat.platform} offers no lookup`);
    return undefined;
  }
  try {
    const found = await deps.chat.find(incident, { since: intent.at, signal });
    if (found) deps.log.info(`diagnose job ${job.jobId}: incident ${incident.id}: reusing the message job ${intent.jobId} posted but did not record`);
    return found;
  } catch (error) {
    if (!isPermanentChatError(error)) throw error;
    cannot(`it cannot be looked up (${error.details.code ?? error.message}${error.details.code === 'missing_scope' ? ': the Slack app needs channels:history and groups:history' : ''})`);
    return undefined;
  }
}

/** Forwards engine progress to chat, at most one update per interval, in order, never failing the job. */
function progressReporter(deps: JobDeps, ref: ChatMessageRef, incident: Incident, signal: AbortSignal | undefined) {
  const interval = deps.progressIntervalMs ?? 1000;
  let chain: Promise<void> = Promise.resolve();
  let lastSent = 0;
  let latest: DiagnosisProgress | undefined;
  let sentLatest = true;
  // Progress is best effort: after one failed update this job sends no more (the verdict still goes).
  let failed = false;
  const send = (p: DiagnosisProgress) => {
    lastSent = Date.now();
    sentLatest = true;
    chain = chain.then(() =>
      failed
        ? undefined
        : deps.chat.progress(ref, incident, p, { signal }).catch((error: unknown) => {
            failed = true;
            deps.log.warn(`chat progress update failed: ${reasonOf(error)}; no more progress updates in this job`);
          }),
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
