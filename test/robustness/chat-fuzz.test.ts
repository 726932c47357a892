import { randomUUID } from 'node:crypto';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createSlackInteractionsHandler } from '../../functions/slack-interactions';
import { createTeamsMessagesHandler, type TeamsBotParts } from '../../functions/teams-messages';
import { BackgroundWork } from '../../lib/commands/background-work';
import { readSettings } from '../../lib/config/settings';
import { isAksClusterId, isImageText, isNamespace, isPodName } from '../../lib/intake/names';
import type { SlackHandlerDeps } from '../../lib/slack/slack-handlers';
import { slackSignature } from '../../lib/slack/verify-slack-request';
import { createTeamsBot } from '../../lib/teams/teams-bot';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { RecordingDiagnoser, seedIncident, testServices, type TestServices } from '../commands/command-fixtures';
import { startBotConnectorServer, type BotConnectorServer } from '../helpers/bot-connector-server';
import { blockAction, interactionBody, slashBody, startResponseUrlServer, type ResponseUrlServer } from '../slack/slack-test-kit';
import { CHANNEL, teamsMessage } from '../teams/teams-test-kit';
import { HOMOGLYPH_HOSTS, INJECTION_STRINGS, LONG_ARM_ID, ODD_STRINGS, hostileBodies, mutateEachNode, SEED, seededRandom, toJson, type RawBody } from './hostile-inputs';
import { checkHttpAnswer, httpRequest, noThrow, recordingContext, TEST_SECRETS, Violations } from './robustness-kit';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
// Each test starts from the seed, so a test run alone (-t) draws the same cases as in the full run.
let random = seededRandom(SEED + 1);
beforeEach(() => {
  random = seededRandom(SEED + 1);
});

/** Chat text an attacker (or a typo) could send: every verb with hostile names in every slot. */
function hostileCommandTexts(): string[] {
  const names = [...INJECTION_STRINGS, ...HOMOGLYPH_HOSTS, ...ODD_STRINGS.filter((s) => s.trim()), LONG_ARM_ID, 'a'.repeat(3000)];
  const texts: string[] = ['', '   ', 'help', 'frobnicate', 'diagnose', 'diagnose image', 'mute', 'mute 0123456789abcdef0123456789abcdef forever', 'recheck 0', 'resolve --', '--cluster'];
  for (const n of names) {
    texts.push(
      `diagnose ${n}`,
      `diagnose web-1 -n ${n}`,
      `diagnose image ${n}`,
      `diagnose image myacr.azurecr.io/app:v1 --cluster ${n}`,
      `diagnose image ${n}/app:v1 --cluster aks-prod`,
      `recheck ${n}`,
      `mute ${n} 1h`,
      `why ${n}`,
      `status ${n}`,
      n,
    );
  }
  return texts;
}

/** No diagnosis ran with a name that breaks its grammar. */
function checkDiagnoserCalls(violations: Violations, caseName: string, services: TestServices): void {
  for (const f of (services.diagnoser as RecordingDiagnoser).calls) {
    if (f.cluster !== undefined && !isAksClusterId(f.cluster)) violations.add(caseName, `diagnosed cluster ${JSON.stringify(f.cluster).slice(0, 80)}`);
    if (!isImageText(f.image)) violations.add(caseName, `diagnosed image ${JSON.stringify(f.image).slice(0, 80)}`);
    if (f.namespace !== undefined && !isNamespace(f.namespace)) violations.add(caseName, `diagnosed namespace ${JSON.stringify(f.namespace).slice(0, 80)}`);
    if (f.pod !== undefined && !isPodName(f.pod)) violations.add(caseName, `diagnosed pod ${JSON.stringify(f.pod).slice(0, 80)}`);
  }
}

function signedHeaders(body: string | Uint8Array): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  return { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SECRET, timestamp, text) };
}

describe('Slack endpoints never fail on bad input', () => {
  let hooks: ResponseUrlServer;
  beforeAll(async () => {
    hooks = await startResponseUrlServer();
  });
  afterAll(() => hooks.close());

  function setup() {
    const services = testServices();
    const background = new BackgroundWork();
    const deps: SlackHandlerDeps = { services, signingSecret: SECRET, log: services.log, responseUrl: { allowLocalTestUrls: true, timeoutMs: 2_000 }, background, ackBudgetMs: 200 };
    return { services, background, commands: createSlackCommandsHandler(() => deps), interactions: createSlackInteractionsHandler(() => deps) };
  }

  /** One signed (or deliberately badly signed) request; invariants checked after background work settled. */
  async function fuzzSlack(violations: Violations, caseName: string, which: 'commands' | 'interactions', body: RawBody, headers?: Record<string, string>, seed = false): Promise<void> {
    const s = setup();
    if (seed) await seedIncident(s.services);
    const writesBefore = s.services.incidents.writes;
    const request = httpRequest(`https://pull-doctor.example.net/api/slack/${which}`, body, headers ?? signedHeaders(body.bytes ?? body.text ?? ''));
    const answer = await noThrow(violations, caseName, () => s[which](request, recordingContext([])));
    await s.background.idle();
    if (!answer) return;
    const lines = s.services.log.lines.map((l) => `${l.level} ${l.message}`);
    checkHttpAnswer(violations, caseName, answer, lines);
    checkDiagnoserCalls(violations, caseName, s.services);
    if ((answer.status ?? 200) >= 400 && (s.services.incidents.writes !== writesBefore || s.services.queue.sent > 0)) violations.add(caseName, `rejected with ${answer.status} but something was written or enqueued`);
    if (lines.some((l) => /^error /.test(l))) violations.add(caseName, `error logged: ${lines.filter((l) => /^error /.test(l)).join(' | ').slice(0, 200)}`);
  }

  it('hostile bodies, signed: 4xx with a logged reason, nothing run', async () => {
    const violations = new Violations();
    for (const body of hostileBodies()) {
      await fuzzSlack(violations, `commands ${body.name}`, 'commands', body);
      await fuzzSlack(violations, `interactions ${body.name}`, 'interactions', body);
      await fuzzSlack(violations, `interactions payload=${body.name}`, 'interactions', { name: body.name, text: new URLSearchParams({ payload: body.text ?? '\uFFFD' }).toString() });
    }
    expect(violations.summary()).toEqual([]);
  });

  it('hostile signature and timestamp headers: 401 with a logged reason, the secret never echoed', async () => {
    const violations = new Violations();
    const body = { name: 'help', text: slashBody({ text: 'help', response_url: hooks.url() }) };
    const good = signedHeaders(body.text);
    // Only values HTTP can carry in a header (the Functions host never hands over others).
    const values = ['', 'v0=', `v0=${'g'.repeat(64)}`, `v1=${'0'.repeat(64)}`, 'v0=' + 'a'.repeat(10_000), SECRET, '-1', '1e99', '00000000000000000001', ...INJECTION_STRINGS].filter((v) => /^[\x21-\x7e]?([\x20-\x7e]*[\x21-\x7e])?$/.test(v));
    for (const v of values) {
      await fuzzSlack(violations, `signature ${JSON.stringify(v).slice(0, 30)}`, 'commands', body, { ...good, 'x-slack-signature': v });
      await fuzzSlack(violations, `timestamp ${JSON.stringify(v).slice(0, 30)}`, 'commands', body, { ...good, 'x-slack-request-timestamp': v });
    }
    expect(violations.summary()).toEqual([]);
  });

  it('every field of a slash command mutated, and hostile names in every command slot', async () => {
    const violations = new Violations();
    const fields = Object.fromEntries(new URLSearchParams(slashBody({ text: 'help', response_url: hooks.url() })));
    const values = [...INJECTION_STRINGS, ...HOMOGLYPH_HOSTS, ...ODD_STRINGS, LONG_ARM_ID, 'x'.repeat(5000), 'http://127.0.0.1:1/x', 'https://hooks.slack.com.evil.example/x', 'https://user:pw@hooks.slack.com/x', 'file:///etc/passwd'];
    for (const key of Object.keys(fields)) {
      for (let i = 0; i < 3; i++) {
        const v = values[Math.floor(random() * values.length)]!;
        const text = new URLSearchParams({ ...fields, [key]: v, trigger_id: randomUUID() }).toString();
        await fuzzSlack(violations, `${key}=${JSON.stringify(v).slice(0, 40)}`, 'commands', { name: key, text });
      }
    }
    for (const command of hostileCommandTexts()) {
      await fuzzSlack(violations, `text ${JSON.stringify(command).slice(0, 60)}`, 'commands', { name: 'text', text: slashBody({ text: command, user_id: 'UADMIN1', response_url: hooks.url() }) }, undefined, true);
    }
    expect(violations.summary()).toEqual([]);
  }, 20_000);

  it('every node of a block_actions payload mutated', async () => {
    const violations = new Violations();
    const payload = blockAction({ actionId: 'pd_recheck', value: '0123456789abcdef0123456789abcdef', userId: 'UADMIN1', responseUrl: hooks.url() });
    for (const m of mutateEachNode(payload, random, 1)) {
      const body = m.body as Record<string, unknown>;
      if (typeof body === 'object' && body && !Array.isArray(body)) body.trigger_id = randomUUID();
      await fuzzSlack(violations, m.name, 'interactions', { name: m.name, text: interactionBody(body) }, undefined, true);
    }
    expect(violations.summary()).toEqual([]);
  });
});

describe('Teams /api/messages never fails on bad input', () => {
  let connector: BotConnectorServer;
  /** The thread the messages are posted in, created on the connector so replies to it succeed. */
  let thread: { id: string; activityId: string };
  let consoleErrors: jest.SpyInstance;
  beforeAll(async () => {
    connector = await startBotConnectorServer({ channels: [CHANNEL] });
    const created = await fetch(`${connector.serviceUrl}v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGroup: true, channelData: { channel: { id: CHANNEL } }, activity: { type: 'message', text: 'root' } }),
    });
    thread = (await created.json()) as { id: string; activityId: string };
    // botbuilder reports turn errors on console.error; they are collected as log lines below.
    consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => {
    consoleErrors.mockRestore();
  });
  afterAll(() => connector?.close());

  function bot(): TeamsBotParts & { services: TestServices } {
    const services = testServices();
    return { services, adapter: createBotAdapter(readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }), services.log), bot: createTeamsBot({ services }) };
  }

  async function fuzzTeams(violations: Violations, caseName: string, body: RawBody): Promise<void> {
    const parts = bot();
    parts.services.log.lines.length = 0;
    const handler = createTeamsMessagesHandler(() => parts);
    const ctxLines: string[] = [];
    const answer = await noThrow(violations, caseName, () => handler(httpRequest('https://pull-doctor.example.net/api/messages', body), recordingContext(ctxLines)));
    if (!answer) return;
    const lines = [...ctxLines, ...parts.services.log.lines.map((l) => `${l.level} ${l.message}`), ...consoleErrors.mock.calls.map((c) => c.map(String).join(' '))];
    consoleErrors.mockClear();
    // Bot Framework answers a refused activity with a status and no JSON error field: accept that, but never a 5xx.
    const normalised = { ...answer, jsonBody: (answer.status ?? 200) >= 400 && !(answer.jsonBody as { error?: unknown } | undefined)?.error ? { error: `status ${answer.status}` } : answer.jsonBody };
    checkHttpAnswer(violations, caseName, normalised, [...lines, `status ${answer.status}`]);
    if ((answer.status ?? 200) >= 500) violations.add(caseName, `5xx body ${JSON.stringify(answer.jsonBody)?.slice(0, 200)}`);
    checkDiagnoserCalls(violations, caseName, parts.services);
  }

  it('with an app id, malformed Authorization headers are refused with 401 (no token fetched, nothing run)', async () => {
    const violations = new Violations();
    const services = testServices();
    const authenticated: TeamsBotParts = {
      adapter: createBotAdapter(readSettings({ MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0', MicrosoftAppPassword: TEST_SECRETS.MicrosoftAppPassword, MicrosoftAppType: 'MultiTenant' }), services.log),
      bot: createTeamsBot({ services }),
    };
    const handler = createTeamsMessagesHandler(() => authenticated);
    const activity = toJson(teamsMessage('diagnose web-1 -n shop', { serviceUrl: connector.serviceUrl, conversationId: thread.id, id: thread.activityId }));
    // Tokens that are not JWTs fail before any signing key is fetched (nothing leaves 127.0.0.1).
    for (const authorization of ['', 'Bearer', 'Bearer ', 'Bearer x', `Bearer ${'a'.repeat(20_000)}`, 'Basic dXNlcjpwYXNz', "Bearer x' | where 1==1", 'Bearer a.b', 'Bearer ..']) {
      const caseName = `Authorization ${JSON.stringify(authorization).slice(0, 40)}`;
      const ctxLines: string[] = [];
      const answer = await noThrow(violations, caseName, () =>
        handler(httpRequest('https://pull-doctor.example.net/api/messages', activity, { 'content-type': 'application/json', authorization }), recordingContext(ctxLines)),
      );
      const lines = [...ctxLines, ...services.log.lines.map((l) => `${l.level} ${l.message}`), ...consoleErrors.mock.calls.map((c) => c.map(String).join(' '))];
      consoleErrors.mockClear();
      if (!answer) continue;
      if (answer.status !== 401) violations.add(caseName, `status ${answer.status}`);
      checkHttpAnswer(violations, caseName, { status: 200, jsonBody: answer.jsonBody }, lines);
    }
    expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(0);
    expect(services.queue.sent).toBe(0);
    expect(violations.summary()).toEqual([]);
  });

  it('hostile bodies: 400, never a 5xx', async () => {
    const violations = new Violations();
    for (const body of hostileBodies()) await fuzzTeams(violations, body.name, body);
    expect(violations.summary()).toEqual([]);
  });

  it('every node of a channel message activity mutated, and hostile command texts', async () => {
    const violations = new Violations();
    const activity = teamsMessage('diagnose web-1 -n shop', { serviceUrl: connector.serviceUrl, conversationId: thread.id, id: thread.activityId, from: { id: '29:alice', aadObjectId: 'aad-admin-1', name: 'Alice' } });
    await fuzzTeams(violations, 'the unmutated activity', { name: 'valid', text: toJson(activity) });
    expect(violations.summary()).toEqual([]);
    for (const m of mutateEachNode(activity, random, 1)) {
      // A hostile serviceUrl would make the bot connect elsewhere; the connector URL is the one thing kept.
      if (m.name.startsWith('serviceUrl')) continue;
      await fuzzTeams(violations, m.name, { name: m.name, text: toJson(m.body) });
    }
    for (const text of hostileCommandTexts().filter((_, i) => i % 3 === 0)) {
      const a = teamsMessage(text, { serviceUrl: connector.serviceUrl, conversationId: thread.id, id: thread.activityId });
      await fuzzTeams(violations, `text ${JSON.stringify(text).slice(0, 60)}`, { name: 'text', text: toJson(a) });
    }
    expect(violations.summary()).toEqual([]);
  }, 20_000);
});
