import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { ChatMessageRefSchema } from '../../lib/model';
import { ChatDeliveryError } from '../../lib/chat/chat-errors';
import { TeamsChat } from '../../lib/chat/teams-chat';
import { TeamsWorkflowChat } from '../../lib/chat/teams-workflow-chat';
import { startBotConnectorServer, type BotConnectorServer } from '../helpers/bot-connector-server';
import { acrNotAttached, captureLogger, PROGRESS } from './helpers';

const CHANNEL = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
const TENANT = '72f988bf-0000-0000-0000-2d7cd011db47';

let server: BotConnectorServer;
beforeEach(async () => {
  server = await startBotConnectorServer({ channels: [CHANNEL] });
});
afterEach(async () => {
  await server.close();
});

function teams(logger = captureLogger(), channelId = CHANNEL) {
  return new TeamsChat({ channelId, serviceUrl: server.serviceUrl, tenantId: TENANT, minProgressIntervalMs: 0, logger });
}

type Card = { type: string; version: string; body: unknown[]; actions?: unknown[] };
function cardOf(activity: Record<string, unknown>): Card {
  const attachments = activity.attachments as Array<{ contentType: string; content: Card }>;
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

describe('TeamsChat against a Bot Framework connector server', () => {
  it('creates one thread, updates its card in place and replies in the thread', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = teams();
    const ref = await chat.start(incident);
    for (const p of PROGRESS) await chat.progress(ref, incident, p);
    await chat.diagnosis(ref, incident, diagnosis);
    await chat.reply(ref, 'Re-check requested by Ada');
    await chat.resolved(ref, incident, 'image pushed');

    const creates = server.requests.filter((r) => r.method === 'POST' && r.conversationId === undefined);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toMatchObject({ isGroup: true, tenantId: TENANT, channelData: { channel: { id: CHANNEL }, tenant: { id: TENANT } } });
    expect(JSON.stringify(cardOf(creates[0]!.body.activity as Record<string, unknown>))).toContain('Diagnosing myacr.azurecr.io/my-app:v1.0');

    expect(ref.activityId).toMatch(/^\d+$/);
    const thread = `${CHANNEL};messageid=${ref.activityId}`;
    const updates = server.requests.filter((r) => r.method === 'PUT');
    expect(updates).toHaveLength(PROGRESS.length + 2);
    expect(updates.every((u) => u.conversationId === thread && u.activityId === ref.activityId)).toBe(true);
    const replies = server.requests.filter((r) => r.method === 'POST' && r.activityId !== undefined);
    expect(replies.map((r) => [r.conversationId, r.activityId, r.body.text])).toEqual([
      [thread, ref.activityId, 'Re-check requested by Ada'],
      [thread, ref.activityId, '✅ Resolved: image pushed'],
    ]);
    // Anonymous mode (no app id): no Authorization header is sent.
    expect(server.requests.every((r) => r.authorization === undefined)).toBe(true);

    const root = server.activities.get(`${thread}|${ref.activityId}`)!;
    expect(root.updates).toBe(PROGRESS.length + 2);
    const diagnosisCard = cardOf(updates[PROGRESS.length]!.body);
    expect(diagnosisCard.version).toBe('1.5');
    expect(JSON.stringify(diagnosisCard)).toContain('az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr');
    expect(JSON.stringify(cardOf(root.activity))).toContain('Resolved: myacr.azurecr.io/my-app:v1.0');
  });

  it('keeps working from a stored reference in a new process (the reference survives JSON)', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const ref = await teams().start(incident);
    const stored = ChatMessageRefSchema.parse(JSON.parse(JSON.stringify(ref)));
    await teams().diagnosis(stored, incident, diagnosis);
    expect(server.requests.filter((r) => r.method === 'PUT').map((r) => r.activityId)).toEqual([ref.activityId]);
  });

  it('honours 429 Retry-After on an update, then succeeds', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = teams();
    const ref = await chat.start(incident);
    server.fail('update', { status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 });
    const started = Date.now();
    await chat.diagnosis(ref, incident, diagnosis);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('does not wait out a long Retry-After in the call: it fails with the delay so the job goes back to the queue', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = teams();
    const ref = await chat.start(incident);
    server.fail('update', { status: 429, code: 'TooManyRequests', retryAfterSeconds: 20 });
    const started = Date.now();
    const error = await chat.diagnosis(ref, incident, diagnosis).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((error as ChatDeliveryError).details).toMatchObject({ statusCode: 429, retryable: true, retryAfterMs: 20_000 });
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('retries a 5xx or a dropped connection within the call as configured, then fails retryable', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = new TeamsChat({ channelId: CHANNEL, serviceUrl: server.serviceUrl, tenantId: TENANT, minProgressIntervalMs: 0, retry: { maxRetries: 2, retryDelayMs: 10 } });
    const ref = await chat.start(incident);
    server.fail('update', { status: 503, code: 'ServiceUnavailable' }, { hangMs: 0 });
    await chat.diagnosis(ref, incident, diagnosis);
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(3);

    const once = new TeamsChat({ channelId: CHANNEL, serviceUrl: server.serviceUrl, tenantId: TENANT, retry: { maxRetries: 0 } });
    server.fail('update', { status: 502, code: 'BadGateway' });
    await expect(once.diagnosis(ref, incident, diagnosis)).rejects.toMatchObject({ details: { statusCode: 502, retryable: true } });
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(4);
  });

  it('throws a typed error with the connector error code and logs it', async () => {
    const logger = captureLogger();
    const error = await teams(logger, '19:not-installed@thread.tacv2').start(acrNotAttached().incident).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect((error as ChatDeliveryError).details).toMatchObject({ platform: 'teams', operation: 'createConversation', code: 'BotNotInConversationRoster', statusCode: 403, retryable: false });
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['teams: createConversation failed: BotNotInConversationRoster, HTTP 403']);
  });

  it('refuses a reference without conversation reference', async () => {
    await expect(teams().reply({ platform: 'teams', activityId: '1' }, 'x')).rejects.toMatchObject({ details: { operation: 'target', retryable: false } });
    expect(server.requests).toHaveLength(0);
  });
});

/** Stands in for Entra ID: issues a fixed token for the configured app id, as the real factories do after MSAL. */
class FixedTokenCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string, private readonly token: string) {
    super();
  }
  async isValidAppId(appId: string) {
    return appId === this.appId;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials(appId: string) {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    const token = this.token;
    return {
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T) => {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
  }
}

describe('TeamsChat with a bot app id', () => {
  it('signs every connector call with the bot token and rejects a wrong one', async () => {
    const appId = '00000000-0000-0000-0000-00000000b07a';
    const authed = await startBotConnectorServer({ channels: [CHANNEL], requireAuthorization: 'Bearer bot-token-for-tests' });
    try {
      const { diagnosis, incident } = acrNotAttached();
      const chat = new TeamsChat({ appId, channelId: CHANNEL, serviceUrl: authed.serviceUrl, credentialsFactory: new FixedTokenCredentials(appId, 'bot-token-for-tests') });
      const ref = await chat.start(incident);
      await chat.diagnosis(ref, incident, diagnosis);
      await chat.reply(ref, 'ok');
      expect(authed.requests.map((r) => r.authorization)).toEqual(Array(3).fill('Bearer bot-token-for-tests'));
      expect(authed.requests[0]!.body.bot).toEqual({ id: appId, name: 'pull-doctor' });

      const wrong = new TeamsChat({ appId, channelId: CHANNEL, serviceUrl: authed.serviceUrl, credentialsFactory: new FixedTokenCredentials(appId, 'stale') });
      await expect(wrong.start(incident)).rejects.toMatchObject({ details: { code: 'Unauthorized', statusCode: 401, retryable: false } });
    } finally {
      await authed.close();
    }
  });
});

describe('TeamsWorkflowChat against a Workflows webhook', () => {
  it('posts the card without buttons and skips progress', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const chat = new TeamsWorkflowChat({ url: server.workflowUrl, retryDelayInMs: 10 });
    const ref = await chat.start();
    await chat.progress();
    await chat.diagnosis(ref, incident, diagnosis);
    await chat.resolved(ref, incident, 'alert resolved');
    expect(server.workflowPosts).toHaveLength(2);
    const card = cardOf(server.workflowPosts[0]!);
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(card)).toContain('--attach-acr myacr');
  });

  it('throws after retries and logs the host, never the signed URL', async () => {
    server.fail('workflow', { status: 500 }, { status: 500 }, { status: 500 });
    const logger = captureLogger();
    const chat = new TeamsWorkflowChat({ url: server.workflowUrl, maxRetries: 2, retryDelayInMs: 10, logger });
    const { diagnosis, incident } = acrNotAttached();
    await expect(chat.diagnosis({ platform: 'teams' }, incident, diagnosis)).rejects.toMatchObject({ details: { statusCode: 500, retryable: true } });
    expect(server.workflowPosts).toHaveLength(0);
    expect(logger.lines.map((l) => l.message)).toEqual([expect.stringMatching(/^Teams workflow post to 127\.0\.0\.1:\d+ failed: ServiceError, HTTP 500$/)]);
    expect(logger.text()).not.toContain('FAKEworkflowSignature');
  });
});
