import type { Change } from '../model';
import { clipForLog, type Logger } from '../intake/logger';
import type { JobQueue } from '../queue/job-queue';
import { newImpactJob } from '../queue/impact-job';
import { changeKey, foldChanges } from './fold-changes';
import { parseChangeEvents } from './parse-change-events';

/** What change intake needs: the processed-event keys of intake (dedupe across deliveries) and the work queue. */
export interface ChangeIntakeDeps {
  /** Durable "seen" keys (the incident store's processed-event keys; lib/intake/intake.ts). */
  seen(key: string, durable: boolean, signal?: AbortSignal): Promise<boolean>;
  remember(key: string, durable: boolean, signal?: AbortSignal): Promise<void>;
  queue: JobQueue;
  /** PULL_DOCTOR_CHANGE_DEBOUNCE_SECONDS: a burst in one window is one change. */
  debounceSeconds: number;
  /** Registries and clusters outside PULL_DOCTOR_ALLOWED_* are not watched. */
  registryInScope(loginServer: string): boolean;
}

export interface ChangeOutcome {
  changes: number;
  folded: number;
  ignored: number;
  malformed: number;
  enqueued: number;
}

/**
 * Change events from Event Grid (ACR and Resource Manager system topics): parsed and bounded,
 * folded within the delivery, then folded across deliveries by a durable key per change key and
 * debounce window — the first event of a window enqueues one impact job, delayed to the end of the
 * window (so a 500-tag cleanup is analysed once, after it finished); later events of the same window
 * are folded into it. A tag deletion re-checks every running tag of the repository (change-scope.ts), so
 * tags deleted after the job was queued are still seen. Transient storage/queue failures throw (Event
 * Grid retries); bad events are logged and dropped.
 */
export async function handleChangeEvents(deps: ChangeIntakeDeps, body: unknown, log: Logger, signal?: AbortSignal, now: Date = new Date()): Promise<ChangeOutcome> {
  const outcome: ChangeOutcome = { changes: 0, folded: 0, ignored: 0, malformed: 0, enqueued: 0 };
  const changes: Change[] = [];
  for (const event of await parseChangeEvents(body)) {
    if (event.kind === 'malformed') {
      outcome.malformed++;
      log.warn(`change event ${clipForLog(event.id ?? '(no id)', 100)} malformed, dropped: ${clipForLog(event.reason)}`);
    } else if (event.kind === 'ignored') {
      outcome.ignored++;
      log.info(`change event ${clipForLog(event.id, 100)} ignored: ${clipForLog(event.reason)}`);
    } else if (event.change.registry && !deps.registryInScope(event.change.registry.loginServer)) {
      outcome.ignored++;
      log.info(`change event ${clipForLog(event.change.id, 100)} ignored: registry ${event.change.registry.loginServer} is outside PULL_DOCTOR_ALLOWED_REGISTRIES`);
    } else changes.push(event.change);
  }
  const windowMs = deps.debounceSeconds * 1000;
  for (const change of foldChanges(changes, windowMs)) {
    outcome.changes++;
    const bucket = windowMs > 0 ? Math.floor(Date.parse(change.at) / windowMs) : change.id;
    const key = `change|${changeKey(change)}|${bucket}`;
    if (await deps.seen(key, true, signal)) {
      outcome.folded++;
      log.info(`change ${change.id} (${change.kind}) folded into the change already queued for this window`);
      continue;
    }
    const job = newImpactJob(change, now);
    const delaySeconds = Math.max(0, Math.ceil(((Math.floor(Date.parse(change.at) / windowMs) + 1) * windowMs - now.getTime()) / 1000));
    await deps.queue.enqueue(job, { signal, ...(windowMs > 0 && delaySeconds > 0 ? { delaySeconds } : {}) });
    await deps.remember(key, true, signal);
    outcome.enqueued++;
    log.info(`change ${change.id} (${change.kind}) → impact job ${job.jobId}${delaySeconds ? ` in ${delaySeconds} s` : ''}`);
  }
  return outcome;
}
