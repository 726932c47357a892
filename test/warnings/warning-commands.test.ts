import { ConsoleChat } from '../../lib/chat/console-chat';
import { ChatCommandSchema, READ_ONLY_VERBS } from '../../lib/commands/chat-command-schema';
import { handleChatText, handleCommand } from '../../lib/commands/handle-command';
import { parseCommand } from '../../lib/commands/parse-command';
import { silentLogger } from '../../lib/intake/logger';
import { loadWorld } from '../../lib/sandbox/load-world';
import { WORLDS_DIR } from '../../lib/sandbox/load-world';
import { commandOfAction } from '../../lib/slack/slack-payloads';
import { auditCluster } from '../../lib/warnings/audit';
import { startSandboxImpact } from '../../lib/warnings/audit-in-sandbox';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { WarningService } from '../../lib/warnings/warning-service';
import { CLUSTER, OUTSIDE_CLUSTER, SLACK_ADMIN, SLACK_DIAGNOSER, commandContext, testServices } from '../commands/command-fixtures';
import { report, warningOf } from './fixtures';

const ID = '0123456789abcdef0123456789abcdef';

describe('warning and audit verbs: grammar', () => {
  it.each([
    ['audit aks-prod', { verb: 'audit', cluster: 'aks-prod' }],
    ['audit rg-aks-prod/aks-prod', { verb: 'audit', cluster: 'rg-aks-prod/aks-prod' }],
    [`warning recheck ${ID}`, { verb: 'warning-recheck', warning: ID }],
    [`warning intended ${ID}`, { verb: 'warning-intended', warning: ID }],
    [`warning mute 2h ${ID}`, { verb: 'warning-mute', duration: '2h', durationMs: 7_200_000, warning: ID }],
  ])('%s', (text, command) => {
    const parsed = parseCommand(text);
    expect(parsed).toEqual({ ok: true, command });
    // A queued copy reads back the same (the durable chat-job path).
    expect(ChatCommandSchema.parse(JSON.parse(JSON.stringify(command)))).toEqual(command);
  });

  it.each([
    ['audit', /usage: audit <cluster>/],
    ["audit aks'prod", /not a valid cluster name/],
    ['warning recheck 0123', /not a valid warning id/],
    [`warning mute 9w ${ID}`, /not a valid duration/],
    [`warning delete ${ID}`, /usage: warning/],
  ])('refuses %s', (text, error) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(error);
  });

  it('audit may move to the queue (read-only); warning buttons change state and stay in the request', () => {
    expect(READ_ONLY_VERBS.has('audit')).toBe(true);
    expect(READ_ONLY_VERBS.has('warning-intended')).toBe(false);
  });

  it('Slack warning buttons map to the warning verbs, incident buttons stay as they were', () => {
    expect(commandOfAction({ action_id: 'pd_warning_intended', value: ID })).toEqual({ ok: true, command: { verb: 'warning-intended', warning: ID } });
    expect(commandOfAction({ action_id: 'pd_warning_mute_24h', value: ID })).toEqual({ ok: true, command: { verb: 'warning-mute', duration: '24h', durationMs: 86_400_000, warning: ID } });
    expect(commandOfAction({ action_id: 'pd_warning_recheck', value: 'nope' })).toMatchObject({ ok: false });
    expect(commandOfAction({ action_id: 'pd_recheck', value: ID })).toEqual({ ok: true, command: { verb: 'recheck', incident: ID } });
  });
});

describe('audit <cluster> from chat (sandbox world after an AcrPull delete)', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxImpact>>;
  beforeAll(async () => {
    sandbox = await startSandboxImpact(loadWorld(`${WORLDS_DIR}/change-acrpull-deleted.yaml`));
  }, 60_000);
  afterAll(async () => sandbox?.stop());

  const services = () => testServices({ audit: (cluster, signal) => auditCluster(sandbox.engine, cluster, { at: sandbox.now, ...(signal ? { signal } : {}) }) });

  it('an admin gets every workload that would fail, largest first', async () => {
    const ctx = commandContext(services(), SLACK_ADMIN);
    expect(await handleChatText(ctx, 'audit aks-prod')).toBe('done');
    const text = ctx.texts();
    expect(text).toContain('Would fail if nodes were recycled now: 6 pods in 3 workloads on aks-prod');
    expect(text.indexOf('shop/Deployment/web')).toBeLessThan(text.indexOf('batch/StatefulSet/worker'));
  }, 60_000);

  it('is refused to a diagnoser (admin allow-list) and for a cluster outside the chat allow-list', async () => {
    const denied = commandContext(services(), SLACK_DIAGNOSER);
    expect(await handleChatText(denied, 'audit aks-prod')).toBe('denied');
    expect(denied.texts()).toContain('PULL_DOCTOR_CHAT_ADMIN_ALLOW');
    const outside = commandContext(services(), SLACK_ADMIN);
    expect(await handleCommand(outside, { verb: 'audit', cluster: OUTSIDE_CLUSTER })).toBe('denied');
  });
});

describe('warning buttons through the command machinery', () => {
  function withWarning(cluster = CLUSTER) {
    const store = new MemoryWarningStore();
    const service = new WarningService({ store, chat: () => new ConsoleChat({ write: () => undefined }), log: silentLogger });
    const base = report();
    const w = warningOf({ ...base, atRisk: base.atRisk.map((a) => ({ ...a, cluster })) });
    return { store, service, w, services: testServices({ warnings: { store, service } }) };
  }

  it("It's intended: admins only, same rule as Resolve", async () => {
    const { store, w, services } = withWarning();
    await store.update(w.id, () => w);
    expect(await handleCommand(commandContext(services, SLACK_DIAGNOSER), { verb: 'warning-intended', warning: w.id })).toBe('denied');
    expect((await store.get(w.id))!.status).toBe('open');
    const ctx = commandContext(services, SLACK_ADMIN);
    expect(await handleCommand(ctx, { verb: 'warning-intended', warning: w.id })).toBe('done');
    expect((await store.get(w.id))!).toMatchObject({ status: 'acknowledged', actedBy: 'alice' });
    expect(ctx.texts()).toContain('Marked intended by alice');
  });

  it('a warning about a cluster outside the chat allow-list does not exist for chat', async () => {
    const { store, w, services } = withWarning(OUTSIDE_CLUSTER);
    await store.update(w.id, () => w);
    expect(await handleCommand(commandContext(services, SLACK_ADMIN), { verb: 'warning-mute', duration: '1h', durationMs: 3_600_000, warning: w.id })).toBe('not-found');
    expect((await store.get(w.id))!.status).toBe('open');
  });
});
