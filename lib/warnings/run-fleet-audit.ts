import type { Logger } from '../intake/logger';
import type { ImpactReport } from '../model';
import type { WarningPort } from '../prevent/ports';
import { speaks } from './warning-service';

export interface FleetAuditDeps {
  /** The audit of one cluster (lib/app/warning-services.ts). */
  audit(cluster: string, signal?: AbortSignal): Promise<ImpactReport>;
  warnings: WarningPort;
  /** PULL_DOCTOR_ALLOWED_CLUSTERS: the clusters audited (full AKS ids; resource group entries are skipped). */
  clusters: readonly string[];
  log: Logger;
}

export interface FleetAuditResult {
  audited: number;
  /** Clusters with something at risk or undecided: a warning was posted for each. */
  posted: string[];
  failed: string[];
}

const AKS_ID = /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;

/**
 * The weekly timer (PULL_DOCTOR_AUDIT_SCHEDULE): each cluster audited in turn; a report with
 * something at risk (or that could not be checked) is published as a warning, a clean one only
 * logged. One cluster failing does not stop the others; any failure fails the run after all ran,
 * so it shows in the Functions history.
 */
export async function runFleetAudit(deps: FleetAuditDeps, options: { signal?: AbortSignal } = {}): Promise<FleetAuditResult> {
  const clusters = deps.clusters.filter((c) => AKS_ID.test(c));
  if (clusters.length === 0) {
    deps.log.warn('fleet audit: PULL_DOCTOR_ALLOWED_CLUSTERS names no AKS cluster id; nothing audited');
    return { audited: 0, posted: [], failed: [] };
  }
  const result: FleetAuditResult = { audited: 0, posted: [], failed: [] };
  for (const cluster of clusters) {
    try {
      const report = await deps.audit(cluster, options.signal);
      result.audited++;
      const pods = report.atRisk.reduce((n, w) => n + w.pods, 0);
      deps.log.info(`fleet audit: ${cluster}: ${report.atRisk.length} workloads (${pods} pods) at risk, ${report.undecided.length} undecided, ${report.checked}/${report.considered} checked`);
      if (speaks(report)) {
        await deps.warnings.publish(report, options);
        result.posted.push(cluster);
      }
    } catch (error) {
      options.signal?.throwIfAborted();
      deps.log.error(`fleet audit: ${cluster} failed: ${error instanceof Error ? error.message : String(error)}`);
      result.failed.push(cluster);
    }
  }
  if (result.failed.length) throw new Error(`fleet audit failed for ${result.failed.length} of ${clusters.length} clusters (see the log lines above)`);
  return result;
}
