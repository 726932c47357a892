import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { createTeamsBot, unansweredInvoke } from '../../lib/teams/teams-bot';
import { CLUSTER, RecordingChat, RecordingDiagnoser, fixtureDiagnosis, seedIncident, testServices, type TestServices } from '../commands/command-fixtures';
import { ADMIN, CHANNEL, ROOT_ACTIVITY, STRANGER, THREAD, cardExecute, cardSubmit, teamsMessage } from './teams-test-kit';

const tagMissing = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));

function setup(services: TestServices = testServices({ containerInsights: createSandboxContainerInsights(tagMissing.logs), chat: new RecordingChat('teams') })) {
  const bot = createTeamsBot({ services });
  const adapter = new TestAdapter(async (turn) => {
    await bot.run(turn);
  });
  /** One turn; returns what the bot sent in it. */
  const turn = async (activity: Partial<Activity>): Promise<Array<Partial<Activity>>> => {
    adapter.activeQueue.length = 0;
    await adapter.processActivity(activity);
    return [...adapter.activeQueue];
  };
  return { services, bot, turn };
}

const texts = (sent: Array<Partial<Activity>>) => sent.filter((a) => a.type === 'message').map((a) => a.text ?? '').join('\n');
const cards = (sent: Array<Partial<Activity>>) =>
  sent.flatMap((a) => a.attachments ?? []).filter((c) => c.contentType === 'application/vnd.microsoft.card.adaptive').map((c) => c.content as Record<string, unknown>);
const invokeValue = (sent: Array<Partial<Activity>>) => (sent.find((a) => a.type === 'invokeResponse')?.value as { status: number; body: { type: string; value: unknown } } | undefined);

async function teamsIncident(services: TestServices) {
  return seedIncident(services, {
    chat: { platform: 'teams', channel: CHANNEL, activityId: ROOT_ACTIVITY, conversationReference: { conversation: { id: THREAD } } },
  });
}

describe('Teams bot (TestAdapter)', () => {
  it('help: mention stripped, plain-text answer', async () => {
    const { turn } = setup();
    const sent = await turn(teamsMessage('help', { from: STRANGER }));
    expect(texts(sent)).toContain('pull-doctor commands:');
    expect(sent[0]).toMatchObject({ textFormat: 'plain' });
  });

  it('status lists the open incidents', async () => {
    const { turn, services } = setup();
    const incident = await teamsIncident(services);
    expect(texts(await turn(teamsMessage('status')))).toContain(`${incident.id.slice(0, 12)} myacr.azurecr.io/app:v1.3 on aks-prod`);
  });

  it('diagnose image answers with an Adaptive Card carrying the incident buttons', async () => {
    const { turn, services } = setup();
    const incident = await teamsIncident(services);
    const sent = await turn(teamsMessage('diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod'));
    const [card] = cards(sent);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const actions = card!.actions as Array<{ type: string; verb: string; data: { incidentId: string } }>;
    expect(actions.map((a) => [a.type, a.verb, a.data.incidentId])).toEqual([
      ['Action.Execute', 'recheck', incident.id],
      ['Action.Execute', 'mute', incident.id],
      ['Action.Execute', 'mute', incident.id],
      ['Action.Execute', 'resolve', incident.id],
      ['Action.Execute', 'show_checks', incident.id],
    ]);
    expect(sent[0]?.type).toBe('typing');
    expect(sent.find((a) => a.attachments)?.summary).toBe(fixtureDiagnosis().verdict.summary);
  });

  it('a message delivered twice runs once', async () => {
    const { turn, services } = setup();
    await teamsIncident(services);
    const message = teamsMessage('recheck');
    expect(texts(await turn(message))).toContain('Re-check of');
    expect(await turn(message)).toEqual([]);
    expect(services.queue.sent).toBe(1);
  });

  it('diagnose <pod> reads the pod from Container insights', async () => {
    const diagnoser = new RecordingDiagnoser();
    const { turn } = setup(testServices({ diagnoser, containerInsights: createSandboxContainerInsights(tagMissing.logs) }));
    const sent = await turn(teamsMessage('diagnose web-7d9c5b8f6d-x2k8p -n shop --cluster aks-prod'));
    expect(cards(sent)).toHaveLength(1);
    expect(diagnoser.calls[0]).toMatchObject({ cluster: CLUSTER, pod: 'web-7d9c5b8f6d-x2k8p', controller: 'Deployment/web', image: 'myacr.azurecr.io/app:v1.3' });
  });

  it('an injection attempt is answered "not a valid pod name"', async () => {
    const diagnoser = new RecordingDiagnoser();
    const { turn, services } = setup(testServices({ diagnoser }));
    const writes = services.incidents.writes;
    expect(texts(await turn(teamsMessage("diagnose x' or 1==1")))).toMatch(/^not a valid pod name/);
    expect(diagnoser.calls).toHaveLength(0);
    // Only the activity's processed-event record.
    expect(services.incidents.writes).toBe(writes + 1);
  });

  it('recheck in the incident thread needs no id', async () => {
    const { turn, services } = setup();
    const incident = await teamsIncident(services);
    expect(texts(await turn(teamsMessage('recheck')))).toContain('Re-check of myacr.azurecr.io/app:v1.3');
    expect(services.queue.pending[0]?.job).toMatchObject({ incidentId: incident.id, reason: 'recheck', force: true, requestedBy: 'Bob' });
  });

  it('why answers with every check', async () => {
    const { turn, services } = setup();
    await teamsIncident(services);
    const [card] = cards(await turn(teamsMessage('why')));
    expect(JSON.stringify(card)).not.toContain('Passed and skipped checks are hidden');
  });

  it('mute and resolve: an on-call member is refused, the admin (by Entra object id) may', async () => {
    const { turn, services } = setup();
    const incident = await teamsIncident(services);
    expect(texts(await turn(teamsMessage('mute 30m')))).toContain('adding teams:aad-bob-2 or teams:19:oncall@thread.tacv2 to PULL_DOCTOR_CHAT_ADMIN_ALLOW');
    expect((await services.incidents.get(CLUSTER, incident.id))?.status).toBe('open');
    expect(texts(await turn(teamsMessage('mute 30m', { from: ADMIN })))).toContain('muted for 30m');
    expect(await services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'muted', mutedUntil: '2026-11-25T22:30:00.000Z' });
    // In the incident's thread, the chat port's resolved line (and card update) is the one answer.
    expect(await turn(teamsMessage('resolve', { from: ADMIN }))).toEqual([]);
    expect(await services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'resolved', resolvedReason: 'resolved by Alice' });
    expect((services.chat as RecordingChat).calls).toEqual([expect.objectContaining({ method: 'resolved', ref: incident.chat, text: 'resolved by Alice' })]);
  });

  it('a stranger in another channel is refused politely', async () => {
    const { turn } = setup();
    const text = texts(await turn(teamsMessage('status', { from: STRANGER, channelId: '19:random@thread.tacv2' })));
    expect(text).toContain('Sorry, you may not run status from here');
  });

  describe('card buttons (Action.Execute)', () => {
    it('Re-check answers in the invoke response and queues the job', async () => {
      const { turn, services } = setup();
      const incident = await teamsIncident(services);
      const value = invokeValue(await turn(cardExecute('recheck', { incidentId: incident.id })));
      expect(value).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Re-check of') } });
      expect(services.queue.sent).toBe(1);
    });

    it('Mute 24 h and Resolve for the admin; refused for others', async () => {
      const { turn, services } = setup();
      const incident = await teamsIncident(services);
      const denied = invokeValue(await turn(cardExecute('resolve', { incidentId: incident.id })));
      expect(String(denied?.body.value)).toContain('PULL_DOCTOR_CHAT_ADMIN_ALLOW');
      await turn(cardExecute('mute', { incidentId: incident.id, duration: '24h' }, ADMIN));
      expect(await services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'muted', mutedUntil: '2026-11-26T22:00:00.000Z' });
      // The invoke answer is a toast for the presser; the thread is told through the chat port.
      expect((services.chat as RecordingChat).calls).toEqual([expect.objectContaining({ method: 'reply', ref: incident.chat, text: expect.stringContaining('muted for 24h') })]);
      await turn(cardExecute('resolve', { incidentId: incident.id }, ADMIN));
      expect((await services.incidents.get(CLUSTER, incident.id))?.status).toBe('resolved');
    });

    it('Show all checks replaces the card for the presser with the full one', async () => {
      const { turn, services } = setup();
      const incident = await teamsIncident(services);
      const value = invokeValue(await turn(cardExecute('show_checks', { incidentId: incident.id })));
      expect(value?.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(value?.body.value).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    });

    it('data without a valid incident id is refused', async () => {
      const { turn, services } = setup();
      const value = invokeValue(await turn(cardExecute('resolve', { incidentId: "x' or 1==1" }, ADMIN)));
      expect(value?.body.value).toBe('Sorry, the button carries no valid incident id.');
      expect(services.log.text()).toContain('teams: card action refused');
    });
  });

  it('Action.Submit fallback reaches the same handler and answers in the thread', async () => {
    const { turn, services } = setup();
    const incident = await teamsIncident(services);
    const sent = await turn(cardSubmit({ incidentId: incident.id, verb: 'recheck' }));
    expect(texts(sent)).toContain('Re-check of');
    expect(services.queue.sent).toBe(1);
    const muted = await turn(cardSubmit({ incidentId: incident.id, verb: 'mute', duration: '1h' }, ADMIN));
    expect(texts(muted)).toContain('muted for 1h');
  });
});

describe('unansweredInvoke: every invoke gets a 200 that says what happened', () => {
  it.each<[string, Partial<Activity>, Record<string, unknown>]>([
    ['card action, unknown verb', { name: 'adaptiveCard/action', value: { action: { verb: 'approve' } } }, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' }],
    ['card action, no verb', { name: 'adaptiveCard/action', value: {} }, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' }],
    ['message extension query', { name: 'composeExtension/query' }, { composeExtension: { type: 'message' } }],
    ['message extension fetch task', { name: 'composeExtension/fetchTask' }, { composeExtension: { type: 'message' } }],
    ['task module fetch', { name: 'task/fetch' }, { task: { type: 'message' } }],
    ['anything else', { name: 'signin/verifyState' }, { statusCode: 200, type: 'application/vnd.microsoft.activity.message' }],
    ['no name', {}, { statusCode: 200, type: 'application/vnd.microsoft.activity.message' }],
  ])('%s', (_name, activity, body) => {
    const answer = unansweredInvoke(activity);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject(body);
  });

  it('names the unknown verb (clipped) or says there is none', () => {
    const text = (answer: ReturnType<typeof unansweredInvoke>) => (answer.body as { value: { body: Array<{ text?: string }> } }).value.body[0]!.text!;
    expect(text(unansweredInvoke({ name: 'adaptiveCard/action', value: { action: { verb: 'x'.repeat(100) } } }))).toMatch(new RegExp(`"x{40}"`));
    // Card Markdown from outside is escaped.
    expect(text(unansweredInvoke({ name: 'adaptiveCard/action', value: { action: { verb: '[click](https://evil.example)' } } }))).not.toContain('[click](https://evil.example)');
    expect(JSON.stringify(unansweredInvoke({ name: 'adaptiveCard/action', value: { action: { verb: '' } } }).body)).toContain('carries no verb');
  });
});

describe('Teams bot: invokes no route answers, free text, thrown turns (TestAdapter)', () => {
  it('an Action.Execute with an unknown verb is answered 200 with the buttons card', async () => {
    const { turn } = setup();
    const answer = invokeValue(await turn(cardExecute('approve', { incidentId: '0'.repeat(32) })));
    expect(answer).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
  });

  it('a message that is not a command gets the help text, not "unknown command"', async () => {
    const { turn } = setup();
    const said = texts(await turn(teamsMessage('thanks, looking into it')));
    expect(said).toContain('pull-doctor commands:');
    expect(said).not.toContain('unknown command');
  });

  it('a known verb with bad arguments still says what is wrong', async () => {
    const { turn } = setup();
    expect(texts(await turn(teamsMessage('mute forever')))).not.toContain('pull-doctor reads only its commands');
  });

  it('a turn that throws is logged with a reference and answered with an apology card', async () => {
    const services = testServices();
    services.incidents.list = async () => {
      throw new Error('boom-internal');
    };
    const { turn } = setup(services);
    const sent = await turn(teamsMessage('status', { id: 'throw-1' }));
    expect(JSON.stringify(cards(sent))).toContain('Sorry, pull-doctor hit an error');
    expect(JSON.stringify(sent)).not.toContain('boom-internal');
    expect(services.log.text()).toMatch(/turn failed \(reference [0-9a-f]{8}, message\): Error: boom-internal/);
  });
});
