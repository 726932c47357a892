import { SlackChat } from '../../lib/chat/slack-chat';
import { TeamsChat } from '../../lib/chat/teams-chat';
import { silentLogger } from '../../lib/intake/logger';
import type { Change, ImpactReport } from '../../lib/model';
import type { ImpactAnalyzer } from '../../lib/prevent/ports';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { warningId } from '../../lib/warnings/warning';
import { acknowledgeWarning, muteWarning, recheckWarning } from '../../lib/warnings/warning-actions';
import { WarningService, mayUndo } from '../../lib/warnings/warning-service';
import { startBotConnectorServer } from '../helpers/bot-connector-server';
import { startSlackApiServer, type SlackApiServer } from '../helpers/slack-api-server';
import { atRisk, report, tagDeleted } from './fixtures';

const TOKEN = 'xoxb-000000000000-0000000000000-FAKEtokenForTests';
const CHANNEL = 'C0PULLDOC01';

/** The impact analysis as a table: change id → the report it returns now (what the registry says at this moment). */
class ScriptedAnalyzer implements ImpactAnalyzer {
  readonly calls: string[] = [];
  constructor(readonly now: Map<string, ImpactReport>) {}
  async analyze(change: Change): Promise<ImpactReport> {
    this.calls.push(change.id);
    return this.now.get(change.id) ?? report({ change, atRisk: [] });
  }
}

let server: SlackApiServer;
beforeEach(async () => {
  server = await startSlackApiServer({ token: TOKEN, channels: [CHANNEL] });
});
afterEach(async () => {
  await server.close();
});

function setup(analyzerReports = new Map<string, ImpactReport>()) {
  const store = new MemoryWarningStore();
  const chat = new SlackChat({ token: TOKEN, channel: CHANNEL, slackApiUrl: server.apiUrl, retryConfig: { retries: 0 } });
  const analyzer = new ScriptedAnalyzer(analyzerReports);
  const service = new WarningService({ store, chat: () => chat, analyzer, log: silentLogger, now: () => new Date('2026-11-25T21:05:00Z') });
  return { store, chat, analyzer, service };
}

const roots = () => server.calls.filter((c) => c.method === 'chat.postMessage' && c.params.thread_ts === undefined);
const threadLines = (ts: string) => server.calls.filter((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts).map((c) => String(c.params.text));

describe('WarningService with Slack (Web API server)', () => {
  it('posts one warning per change and updates it in place on a re-run', async () => {
    const { store, service } = setup();
    await service.publish(report());
    await service.publish(report({ atRisk: [atRisk('web', 5)] }));
    expect(roots()).toHaveLength(1);
    const warning = (await store.get(warningId(report().change.id)))!;
    expect(warning).toMatchObject({ status: 'open', totals: { workloads: 1, pods: 5 }, chat: { platform: 'slack', ts: expect.any(String) } });
    const message = server.messages.get(warning.chat!.ts!)!;
    expect(message.edits).toBe(1);
    expect(JSON.stringify(message.blocks)).toContain('Will fail on next pull: 5 pods of shop/web');
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"pd_warning_intended"');
  });

  it('posts nothing when nothing is at risk and no warning is open', async () => {
    const { service } = setup();
    await service.publish(report({ atRisk: [] }));
    expect(server.calls).toEqual([]);
  });

  it('resolves its own warning when a re-run of the change finds nothing at risk', async () => {
    const { store, service } = setup();
    await service.publish(report());
    await service.publish(report({ atRisk: [] }));
    const warning = (await store.get(warningId(report().change.id)))!;
    expect(warning.status).toBe('resolved');
    expect(JSON.stringify(server.messages.get(warning.chat!.ts!)!.blocks)).toContain('No longer at risk');
    expect(threadLines(warning.chat!.ts!)).toEqual([expect.stringMatching(/^✅ No longer at risk: re-check/)]);
  });

  it('a later change in the same repository resolves the warning once re-analysis finds nothing at risk (tag re-pushed)', async () => {
    const reports = new Map<string, ImpactReport>();
    const { store, service, analyzer } = setup(reports);
    await service.publish(report());
    const repushed = tagDeleted({ id: 'push-1', kind: 'tag-moved', principal: 'ci' });
    // Another repository: cannot undo it, is not analysed.
    await service.publish(report({ change: tagDeleted({ id: 'other', registry: { loginServer: 'myacr.azurecr.io', repository: 'shop/api', tags: ['v1'] } }), atRisk: [] }));
    expect(analyzer.calls).toEqual([]);
    await service.publish(report({ change: repushed, atRisk: [] }));
    expect(analyzer.calls).toEqual([report().change.id]);
    const warning = (await store.get(warningId(report().change.id)))!;
    expect(warning).toMatchObject({ status: 'resolved', resolvedReason: expect.stringContaining('tag v1.2 of shop/web was pushed again') });
    expect(threadLines(warning.chat!.ts!)[0]).toMatch(/No longer at risk: tag v1\.2 of shop\/web was pushed again .* by ci/);
  });

  it('stays open while re-analysis still finds the workloads at risk or cannot decide', async () => {
    const first = report().change.id;
    const reports = new Map([[first, report({ atRisk: [], undecided: [{ cluster: 'c', image: 'i', checkId: 'repository-tag', reason: 'registry 503' }] })]]);
    const { store, service } = setup(reports);
    await service.publish(report());
    await service.publish(report({ change: tagDeleted({ id: 'push-1', kind: 'tag-moved' }), atRisk: [] }));
    expect((await store.get(warningId(first)))!.status).toBe('open');
  });

  it('records a failed post on the warning and throws, then posts on the retry', async () => {
    const { store, service } = setup();
    server.script('chat.postMessage', { kind: 'platform_error', error: 'not_in_channel' });
    await expect(service.publish(report())).rejects.toThrow(/not_in_channel/);
    expect((await store.get(warningId(report().change.id)))!.deliveryFailed).toMatchObject({ permanent: true, reason: expect.stringContaining('not_in_channel') });
    await service.publish(report());
    expect([...server.messages.values()].filter((m) => !m.thread_ts)).toHaveLength(1);
    expect((await store.get(warningId(report().change.id)))!.deliveryFailed).toBeUndefined();
  });

  it('buttons: intended and mute redraw the message and say who in the thread; re-check publishes again', async () => {
    const reports = new Map<string, ImpactReport>();
    const { store, service, analyzer } = setup(reports);
    await service.publish(report());
    const id = warningId(report().change.id);
    const deps = { store, service, analyzer, now: () => new Date('2026-11-25T21:10:00Z') };
    expect(await acknowledgeWarning(deps, id, 'ana')).toMatchObject({ ok: true });
    expect(await muteWarning(deps, id, 3600_000, 'bo')).toMatchObject({ ok: true, warning: { status: 'muted', mutedUntil: '2026-11-25T22:10:00.000Z' } });
    const ts = (await store.get(id))!.chat!.ts!;
    expect(threadLines(ts)).toEqual([expect.stringContaining('Marked intended by ana'), expect.stringContaining('muted until 2026-11-25T22:10:00.000Z by bo')]);
    expect(JSON.stringify(server.messages.get(ts)!.blocks)).toContain('muted until 2026-11-25T22:10:00.000Z');
    const recheck = await recheckWarning(deps, id, 'cy');
    expect(recheck).toMatchObject({ ok: true, text: expect.stringContaining('nothing at risk any more') });
    expect((await store.get(id))!.status).toBe('resolved');
    expect(await acknowledgeWarning(deps, id, 'ana')).toMatchObject({ ok: false, text: expect.stringContaining('already resolved') });
  });
});

describe('WarningService with Teams (Bot Framework connector server)', () => {
  it('starts a thread with the warning card, updates it in place and replies in its thread', async () => {
    const teamsChannel = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
    const connector = await startBotConnectorServer({ channels: [teamsChannel] });
    try {
      const store = new MemoryWarningStore();
      const chat = new TeamsChat({ channelId: teamsChannel, serviceUrl: connector.serviceUrl, tenantId: '72f988bf-0000-0000-0000-2d7cd011db47' });
      const service = new WarningService({ store, chat: () => chat, log: silentLogger });
      await service.publish(report());
      await service.publish(report({ atRisk: [] }));
      const creates = connector.requests.filter((r) => r.method === 'POST' && r.conversationId === undefined);
      expect(creates).toHaveLength(1);
      expect(JSON.stringify(creates[0]!.body)).toContain('Will fail on next pull: 4 pods in 2 workloads');
      expect(JSON.stringify(creates[0]!.body)).toContain('"verb":"warning_intended"');
      const puts = connector.requests.filter((r) => r.method === 'PUT');
      expect(puts).toHaveLength(1);
      expect(JSON.stringify(puts[0]!.body)).toContain('No longer at risk');
      expect(connector.requests.filter((r) => r.method === 'POST' && r.activityId !== undefined).map((r) => r.body.text)).toEqual([expect.stringMatching(/^✅ No longer at risk/)]);
    } finally {
      await connector.close();
    }
  });
});

describe('mayUndo', () => {
  const arm = (id: string, resourceId: string): Change => ({ ...tagDeleted({ id }), registry: undefined, kind: 'role-assignment-deleted', resourceId });
  it.each([
    ['same repository', tagDeleted({ id: 'b', kind: 'tag-moved' }), tagDeleted(), true],
    ['another repository', tagDeleted({ id: 'b', registry: { loginServer: 'myacr.azurecr.io', repository: 'other', tags: [] } }), tagDeleted(), false],
    ['a role change cannot bring a tag back', arm('b', '/subscriptions/s1/x'), tagDeleted(), false],
    ['same subscription', arm('b', '/subscriptions/S1/x'), arm('a', '/subscriptions/s1/y'), true],
    ['another subscription', arm('b', '/subscriptions/s2/x'), arm('a', '/subscriptions/s1/y'), false],
  ])('%s', (_name, later, earlier, expected) => {
    expect(mayUndo(later, earlier)).toBe(expected);
  });
});
