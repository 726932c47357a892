import { impactExitCode } from '../model';
import type { ImpactAnalyzer, WarningPort } from '../prevent/ports';
import { parseQueueJob } from '../queue/diagnose-job';
import { ImpactJobSchema } from '../queue/impact-job';
import { clipForLog, type Logger } from '../intake/logger';
import { recordJobPoisoned } from '../telemetry';

export interface ImpactJobDeps {
  analyzer: ImpactAnalyzer;
  warnings: WarningPort;
  log: Logger;
  /** host.json maxDequeueCount: the attempt on which a failure is the last one. */
  maxAttempts?: number;
}

export type ImpactJobOutcome = 'impact:at-risk' | 'impact:nothing' | 'impact:undecided' | 'impact:dropped' | 'impact:failed';

/**
 * One impact job: analyse the change, publish the report (WarningPort: a warning when something is
 * at risk). A failing analysis or publication throws, so the queue retries it; the last attempt
 * logs the poison at error with the change and the reason, and counts it, before the runtime moves
 * the message to `<queue>-poison` (`pull-doctor incidents` lists it).
 */
export async function runImpactJob(message: unknown, deps: ImpactJobDeps, meta: { dequeueCount?: number; signal?: AbortSignal } = {}): Promise<ImpactJobOutcome> {
  const parsed = parseQueueJob(message, ImpactJobSchema);
  if (!parsed.ok) {
    deps.log.error(`impact job dropped: not an impact job (${clipForLog(parsed.error)})`);
    return 'impact:dropped';
  }
  const { job } = parsed;
  const what = `impact job ${job.jobId}: ${job.change.kind} ${job.change.registry ? `${job.change.registry.loginServer}/${job.change.registry.repository}` : (job.change.resourceId ?? '')}`;
  try {
    const report = await deps.analyzer.analyze(job.change, { signal: meta.signal });
    await deps.warnings.publish(report, { signal: meta.signal });
    const code = impactExitCode(report);
    deps.log.info(`${what}: ${report.atRisk.length} workload(s) at risk, ${report.undecided.length} undecided, ${report.checked}/${report.considered} re-checked`);
    return code === 1 ? 'impact:at-risk' : code === 2 ? 'impact:undecided' : 'impact:nothing';
  } catch (error) {
    const reason = clipForLog(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 1000);
    if ((meta.dequeueCount ?? 1) >= (deps.maxAttempts ?? 5)) {
      deps.log.error(`${what} poisoned: ${reason}`);
      recordJobPoisoned({ reason: 'impact' });
    } else deps.log.warn(`${what} failed (attempt ${meta.dequeueCount ?? 1}), retried: ${reason}`);
    throw error;
  }
}
