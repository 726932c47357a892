import type { AzureClients } from '../azure/clients';
import type { Settings } from '../config/settings';
import type { Diagnoser } from '../diagnosis/diagnoser';
import { createImpactAnalyzer, type ImpactEngine } from '../prevent/impact-analyzer';
import { LogAnalyticsRunningWorkloads } from '../prevent/running-workloads';

/**
 * The impact engine against Azure: the app's diagnosis engine, Container insights through the
 * clients' LogsQueryClient, PULL_DOCTOR_WORKSPACE_IDS. Built once by the composition root (and by
 * `pull-doctor audit --cluster`); the fleet audit and warning re-checks share it.
 */
export function createAzureImpactEngine(
  engine: Diagnoser,
  azure: Pick<AzureClients, 'logs' | 'requestCounts'>,
  settings: Pick<Settings, 'PULL_DOCTOR_WORKSPACE_IDS' | 'PULL_DOCTOR_AZURE_CLOUD'>,
  registryRequests: () => number = () => 0,
): ImpactEngine {
  return createImpactAnalyzer({
    engine,
    inventory: new LogAnalyticsRunningWorkloads(azure.logs()),
    workspaceIds: settings.PULL_DOCTOR_WORKSPACE_IDS,
    cloud: settings.PULL_DOCTOR_AZURE_CLOUD,
    requestCounts: () => ({ ...azure.requestCounts(), registry: registryRequests() }),
  });
}
