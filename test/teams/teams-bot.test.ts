import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { createTeamsBot } from '../../lib/teams/teams-bot';
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
