import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createServices, type Services } from '../../lib/app/create-services';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import type { ContainerInsightsPort } from '../../lib/logs/container-insights';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { expandQueuedAlerts, FakeDiagnoser, FIXTURE_CLUSTER, FIXTURE_IMAGE, FIXTURE_WORKSPACE, pullFailureKubeEvent, RecordingChat } from '../intake/fakes';

/** The sample payloads beside this file (SOURCES.md says where each comes from). */
export const sample = (path: string): string => readFileSync(join(__dirname, path), 'utf8');

export const CLUSTER = FIXTURE_CLUSTER;
export const WORKSPACE = FIXTURE_WORKSPACE;
export const IMAGE = FIXTURE_IMAGE;
/** The rules infra/modules/alerts.bicep would create for the fixtures of test/fixtures/alerts. */
export const OUR_RULES = 'pull-doctor-image-pull-failures,pull-doctor-image-pull-failures-count';
/** aks-prod's exporter presents this bearer token; the setting holds only its SHA-256. */
export const SENDER_TOKEN = 'conformance-sender-token-aks-prod-0001';
export const SENDERS = JSON.stringify([{ cluster: CLUSTER, sender: 'aks-prod', tokenSha256: createHash('sha256').update(SENDER_TOKEN).digest('hex') }]);


export interface IntakeHarness {
  services: Services;
  store: MemoryIncidentStore;
  queue: MemoryJobQueue;
  /** Log Analytics reads, with the workspace each went to. */
  queries: string[];
  logs: string[];
  context(): InvocationContext;
  /** Runs the alert jobs the webhook queued, as the queue function does; their outcomes. */
  expandAlerts(): Promise<string[]>;
}

export function intakeHarness(env: Record<string, string> = {}): IntakeHarness {
  const store = new MemoryIncidentStore();
  const queue = new MemoryJobQueue();
  const logs: string[] = [];
  const queries: string[] = [];
  // Container insights rows with pull failures in 21:00–21:05: a non-pull alert must not find them.
  const sandbox = createSandboxContainerInsights({ [WORKSPACE]: { KubeEvents: [pullFailureKubeEvent('web-7d9c8b6f5-x2x4q', 1), pullFailureKubeEvent('web-7d9c8b6f5-zzzzz', 2)] } });
  const insights: ContainerInsightsPort = {
    failingPods: async (params, options) => {
      queries.push(`failingPods ${params.workspaceId}`);
      return sandbox.failingPods(params, options);
    },
    podDetails: async (params, options) => {
      queries.push(`podDetails ${params.workspaceId}`);
      return sandbox.podDetails(params, options);
    },
    nodeLabels: async (params, options) => sandbox.nodeLabels(params, options),
    previousImage: async (params, options) => sandbox.previousImage(params, options),
  };
  const services = createServices(
    { PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, PULL_DOCTOR_ALERT_RULES: OUR_RULES, ...env },
    { store, queue, chat: new RecordingChat(), diagnoser: new FakeDiagnoser(), insights, log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) } },
  );
  return {
    services,
    store,
    queue,
    queries,
    logs,
    context: () => new InvocationContext({ invocationId: 'conformance', functionName: 'conformance', logHandler: (level, ...args) => logs.push(`${level}: ${args.join(' ')}`) }),
    expandAlerts: () => expandQueuedAlerts(queue, services, services.log),
  };
}

export const post = (url: string, body: string, headers: Record<string, string> = {}, params: Record<string, string> = {}) =>
  new HttpRequest({ method: 'POST', url, body: { string: body }, headers: { 'content-type': 'application/json', ...headers }, params });
