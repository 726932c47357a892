import type { AzureClients } from '../azure/clients';
import type { ChatPort } from '../chat/chat-port';
import { createChatPort } from '../chat/create-chat-port';
import { classifyPullMessage } from '../classify/classify-pull-message';
import { readSettings, secretProblemLines, type Settings } from '../config/settings';
import { CLOUD_ENDPOINTS } from '../azure/cloud-endpoints';
import { FUNCTION_KEY_ONLY, SECURE_WEBHOOK_NOT_CONFIGURED, SecureWebhookAuth, type WebhookAuth } from '../http/secure-webhook-auth';
import type { Diagnoser } from '../diagnosis/diagnoser';
import { podDetailsCompleter } from '../jobs/complete-failure';
import type { IncidentStore } from '../incidents/incident-store';
import type { IntakeServices } from '../intake/handlers';
import { Intake } from '../intake/intake';
import { consoleLogger, type Logger } from '../intake/logger';
import type { AutoResolveDeps } from '../jobs/auto-resolve';
import type { JobDeps } from '../jobs/run-diagnose-job';
import { createLogAnalyticsContainerInsights, type ContainerInsightsPort } from '../logs/container-insights';
import type { JobQueue } from '../queue/job-queue';
import { sandboxServices, type SandboxServices } from './sandbox-services';
import { createIntakeStorage } from './intake-storage';
import { onceAsync } from '../util/lazy';
import { lazyContainerInsights, lazyDiagnoser } from './lazy-ports';
import { createWarningServices, type WarningServices } from './warning-services';
import type { ImpactEngine } from '../prevent/impact-analyzer';
import type { WarningStore } from '../warnings/warning-store';
import type { ImpactJobDeps } from '../jobs/run-impact-job';
import type { ChangeIntakeDeps } from '../prevent/change-handler';
import type { ImpactAnalyzer, WarningPort } from '../prevent/ports';

/**
 * The composition root for functions/ and the CLI: settings → Azure clients, incident store, queue,
 * Container insights, chat and the engine. Everything is created once, lazily (the alert webhook
 * never builds the engine), and reused across invocations. The SDKs behind the engine, Log
 * Analytics, the credential and chat are imported on first use (`await import`), so the Functions
 * app's cold start loads only intake and storage.
 */
export interface Services extends IntakeServices {
  readonly settings: Settings;
  readonly log: Logger;
  readonly queue: JobQueue;
  readonly chat: ChatPort;
  readonly diagnoser: Diagnoser;
  /** Where incidents live: `table` (Storage), or `memory` (CLI/demo without storage settings). */
  readonly storage: 'table' | 'memory';
  /** Second factor of /api/alerts besides the function key: Azure Monitor's secure webhook token. */
  readonly alertAuth: WebhookAuth;
  jobDeps(): JobDeps;
  autoResolveDeps(): AutoResolveDeps;
  /**
   * Builds the Table and Queue Storage clients (and the warning store) and, for identity-based
   * Storage, loads the credential's SDK: local work only, no request. functions/app-lifecycle.ts
   * awaits it in appStart, so an instance does it before it is given traffic.
   */
  loadIntake(): Promise<void>;
  /**
   * loadIntake, then (identity-based Storage) the first Storage token; then, if no request has used
   * Storage 200 ms later (intake-storage.ts), runs each client's pipeline once with the table's and
   * the queue's create-if-missing call (an instance that is up before its first request, e.g. always
   * ready, meets it warm). functions/app-lifecycle.ts starts it in appStart, not awaited.
   */
  preloadIntake(signal?: AbortSignal): Promise<void>;
  /** Issue 18: warnings (store, WarningPort, buttons) and the fleet audit. */
  readonly warnings: WarningServices;
  /** Prevention (issue 18): change intake and the impact job. */
  changeIntakeDeps(): ChangeIntakeDeps;
  impactDeps(): ImpactJobDeps;
}

/** Replace any part (tests, the demo, the CLI's sandbox mode). */
export interface ServiceOverrides {
  store?: IncidentStore;
  queue?: JobQueue;
  insights?: ContainerInsightsPort;
  chat?: ChatPort;
  diagnoser?: Diagnoser;
  azure?: AzureClients;
  log?: Logger;
  now?: () => Date;
  alertAuth?: WebhookAuth;
  impact?: ImpactEngine;
  warningStore?: WarningStore;
  analyzer?: ImpactAnalyzer;
  warnings?: WarningPort;
}

/**
 * The alert webhook's token check: required when the app registration is configured, and in Azure
 * even when it is not (then every alert is refused, 503, until it is). Locally the key alone.
 */
function alertAuthFor(settings: Settings, log: Logger): WebhookAuth {
  const appId = settings.PULL_DOCTOR_ALERT_AUTH_APP_ID;
  const tenantId = settings.PULL_DOCTOR_ALERT_AUTH_TENANT_ID ?? settings.MicrosoftAppTenantId;
  if (appId && tenantId) {
    return new SecureWebhookAuth({ appId, tenantId, authorityHost: CLOUD_ENDPOINTS[settings.PULL_DOCTOR_AZURE_CLOUD].authorityHost });
  }
  if (appId) log.error('alert webhook: PULL_DOCTOR_ALERT_AUTH_APP_ID is set but no tenant (PULL_DOCTOR_ALERT_AUTH_TENANT_ID or MicrosoftAppTenantId); alerts are refused');
  else if (settings.runningInAzure) log.error('alert webhook: PULL_DOCTOR_ALERT_AUTH_APP_ID is not set; alerts are refused until the secure webhook is configured');
  else return FUNCTION_KEY_ONLY;
  return SECURE_WEBHOOK_NOT_CONFIGURED;
}

/** The impact engine a test or sandbox mode supplies; none → the warning services build Azure's. */
function impactFor(given: ImpactEngine | undefined, sandbox: SandboxServices | undefined): { impact?: () => Promise<ImpactEngine> } {
  if (given) return { impact: async () => given };
  return sandbox ? { impact: () => sandbox.impact() } : {};
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

export function createServices(env: Record<string, string | undefined> = process.env, overrides: ServiceOverrides = {}): Services {
  const settings = readSettings(env);
  const log = overrides.log ?? consoleLogger;
  // Named, never shown: an unusable secret is logged once at start, and its endpoints answer 503.
  for (const line of secretProblemLines(settings)) log.error(`settings: ${line}`);
  const credential = onceAsync(async () => overrides.azure?.credential ?? (await import('../azure/default-credential.js')).createDefaultCredential(settings));
  const azure = onceAsync(async () => overrides.azure ?? (await import('../azure/create-azure-clients.js')).createDefaultAzureClients(settings, {}, await credential()));

  const { store, queue, warningStore, storage, loadIntake, preloadIntake } = createIntakeStorage(settings, log, credential, overrides);
  const sandbox = lazy(() => (settings.PULL_DOCTOR_SANDBOX_WORLD ? sandboxServices(settings.PULL_DOCTOR_SANDBOX_WORLD, log) : undefined));
  const warnings = createWarningServices({
    settings,
    log,
    chat: () => chat(),
    // A test's diagnoser stands in for the engine here too.
    engine: async () => (overrides.diagnoser ? { engine: overrides.diagnoser, clients: await azure(), registryRequests: () => 0 } : azureEngine()),
    ...impactFor(overrides.impact, sandbox()),
    ...(warningStore ? { warnings: warningStore } : {}),
    ...(overrides.now ? { now: overrides.now } : {}),
  });

  const intake = new Intake({
    store,
    queue,
    classify: (f) => classifyPullMessage(f.message ?? '', f.reason).category,
    log,
    settings: {
      debounceMinutes: settings.PULL_DOCTOR_DEBOUNCE_MINUTES,
      allowedClusters: settings.PULL_DOCTOR_ALLOWED_CLUSTERS,
      allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES,
    },
    now: overrides.now,
    warnings: warnings.store,
  });
  const insights = lazy(
    () =>
      overrides.insights ??
      sandbox()?.insights ??
      lazyContainerInsights(async () =>
        createLogAnalyticsContainerInsights(overrides.azure ? overrides.azure.logs() : (await import('../azure/logs-client.js')).createLogsQueryClient(await credential(), settings)),
      ),
  );
  const chat = lazy(() => overrides.chat ?? createChatPort(settings, log));
  // One engine for diagnoses, impact analysis and the audit: one lookup cache, one request count.
  const azureEngine = onceAsync(async () => {
    const [{ createEngine }, { createRegistryClientFactory }, { containerInsightsPreviousImage }, clients] = await Promise.all([
      import('../diagnosis/engine.js'),
      import('../registry/oci-registry-client.js'),
      import('../logs/previous-image.js'),
      azure(),
    ]);
    const registries = createRegistryClientFactory({ credential: clients.credential });
    const engine = createEngine({
      azure: clients,
      registries,
      egress: { allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES },
      checkTimeoutMs: settings.PULL_DOCTOR_CHECK_TIMEOUT_MS,
      cacheTtlMs: settings.PULL_DOCTOR_CACHE_TTL_SECONDS * 1000,
      subscriptions: settings.PULL_DOCTOR_SUBSCRIPTIONS,
      // Every Run Command is logged with its exact script (validated names only; output is never logged).
      inCluster: { mode: settings.PULL_DOCTOR_IN_CLUSTER, onCommand: (entry) => log.info('pull-doctor ran an AKS Run Command', entry) },
      deletedTags: (loginServer, repository) => store.deletedTags(loginServer, repository),
      // The tag a failing workload ran before, from Container insights (the repository-tag check's first suggestion).
      previousImage: containerInsightsPreviousImage(insights, settings.PULL_DOCTOR_WORKSPACE_IDS),
    });
    return { engine, clients, registryRequests: () => registries.requestCount() };
  });
  const diagnoser = lazy(() => overrides.diagnoser ?? sandbox()?.diagnoser ?? lazyDiagnoser(async () => (await azureEngine()).engine));

  // A change is analysed by the warnings' impact engine (the fleet audit's too); warnings publish its report.
  const impactDeps = (): ImpactJobDeps => ({ analyzer: overrides.analyzer ?? warnings.analyzer, warnings: overrides.warnings ?? warnings.service, log });

  const services: Services = {
    warnings,
    settings,
    log,
    storage,
    alertAuth: overrides.alertAuth ?? alertAuthFor(settings, log),
    store,
    queue,
    intake,
    workspaceIds: settings.PULL_DOCTOR_WORKSPACE_IDS,
    alertRules: settings.PULL_DOCTOR_ALERT_RULES,
    k8sEventSenders: settings.PULL_DOCTOR_K8S_EVENT_SENDERS,
    get insights() {
      return insights();
    },
    get chat() {
      return chat();
    },
    get diagnoser() {
      return diagnoser();
    },
    jobDeps: () => ({
      store,
      chat: chat(),
      diagnoser: diagnoser(),
      log,
      debounceMinutes: settings.PULL_DOCTOR_DEBOUNCE_MINUTES,
      now: overrides.now,
      queue,
      completeFailure: podDetailsCompleter(insights, settings.PULL_DOCTOR_WORKSPACE_IDS),
    }),
    changeIntakeDeps: () => ({
      seen: (key, durable, signal) => intake.seen(key, durable, signal),
      remember: (key, durable, signal) => intake.remember(key, durable, signal),
      queue,
      debounceSeconds: settings.PULL_DOCTOR_CHANGE_DEBOUNCE_SECONDS,
      registryInScope: (loginServer) => intake.registryInScope(loginServer),
    }),
    impactDeps,
    loadIntake,
    preloadIntake,
    autoResolveDeps: () => ({
      store,
      queue,
      log,
      intake,
      quietPeriodMinutes: settings.PULL_DOCTOR_QUIET_PERIOD_MINUTES,
      resolvedRetentionDays: settings.PULL_DOCTOR_RESOLVED_RETENTION_DAYS,
      warnings: warnings.store,
      now: overrides.now,
    }),
  };
  return services;
}

let shared: Services | undefined;

/** The process-wide services the Functions host uses: built on first use, then reused. */
export function getServices(): Services {
  shared ??= createServices();
  return shared;
}
