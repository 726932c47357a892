import type { TokenCredential } from '@azure/core-auth';
import type { Settings } from '../config/settings';
import type { IncidentStore } from '../incidents/incident-store';
import { MemoryIncidentStore } from '../incidents/memory-incident-store';
import { clipForLog, type Logger } from '../intake/logger';
import { MemoryJobQueue, type JobQueue } from '../queue/job-queue';
import { onceAsync } from '../util/lazy';
import type { WarningStore } from '../warnings/warning-store';
import { lazyCredential, lazyIncidentStore, lazyJobQueue, lazyWarningStore } from './lazy-ports';
import { STORAGE_TOKEN_SCOPE, storageConnections, storagePlan } from './storage-connection';

/**
 * How long the preload waits, once the clients are built, before warming the Storage pipelines. A
 * request that woke the instance reaches Storage within this time and makes the warm-up needless (it
 * would only compete with that request for the CPU); an idle instance warms up.
 */
const PRELOAD_WARM_UP_DELAY_MS = 200;

/** Incidents, jobs and warnings in Table and Queue Storage (or in memory), and the start-up work that gets them ready. */
export interface IntakeStorage {
  store: IncidentStore;
  queue: JobQueue;
  warningStore?: WarningStore;
  /** Where incidents live: `table` (Storage), or `memory` (CLI/demo without storage settings). */
  storage: 'table' | 'memory';
  /** Services.loadIntake. */
  loadIntake(): Promise<void>;
  /** Services.preloadIntake. */
  preloadIntake(signal?: AbortSignal): Promise<void>;
}

export function createIntakeStorage(
  settings: Settings,
  log: Logger,
  credential: () => Promise<TokenCredential>,
  overrides: { store?: IncidentStore; queue?: JobQueue; warningStore?: WarningStore },
): IntakeStorage {
  const plan = storagePlan(settings);
  if (plan.kind === 'memory' && plan.problem) log.warn(`storage: ${plan.problem}; using in-memory incidents and queue`);
  const connections = storageConnections(plan, () => lazyCredential(credential));
  // Built once (onceAsync), on the first read or write, or earlier by loadIntake (appStart). The
  // SDK-backed stores are imported on first use: the CLI loads them only when it needs Storage, the
  // Functions app has them loaded already (functions/app-lifecycle.ts).
  const tableStore = connections && onceAsync(async () => (await import('../incidents/table-incident-store.js')).TableIncidentStore.create(connections.table, settings.PULL_DOCTOR_INCIDENT_TABLE));
  const storageQueue = connections && onceAsync(async () => (await import('../queue/storage-job-queue.js')).StorageJobQueue.create(connections.queue, settings.PULL_DOCTOR_QUEUE_NAME));
  // Warnings share the incident table, its client and its creation whenever incidents are in Table Storage.
  const tableWarningStore =
    tableStore &&
    onceAsync(async () => {
      const [incidents, { TableWarningStore }] = await Promise.all([tableStore(), import('../warnings/table-warning-store.js')]);
      return new TableWarningStore(incidents.client, incidents.table);
    });
  // Whether a request has called Storage yet (the first call of a lazy port builds its client): the preload's warm-up is then needless.
  let storageUsed = false;
  const used = <T>(make: () => Promise<T>) => () => {
    storageUsed = true;
    return make();
  };
  const usesIdentity = plan.kind === 'identity' && !(overrides.store && overrides.queue);
  // The Storage-backed stores this instance uses (none that a test replaced), built, with the credential's SDK.
  const load = async () => {
    const [incidents, jobs] = await Promise.all([
      overrides.store ? undefined : tableStore?.(),
      overrides.queue ? undefined : storageQueue?.(),
      overrides.warningStore ? undefined : tableWarningStore?.(),
      usesIdentity ? credential() : undefined,
    ]);
    return { incidents, jobs };
  };
  return {
    store: overrides.store ?? (tableStore ? lazyIncidentStore(used(tableStore)) : new MemoryIncidentStore()),
    queue: overrides.queue ?? (storageQueue ? lazyJobQueue(used(storageQueue)) : new MemoryJobQueue()),
    warningStore: overrides.warningStore ?? (tableWarningStore ? lazyWarningStore(used(tableWarningStore)) : undefined),
    storage: overrides.store || plan.kind !== 'memory' ? 'table' : 'memory',
    loadIntake: async () => {
      await load();
    },
    async preloadIntake(signal) {
      const [{ incidents, jobs }] = await Promise.all([
        load(),
        // Identity-based Storage (as deployed): the first Storage token is on every route's first
        // request too; fetched now, the clients' getToken is a cache hit.
        usesIdentity ? credential().then((c) => c.getToken(STORAGE_TOKEN_SCOPE, { abortSignal: signal })) : undefined,
      ]);
      await new Promise((resolve) => setTimeout(resolve, PRELOAD_WARM_UP_DELAY_MS));
      if (storageUsed) return;
      // Create-if-missing (in Azure both exist: the Bicep made them): runs each pipeline's code once and opens the connections.
      await Promise.all([incidents?.ensureTable(signal), jobs?.prepare({ signal })]);
    },
  };
}

/**
 * What appStart does for Storage (functions/app-lifecycle.ts). loadIntake is awaited: local work
 * before the worker answers the host's init (its startApp awaits the appStart hooks: Azure Functions
 * Node.js worker, src/startApp.ts), so before any invocation. preloadIntake (token, warm-up) runs in
 * the background: a first request arriving sooner waits for the same promises (nothing runs twice).
 * A failure is only logged: the first use tries again.
 */
export async function startIntakeStorage(storage: Pick<IntakeStorage, 'loadIntake' | 'preloadIntake'>, logError: (line: string) => void): Promise<void> {
  const notPreloaded = (error: unknown) => logError(`storage: not preloaded, the first request tries again: ${clipForLog(error instanceof Error ? error.message : String(error))}`);
  await storage.loadIntake().catch(notPreloaded);
  storage.preloadIntake(AbortSignal.timeout(30_000)).catch(notPreloaded);
}
