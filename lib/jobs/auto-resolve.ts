import type { IncidentStore } from '../incidents/incident-store';
import type { Intake } from '../intake/intake';
import type { Logger } from '../intake/logger';
import { CLAIM_TIMEOUT_MS, requestJob, resendIfDue, type OutboxDeps } from '../incidents/outbox';
import type { JobQueue } from '../queue/job-queue';
import type { WarningStore } from '../warnings/warning-store';

export interface AutoResolveDeps {
  store: IncidentStore;
  queue: JobQueue;
  log: Logger;
  quietPeriodMinutes: number;
  /** Resolved incidents are deleted this many days after their last change (PULL_DOCTOR_RESOLVED_RETENTION_DAYS). */
  resolvedRetentionDays?: number;
  /** Resolved at-risk warnings (issue 18) are deleted after the same retention as incidents. */
  warnings?: Pick<WarningStore, 'sweep'>;
  /** Flushes counters intake kept in memory, when this process has an Intake. */
  intake?: Intake;
  now?: () => Date;
}

export interface AutoResolveResult {
  open: number;
  /** Quiet incidents sent for a re-check (they resolve when it passes). */
  rechecks: string[];
  /** Muted incidents whose mute ran out. */
  unmuted: string[];
  /** Pending jobs nobody picked up in time, sent again (outbox). */
  resent: string[];
  /** Rows deleted by retention. */
  swept: { processed: number; tags: number; incidents: number; jobFailures: number; warnings?: number } | undefined;
}

const DAY = 86_400_000;
/** Event Grid retries a delivery for at most 24 hours; redelivery keys are kept twice that. */
const PROCESSED_RETENTION_MS = 2 * DAY;
const TAG_RETENTION_MS = 30 * DAY;
const JOB_FAILURE_RETENTION_MS = 30 * DAY;

/**
 * The timer's work. An open incident quiet for the configured period gets one forced re-check job
 * that resolves it when the pull now works ("no failure for 30 min and re-check passed"); a mute
 * that ran out reopens. Image pushes and alert `Resolved` calls resolve through intake instead.
 */
export async function runAutoResolve(deps: AutoResolveDeps, options: { signal?: AbortSignal } = {}): Promise<AutoResolveResult> {
  const now = (deps.now ?? (() => new Date()))();
  if (deps.intake) await deps.intake.flush(options);
  const quietMs = deps.quietPeriodMinutes * 60_000;
  const result: AutoResolveResult = { open: 0, rechecks: [], unmuted: [], resent: [], swept: undefined };
  const outbox: OutboxDeps = { store: deps.store, queue: deps.queue, now: () => now };
  // The outbox: a job written with its incident but never picked up is sent again (the job is idempotent by id).
  for (const incident of await deps.store.withPendingJobs(options)) {
    if ((await resendIfDue(outbox, incident, CLAIM_TIMEOUT_MS, options)) === 'sent') result.resent.push(incident.id);
  }
  for (const incident of await deps.store.list({ status: ['open', 'muted'] }, options)) {
    if (incident.status === 'muted') {
      if (incident.mutedUntil && Date.parse(incident.mutedUntil) <= now.getTime()) {
        const { written } = await deps.store.update(
          incident.cluster,
          incident.id,
          (c) => {
            if (!c || c.status !== 'muted') return undefined;
            const next = { ...c, status: 'open' as const };
            delete next.mutedUntil;
            return next;
          },
          options,
        );
        if (written) result.unmuted.push(incident.id);
      }
      continue;
    }
    result.open++;
    const lastSeen = Date.parse(incident.lastSeen);
    if (Number.isNaN(lastSeen) || now.getTime() - lastSeen < quietMs) continue;
    // One re-check per quiet stretch: the key changes only when a new failure moves lastSeen.
    const key = `quiet|${incident.id}|${incident.lastSeen}`;
    if (await deps.store.hasProcessed(key, options)) continue;
    await requestJob(outbox, incident.cluster, incident.id, { reason: 'quiet-period', force: true, resolveIfPasses: `no failure for ${deps.quietPeriodMinutes} min and re-check passed` }, options);
    await deps.store.markProcessed(key, options);
    result.rechecks.push(incident.id);
  }
  result.swept = await deps.store.sweep(
    {
      processedBefore: new Date(now.getTime() - PROCESSED_RETENTION_MS),
      tagsBefore: new Date(now.getTime() - TAG_RETENTION_MS),
      resolvedBefore: new Date(now.getTime() - (deps.resolvedRetentionDays ?? 30) * DAY),
      jobFailuresBefore: new Date(now.getTime() - JOB_FAILURE_RETENTION_MS),
    },
    options,
  );
  if (deps.warnings) result.swept.warnings = await deps.warnings.sweep(new Date(now.getTime() - (deps.resolvedRetentionDays ?? 30) * DAY), options);
  const swept = Object.values(result.swept).reduce((a, b) => a + b, 0);
  if (result.rechecks.length || result.unmuted.length || result.resent.length || swept) {
    deps.log.info(
      `auto-resolve: ${result.rechecks.length} quiet incident(s) re-checked, ${result.unmuted.length} unmuted, ${result.resent.length} pending job(s) sent again, ${swept} expired row(s) deleted (${JSON.stringify(result.swept)})`,
    );
  }
  return result;
}
