import { createServer, type Server } from 'node:http';
import { RecordingDiagnoser, SLACK_DIAGNOSER, fixtureDiagnosis, testServices, type TestServices } from '../../test/commands/command-fixtures';
import { newChatCommandJob, type ChatCommandJobInput } from '../queue/chat-command-job';
import { encodeJobMessage } from '../queue/diagnose-job';
import { MemoryJobQueue } from '../queue/job-queue';
import { runChatCommandJob, type ChatJobDeps } from './run-chat-command-job';
import { runQueuedJob } from './run-queued-job';
import type { JobDeps } from './run-diagnose-job';
import { listenOnLoopback } from '../util/listen-loopback';

/** A local stand-in for hooks.slack.com: answers each POST with the next queued status (200 when none). */
let server: Server;
let base = '';
const posts: Array<{ path: string; body: Record<string, unknown> }> = [];
const statuses: number[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  posts.length = 0;
  statuses.length = 0;
});

const NOW = new Date('2026-11-25T22:00:00Z');

function setup(services: TestServices = testServices()) {
  const chatDeps: ChatJobDeps = { services, log: services.log, responseUrl: { allowLocalTestUrls: true }, now: () => NOW };
  const queue = new MemoryJobQueue(3);
  const diagnoseDeps = (): JobDeps => {
    throw new Error('no diagnose job expected');
  };
  const drain = () => queue.drain((job, dequeueCount) => runQueuedJob(job, { diagnose: diagnoseDeps, chat: () => chatDeps }, { dequeueCount }));
  return { services, chatDeps, queue, drain };
}

function job(fields: Partial<ChatCommandJobInput> = {}) {
  return newChatCommandJob({
    actor: { ...SLACK_DIAGNOSER, platform: 'slack' },
    command: { verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1.3', cluster: 'aks-prod' },
    responseUrl: `${base}/commands/T0001/1/secret-token`,
    requestedAt: new Date(NOW.getTime() - 60_000).toISOString(),
    ...fields,
  });
}

describe('chat command jobs', () => {
  it('runs the command from the queue and posts the answer to response_url, once', async () => {
    const { services, queue, drain } = setup();
    const queued = job();
    await queue.enqueue(queued);
    expect(await drain()).toBe(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe('/commands/T0001/1/secret-token');
    expect(posts[0]!.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining(fixtureDiagnosis().verdict.summary) });
    expect(posts[0]!.body.replace_original).toBeUndefined();
    expect((services.diagnoser as RecordingDiagnoser).calls).toEqual([expect.objectContaining({ image: 'myacr.azurecr.io/app:v1.3', source: 'chat' })]);
    expect(services.log.text()).toContain(`chat command job ${queued.jobId}: diagnose-image by slack user UDIAG01 → done, answered through response_url`);

    // At-least-once delivery: the same message again is not answered twice.
    await queue.enqueue(queued);
    await drain();
    expect(posts).toHaveLength(1);
    expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(1);
    expect(services.log.text()).not.toContain('secret-token');
  });

  it('answers a button as a new message (follow-up), in the incident the button named', async () => {
    const { chatDeps } = setup();
    const outcome = await runChatCommandJob(encodeJobMessage(job({ command: { verb: 'help' }, followUp: true })), chatDeps);
    expect(outcome).toBe('answered');
    expect(posts.map((p) => p.body)).toEqual([{ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining('pull-doctor commands') }]);
  });

  it('authorises again when it runs: a user no longer allowed gets the polite denial', async () => {
    const { chatDeps, services } = setup();
    await runChatCommandJob(job({ actor: { platform: 'slack', userId: 'USTRANGE', channelId: 'CRANDOM1' } }), chatDeps);
    expect(posts[0]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('may not run diagnose image') });
    expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(0);
  });

  it('drops a job whose response_url has expired (30 minutes) with one log line, without running it', async () => {
    const { services, queue, drain } = setup();
    await queue.enqueue(job({ requestedAt: new Date(NOW.getTime() - 31 * 60_000).toISOString() }));
    expect(await drain()).toBe(1);
    expect(posts).toHaveLength(0);
    expect(queue.poison).toHaveLength(0);
    expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(0);
    expect(services.log.lines.filter((l) => l.message.includes('response_url has expired'))).toHaveLength(1);
  });

  it('drops a job Slack refuses (404: expired or used up) instead of retrying it', async () => {
    const { services, queue, drain } = setup();
    statuses.push(404);
    await queue.enqueue(job());
    expect(await drain()).toBe(1);
    expect(posts).toHaveLength(1);
    expect(queue.poison).toHaveLength(0);
    expect(services.log.text()).toContain('Slack refused the answer (response_url answered 404); dropped');
  });

  it('retries when Slack answers 5xx, and answers once it is back', async () => {
    const { queue, drain, services } = setup();
    statuses.push(503, 503);
    await queue.enqueue(job());
    expect(await drain()).toBe(2);
    expect(posts.map((p) => p.path)).toHaveLength(3);
    expect(queue.poison).toHaveLength(0);
    expect(services.log.text()).toContain('(attempt 1): answer not delivered (response_url answered 503); will retry');
  });

  it('a job Slack keeps failing ends in poison, described without its response_url', async () => {
    const { queue, drain } = setup();
    statuses.push(...Array<number>(6).fill(502));
    await queue.enqueue(job());
    expect(await drain()).toBe(3);
    expect(await queue.peekPoison()).toEqual([
      { messageId: expect.any(String), insertedOn: expect.any(String), chatCommand: expect.stringContaining('chat command diagnose-image from slack user UDIAG01') },
    ]);
    expect(JSON.stringify(queue.poison)).not.toContain('secret-token');
  });

  it.each([
    ['a command breaking the pod grammar', { command: { verb: 'diagnose-pod', pod: 'web;rm -rf /' } }, 'command.pod: must be a pod name'],
    ['a cluster with a quote', { command: { verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1', cluster: "x' or 1==1" } }, 'command.cluster: must be a cluster name'],
    ['a response_url to another host', { responseUrl: 'https://evil.example/commands/x' }, 'responseUrl: must be a Slack response_url'],
    ['no actor', { actor: undefined }, 'actor: Required'],
    ['a bad request time', { requestedAt: 'yesterday' }, 'requestedAt: '],
  ])('drops %s as unreadable, once, not retried', async (_what, fields, error) => {
    const { services, queue, drain } = setup();
    const bad = { ...job(), ...fields };
    await queue.enqueue(bad as never);
    expect(await drain()).toBe(1);
    expect(queue.poison).toHaveLength(0);
    expect(posts).toHaveLength(0);
    expect(services.log.lines).toEqual([{ level: 'error', message: expect.stringContaining(`chat command job: unreadable message dropped (${error}`) }]);
    expect(services.log.text()).not.toContain('evil.example');
  });

  it('drops a test-only 127.0.0.1 response_url outside tests', async () => {
    const { chatDeps, services } = setup();
    expect(await runChatCommandJob(job(), { ...chatDeps, responseUrl: {} })).toBe('skipped:invalid');
    expect(posts).toHaveLength(0);
    expect(services.log.text()).toContain('response_url is not a https://hooks.slack.com URL');
  });

  it('reads the base64 text the Storage queue carries', async () => {
    const { chatDeps } = setup();
    expect(await runQueuedJob(encodeJobMessage(job({ command: { verb: 'status' } })), { diagnose: () => { throw new Error('not a diagnose job'); }, chat: () => chatDeps })).toBe('answered');
    expect(posts[0]!.body).toMatchObject({ text: 'No open incidents.' });
  });
});
