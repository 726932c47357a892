import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createSlackInteractionsHandler } from '../../functions/slack-interactions';
import { BackgroundWork } from '../../lib/commands/background-work';
import type { ChatJobDeps } from '../../lib/jobs/run-chat-command-job';
import { runQueuedJob } from '../../lib/jobs/run-queued-job';
import type { Diagnosis, PullFailure } from '../../lib/model';
import type { SlackHandlerDeps } from '../../lib/slack/slack-handlers';
import { CLUSTER, RecordingDiagnoser, fixtureDiagnosis, seedIncident, testServices, type TestServices } from '../commands/command-fixtures';
import { SIGNING_SECRET, blockAction, interactionBody, invocation, slackRequest, slashBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-kit';

let hooks: ResponseUrlServer;
beforeAll(async () => {
  hooks = await startResponseUrlServer();
});
afterAll(() => hooks.close());
beforeEach(() => {
  hooks.posts.length = 0;
});

/** The fixture diagnosis after `delayMs`, unless the caller's signal cancels it first. */
class SlowDiagnoser extends RecordingDiagnoser {
  cancelled = 0;
  constructor(public delayMs = 60_000) {
    super();
  }
  override diagnose(failure: PullFailure, options: { signal?: AbortSignal } = {}): Promise<Diagnosis> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(super.diagnose(failure)), this.delayMs);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        this.cancelled++;
        reject(options.signal?.reason);
      });
    });
  }
}

/** The queue function's work for the chat commands waiting on the memory queue. */
function drainChatCommands(services: TestServices) {
  const chat = (): ChatJobDeps => ({ services, log: services.log, responseUrl: { allowLocalTestUrls: true } });
  return services.queue.drain((job, dequeueCount) => runQueuedJob(job, { diagnose: () => { throw new Error('no diagnose job expected'); }, chat }, { dequeueCount }));
}

function setup(services: TestServices = testServices(), overrides: Partial<SlackHandlerDeps> = {}) {
  const background = new BackgroundWork();
  const deps: SlackHandlerDeps = { services, signingSecret: SIGNING_SECRET, log: services.log, responseUrl: { allowLocalTestUrls: true }, background, ...overrides };
  return { services, background, commands: createSlackCommandsHandler(() => deps), interactions: createSlackInteractionsHandler(() => deps) };
}

/** Nothing happened: no command ran, no processed-event record, nothing posted. */
function expectNoSideEffect(services: TestServices, writesBefore: number) {
  expect(services.incidents.writes).toBe(writesBefore);
  expect(services.queue.sent).toBe(0);
  expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(0);
  expect(hooks.posts).toHaveLength(0);
}

describe('POST /api/slack/commands', () => {
  it('answers a signed command inline', async () => {
    const { commands, services } = setup();
    await seedIncident(services);
    const response = await commands(slackRequest('slack/commands', slashBody({ text: 'status', response_url: hooks.url() })), invocation());
    expect(response.status).toBe(200);
    expect(response.jsonBody).toEqual({ response_type: 'in_channel', text: expect.stringMatching(/^1 open incident:\n• [0-9a-f]{12} myacr\.azurecr\.io\/app:v1\.3 on aks-prod/) });
  });

  it.each([
    ['a wrong signature', { signature: `v0=${'0'.repeat(64)}` }, 401, 'signature mismatch'],
    ['another secret', { secret: 'not-the-secret' }, 401, 'signature mismatch'],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }, 401, 'stale request'],
    ['no signature headers', { signature: null }, 401, 'missing X-Slack-Signature'],
  ] as const)('refuses %s with %i and does nothing', async (_what, options, status, error) => {
    const { commands, services } = setup();
    const writes = services.incidents.writes;
    const response = await commands(slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url() }), options), invocation());
    expect(response).toEqual({ status, jsonBody: { error: expect.stringContaining(error) } });
    expectNoSideEffect(services, writes);
    expect(services.log.text()).toContain(`warn slack command: ${status}`);
  });

  it('refuses a malformed body (valid signature) with 400', async () => {
    const { commands, services } = setup();
    const writes = services.incidents.writes;
    const response = await commands(slackRequest('slack/commands', 'text=status&user_id=%3Cscript%3E'), invocation());
    expect(response.status).toBe(400);
    expect(response.jsonBody).toEqual({ error: expect.stringContaining('malformed slash command') });
    expectNoSideEffect(services, writes);
  });

  it('refuses a response_url that is not Slack (no request to it)', async () => {
    const { services } = setup();
    const strict = setup(services, { responseUrl: {} });
    const response = await strict.commands(slackRequest('slack/commands', slashBody({ text: 'help', response_url: hooks.url() })), invocation());
    expect(response).toEqual({ status: 400, jsonBody: { error: 'response_url is not a https://hooks.slack.com URL' } });
  });

  it('refuses everything while SLACK_SIGNING_SECRET is unset', async () => {
    const { commands } = setup(testServices(), { signingSecret: undefined });
    const response = await commands(slackRequest('slack/commands', slashBody({ response_url: hooks.url() })), invocation());
    expect(response).toEqual({ status: 503, jsonBody: { error: 'Slack requests are refused: SLACK_SIGNING_SECRET is not set' } });
  });

  it('runs a request once: a replay is refused, a Slack retry is acknowledged without running again', async () => {
    const { commands, services } = setup();
    const incident = await seedIncident(services);
    const body = slashBody({ text: `recheck ${incident.id}`, response_url: hooks.url() });
    const first = await commands(slackRequest('slack/commands', body), invocation());
    expect(first.status).toBe(200);
    expect(services.queue.sent).toBe(1);
    const replay = await commands(slackRequest('slack/commands', body), invocation());
    expect(replay).toEqual({ status: 401, jsonBody: { error: 'replayed request: this Slack request was handled already' } });
    const retry = await commands(slackRequest('slack/commands', body, { extraHeaders: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }), invocation());
    expect(retry).toEqual({ status: 200, jsonBody: {} });
    expect(services.queue.sent).toBe(1);
  });

  it('still answers when the processed-event record cannot be written (memory dedupe only)', async () => {
    const { commands, services } = setup();
    services.incidents.markProcessed = async () => {
      throw new Error('table unavailable');
    };
    const body = slashBody({ text: 'help', response_url: hooks.url() });
    expect((await commands(slackRequest('slack/commands', body), invocation())).status).toBe(200);
    expect(services.log.text()).toContain('deduplicating in memory only');
    expect((await commands(slackRequest('slack/commands', body), invocation())).status).toBe(401);
  });

  it('acknowledges a slow diagnosis at once, cancels it here and queues it; the queued job answers through response_url', async () => {
    const diagnoser = new SlowDiagnoser();
    const { commands, services, background } = setup(testServices({ diagnoser }), { ackBudgetMs: 50 });
    const incident = await seedIncident(services);
    const started = Date.now();
    const response = await commands(
      slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url('/commands/T0001/1/abc') })),
      invocation(),
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response).toEqual({ status: 200, jsonBody: { response_type: 'ephemeral', text: '⏳ Working on it — the answer follows here.' } });
    expect(services.queue.chatCommands.map((c) => c.job)).toEqual([
      expect.objectContaining({
        kind: 'chat-command',
        command: { verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1.3', cluster: 'aks-prod' },
        actor: expect.objectContaining({ platform: 'slack', userId: 'UDIAG01', channelId: 'CONCALL1' }),
        responseUrl: hooks.url('/commands/T0001/1/abc'),
        followUp: false,
      }),
    ]);
    // Nothing keeps running here: the in-process run was cancelled and answers nothing.
    await background.idle();
    expect(diagnoser.cancelled).toBe(1);
    expect(diagnoser.calls).toHaveLength(0);
    expect(hooks.posts).toHaveLength(0);
    expect(services.log.text()).not.toContain('/commands/T0001/1/abc');

    diagnoser.delayMs = 0;
    await drainChatCommands(services);
    expect(hooks.posts).toHaveLength(1);
    const posted = hooks.posts[0]!;
    expect(posted.path).toBe('/commands/T0001/1/abc');
    expect(posted.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining(fixtureDiagnosis().verdict.summary) });
    const actions = (posted.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => [e.action_id, e.value])).toEqual([
      ['pd_recheck', incident.id],
      ['pd_mute_1h', incident.id],
      ['pd_mute_24h', incident.id],
      ['pd_resolve', incident.id],
      ['pd_show_checks', incident.id],
    ]);
  });

  it('answers a fast diagnosis inline, without the queue', async () => {
    const { commands, services } = setup();
    const response = await commands(slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url() })), invocation());
    expect(response.jsonBody).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining(fixtureDiagnosis().verdict.summary) });
    expect(services.queue.sent).toBe(0);
  });

  it('finishes a slow diagnosis in this process when the queue cannot take it', async () => {
    const diagnoser = new SlowDiagnoser(200);
    const { commands, services, background } = setup(testServices({ diagnoser }), { ackBudgetMs: 20 });
    services.queue.enqueue = async () => {
      throw new Error('queue unavailable');
    };
    const response = await commands(slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url() })), invocation());
    expect(response.jsonBody).toMatchObject({ text: expect.stringContaining('Working on it') });
    await background.idle();
    expect(services.log.text()).toContain('could not queue diagnose-image (queue unavailable); finishing it in this process');
    expect(hooks.posts).toHaveLength(1);
    expect(diagnoser.calls).toHaveLength(1);
  });

  it('answers an injection attempt "not a valid pod name" and runs nothing', async () => {
    const { commands, services } = setup();
    const writes = services.incidents.writes;
    const response = await commands(slackRequest('slack/commands', slashBody({ text: 'diagnose web;rm -rf /', response_url: hooks.url() })), invocation());
    expect(response.jsonBody).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/^not a valid pod name: "web;rm"\. Nothing was run/) });
    // Only the request's own processed-event record was written.
    expect(services.incidents.writes).toBe(writes + 1);
    expect((services.diagnoser as RecordingDiagnoser).calls).toHaveLength(0);
  });

  it('answers an unauthorised user politely, escaped for mrkdwn', async () => {
    const { commands } = setup();
    const response = await commands(slackRequest('slack/commands', slashBody({ user_id: 'USTRANGE', channel_id: 'CRANDOM1', text: 'status', response_url: hooks.url() })), invocation());
    expect(response.jsonBody).toEqual({
      response_type: 'ephemeral',
      text: 'Sorry, you may not run status from here. An administrator can allow it by adding slack:USTRANGE or slack:CRANDOM1 to PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW.',
    });
  });
});

describe('POST /api/slack/interactions', () => {
  const press = async (ctx: ReturnType<typeof setup>, actionId: string, value: string, user: { userId?: string; userName?: string } = {}) => {
    const response = await ctx.interactions(slackRequest('slack/interactions', interactionBody(blockAction({ actionId, value, responseUrl: hooks.url(), ...user }))), invocation());
    await ctx.background.idle();
    return response;
  };

  it('Re-check queues a forced job and says so in the channel', async () => {
    const ctx = setup();
    const incident = await seedIncident(ctx.services);
    expect(await press(ctx, 'pd_recheck', incident.id)).toEqual({ status: 200, jsonBody: {} });
    expect(ctx.services.queue.pending[0]?.job).toMatchObject({ incidentId: incident.id, reason: 'recheck', force: true, requestedBy: 'bob' });
    expect(hooks.posts.map((p) => p.body)).toEqual([{ response_type: 'in_channel', replace_original: false, text: expect.stringContaining('Re-check of myacr.azurecr.io/app:v1.3') }]);
  });

  it('Mute 1 h and Resolve need an admin', async () => {
    const ctx = setup();
    const incident = await seedIncident(ctx.services);
    await press(ctx, 'pd_resolve', incident.id);
    expect(hooks.posts[0]?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('PULL_DOCTOR_CHAT_ADMIN_ALLOW') });
    expect((await ctx.services.incidents.get(CLUSTER, incident.id))?.status).toBe('open');
    await press(ctx, 'pd_mute_1h', incident.id, { userId: 'UADMIN1', userName: 'alice' });
    expect(await ctx.services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'muted', mutedUntil: '2026-11-25T23:00:00.000Z' });
    await press(ctx, 'pd_mute_24h', incident.id, { userId: 'UADMIN1', userName: 'alice' });
    expect(await ctx.services.incidents.get(CLUSTER, incident.id)).toMatchObject({ mutedUntil: '2026-11-26T22:00:00.000Z' });
    await press(ctx, 'pd_resolve', incident.id, { userId: 'UADMIN1', userName: 'alice' });
    expect(await ctx.services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'resolved', resolvedReason: 'resolved by alice' });
  });

  it('Show all checks posts the full diagnosis', async () => {
    const ctx = setup();
    const incident = await seedIncident(ctx.services);
    await press(ctx, 'pd_show_checks', incident.id);
    expect(hooks.posts).toHaveLength(1);
    expect(hooks.posts[0]?.body).toMatchObject({ response_type: 'in_channel', replace_original: false, blocks: expect.any(Array) });
    expect(JSON.stringify(hooks.posts[0]?.body)).not.toContain('Passed and skipped checks are hidden');
  });

  it('a slow Show all checks is queued and answered as a new message', async () => {
    const diagnoser = new SlowDiagnoser();
    const ctx = setup(testServices({ diagnoser }), { ackBudgetMs: 20 });
    const incident = await seedIncident(ctx.services);
    expect(await press(ctx, 'pd_show_checks', incident.id)).toEqual({ status: 200, jsonBody: {} });
    expect(ctx.services.queue.chatCommands[0]?.job).toMatchObject({ command: { verb: 'why', incident: incident.id }, thread: incident.id, followUp: true });
    expect(hooks.posts).toHaveLength(0);
    diagnoser.delayMs = 0;
    await drainChatCommands(ctx.services);
    expect(hooks.posts.map((p) => p.body)).toEqual([expect.objectContaining({ response_type: 'in_channel', replace_original: false, blocks: expect.any(Array) })]);
  });

  it.each([
    ['an unknown button', () => blockAction({ actionId: 'pd_delete_cluster', value: '0'.repeat(32), responseUrl: hooks.url() }), 'unknown button'],
    ['a stale button without an incident id', () => blockAction({ actionId: 'pd_resolve', value: "x' or 1==1", responseUrl: hooks.url() }), 'no valid incident id'],
  ])('answers %s 200 with an ephemeral note and runs nothing', async (_what, payload, why) => {
    const ctx = setup();
    const writes = ctx.services.incidents.writes;
    const response = await ctx.interactions(slackRequest('slack/interactions', interactionBody(payload())), invocation());
    expect(response).toEqual({ status: 200, jsonBody: {} });
    await ctx.background.idle();
    expect(hooks.posts.map((p) => p.body)).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: expect.stringContaining(why) })]);
    expect(ctx.services.queue.sent).toBe(0);
    expect(ctx.services.incidents.writes).toBe(writes);
    expect(ctx.services.log.text()).toContain(why);
  });

  it.each([
    ['an App Home button (no response_url)', () => ({ ...blockAction({ actionId: 'pd_recheck', value: '0'.repeat(32), responseUrl: '' }), response_url: undefined, channel: undefined, container: { type: 'view', view_id: 'V0001' } }), 'no response_url'],
    ['another interaction type', () => ({ type: 'view_submission', user: { id: 'U1' } }), 'view_submission'],
  ])('answers %s 200, logs it and runs nothing', async (_what, payload, why) => {
    const ctx = setup();
    const response = await ctx.interactions(slackRequest('slack/interactions', interactionBody(payload())), invocation());
    expect(response).toEqual({ status: 200, jsonBody: {} });
    await ctx.background.idle();
    expect(hooks.posts).toHaveLength(0);
    expect(ctx.services.queue.sent).toBe(0);
    expect(ctx.services.log.text()).toContain(why);
  });

  it.each([
    ['no payload field', 'foo=bar', 'no payload field'],
    ['a payload that is not JSON', 'payload=%7Bnot-json', 'payload is not JSON'],
  ])('refuses %s with 400 and does nothing', async (_what, body, error) => {
    const ctx = setup();
    const writes = ctx.services.incidents.writes;
    const response = await ctx.interactions(slackRequest('slack/interactions', body), invocation());
    expect(response).toEqual({ status: 400, jsonBody: { error: expect.stringContaining(error) } });
    expect(ctx.services.queue.sent).toBe(0);
    expect(ctx.services.incidents.writes).toBeLessThanOrEqual(writes + 1);
    expect(hooks.posts).toHaveLength(0);
  });

  it('refuses an unsigned button press', async () => {
    const ctx = setup();
    const incident = await seedIncident(ctx.services);
    const writes = ctx.services.incidents.writes;
    const body = interactionBody(blockAction({ actionId: 'pd_resolve', value: incident.id, userId: 'UADMIN1', responseUrl: hooks.url() }));
    const response = await ctx.interactions(slackRequest('slack/interactions', body, { secret: 'wrong' }), invocation());
    expect(response.status).toBe(401);
    expectNoSideEffect(ctx.services, writes);
  });
});
