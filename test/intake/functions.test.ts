import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpRequest, InvocationContext, type EventGridEvent, type Timer } from '@azure/functions';
import { createServices, type Services } from '../../lib/app/create-services';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { k8sEventHandler, k8sEventsWebhookHandler } from '../../functions/k8s-events';
import { acrEventHandler, acrEventsWebhookHandler } from '../../functions/acr-events';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { autoResolveHandler } from '../../functions/auto-resolve';
import { FakeDiagnoser, FIXTURE_CLUSTER, FIXTURE_IMAGE, FIXTURE_WORKSPACE, pullFailureKubeEvent, RecordingChat } from './fakes';

const CLUSTER = FIXTURE_CLUSTER;
const WORKSPACE = FIXTURE_WORKSPACE;
const IMAGE = FIXTURE_IMAGE;
const raw = (dir: string, name: string) => readFileSync(join(__dirname, '../fixtures', dir, name), 'utf8');
const json = (dir: string, name: string): unknown => JSON.parse(raw(dir, name));

/** Container insights rows for the rows-only and Prometheus alerts (21:00–21:05). */
const logs = { [WORKSPACE]: { KubeEvents: [pullFailureKubeEvent('web-7d9c8b6f5-x2x4q', 1), pullFailureKubeEvent('web-7d9c8b6f5-zzzzz', 2), pullFailureKubeEvent('web-7d9c8b6f5-x2x4q', 3)] } };

interface Harness {
  services: Services;
  store: MemoryIncidentStore;
  queue: MemoryJobQueue;
  chat: RecordingChat;
  diagnoser: FakeDiagnoser;
  logs: string[];
  context(): InvocationContext;
}

function harness(env: Record<string, string> = {}, shared?: Pick<Harness, 'store' | 'queue'>): Harness {
  const store = shared?.store ?? new MemoryIncidentStore();
  const queue = shared?.queue ?? new MemoryJobQueue();
  const chat = new RecordingChat();
  const diagnoser = new FakeDiagnoser();
  const lines: string[] = [];
  const services = createServices(
    // The rules pull-doctor's infra would have created for these fixtures.
    { PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, PULL_DOCTOR_ALERT_RULES: 'pull-doctor-image-pull-failures,pull-doctor-image-pull-failures-count', ...env },
    { store, queue, chat, diagnoser, insights: createSandboxContainerInsights(logs), log: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) } },
  );
  return {
    services,
    store,
    queue,
    chat,
    diagnoser,
    logs: lines,
    context: () => new InvocationContext({ invocationId: 'test', functionName: 'test', logHandler: (level, ...args) => lines.push(`${level}: ${args.join(' ')}`) }),
  };
}

const post = (body: string, url = 'http://127.0.0.1/api/alerts') => new HttpRequest({ method: 'POST', url, body: { string: body }, headers: { 'content-type': 'application/json' } });
const drain = (h: Harness) => h.queue.drain((job, attempt) => diagnoseJobHandler(() => h.services)(job, new InvocationContext({ triggerMetadata: { dequeueCount: attempt }, logHandler: (_level, ...args) => h.logs.push(args.join(' ')) })));

/** What the queue function does with the alert jobs the webhook queued (the real handler, one attempt each); returns its outcomes. */
async function expandAlerts(h: Harness): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  for (let item = h.queue.alertExpansions.shift(); item; item = h.queue.alertExpansions.shift()) {
    outcomes.push(await diagnoseJobHandler(() => h.services)(item.job, new InvocationContext({ triggerMetadata: { dequeueCount: ++item.attempts }, logHandler: (_level, ...args) => h.logs.push(args.join(' ')) })));
  }
  return outcomes;
}

const neverCalled = { failingPods: async () => Promise.reject(new Error('the webhook must not read Log Analytics')), podDetails: async () => undefined, nodeLabels: async () => [], previousImage: async () => undefined };

describe('alert webhook', () => {
  it('202s a log alert with dimensions once it is queued; the queue job reads Log Analytics and opens one incident; a redelivery changes nothing', async () => {
    const h = harness();
    const handler = alertWebhookHandler(() => h.services);
    const first = await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    expect(first).toMatchObject({ status: 202, jsonBody: { queued: true, pods: 1 } });
    // Nothing read or opened yet: the webhook only queued the alert.
    expect(await h.store.list()).toEqual([]);
    expect(h.queue.alertExpansions).toHaveLength(1);
    const again = await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    expect(again).toMatchObject({ status: 202, jsonBody: { duplicate: true } });
    expect(h.queue.sent).toBe(1);
    expect(await expandAlerts(h)).toEqual(['alert:expanded']);
    const [incident] = await h.store.list();
    // The dimensions carry no kubelet message; the job read it from Container insights, so the category is known.
    expect(incident).toMatchObject({ cluster: CLUSTER, image: IMAGE, pods: ['shop/web-7d9c8b6f5-x2x4q'], status: 'open', category: 'tag_not_found' });
    expect(incident?.sample).toMatchObject({ message: expect.stringMatching(/not found/), node: 'aks-nodepool1-12345678-vmss000000', count: 6 });
    expect(h.queue.pending).toHaveLength(1);
    // The queue function then posts once.
    await drain(h);
    expect(h.chat.calls.map((c) => c.method)).toEqual(['start', 'progress', 'diagnosis']);
  });

  it('a redelivered alert job (the queue delivers at least once) ingests nothing twice', async () => {
    const h = harness();
    await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    const [item] = h.queue.alertExpansions;
    h.queue.alertExpansions.push(structuredClone(item!));
    expect(await expandAlerts(h)).toEqual(['alert:expanded', 'alert:duplicate']);
    expect(h.queue.pending).toHaveLength(1);
  });

  it.each([
    ['the dedupe read', (h: Harness) => jest.spyOn(h.store, 'hasProcessed').mockRejectedValue(new Error('connect ETIMEDOUT 20.60.1.1:443'))],
    ['the enqueue', (h: Harness) => jest.spyOn(h.queue, 'enqueue').mockRejectedValue(new Error('503 ServerBusy'))],
  ])('answers 503 with Retry-After when %s fails, so the action group retries (a 500 it would not), and logs it once', async (_step, breakStorage) => {
    const h = harness();
    breakStorage(h);
    const answer = await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    expect(answer).toMatchObject({ status: 503, headers: { 'Retry-After': '10' }, jsonBody: { error: expect.stringMatching(/storage unavailable/) } });
    expect(h.logs.filter((l) => /alert webhook: 503/.test(l))).toHaveLength(1);
    // Not remembered as seen: the retry is processed, not dropped as a duplicate.
    jest.restoreAllMocks();
    expect(await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context())).toMatchObject({ status: 202, jsonBody: { queued: true } });
  });

  it('never reads Log Analytics in the request', async () => {
    const h = harness();
    const services = createServices({ PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, PULL_DOCTOR_ALERT_RULES: 'pull-doctor-image-pull-failures-count' }, { store: h.store, queue: h.queue, insights: neverCalled, chat: h.chat, diagnoser: h.diagnoser, log: { info: () => {}, warn: () => {}, error: () => {} } });
    expect(await alertWebhookHandler(() => services)(post(raw('alerts', 'log-v2-rows-only-fired.json')), h.context())).toMatchObject({ status: 202, jsonBody: { queued: true, pods: 0 } });
  });

  it('reads the failing pods from Log Analytics when the alert only counts rows', async () => {
    const h = harness();
    expect(await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-rows-only-fired.json')), h.context())).toMatchObject({ status: 202, jsonBody: { queued: true } });
    await expandAlerts(h);
    const [incident] = await h.store.list();
    expect(incident?.pods.sort()).toEqual(['shop/web-7d9c8b6f5-x2x4q', 'shop/web-7d9c8b6f5-zzzzz']);
    expect(incident?.sample?.message).toMatch(/not found/);
    expect(h.logs.some((l) => /2 failure\(s\) → 1 incident\(s\), 1 job\(s\)/.test(l))).toBe(true);
  });

  it('finds the image of a Prometheus waiting-reason alert in Log Analytics', async () => {
    const h = harness();
    await alertWebhookHandler(() => h.services)(post(raw('alerts', 'prometheus-waiting-reason-fired.json')), h.context());
    await expandAlerts(h);
    expect((await h.store.list())[0]).toMatchObject({ image: IMAGE, pods: ['shop/web-7d9c8b6f5-x2x4q'] });
  });

  it('uses the dimensions alone when Log Analytics fails; an alert that only counts rows is retried on the queue, then poisoned with its reason logged and listed', async () => {
    const h = harness();
    const failing = { failingPods: async () => Promise.reject(new Error('403 InsufficientAccessError')), podDetails: async () => undefined, nodeLabels: async () => [], previousImage: async () => undefined };
    const services = createServices({ PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, PULL_DOCTOR_ALERT_RULES: 'pull-doctor-image-pull-failures-count' }, { store: h.store, queue: h.queue, insights: failing, chat: h.chat, diagnoser: h.diagnoser, log: { info: () => {}, warn: (m) => h.logs.push(m), error: (m) => h.logs.push(m) } });
    const handler = alertWebhookHandler(() => services);
    const run = () => h.queue.drain((job, attempt) => diagnoseJobHandler(() => services)(job, new InvocationContext({ triggerMetadata: { dequeueCount: attempt }, logHandler: (level, ...args) => h.logs.push(`${level}: ${args.join(' ')}`) })));
    expect(await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context())).toMatchObject({ status: 202, jsonBody: { queued: true } });
    await run();
    expect((await h.store.list())[0]?.category).toBe('unknown');
    expect(h.logs.some((l) => /could not read kubelet messages.*403/.test(l))).toBe(true);
    expect(h.queue.poison).toEqual([]);

    // The action group gets its 202: the failure is the queue's to retry, not the caller's.
    expect(await handler(post(raw('alerts', 'log-v2-rows-only-fired.json')), h.context())).toMatchObject({ status: 202, jsonBody: { queued: true } });
    await run();
    expect(h.logs.filter((l) => /alert job .* failed \(attempt \d\), retried: Error: 403/.test(l))).toHaveLength(4);
    expect(h.logs.filter((l) => /alert job .* poisoned after 5 attempts \(its pods can only be read from Log Analytics\): Error: 403/.test(l))).toHaveLength(1);
    expect(h.queue.poison).toEqual([expect.objectContaining({ alertExpansion: expect.stringMatching(/^alert pull-doctor-image-pull-failures-count \(log\) firing .*, 0 pod\(s\)$/) })]);
    expect(await h.store.list()).toHaveLength(1);
  });

  it('resolves the incident on the rule\'s Resolved call and posts it in the thread', async () => {
    const h = harness();
    const handler = alertWebhookHandler(() => h.services);
    await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    await drain(h);
    const res = await handler(post(raw('alerts', 'log-v2-dimensions-resolved.json')), h.context());
    expect(res.status).toBe(202);
    expect((await h.store.list())[0]).toMatchObject({ status: 'resolved', resolvedReason: 'alert resolved' });
    await drain(h);
    expect(h.chat.calls.at(-1)).toEqual({ method: 'resolved', text: 'alert resolved' });
  });

  it('a Resolved call that overtakes the queued alert wins: the alert job then opens nothing', async () => {
    const h = harness();
    const handler = alertWebhookHandler(() => h.services);
    await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    expect(await handler(post(raw('alerts', 'log-v2-dimensions-resolved.json')), h.context())).toMatchObject({ status: 202, jsonBody: { resolved: [] } });
    expect(await expandAlerts(h)).toEqual(['alert:resolved-first']);
    expect(await h.store.list()).toEqual([]);
    await drain(h);
    expect(h.chat.calls).toEqual([]);
  });

  it('a Resolved call handled while the alert job reads Log Analytics resolves what the job opens', async () => {
    const h = harness();
    let resolve: (() => Promise<unknown>) | undefined;
    // The Resolved call lands during the read (after the job checked for it).
    const insights = createSandboxContainerInsights(logs);
    const racing = { ...insights, failingPods: async (...args: Parameters<typeof insights.failingPods>) => (await resolve!(), insights.failingPods(...args)) };
    const services = createServices({ PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, PULL_DOCTOR_ALERT_RULES: 'pull-doctor-image-pull-failures' }, { store: h.store, queue: h.queue, insights: racing, chat: h.chat, diagnoser: h.diagnoser, log: { info: (m) => h.logs.push(m), warn: (m) => h.logs.push(m), error: (m) => h.logs.push(m) } });
    const handler = alertWebhookHandler(() => services);
    resolve = () => handler(post(raw('alerts', 'log-v2-dimensions-resolved.json')), h.context());
    await handler(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    await h.queue.drain((job, attempt) => diagnoseJobHandler(() => services)(job, new InvocationContext({ triggerMetadata: { dequeueCount: attempt }, logHandler: (_level, ...args) => h.logs.push(args.join(' ')) })));
    expect((await h.store.list())[0]).toMatchObject({ status: 'resolved', resolvedReason: 'alert resolved' });
    expect(h.logs.some((l) => /the alert resolved while its pods were read; 1 incident\(s\) resolved/.test(l))).toBe(true);
  });

  it.each([
    ['not JSON', '{"schemaId":', 400, /not JSON/],
    ['missing essentials', raw('alerts', 'malformed-no-essentials.json'), 400, /essentials/],
  ])('answers 400 for %s with the reason and a log line', async (_n, body, status, reason) => {
    const h = harness();
    const res = await alertWebhookHandler(() => h.services)(post(body), h.context());
    expect(res.status).toBe(status);
    expect((res.jsonBody as { error: string }).error).toMatch(reason);
    expect(h.logs.some((l) => /400/.test(l))).toBe(true);
    expect(h.queue.sent).toBe(0);
  });

  it('acknowledges another schema with 202 and one log line', async () => {
    const h = harness();
    const res = await alertWebhookHandler(() => h.services)(post(raw('alerts', 'activity-log-other-schema.json')), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { ignored: expect.stringMatching(/activityLogs/) } });
    expect(h.logs.filter((l) => /ignored/.test(l))).toHaveLength(1);
  });

  it('ignores failures of clusters outside PULL_DOCTOR_ALLOWED_CLUSTERS', async () => {
    const h = harness({ PULL_DOCTOR_ALLOWED_CLUSTERS: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-other' });
    const res = await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { queued: true } });
    await expandAlerts(h);
    expect(await h.store.list()).toEqual([]);
    expect(h.queue.pending).toEqual([]);
    expect(h.logs.some((l) => /outside PULL_DOCTOR_ALLOWED_CLUSTERS/.test(l))).toBe(true);
  });
});

describe('Kubernetes events', () => {
  const cloudEvent = raw('eventgrid', 'k8s-cloudevent-failed.json');

  it('answers the Event Grid validation handshake and the CloudEvents OPTIONS preflight', async () => {
    const h = harness();
    const handler = k8sEventsWebhookHandler(() => h.services);
    const validation = await handler(post(raw('eventgrid', 'subscription-validation.json'), 'http://127.0.0.1/api/events/k8s'), h.context());
    expect(validation).toMatchObject({ status: 200, jsonBody: { validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' } });
    const options = await handler(new HttpRequest({ method: 'OPTIONS', url: 'http://127.0.0.1/api/events/k8s', headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' } }), h.context());
    expect(options).toMatchObject({ status: 200, headers: { 'WebHook-Allowed-Origin': 'eventgrid.azure.net' } });
  });

  it('turns one event into one job; the same Event Grid id again (even in a fresh instance) adds none', async () => {
    const h = harness();
    const webhook = k8sEventsWebhookHandler(() => h.services);
    expect((await webhook(post(cloudEvent), h.context())).jsonBody).toMatchObject({ accepted: 1, enqueued: 1 });
    expect((await webhook(post(cloudEvent), h.context())).jsonBody).toMatchObject({ duplicates: 1, enqueued: 0 });
    // A second function instance: no in-process memory of the id, same store.
    const other = harness({}, { store: h.store, queue: h.queue });
    await k8sEventHandler(() => other.services)(JSON.parse(cloudEvent) as EventGridEvent, other.context());
    expect(h.queue.sent).toBe(1);
    expect((await h.store.list())[0]).toMatchObject({ controllers: ['shop/Deployment/web'], category: 'tag_not_found' });
  });

  it('logs and drops malformed events with 200 (no retry storm), and ignores unrelated ones', async () => {
    const h = harness();
    const webhook = k8sEventsWebhookHandler(() => h.services);
    expect(await webhook(post(raw('eventgrid', 'k8s-malformed.json')), h.context())).toMatchObject({ status: 200, jsonBody: { malformed: 1, accepted: 0 } });
    expect(h.logs.some((l) => /malformed, dropped/.test(l))).toBe(true);
    expect((await webhook(post(raw('eventgrid', 'k8s-eventgrid-batch.json')), h.context())).jsonBody).toMatchObject({ accepted: 1, ignored: 2 });
    expect(await webhook(post('not json'), h.context())).toMatchObject({ status: 400 });
    // The Event Grid trigger path never throws on bad input either.
    await expect(k8sEventHandler(() => h.services)({ id: 'x' } as unknown as EventGridEvent, h.context())).resolves.toMatchObject({ malformed: 1 });
  });
});

describe('ACR events', () => {
  it('remembers a deletion (by digest, through the pushed tag) and re-checks open incidents on a push, resolving them', async () => {
    const h = harness();
    const acr = acrEventHandler(() => h.services);
    const [push] = json('eventgrid', 'acr-image-pushed.json') as EventGridEvent[];
    const [del] = json('eventgrid', 'acr-image-deleted.json') as EventGridEvent[];
    // An earlier push of v1.2 (another event id), then its deletion by digest.
    await acr({ ...push!, id: 'earlier-push' }, h.context());
    await acr(del!, h.context());
    expect(await h.store.deletedTags('pdacr.azurecr.io', 'shop/web')).toEqual([expect.objectContaining({ tag: 'v1.2', deletedAt: '2026-11-25T20:10:01.948473289Z' })]);

    await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    await drain(h);
    h.diagnoser.outcome = () => 'should_work';
    expect(await acr(push!, h.context())).toMatchObject({ accepted: 1, rechecks: 1 });
    expect(await acr(push!, h.context())).toMatchObject({ duplicates: 1, rechecks: 0 });
    await drain(h);
    expect((await h.store.list())[0]).toMatchObject({ status: 'resolved', resolvedReason: 'image pushed (shop/web:v1.2)' });
    expect(h.chat.calls.at(-1)).toMatchObject({ method: 'resolved' });
  });

  it('accepts the CloudEvents schema over HTTP and ignores registries outside PULL_DOCTOR_ALLOWED_REGISTRIES', async () => {
    const h = harness({ PULL_DOCTOR_ALLOWED_REGISTRIES: 'otheracr.azurecr.io' });
    const res = await acrEventsWebhookHandler(() => h.services)(post(raw('eventgrid', 'acr-image-pushed-cloudevent.json')), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { ignored: 1, accepted: 0 } });
    expect(h.logs.some((l) => /outside PULL_DOCTOR_ALLOWED_REGISTRIES/.test(l))).toBe(true);
  });
});

describe('queue and timer functions', () => {
  it('retries a failing job and parks it as poison after 5 attempts with its reason kept', async () => {
    const h = harness();
    await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    h.diagnoser.fail = new Error('registry unreachable');
    await drain(h);
    expect(h.queue.poison).toHaveLength(1);
    expect(await h.store.jobFailures()).toEqual([expect.objectContaining({ attempt: 5, error: 'Error: registry unreachable' })]);
  });

  it('re-checks an incident quiet for the configured period once, and resolves it when the pull works', async () => {
    const h = harness({ PULL_DOCTOR_QUIET_PERIOD_MINUTES: '30' });
    await alertWebhookHandler(() => h.services)(post(raw('alerts', 'log-v2-dimensions-fired.json')), h.context());
    await drain(h);
    const timer = autoResolveHandler(() => h.services);
    const tick = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as Timer;
    // lastSeen is 2026-11-25T21:05Z, long before now: quiet.
    expect((await timer(tick, h.context())).rechecks).toHaveLength(1);
    expect((await timer(tick, h.context())).rechecks).toHaveLength(0);
    h.diagnoser.outcome = () => 'should_work';
    await drain(h);
    expect((await h.store.list())[0]).toMatchObject({ status: 'resolved', resolvedReason: 'no failure for 30 min and re-check passed' });
  });
});
