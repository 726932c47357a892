import path from 'node:path';
import { handleChatText } from '../../lib/commands/handle-command';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import {
  CLUSTER,
  OUTSIDE_CLUSTER,
  RecordingChat,
  RecordingDiagnoser,
  SLACK_ADMIN,
  SLACK_DIAGNOSER,
  SLACK_STRANGER,
  commandContext,
  seedIncident,
  testServices,
} from './command-fixtures';

const tagMissing = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));

describe('chat commands', () => {
  it('answers help to anyone', async () => {
    const services = testServices();
    const ctx = commandContext(services, SLACK_STRANGER);
    expect(await handleChatText(ctx, 'help')).toBe('done');
    expect(ctx.texts()).toContain('diagnose image <ref> --cluster <name>');
  });

  it('denies diagnose politely to someone not allowed, logs it, and reads nothing', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    const ctx = commandContext(services, SLACK_STRANGER);
    expect(await handleChatText(ctx, 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod')).toBe('denied');
    expect(ctx.texts()).toBe('Sorry, you may not run diagnose image from here. An administrator can allow it by adding slack:USTRANGE or slack:CRANDOM1 to PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW.');
    expect(ctx.replies[0]).toMatchObject({ private: true });
    expect(diagnoser.calls).toHaveLength(0);
    expect(services.log.lines.filter((l) => l.level === 'warn')).toEqual([{ level: 'warn', message: expect.stringMatching(/^chat: denied diagnose-image: slack user USTRANGE/) }]);
  });

  it('denies mute and resolve to a diagnoser and leaves the incident as it was', async () => {
    const services = testServices();
    const incident = await seedIncident(services);
    for (const text of ['mute 2h', 'resolve']) {
      const ctx = commandContext(services, SLACK_DIAGNOSER, incident.id);
      expect(await handleChatText(ctx, text)).toBe('denied');
      expect(ctx.texts()).toContain('PULL_DOCTOR_CHAT_ADMIN_ALLOW');
    }
    expect(await services.incidents.get(CLUSTER, incident.id)).toEqual(incident);
  });

  it.each(['diagnose web;rm -rf /', "diagnose x' or 1==1", 'diagnose web | where 1==1'])('answers %j with "not a valid pod name" and changes nothing', async (text) => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser, containerInsights: createSandboxContainerInsights(tagMissing.logs) });
    const writes = services.incidents.writes;
    const ctx = commandContext(services, SLACK_ADMIN);
    expect(await handleChatText(ctx, text)).toBe('invalid');
    expect(ctx.texts()).toMatch(/^not a valid pod name: .*Nothing was run/);
    expect(diagnoser.calls).toHaveLength(0);
    expect(services.queue.sent).toBe(0);
    expect(services.incidents.writes).toBe(writes);
    expect(services.log.text()).toContain('invalid command (not a valid pod name');
  });

  it('diagnose image: resolves the cluster within the allow-list and answers with the diagnosis and the open incident', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    const incident = await seedIncident(services);
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod')).toBe('done');
    expect(diagnoser.calls).toEqual([{ cluster: CLUSTER, image: 'myacr.azurecr.io/app:v1.3', source: 'chat' }]);
    expect(ctx.replies).toEqual([{ kind: 'diagnosis', diagnosis: expect.objectContaining({ version: '1' }), incident }]);
  });

  it('diagnose image: a cluster outside PULL_DOCTOR_ALLOWED_CLUSTERS is refused before any read', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    for (const cluster of ['rg-other/aks-other', OUTSIDE_CLUSTER]) {
      const ctx = commandContext(services, SLACK_DIAGNOSER);
      expect(await handleChatText(ctx, `diagnose image myacr.azurecr.io/app:v1.3 --cluster ${cluster}`)).toBe('denied');
      expect(ctx.texts()).toContain('not in PULL_DOCTOR_ALLOWED_CLUSTERS');
    }
    expect(diagnoser.calls).toHaveLength(0);
    // A bare name resolves inside the allowed resource group, never elsewhere.
    await handleChatText(commandContext(services, SLACK_DIAGNOSER), 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-other');
    expect(diagnoser.calls.map((c) => c.cluster)).toEqual([CLUSTER.replace(/aks-prod$/, 'aks-other')]);
  });

  it('diagnose image: a registry by IP address is refused', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'diagnose image 169.254.169.254/metadata:v1 --cluster aks-prod')).toBe('denied');
    expect(diagnoser.calls).toHaveLength(0);
  });

  it('diagnose <pod>: finds image, message and workload in Container insights', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser, containerInsights: createSandboxContainerInsights(tagMissing.logs) });
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'diagnose web-7d9c5b8f6d-x2k8p -n shop')).toBe('done');
    expect(diagnoser.calls).toEqual([
      expect.objectContaining({
        cluster: CLUSTER,
        namespace: 'shop',
        pod: 'web-7d9c5b8f6d-x2k8p',
        container: 'web',
        controller: 'Deployment/web',
        image: 'myacr.azurecr.io/app:v1.3',
        message: tagMissing.failure.message,
        source: 'chat',
      }),
    ]);
  });

  it('diagnose <pod>: an unknown pod or a missing workspace is answered, not diagnosed', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser, containerInsights: createSandboxContainerInsights(tagMissing.logs) });
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'diagnose api-0 -n shop')).toBe('not-found');
    expect(ctx.texts()).toContain('no image pull failure of pod api-0 in namespace shop');
    const noInsights = commandContext(testServices({ diagnoser }), SLACK_DIAGNOSER);
    expect(await handleChatText(noInsights, 'diagnose web-7d9c5b8f6d-x2k8p')).toBe('failed');
    expect(noInsights.texts()).toContain('PULL_DOCTOR_WORKSPACE_IDS');
    expect(diagnoser.calls).toHaveLength(0);
  });

  it('recheck in the thread queues a forced job naming who asked', async () => {
    const services = testServices();
    const incident = await seedIncident(services);
    const ctx = commandContext(services, SLACK_DIAGNOSER, incident.id);
    expect(await handleChatText(ctx, 'recheck')).toBe('done');
    expect(services.queue.pending.map((p) => p.job)).toEqual([
      expect.objectContaining({ incidentId: incident.id, cluster: CLUSTER, reason: 'recheck', force: true, requestedBy: 'bob', resolveIfPasses: 're-check requested by bob passed' }),
    ]);
    expect(ctx.texts()).toContain('Re-check of myacr.azurecr.io/app:v1.3 on aks-prod');
  });

  it('recheck by id prefix outside a thread; without either it asks which incident', async () => {
    const services = testServices();
    const incident = await seedIncident(services);
    const byId = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(byId, `recheck ${incident.id.slice(0, 10)}`)).toBe('done');
    const none = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(none, 'recheck')).toBe('not-found');
    expect(none.texts()).toContain("use it in the incident's thread, or give the id");
    expect(services.queue.sent).toBe(1);
  });

  it('an incident of a cluster outside the allow-list does not exist for chat', async () => {
    const services = testServices();
    const hidden = await seedIncident(services, { cluster: OUTSIDE_CLUSTER });
    const ctx = commandContext(services, SLACK_ADMIN, hidden.id);
    expect(await handleChatText(ctx, 'resolve')).toBe('not-found');
    expect((await services.incidents.get(OUTSIDE_CLUSTER, hidden.id))?.status).toBe('open');
  });

  it('why re-runs the incident sample and answers with every check', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    const incident = await seedIncident(services);
    const ctx = commandContext(services, SLACK_DIAGNOSER, incident.id);
    expect(await handleChatText(ctx, 'why')).toBe('done');
    expect(diagnoser.calls).toEqual([incident.sample]);
    expect(ctx.replies[0]).toMatchObject({ kind: 'diagnosis', incident: { id: incident.id }, showAllChecks: true });
  });

  it('mute sets muted until now + duration', async () => {
    const services = testServices();
    const incident = await seedIncident(services);
    const ctx = commandContext(services, SLACK_ADMIN, incident.id);
    expect(await handleChatText(ctx, 'mute 2h')).toBe('done');
    expect(await services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'muted', mutedUntil: '2026-11-26T00:00:00.000Z' });
    expect(ctx.texts()).toContain('muted for 2h (until 2026-11-26T00:00:00.000Z) by alice');
  });

  it('mute from outside the thread (a Slack button) also tells the incident thread', async () => {
    const chat = new RecordingChat('slack');
    const services = testServices({ chat });
    const incident = await seedIncident(services, { chat: { platform: 'slack', channel: 'CONCALL1', ts: '1764100000.000100' } });
    await handleChatText(commandContext(services, SLACK_ADMIN, incident.id), 'mute 1d');
    expect(chat.calls).toEqual([{ method: 'reply', ref: incident.chat, text: expect.stringContaining('muted for 1d (until 2026-11-26T22:00:00.000Z) by alice') }]);
  });

  it('resolve records who resolved it and updates the incident message once', async () => {
    const chat = new RecordingChat('slack');
    const services = testServices({ chat });
    const incident = await seedIncident(services, { chat: { platform: 'slack', channel: 'CONCALL1', ts: '1764100000.000100' } });
    const ctx = commandContext(services, SLACK_ADMIN, incident.id);
    expect(await handleChatText(ctx, 'resolve')).toBe('done');
    expect(await services.incidents.get(CLUSTER, incident.id)).toMatchObject({ status: 'resolved', resolvedReason: 'resolved by alice', resolvedAt: '2026-11-25T22:00:00.000Z' });
    expect(chat.calls).toEqual([{ method: 'resolved', ref: incident.chat, text: 'resolved by alice' }]);
    const again = commandContext(services, SLACK_ADMIN, incident.id);
    await handleChatText(again, 'resolve');
    expect(again.texts()).toContain('was not resolved: the incident is already resolved');
    expect(chat.calls).toHaveLength(1);
  });

  it('status lists open and muted incidents of allowed clusters only', async () => {
    const services = testServices();
    const open = await seedIncident(services);
    await seedIncident(services, { image: 'myacr.azurecr.io/api:v2', status: 'muted', mutedUntil: '2026-11-26T01:00:00Z' });
    await seedIncident(services, { image: 'myacr.azurecr.io/old:v1', status: 'resolved' });
    await seedIncident(services, { cluster: OUTSIDE_CLUSTER });
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'status')).toBe('done');
    const text = ctx.texts();
    expect(text).toMatch(/^2 open incidents:/);
    expect(text).toContain(`${open.id.slice(0, 12)} myacr.azurecr.io/app:v1.3 on aks-prod — tag_not_found — 1 pod — open`);
    expect(text).toContain('muted until 2026-11-26T01:00:00Z');
    expect(text).not.toContain('old:v1');
    expect(text).not.toContain('aks-other');
  });

  it('a failing engine is answered and logged, never thrown', async () => {
    const services = testServices({
      diagnoser: new RecordingDiagnoser(() => {
        throw new Error('ARM unavailable');
      }),
    });
    const ctx = commandContext(services, SLACK_DIAGNOSER);
    expect(await handleChatText(ctx, 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod')).toBe('failed');
    expect(ctx.texts()).toBe('Sorry, diagnose image failed: ARM unavailable');
    expect(services.log.text()).toContain('error chat: slack user UDIAG01 in CONCALL1: diagnose-image failed: Error: ARM unavailable');
  });
});
