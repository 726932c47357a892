import type { AzureClients } from '../azure/clients';
import type { ChatPort } from '../chat/chat-port';
import { isWarningChat } from '../chat/warning-chat-port';
import type { Settings } from '../config/settings';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { Logger } from '../intake/logger';
import type { ImpactReport } from '../model';
import type { ImpactEngine } from '../prevent/impact-analyzer';
import type { ImpactAnalyzer } from '../prevent/ports';
import { onceAsync } from '../util/lazy';
import { auditCluster } from '../warnings/audit';
import { MemoryWarningStore } from '../warnings/memory-warning-store';
import type { WarningActionDeps } from '../warnings/warning-actions';
import { WarningService } from '../warnings/warning-service';
import type { WarningStore } from '../warnings/warning-store';

/** Prevention's half of the composition root (issue 18): the warning store and port, the impact engine, the audit. */
export interface WarningServices {
  store: WarningStore;
  /** The WarningPort. */
  service: WarningService;
  /** The impact engine (Azure's, or the one the composition root passed), built on first use. */
  impact(): Promise<ImpactEngine>;
  /** An ImpactAnalyzer over impact(). */
  analyzer: ImpactAnalyzer;
  actions: WarningActionDeps;
  audit(cluster: string, signal?: AbortSignal): Promise<ImpactReport>;
}

export interface WarningServicesArgs {
  settings: Pick<Settings, 'PULL_DOCTOR_WORKSPACE_IDS' | 'PULL_DOCTOR_AZURE_CLOUD'>;
  log: Logger;
  chat: () => ChatPort;
  /** The app's engine, its clients and its registry request count (the composition root builds them once). */
  engine: () => Promise<ImpactEngineParts>;
  /** Tests, the demo and sandbox mode: the impact engine to use instead of Azure's. */
  impact?: () => Promise<ImpactEngine>;
  /** The Table store when Storage is configured (warnings live in the incident table); memory otherwise. */
  warnings?: WarningStore;
  now?: () => Date;
}

export interface ImpactEngineParts {
  engine: Diagnoser;
  clients: Pick<AzureClients, 'logs' | 'requestCounts'>;
  registryRequests(): number;
}

export function createWarningServices(args: WarningServicesArgs): WarningServices {
  // With Storage configured the composition root passes the Table store (lazily: lib/app/lazy-ports.ts).
  const store = args.warnings ?? new MemoryWarningStore();
  const impact = onceAsync(async (): Promise<ImpactEngine> => {
    if (args.impact) return args.impact();
    // Without workspaces the engine still answers: every report is undecided, naming the setting.
    const [{ createAzureImpactEngine }, parts] = await Promise.all([import('../warnings/azure-impact-engine.js'), args.engine()]);
    return createAzureImpactEngine(parts.engine, parts.clients, args.settings, parts.registryRequests);
  });
  const analyzer: ImpactAnalyzer = { analyze: async (change, options) => (await impact()).analyze(change, options) };
  const chat = () => {
    try {
      const port = args.chat();
      return isWarningChat(port) ? port : undefined;
    } catch (error) {
      args.log.error(`warnings: no chat adapter: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  const service = new WarningService({ store, chat, analyzer, log: args.log, now: args.now });
  return {
    store,
    service,
    impact,
    analyzer,
    actions: { store, service, analyzer, now: args.now },
    audit: async (cluster, signal) => auditCluster(await impact(), cluster, { ...(args.now ? { at: args.now() } : {}), ...(signal ? { signal } : {}) }),
  };
}
