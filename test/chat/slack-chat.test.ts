import { ChatDeliveryError } from '../../lib/chat/chat-errors';
import { SlackChat } from '../../lib/chat/slack-chat';
import { SlackWebhookChat } from '../../lib/chat/slack-webhook-chat';
import { startSlackApiServer, type SlackApiServer } from '../helpers/slack-api-server';
import { acrNotAttached, captureLogger, PROGRESS } from './helpers';

// Obviously fake token: the server checks it arrives as `Authorization: Bearer …` and logs never contain it.
const TOKEN = 'xoxb-000000000000-0000000000000-FAKEtokenForTests';
const CHANNEL = 'C0PULLDOC01';
const FAST_RETRY = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 };

let server: SlackApiServer;
beforeEach(async () => {
  server = await startSlackApiServer({ token: TOKEN, channels: [CHANNEL] });
});
afterEach(async () => {
  await server.close();
});

function slack(logger = captureLogger(), overrides: Partial<ConstructorParameters<typeof SlackChat>[0]> = {}) {
  return new SlackChat({ token: TOKEN, channel: CHANNEL, slackApiUrl: server.apiUrl, retryConfig: FAST_RETRY, minProgressIntervalMs: 0, logger, ...overrides });
}

describe('SlackChat against a Slack Web API server', () => {
  it('posts one message, updates it in place and threads follow-ups', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = slack();
    const ref = await chat.start(incident);
    expect(ref).toEqual({ platform: 'slack', channel: CHANNEL, ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    for (const p of PROGRESS) await chat.progress(ref, incident, p);
    await chat.diagnosis(ref, incident, diagnosis);
    await chat.reply(ref, 'Re-check requested by @oncall');
    await chat.resolved(ref, incident, 're-check passed', { diagnosis });

    const posts = server.calls.filter((c) => c.method === 'chat.postMessage');
    const roots = posts.filter((c) => c.params.thread_ts === undefined);
    const updates = server.calls.filter((c) => c.method === 'chat.update');
    expect(roots).toHaveLength(1);
    expect(posts.filter((c) => c.params.thread_ts === ref.ts).map((c) => c.params.text)).toEqual(['Re-check requested by @oncall', '✅ Resolved: re-check passed']);
    expect(updates).toHaveLength(PROGRESS.length + 2);
    expect(new Set(updates.map((u) => u.params.ts))).toEqual(new Set([ref.ts]));
    expect(server.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(String(updates[1]!.params.text)).toContain('checking network rules… 6/11');

    const root = server.messages.get(ref.ts!)!;
    expect(root.edits).toBe(PROGRESS.length + 2);
    expect(JSON.stringify(root.blocks)).toContain('Resolved: myacr.azurecr.io/my-app:v1.0');
    const diagnosisUpdate = updates[PROGRESS.length]!;
    expect(JSON.stringify(diagnosisUpdate.params.blocks)).toContain('az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr');
    expect(JSON.stringify(diagnosisUpdate.params.blocks)).toContain('"action_id":"pd_recheck"');
  });

  it('waits out a 429 Retry-After and then posts', async () => {
    server.script('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const ref = await slack().start(acrNotAttached().incident);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(ref.ts).toBeDefined();
    expect(server.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    expect(server.messages.size).toBe(1);
  });

  it('throws a typed error with the Slack error code and logs it (ok:false)', async () => {
    const logger = captureLogger();
    const chat = new SlackChat({ token: TOKEN, channel: 'C0UNKNOWN', slackApiUrl: server.apiUrl, retryConfig: FAST_RETRY, logger });
    const error = await chat.start(acrNotAttached().incident).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect((error as ChatDeliveryError).details).toMatchObject({ platform: 'slack', operation: 'chat.postMessage', code: 'channel_not_found', retryable: false });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['slack: chat.postMessage failed: channel_not_found']);
    expect(logger.text()).not.toContain(TOKEN);
    // ok:false is an answer, not a transient failure: no retries.
    expect(server.calls).toHaveLength(1);
  });

  it('reports invalid_auth for a bad token', async () => {
    const chat = new SlackChat({ token: 'xoxb-0000-WRONG', channel: CHANNEL, slackApiUrl: server.apiUrl, retryConfig: FAST_RETRY });
    await expect(chat.start(acrNotAttached().incident)).rejects.toMatchObject({ details: { code: 'invalid_auth', retryable: false } });
  });

  it('throws after the retries when Slack keeps failing, so the queue keeps the job', async () => {
    server.script('chat.update', { kind: 'http_error', status: 500 }, { kind: 'http_error', status: 502 }, { kind: 'http_error', status: 503 });
    const logger = captureLogger();
    const chat = slack(logger);
    const { diagnosis, incident } = acrNotAttached();
    const ref = await chat.start(incident);
    const error = await chat.diagnosis(ref, incident, diagnosis).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect((error as ChatDeliveryError).details).toMatchObject({ statusCode: 503, retryable: true });
    expect(server.calls.filter((c) => c.method === 'chat.update')).toHaveLength(3);
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'slack: chat.update failed: HTTP 503')).toBe(true);
  });

  it('refuses a reference without ts and stops at an aborted signal', async () => {
    const chat = slack();
    const { incident } = acrNotAttached();
    await expect(chat.reply({ platform: 'slack' }, 'x')).rejects.toBeInstanceOf(ChatDeliveryError);
    await expect(chat.start(incident, { signal: AbortSignal.abort() })).rejects.toThrow();
    expect(server.calls).toHaveLength(0);
  });

  it('throttles progress updates but always sends the last step', async () => {
    const chat = slack(captureLogger(), { minProgressIntervalMs: 60_000 });
    const { incident } = acrNotAttached();
    const ref = await chat.start(incident);
    for (const p of PROGRESS) await chat.progress(ref, incident, p);
    expect(server.calls.filter((c) => c.method === 'chat.update').map((c) => String(c.params.text))).toEqual([
      expect.stringContaining('2/11'),
      expect.stringContaining('11/11'),
    ]);
  });
});

describe('SlackWebhookChat against an incoming webhook', () => {
  it('posts only the diagnosis and the resolution, without buttons', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = new SlackWebhookChat({ url: server.webhookUrl, retries: 0 });
    const ref = await chat.start();
    for (const p of PROGRESS) await chat.progress();
    await chat.diagnosis(ref, incident, diagnosis);
    await chat.resolved(ref, incident, 'image pushed');
    expect(server.webhookPosts).toHaveLength(2);
    expect(JSON.stringify(server.webhookPosts[0])).toContain('--attach-acr myacr');
    expect(JSON.stringify(server.webhookPosts[0])).not.toContain('pd_recheck');
    expect(String(server.webhookPosts[1]!.text)).toContain('Resolved');
  });

  it('throws with the webhook error text and never logs the URL', async () => {
    server.script('webhook', { kind: 'platform_error', error: 'channel_not_found' });
    const logger = captureLogger();
    const chat = new SlackWebhookChat({ url: server.webhookUrl, retries: 0, logger });
    const { diagnosis, incident } = acrNotAttached();
    await expect(chat.diagnosis({ platform: 'slack' }, incident, diagnosis)).rejects.toMatchObject({ details: { code: 'channel_not_found', statusCode: 404 } });
    expect(logger.lines.map((l) => l.message)).toEqual(['slack webhook: post failed: channel_not_found']);
    expect(logger.text()).not.toContain('webhooksecret');
  });

  it('retries a 5xx and then delivers', async () => {
    server.script('webhook', { kind: 'http_error', status: 500 });
    const { diagnosis, incident } = acrNotAttached();
    await new SlackWebhookChat({ url: server.webhookUrl, retries: 2 }).diagnosis({ platform: 'slack' }, incident, diagnosis);
    expect(server.webhookPosts).toHaveLength(1);
  });
});
