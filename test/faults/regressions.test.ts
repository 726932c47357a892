import { createServices } from '../../lib/app/create-services';
import { SlackChat } from '../../lib/chat/slack-chat';
import { handleK8sEvents } from '../../lib/intake/handlers';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { runDiagnoseJob } from '../../lib/jobs/run-diagnose-job';
import { MemoryJobQueue, type JobQueue } from '../../lib/queue/job-queue';
import { newJob } from '../../lib/queue/diagnose-job';
import { useAzurite } from '../helpers/use-azurite';
import { startSlackApiServer, type SlackApiServer } from '../helpers/slack-api-server';
import { FakeDiagnoser, recordingLogger } from '../intake/fakes';
import { FAULT_MESSAGE, k8sPullEvent } from './fault-kit';

/**
 * The failures issue 13 reports, one test each, through the public entry points (intake handlers,
 * the job runner, the Slack adapter against the local Slack Web API). Each failed on the code
 * before the outbox (see the report in the commit that added this file).
 */
const TOKEN = 'xoxb-test-token';

/** A queue whose first `failures` sends fail as a Storage outage would. */
class FlakyQueue extends MemoryJobQueue {
  constructor(private failures: number) {
    super(5);
  }
  override async enqueue(...args: Parameters<MemoryJobQueue['enqueue']>): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('queue unavailable (503)');
    }
    return super.enqueue(...args);
  }
}

let slack: SlackApiServer;
const azurite = useAzurite();
// A fresh Slack per test, so one test's scripted failures never leak into the next.
beforeEach(async () => {
  slack = await startSlackApiServer({ token: TOKEN, channels: ['CINCIDENTS', 'COTHER01'] });
});
afterEach(async () => {
  await slack?.close();
});

function slackChat() {
  return new SlackChat({ token: TOKEN, channel: 'CINCIDENTS', slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, minProgressIntervalMs: 0, timeoutMs: 2_000 });
}

describe('issue 13 regressions', () => {
  it('a queue outage right after the incident write does not lose the job: the redelivery enqueues it', async () => {
    const queue = new FlakyQueue(1);
    const services = createServices({}, { store: new MemoryIncidentStore(), queue, log: recordingLogger() });
    const event = k8sPullEvent('ev-outage-1', { pod: 'web-7d9c8b6f5-a1' });
    await expect(handleK8sEvents(services, event, services.log)).rejects.toThrow(/queue unavailable/);
    // Event Grid redelivers the same event.
    await handleK8sEvents(services, event, services.log);
    expect(queue.pending).toHaveLength(1);
  });

  it('chat.update failing every time ends the message in a final state, not "Diagnosing…" forever', async () => {
    const store = new MemoryIncidentStore();
    const queue = new MemoryJobQueue(5);
    const services = createServices({}, { store, queue, chat: slackChat(), diagnoser: new FakeDiagnoser(), log: recordingLogger() });
    await handleK8sEvents(services, k8sPullEvent('ev-update-1', { pod: 'web-7d9c8b6f5-b1' }), services.log);
    slack.script('chat.update', ...Array.from({ length: 40 }, () => ({ kind: 'http_error' as const, status: 500 })));
    await queue.drain((job, n) => runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: n }));
    const posted = [...slack.messages.values()].filter((m) => !m.thread_ts);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toMatch(/could not finish/);
    expect(slack.calls.filter((c) => c.method === 'chat.update').length).toBeLessThan(15);
  });

  it('a permanent chat error (channel_not_found) is not retried and is recorded on the incident', async () => {
    const store = new MemoryIncidentStore();
    const queue = new MemoryJobQueue(5);
    const services = createServices({}, { store, queue, chat: slackChat(), diagnoser: new FakeDiagnoser(), log: recordingLogger() });
    await handleK8sEvents(services, k8sPullEvent('ev-perm-1', { pod: 'web-7d9c8b6f5-c1', at: '2026-11-25T21:10:00Z' }), services.log);
    const before = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    slack.script('chat.postMessage', ...Array.from({ length: 5 }, () => ({ kind: 'platform_error' as const, error: 'channel_not_found' })));
    await queue.drain((job, n) => runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: n }));
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage').length - before).toBe(1);
    const [incident] = await store.list();
    expect(incident).toMatchObject({ deliveryFailed: { reason: expect.stringMatching(/channel_not_found/) } });
  });

  it('a 429 with Retry-After on one channel does not hold up an update to another channel', async () => {
    const chat = slackChat();
    const store = new MemoryIncidentStore();
    const services = createServices({}, { store, queue: new MemoryJobQueue(), chat, log: recordingLogger() });
    await handleK8sEvents(services, k8sPullEvent('ev-429-1', { pod: 'web-7d9c8b6f5-d1', at: '2026-11-25T21:20:00Z' }), services.log);
    const [incident] = await store.list();
    const a = await chat.start(incident!);
    const b = { ...(await chat.start(incident!)), channel: 'COTHER01' };
    slack.messages.get(b.ts!)!.channel = 'COTHER01';
    slack.script('chat.update', { kind: 'rate_limited', retryAfterSeconds: 20 });
    const slow = chat.progress(a, incident!, { done: 1, total: 3, running: [] }).then(
      () => 'done',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    let other = 'pending';
    const fast = chat.progress(b, incident!, { done: 1, total: 3, running: [] }).then(() => (other = 'done'));
    await Promise.race([fast, new Promise((r) => setTimeout(r, 3_000))]);
    expect(other).toBe('done');
    expect(await Promise.race([slow, new Promise((r) => setTimeout(() => r('still waiting'), 3_000))])).not.toBe('still waiting');
  });

  it('a forced re-check meeting a busy incident runs later instead of being dropped', async () => {
    const store = new MemoryIncidentStore();
    const queue = new MemoryJobQueue(5);
    const diagnoser = new FakeDiagnoser();
    const services = createServices({}, { store, queue, chat: slackChat(), diagnoser, log: recordingLogger() });
    await handleK8sEvents(services, k8sPullEvent('ev-busy-1', { pod: 'web-7d9c8b6f5-e1', at: '2026-11-25T21:30:00Z' }), services.log);
    await queue.drain((job, n) => runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: n }));
    const [incident] = await store.list();
    const other = '11111111-1111-4111-8111-111111111111';
    await store.update(incident!.cluster, incident!.id, (c) => c && { ...c, job: { id: other, startedAt: new Date().toISOString() } });
    await queue.enqueue(newJob({ incidentId: incident!.id, cluster: incident!.cluster, reason: 'recheck', force: true, requestedBy: '@oncall' }));
    const runs = diagnoser.runs.length;
    let released = false;
    await queue.drain(async (job, n) => {
      const outcome = await runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: n });
      if (!released) {
        released = true;
        await store.update(incident!.cluster, incident!.id, (c) => {
          if (!c) return undefined;
          const next = { ...c };
          delete next.job;
          return next;
        });
      }
      return outcome;
    });
    expect(diagnoser.runs.length).toBe(runs + 1);
  });

  it('one event with a 40,000-character owner name does not block the good event beside it (Table Storage)', async () => {
    const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, 'regressionbatch');
    const services = createServices({}, { store, queue: new MemoryJobQueue(), log: recordingLogger() });
    const bad = k8sPullEvent('ev-big-1', { pod: 'web-7d9c8b6f5-f1', owner: 'x'.repeat(40_000) });
    const good = k8sPullEvent('ev-good-1', { pod: 'web-7d9c8b6f5-f2', at: '2026-11-25T21:40:00Z' });
    (good.data as { message: string }).message = FAULT_MESSAGE.replace(/v1\.2/g, 'v9.9');
    await handleK8sEvents(services, [bad, good], services.log);
    const stored = await store.list();
    expect(stored.map((i) => i.image)).toContain('pdacr.azurecr.io/shop/web:v9.9');
  });

  it('identity-based storage through the service-URI settings runs on Table and Queue Storage, not memory', () => {
    const services = createServices({
      WEBSITE_SITE_NAME: 'func-pull-doctor',
      AzureWebJobsStorage__queueServiceUri: 'https://stpd.queue.core.windows.net',
      AzureWebJobsStorage__tableServiceUri: 'https://stpd.table.core.windows.net',
      AzureWebJobsStorage__credential: 'managedidentity',
    });
    expect(services.storage).toBe('table');
  });
});
