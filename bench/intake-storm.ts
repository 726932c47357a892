import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createServices, type Services } from '../lib/app/create-services';
import type { ChatPort } from '../lib/chat/chat-port';
import type { DiagnoseOptions, Diagnoser } from '../lib/diagnosis/diagnoser';
import { handleK8sEvents } from '../lib/intake/handlers';
import { silentLogger } from '../lib/intake/logger';
import { MemoryIncidentStore } from '../lib/incidents/memory-incident-store';
import { TableIncidentStore } from '../lib/incidents/table-incident-store';
import { runDiagnoseJob } from '../lib/jobs/run-diagnose-job';
import { DIAGNOSIS_VERSION, type ChatMessageRef, type Diagnosis, type PullFailure } from '../lib/model';
import { MemoryJobQueue } from '../lib/queue/job-queue';
import { startAzurite } from '../test/helpers/azurite';

/**
 * Issue 5's storm: 1,000 kubelet failure events for one bad image across 50 pods in 5 namespaces,
 * delivered one Event Grid event per invocation (as the Event Grid trigger does), then the queue
 * drained. Expect 1 incident, 1 diagnosis run, 1 chat message (plus in-place updates); intake
 * ≥ 1,000 events/s with the memory store; with Table Storage (Azurite) writes that follow pods,
 * not events.
 */

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const IMAGE = 'pdacr.azurecr.io/shop/web:v1.2';
const MESSAGE = `Failed to pull image "${IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "${IMAGE}": failed to resolve reference "${IMAGE}": ${IMAGE}: not found`;
const STORM_START = Date.UTC(2026, 10, 25, 21, 0);
/** The storm's events are spread over five minutes of kubelet time. */
const STORM_SPAN_MS = 5 * 60_000;

/** CloudEvents as infra/k8s-event-exporter/values.yaml makes them. */
export function stormEvents(events: number, pods: number, namespaces = 5, tag = 'storm'): unknown[] {
  return Array.from({ length: events }, (_, i) => {
    const pod = i % pods;
    const namespace = `team-${pod % namespaces}`;
    const at = new Date(STORM_START + Math.floor((i / events) * STORM_SPAN_MS)).toISOString();
    const reason = i % 2 ? 'BackOff' : 'Failed';
    return {
      specversion: '1.0',
      id: `${tag}-${i}`,
      source: CLUSTER,
      type: 'PullDoctor.Kubernetes.Event',
      time: at,
      data: {
        cluster: CLUSTER,
        type: 'Warning',
        reason,
        message: reason === 'BackOff' ? `Back-off pulling image "${IMAGE}"` : MESSAGE,
        count: String(1 + Math.floor(i / pods)),
        firstTimestamp: new Date(STORM_START).toISOString(),
        lastTimestamp: at,
        source: { component: 'kubelet', host: `aks-nodepool1-12345678-vmss00000${pod % 3}` },
        involvedObject: {
          kind: 'Pod',
          namespace,
          name: `web-7d9c8b6f5-p${pod}`,
          fieldPath: 'spec.containers{web}',
          labels: { 'pod-template-hash': '7d9c8b6f5' },
          ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9c8b6f5' }],
        },
      },
    };
  });
}

class CountingChat implements ChatPort {
  readonly platform = 'console' as const;
  counts = { start: 0, progress: 0, diagnosis: 0, resolved: 0, reply: 0 };
  async start(): Promise<ChatMessageRef> {
    this.counts.start++;
    return { platform: 'console', ts: String(this.counts.start) };
  }
  async progress(): Promise<void> {
    this.counts.progress++;
  }
  async diagnosis(): Promise<void> {
    this.counts.diagnosis++;
  }
  async resolved(): Promise<void> {
    this.counts.resolved++;
  }
  async reply(): Promise<void> {
    this.counts.reply++;
  }
  async unfinished(): Promise<ChatMessageRef | undefined> {
    return undefined;
  }
  async withdraw(): Promise<void> {}
}

/** Stands in for the engine (benchmarked on its own): counts runs and reports eleven checks. */
class CountingDiagnoser implements Diagnoser {
  runs = 0;
  async diagnose(failure: PullFailure, options: DiagnoseOptions = {}): Promise<Diagnosis> {
    this.runs++;
    for (let done = 1; done <= 11; done++) options.onProgress?.({ done, total: 11, running: [] });
    return {
      version: DIAGNOSIS_VERSION,
      failure,
      image: null,
      classification: { category: 'tag_not_found', confidence: 0.9, candidates: [], explanation: '' },
      findings: [],
      verdict: { outcome: 'cause_found', rootCauses: [{ checkId: 'repository-tag', confidence: 0.9, summary: 'tag v1.2 does not exist' }], summary: 'tag v1.2 does not exist' },
      timings: { startedAt: new Date().toISOString(), totalMs: 0, checks: {} },
      requests: { arm: 0, registry: 0, logs: 0, total: 0 },
    };
  }
}

interface StormResult {
  seconds: number;
  eventsPerSecond: number;
  incidents: number;
  pods: number;
  eventCount: number;
  jobsEnqueued: number;
  diagnosisRuns: number;
  chatMessages: number;
  chatUpdates: number;
}

async function storm(services: Services, queue: MemoryJobQueue, chat: CountingChat, diagnoser: CountingDiagnoser, events: unknown[]): Promise<StormResult> {
  const started = performance.now();
  for (const event of events) await handleK8sEvents(services, event, silentLogger);
  const seconds = (performance.now() - started) / 1000;
  await services.intake.flush();
  const jobsEnqueued = queue.sent;
  await queue.drain((job, attempt) => runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: attempt }));
  const incidents = await services.store.list();
  return {
    seconds: Number(seconds.toFixed(3)),
    eventsPerSecond: Math.round(events.length / seconds),
    incidents: incidents.length,
    pods: incidents[0]?.podCount ?? 0,
    eventCount: incidents[0]?.eventCount ?? 0,
    jobsEnqueued,
    diagnosisRuns: diagnoser.runs,
    chatMessages: chat.counts.start,
    chatUpdates: chat.counts.progress + chat.counts.diagnosis,
  };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function harness(store?: TableIncidentStore) {
  const queue = new MemoryJobQueue();
  const chat = new CountingChat();
  const diagnoser = new CountingDiagnoser();
  const services = createServices({}, { store: store ?? new MemoryIncidentStore(), queue, chat, diagnoser, log: silentLogger });
  return { services, queue, chat, diagnoser };
}

export async function runIntakeStormBench(): Promise<Record<string, number | string>> {
  const loadStart = loadavg()[0].toFixed(1);
  const out: Record<string, number | string> = {};

  // Warm-up (JIT, zod) on a separate store so the measured run starts cold on data, warm on code.
  const warm = harness();
  await storm(warm.services, warm.queue, warm.chat, warm.diagnoser, stormEvents(200, 20, 5, 'warm'));

  const memory = harness();
  const m = await storm(memory.services, memory.queue, memory.chat, memory.diagnoser, stormEvents(1000, 50));
  Object.assign(out, {
    'memory.events': 1000,
    'memory.events_per_s': m.eventsPerSecond,
    'memory.seconds': m.seconds,
    'memory.incidents': m.incidents,
    'memory.pods': m.pods,
    'memory.event_count': m.eventCount,
    'memory.jobs_enqueued': m.jobsEnqueued,
    'memory.diagnosis_runs': m.diagnosisRuns,
    'memory.chat_messages': m.chatMessages,
    'memory.chat_updates': m.chatUpdates,
  });

  const azurite = await startAzurite();
  try {
    const runs: Array<[number, number]> = [
      [500, 50],
      [1000, 50],
      [2000, 50],
      [1000, 100],
    ];
    for (const [events, pods] of runs) {
      const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, `storm${events}x${pods}`);
      const table = harness(store);
      const before = { ...store.stats };
      const cpu = process.cpuUsage();
      const t = await storm(table.services, table.queue, table.chat, table.diagnoser, stormEvents(events, pods, 5, `t${events}x${pods}`));
      const key = `table.${events}ev_${pods}pods`;
      Object.assign(out, {
        [`${key}.writes`]: store.stats.writes - before.writes,
        [`${key}.reads`]: store.stats.reads - before.reads,
        [`${key}.conflicts`]: store.stats.conflicts - before.conflicts,
        [`${key}.events_per_s`]: t.eventsPerSecond,
        // This process only (Azurite is a child process): what the intake itself costs, whatever the load.
        [`${key}.events_per_cpu_s`]: Math.round(events / (cpuMs(process.cpuUsage(cpu)) / 1000)),
        [`${key}.incidents`]: t.incidents,
        [`${key}.diagnosis_runs`]: t.diagnosisRuns,
        [`${key}.chat_messages`]: t.chatMessages,
      });
    }
  } finally {
    await azurite.stop();
  }
  out['loadAverage1m (start → end)'] = `${loadStart} → ${loadavg()[0].toFixed(1)}`;
  out['note'] = 'one Event Grid event per invocation, one process; Azurite in-memory on 127.0.0.1; diagnoser and chat are counting stand-ins';
  return out;
}

if (require.main === module) {
  runIntakeStormBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
