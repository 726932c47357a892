/**
 * Conformance: Slack's documented request bodies and signing example, and Bot Framework / Teams
 * activities (SOURCES.md), each through the registered function handler with its expected answer.
 */
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createSlackInteractionsHandler } from '../../functions/slack-interactions';
import { createTeamsMessagesHandler, type TeamsBotParts } from '../../functions/teams-messages';
import { BackgroundWork } from '../../lib/commands/background-work';
import { readSettings } from '../../lib/config/settings';
import type { SlackHandlerDeps } from '../../lib/slack/slack-handlers';
import { createTeamsBot } from '../../lib/teams/teams-bot';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { RecordingLogger, testServices, type TestServices } from '../commands/command-fixtures';
import { startBotConnectorServer, type BotConnectorServer } from '../helpers/bot-connector-server';
import { SIGNING_SECRET, interactionBody, invocation, slackRequest, startResponseUrlServer, type ResponseUrlServer } from '../slack/slack-test-kit';
import { sample } from './conformance-kit';

describe('Slack (documented bodies)', () => {
  let hooks: ResponseUrlServer;
  beforeAll(async () => {
    hooks = await startResponseUrlServer();
  });
  afterAll(() => hooks.close());
  beforeEach(() => {
    hooks.posts.length = 0;
  });

  function slack(overrides: Partial<SlackHandlerDeps> = {}, services: TestServices = testServices()) {
    const background = new BackgroundWork();
    const deps: SlackHandlerDeps = { services, signingSecret: SIGNING_SECRET, log: services.log, responseUrl: { allowLocalTestUrls: true }, background, ...overrides };
    return { services, background, commands: createSlackCommandsHandler(() => deps), interactions: createSlackInteractionsHandler(() => deps) };
  }

  it("Slack's signing example (a slash command) verifies with its secret and is answered 200", async () => {
    const example = JSON.parse(sample('slack/signing-example.json')) as { signingSecret: string; timestamp: string; signature: string };
    const { commands } = slack({ signingSecret: example.signingSecret, nowSeconds: () => Number(example.timestamp) + 5 });
    const body = sample('slack/signing-example.body.txt');
    const res = await commands(slackRequest('slack/commands', body, { timestamp: Number(example.timestamp), signature: example.signature }), invocation());
    expect(res).toMatchObject({ status: 200, jsonBody: { response_type: 'ephemeral', text: expect.stringContaining('pull-doctor commands:') } });
  });

  it("block_actions from a message with a button pull-doctor does not know → 200 and an ephemeral note", async () => {
    const { interactions, background, services } = slack();
    const payload = { ...JSON.parse(sample('slack/block-actions-message.json')), response_url: hooks.url('/actions/AABA1ABCD/1/x') };
    const res = await interactions(slackRequest('slack/interactions', interactionBody(payload)), invocation());
    expect(res).toEqual({ status: 200, jsonBody: {} });
    await background.idle();
    expect(hooks.posts).toEqual([{ path: '/actions/AABA1ABCD/1/x', body: expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('no valid incident id') }) }]);
    expect(services.queue.sent).toBe(0);
  });

  it('block_actions from the App Home tab (no response_url) → 200, logged, nothing run', async () => {
    const { interactions, background, services } = slack();
    const res = await interactions(slackRequest('slack/interactions', interactionBody(JSON.parse(sample('slack/block-actions-app-home.json')))), invocation());
    expect(res).toEqual({ status: 200, jsonBody: {} });
    await background.idle();
    expect(hooks.posts).toEqual([]);
    expect(services.queue.sent).toBe(0);
    expect(services.log.text()).toContain('no response_url');
  });
});

describe('Teams (Bot Framework activities through /api/messages, local mode)', () => {
  let connector: BotConnectorServer;
  beforeAll(async () => {
    connector = await startBotConnectorServer({ channels: ['19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.tacv2'] });
  });
  afterAll(() => connector.close());

  function teams(services: TestServices = testServices()) {
    const log = new RecordingLogger();
    const parts: TeamsBotParts = { adapter: createBotAdapter(readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }), log), bot: createTeamsBot({ services }) };
    const handler = createTeamsMessagesHandler(() => parts);
    const send = (file: string, edit: (a: Record<string, unknown>) => void = () => undefined) => {
      const activity = JSON.parse(sample(file)) as Record<string, unknown>;
      activity.serviceUrl = connector.serviceUrl;
      edit(activity);
      return handler(
        new HttpRequest({ method: 'POST', url: 'https://pull-doctor.example.net/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } }),
        new InvocationContext({ functionName: 'messages', logHandler: () => undefined }),
      );
    };
    return { services, send };
  }
  const cardIn = (body: unknown) => JSON.stringify(body);

  it('a channel thread message that is not a command → 200 and the help text in the thread', async () => {
    const { send } = teams();
    const before = connector.requests.length;
    expect((await send('teams/channel-thread-message-mention.json')).status).toBe(200);
    const replies = connector.requests.slice(before).map((r) => String(r.body.text ?? ''));
    expect(replies.join('\n')).toContain('pull-doctor commands:');
    expect(replies.join('\n')).not.toContain('unknown command');
  });

  it.each([
    ['an unknown verb', 'teams/adaptive-card-action-unknown-verb.json', 'approvalRequestSubmit'],
    ['no verb', 'teams/adaptive-card-action-no-verb.json', 'carries no verb'],
  ])('adaptiveCard/action with %s → invoke response 200 with a card explaining the buttons', async (_name, file, problem) => {
    const { send } = teams();
    const res = await send(file);
    expect(res.status).toBe(200);
    expect(res.jsonBody).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard' } });
    expect(cardIn(res.jsonBody)).toContain(problem);
    expect(cardIn(res.jsonBody)).toContain('Re-check');
  });

  it('composeExtension/query from a channel → 200, politely not supported', async () => {
    const { send } = teams();
    const res = await send('teams/compose-extension-query.json');
    expect(res).toMatchObject({ status: 200, jsonBody: { composeExtension: { type: 'message', text: expect.stringContaining('does not support') } } });
  });

  it('a turn that throws → 200 with an apology card, the error logged, never its text in the answer', async () => {
    const services = testServices();
    services.incidents.list = async () => {
      throw new Error('table storage exploded: secret-internal-detail');
    };
    const { send } = teams(services);
    const before = connector.requests.length;
    const res = await send('teams/channel-thread-message-mention.json', (a) => {
      a.text = '<at>pull-doctor</at> status';
      a.id = 'conformance-status-1';
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.jsonBody ?? '')).not.toContain('secret-internal-detail');
    const sent = JSON.stringify(connector.requests.slice(before).map((r) => r.body));
    expect(sent).toContain('Sorry, pull-doctor hit an error');
    expect(sent).not.toContain('secret-internal-detail');
    expect(services.log.text()).toMatch(/turn failed \(reference [0-9a-f]{8}.*secret-internal-detail/);
  });
});
