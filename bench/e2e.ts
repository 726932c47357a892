import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InvocationContext, type EventGridEvent } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { diagnoseJobHandler } from '../functions/diagnose-queue';
import { k8sEventHandler } from '../functions/k8s-events';
import { createServices } from '../lib/app/create-services';
import type { ChatPort } from '../lib/chat/chat-port';
import { createChatPort } from '../lib/chat/create-chat-port';
import { readSettings } from '../lib/config/settings';
import { silentLogger } from '../lib/intake/logger';
import { createSandboxContainerInsights } from '../lib/logs/sandbox-container-insights';
import type { ChatMessageRef, Incident, PullFailure } from '../lib/model';
import { startSandboxEngine } from '../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';
import { startAzurite } from '../test/helpers/azurite';
import { startSlackApiServer } from '../test/helpers/slack-api-server';
import { median } from './cold-start';

/**
 * Issue 16's end-to-end benchmark: a Kubernetes `Failed` event enters the k8s Event Grid function
 * (functions/k8s-events.ts, the handler the app registers) → incident in Table Storage and a job on
 * the real queue (Azurite) → a poller that does what the Functions queue trigger does (batch of 8,
 * base64 JSON, idle back-off to host.json's maxPollingInterval of 2 s) → the queue function
 * (functions/diagnose-queue.ts) → the engine on the sandbox (100 ms injected on every ARM and
 * registry request) → the Slack adapter against a local Slack Web API server.
 * Measured: event in → first message ("diagnosing…" chat.postMessage answered) and → final verdict
 * (the message updated with the diagnosis), for one event and for a storm of 1,000 events over 50
 * pods; cold (first event in a fresh process) and warm (the same process, a new incident).
 */
const run = promisify(execFile);
const WORLD = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));
const TOKEN = 'xoxb-bench-not-a-secret';
const CHANNEL = 'C0PULLDOC';
const POLL_MIN_MS = 100;
const POLL_MAX_MS = 2_000; // host.json extensions.queues.maxPollingInterval

/** Kubernetes Warning events for `image` in the world's cluster, as the forwarder sends them (Event Grid schema). */
export function worldEvents(failure: PullFailure, image: string, events: number, pods: number, tag: string): EventGridEvent[] {
  const message = `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
  const now = Date.now();
  return Array.from({ length: events }, (_, i) => {
    const pod = pods === 1 ? failure.pod! : `${failure.pod}-${i % pods}`;
    const at = new Date(now - (events - i) * 100).toISOString();
    return {
      id: `${tag}-${i}`,
      topic: '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.EventGrid/topics/pull-doctor-k8s-events',
      subject: `${failure.namespace}/${pod}`,
      eventType: 'PullDoctor.Kubernetes.Event',
      eventTime: at,
      dataVersion: '1.0',
      data: {
        cluster: failure.cluster,
        type: 'Warning',
        reason: 'Failed',
        message,
        count: 1 + Math.floor(i / pods),
        firstTimestamp: at,
        lastTimestamp: at,
        source: { component: 'kubelet', host: failure.node },
        involvedObject: { kind: 'Pod', namespace: failure.namespace, name: pod, fieldPath: `spec.containers{${failure.container}}`, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9c5b8f6d' }] },
      },
    } as unknown as EventGridEvent;
  });
}

/** The real chat port, with the moment each incident's first message and verdict were answered by Slack. */
class TimedChat implements ChatPort {
  readonly firstMessageAt = new Map<string, number>();
  readonly verdictAt = new Map<string, number>();
  constructor(private readonly inner: ChatPort) {}
  get platform() {
    return this.inner.platform;
  }
  async start(incident: Incident, options?: { signal?: AbortSignal }): Promise<ChatMessageRef> {
    const ref = await this.inner.start(incident, options);
    if (!this.firstMessageAt.has(incident.image)) this.firstMessageAt.set(incident.image, Date.now());
    return ref;
  }
  progress(...args: Parameters<ChatPort['progress']>) {
    return this.inner.progress(...args);
  }
  async diagnosis(...args: Parameters<ChatPort['diagnosis']>) {
    await this.inner.diagnosis(...args);
    this.verdictAt.set(args[1].image, Date.now());
  }
  resolved(...args: Parameters<ChatPort['resolved']>) {
    return this.inner.resolved(...args);
  }
  reply(...args: Parameters<ChatPort['reply']>) {
    return this.inner.reply(...args);
  }
  unfinished(...args: Parameters<ChatPort['unfinished']>) {
    return this.inner.unfinished(...args);
  }
  withdraw(...args: Parameters<ChatPort['withdraw']>) {
    return this.inner.withdraw(...args);
  }
}

interface ScenarioResult {
  scenario: string;
  events: number;
  intakeMs: number;
  firstMessageMs: number;
  verdictMs: number;
  slackPosts: number;
  /** Diagnose jobs that threw and went back to the queue before this scenario's verdict. */
  jobFailures: string[];
}

/** One process's run: `order` says which scenarios, in order (the first one is cold). */
async function child(connectionString: string, order: string[]): Promise<ScenarioResult[]> {
  const slack = await startSlackApiServer({ token: TOKEN, channels: [CHANNEL] });
  const running = await startSandboxEngine(WORLD, { faults: [{ route: '.*', server: 'any', delayMs: 100 }], cacheTtlMs: 60_000 });
  const suffix = `${process.pid}`;
  const env = {
    AzureWebJobsStorage: connectionString,
    PULL_DOCTOR_INCIDENT_TABLE: `e2e${suffix}`,
    PULL_DOCTOR_QUEUE_NAME: `e2e-${suffix}`,
    PULL_DOCTOR_CHAT: 'slack',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: slack.apiUrl,
  };
  const chat = new TimedChat(createChatPort(readSettings(env), silentLogger));
  const services = createServices(env, { diagnoser: running.engine, insights: createSandboxContainerInsights(WORLD.logs), chat, log: silentLogger });
  const queue = new QueueClient(connectionString, env.PULL_DOCTOR_QUEUE_NAME);
  await queue.createIfNotExists();
  const onEvent = k8sEventHandler(() => services);
  const onJob = diagnoseJobHandler(() => services);
  const context = () => new InvocationContext({ invocationId: 'bench', functionName: 'bench', logHandler: () => undefined });

  let stopped = false;
  const jobFailures: string[] = [];
  const poller = (async () => {
    let wait = POLL_MIN_MS;
    while (!stopped) {
      const { receivedMessageItems: batch } = await queue.receiveMessages({ numberOfMessages: 8, visibilityTimeout: 30 });
      if (batch.length === 0) {
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, POLL_MAX_MS);
        continue;
      }
      wait = POLL_MIN_MS;
      await Promise.all(
        batch.map(async (m) => {
          const job: unknown = JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8'));
          try {
            await onJob(job, new InvocationContext({ triggerMetadata: { dequeueCount: m.dequeueCount }, logHandler: () => undefined }));
          } catch (error) {
            // As the queue trigger does: the message stays, and comes back after host.json's
            // visibilityTimeout (30 s, the receive above) with its dequeueCount raised. Counted, never hidden.
            jobFailures.push(`dequeue ${m.dequeueCount}: ${error instanceof Error ? error.message : String(error)}`);
            return;
          }
          await queue.deleteMessage(m.messageId, m.popReceipt);
        }),
      );
    }
  })();

  const scenarios: Record<string, { image: string; events: number; pods: number }> = {
    single: { image: 'myacr.azurecr.io/app:v1.3', events: 1, pods: 1 },
    'single-2': { image: 'myacr.azurecr.io/app:v1.4', events: 1, pods: 1 },
    storm: { image: 'myacr.azurecr.io/app:v1.5', events: 1000, pods: 50 },
    'storm-2': { image: 'myacr.azurecr.io/app:v1.6', events: 1000, pods: 50 },
  };
  const results: ScenarioResult[] = [];
  try {
    for (const name of order) {
      const s = scenarios[name];
      const events = worldEvents(WORLD.failure, s.image, s.events, s.pods, `${name}-${suffix}`);
      const posts = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
      const t0 = Date.now();
      for (const e of events) await onEvent(e, context());
      const intakeMs = Date.now() - t0;
      const deadline = Date.now() + 120_000;
      while (!chat.verdictAt.has(s.image)) {
        if (Date.now() > deadline) throw new Error(`${name}: no verdict within 120 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      results.push({
        scenario: name,
        events: s.events,
        intakeMs,
        firstMessageMs: chat.firstMessageAt.get(s.image)! - t0,
        verdictMs: chat.verdictAt.get(s.image)! - t0,
        slackPosts: slack.calls.filter((c) => c.method === 'chat.postMessage').length - posts,
        jobFailures: jobFailures.splice(0),
      });
    }
  } finally {
    stopped = true;
    await poller.catch(() => undefined);
    await running.stop();
    await slack.close();
  }
  return results;
}

/** `npm run bench -- e2e`: fresh processes against one Azurite; medians per scenario. */
export async function runE2eBench(options: { processes?: number } = {}): Promise<Record<string, number | string>> {
  const processes = options.processes ?? 3;
  const loadStart = loadavg()[0].toFixed(1);
  const azurite = await startAzurite();
  try {
    const spawnChild = async (order: string[]) => {
      const { stdout } = await run(process.execPath, [__filename, 'child', azurite.connectionString, ...order], { maxBuffer: 16 * 1024 * 1024, env: { PATH: process.env.PATH ?? '' } });
      return JSON.parse(stdout.trim().split('\n').pop()!) as ScenarioResult[];
    };
    const all: Array<ScenarioResult & { label: string }> = [];
    for (let i = 0; i < processes; i++) {
      const [cold, warm, warmStorm] = await spawnChild(['single', 'single-2', 'storm']);
      all.push({ ...cold, label: 'one event, cold' }, { ...warm, label: 'one event, warm' }, { ...warmStorm, label: 'storm, warm' });
      const [coldStorm] = await spawnChild(['storm-2']);
      all.push({ ...coldStorm, label: 'storm, cold' });
    }
    // One incident per scenario, so exactly one chat message: anything else is a broken path, not a timing.
    const wrong = all.filter((r) => r.slackPosts !== 1);
    if (wrong.length > 0) throw new Error(`e2e: ${wrong.map((r) => `${r.label} posted ${r.slackPosts} messages`).join('; ')} (expected 1 each)`);
    const result: Record<string, number | string> = { processes, injectedDelayMsPerRequest: 100, 'loadAverage1m (start → end)': `${loadStart} → ${loadavg()[0].toFixed(1)}` };
    for (const label of ['one event, cold', 'one event, warm', 'storm, cold', 'storm, warm']) {
      const rows = all.filter((r) => r.label === label);
      result[`${label}: event → first message ms (median)`] = Math.round(median(rows.map((r) => r.firstMessageMs)));
      result[`${label}: event → verdict ms (median)`] = Math.round(median(rows.map((r) => r.verdictMs)));
      result[`${label}: intake of all events ms (median)`] = Math.round(median(rows.map((r) => r.intakeMs)));
      result[`${label}: chat messages posted`] = [...new Set(rows.map((r) => r.slackPosts))].join(',');
      const failures = rows.flatMap((r) => r.jobFailures);
      result[`${label}: diagnose jobs retried`] = failures.length === 0 ? 0 : `${failures.length} (${[...new Set(failures)].join('; ')})`;
    }
    return result;
  } finally {
    await azurite.stop();
  }
}

if (require.main === module && process.argv[2] === 'child') {
  child(process.argv[3], process.argv.slice(4)).then(
    (results) => {
      process.stdout.write(JSON.stringify(results) + '\n');
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
