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
  /** The impact engine against Azure, built on first use; undefined without Container insights workspaces. */
  impact(): Promise<ImpactEngine | undefined>;
  /** An ImpactAnalyzer over impact() that throws when none is configured. */
  analyzer: ImpactAnalyzer;
  actions: WarningActionDeps;
  audit(cluster: string, signal?: AbortSignal): Promise<ImpactReport>;
}

export interface WarningServicesArgs {
  settings: Pick<Settings, 'PULL_DOCTOR_WORKSPACE_IDS' | 'PULL_DOCTOR_AZURE_CLOUD' | 'PULL_DOCTOR_SANDBOX_WORLD'>;
  log: Logger;
  chat: () => ChatPort;
  diagnoser: () => Diagnoser;
  azure: () => Promise<AzureClients>;
  /** Tests and the demo: a ready engine instead of Azure's. */
  impact?: ImpactEngine;
  /** The Table store when Storage is configured (warnings live in the incident table); memory otherwise. */
  warnings?: WarningStore;
  now?: () => Date;
}

export function createWarningServices(args: WarningServicesArgs): WarningServices {
  // With Storage configured the composition root passes the Table store (lazily: lib/app/lazy-ports.ts).
  const store = args.warnings ?? new MemoryWarningStore();
  const impact = onceAsync(async (): Promise<ImpactEngine | undefined> => {
    if (args.impact) return args.impact;
    if (args.settings.PULL_DOCTOR_WORKSPACE_IDS.length === 0 || args.settings.PULL_DOCTOR_SANDBOX_WORLD) return undefined;
    const [{ createAzureImpactEngine }, azure] = await Promise.all([import('../warnings/azure-impact-engine.js'), args.azure()]);
    return createAzureImpactEngine(args.diagnoser(), azure, args.settings);
  });
  const required = async (): Promise<ImpactEngine> => {
    const engine = await impact();
    if (!engine) throw new Error('no impact analysis here: PULL_DOCTOR_WORKSPACE_IDS names no Container insights workspace');
    return engine;
  };
  const analyzer: ImpactAnalyzer = { analyze: async (change, options) => (await required()).analyze(change, options) };
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
    audit: async (cluster, signal) => auditCluster(await required(), cluster, { ...(args.now ? { at: args.now() } : {}), ...(signal ? { signal } : {}) }),
  };
}
