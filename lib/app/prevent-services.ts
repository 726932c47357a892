import type { AzureClients } from '../azure/clients';
import type { Settings } from '../config/settings';
import type { Logger } from '../intake/logger';
import type { ImpactJobDeps } from '../jobs/run-impact-job';
import { LogWarningPort } from '../prevent/log-warning-port';
import type { ImpactAnalyzer, WarningPort } from '../prevent/ports';
import { onceAsync } from '../util/lazy';

/**
 * Prevention's part of the composition root (issue 18): the impact analyzer — its own engine (the
 * same options as the diagnosis engine; its lookup cache shared by every re-check of a change) over
 * Log Analytics' Container insights inventory — built on the first impact job, and the WarningPort.
 * The SDKs load only when a change is analysed.
 */
export function preventDeps(options: { settings: Settings; log: Logger; azure: () => Promise<AzureClients>; warnings?: WarningPort; analyzer?: ImpactAnalyzer }): () => ImpactJobDeps {
  const { settings, log } = options;
  const build = onceAsync(async (): Promise<ImpactAnalyzer> => {
    const [{ createEngine }, { createRegistryClientFactory }, { createImpactAnalyzer }, { LogAnalyticsRunningWorkloads }, azure] = await Promise.all([
      import('../diagnosis/engine.js'),
      import('../registry/oci-registry-client.js'),
      import('../prevent/impact-analyzer.js'),
      import('../prevent/running-workloads.js'),
      options.azure(),
    ]);
    const registries = createRegistryClientFactory({ credential: azure.credential });
    const engine = createEngine({
      azure,
      registries,
      egress: { allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES },
      checkTimeoutMs: settings.PULL_DOCTOR_CHECK_TIMEOUT_MS,
      cacheTtlMs: settings.PULL_DOCTOR_CACHE_TTL_SECONDS * 1000,
      subscriptions: settings.PULL_DOCTOR_SUBSCRIPTIONS,
      inCluster: { mode: settings.PULL_DOCTOR_IN_CLUSTER, onCommand: (entry) => log.info('pull-doctor ran an AKS Run Command', entry) },
    });
    return createImpactAnalyzer({
      engine,
      inventory: new LogAnalyticsRunningWorkloads(azure.logs()),
      workspaceIds: settings.PULL_DOCTOR_WORKSPACE_IDS,
      cloud: settings.PULL_DOCTOR_AZURE_CLOUD,
      requestCounts: () => ({ ...azure.requestCounts(), registry: registries.requestCount() }),
    });
  });
  const analyzer: ImpactAnalyzer = options.analyzer ?? { analyze: async (change, run) => (await build()).analyze(change, run) };
  const warnings = options.warnings ?? new LogWarningPort(log);
  return () => ({ analyzer, warnings, log });
}
