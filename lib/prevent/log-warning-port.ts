import type { ImpactReport } from '../model';
import type { Logger } from '../intake/logger';
import type { WarningPort } from './ports';

/**
 * A WarningPort that writes the report to the log: at warn level when something is at risk (one line
 * per workload, with the check and the fix), info otherwise. The chat WarningPort (warning store,
 * "at risk" message, threads, buttons) replaces it where chat is configured.
 */
export class LogWarningPort implements WarningPort {
  constructor(private readonly log: Logger) {}

  async publish(report: ImpactReport): Promise<void> {
    const c = report.change;
    const head = `change ${c.id} (${c.kind}${c.principal ? ` by ${c.principal}` : ''})`;
    if (report.atRisk.length === 0) {
      this.log.info(`${head}: nothing running at risk (${report.undecided.length} undecided, ${report.checked}/${report.considered} re-checked)`);
      return;
    }
    for (const w of report.atRisk) {
      this.log.warn(`${head}: will fail on next pull: ${w.pods} pod(s) of ${w.namespace}/${w.workload} (${w.image}) — ${w.checkId}: ${w.summary}${w.fix?.command ? ` — fix: ${w.fix.command}` : ''}`);
    }
  }
}
