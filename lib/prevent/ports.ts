import type { Change, ImpactReport } from '../model';

/**
 * The two seams of prevention (issue 18). Intake turns Event Grid events into debounced `Change`s;
 * an ImpactAnalyzer finds what running now would fail on its next pull; a WarningPort records and
 * posts the result. Both are created once per app (lib/app/create-services.ts) and passed down.
 */
export interface ImpactAnalyzer {
  /** Running workloads the change breaks on their next pull. Never throws for an unreadable fact: that pair lands in `undecided`. */
  analyze(change: Change, options?: { signal?: AbortSignal }): Promise<ImpactReport>;
}

export interface WarningPort {
  /**
   * Records the report and tells the team, idempotent by `report.change.id`: something at risk →
   * one "will fail on next pull" warning per change (updated in place on a re-run); nothing at risk
   * → no message, and any open warning this change undoes (tag re-pushed, role re-created) resolves.
   * Throws on a delivery that failed after retries, so the queue keeps the job.
   */
  publish(report: ImpactReport, options?: { signal?: AbortSignal }): Promise<void>;
}
