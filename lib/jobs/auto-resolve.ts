import type { IncidentStore } from '../incidents/incident-store';
import type { Intake } from '../intake/intake';
import type { Logger } from '../intake/logger';
import { newJob } from '../queue/diagnose-job';
import type { JobQueue } from '../queue/job-queue';

export interface AutoResolveDeps {
  store: IncidentStore;
  queue: JobQueue;
  log: Logger;
  quietPeriodMinutes: number;
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
}

/**
 * The timer's work. An open incident quiet for the configured period gets one forced re-check job
 * that resolves it when the pull now works ("no failure for 30 min and re-check passed"); a mute
 * that ran out reopens. Image pushes and alert `Resolved` calls resolve through intake instead.
 */
export async function runAutoResolve(deps: AutoResolveDeps, options: { signal?: AbortSignal } = {}): Promise<AutoResolveResult> {
  const now = (deps.now ?? (() => new Date()))();
  if (deps.intake) await deps.intake.flush(options);
  const quietMs = deps.quietPeriodMinutes * 60_000;
  const result: AutoResolveResult = { open: 0, rechecks: [], unmuted: [] };
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
    await deps.queue.enqueue(
      newJob({
        incidentId: incident.id,
        cluster: incident.cluster,
        reason: 'quiet-period',
        force: true,
        resolveIfPasses: `no failure for ${deps.quietPeriodMinutes} min and re-check passed`,
      }),
      options,
    );
    await deps.store.markProcessed(key, options);
    result.rechecks.push(incident.id);
  }
  if (result.rechecks.length || result.unmuted.length) deps.log.info(`auto-resolve: ${result.rechecks.length} quiet incident(s) re-checked, ${result.unmuted.length} unmuted`);
  return result;
}
