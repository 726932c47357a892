import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventGridEvent, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createServices, type Services } from '../../lib/app/create-services';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { k8sEventHandler, k8sEventsWebhookHandler } from '../../functions/k8s-events';
import { acrEventHandler, acrEventsWebhookHandler } from '../../functions/acr-events';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { FakeDiagnoser, RecordingChat } from '../intake/fakes';
import { HOMOGLYPH_HOSTS, hostileBodies, INJECTION_STRINGS, LONG_ARM_ID, mutateEachNode, replaceEachStringLeaf, SEED, seededRandom, toJson, wrongTypedValues, type RawBody } from './hostile-inputs';
import { checkHttpAnswer, checkStoredIncidents, httpRequest, noThrow, recordingContext, safeJson, TEST_SECRETS, Violations } from './robustness-kit';

const WORKSPACE = '11111111-2222-3333-4444-555555555555';
const FIXTURES = join(__dirname, '../fixtures');
const fixtures = (dir: string) =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `${dir}/${f}`, value: JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8')) as unknown }));

interface Harness {
  services: Services;
  store: MemoryIncidentStore;
  queue: MemoryJobQueue;
  chat: RecordingChat;
  lines: string[];
  context: InvocationContext;
}

function harness(): Harness {
  const store = new MemoryIncidentStore();
  const queue = new MemoryJobQueue();
  const chat = new RecordingChat();
  const lines: string[] = [];
  const services = createServices(
    { PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE, ...TEST_SECRETS },
    { store, queue, chat, diagnoser: new FakeDiagnoser(), insights: createSandboxContainerInsights({ [WORKSPACE]: { KubeEvents: [] } }), log: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) } },
  );
  return { services, store, queue, chat, lines, context: recordingContext(lines) };
}

type HttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** One HTTP call on a fresh harness, with every invariant checked. */
async function fuzzHttp(violations: Violations, caseName: string, url: string, make: (h: Harness) => HttpHandler, body: RawBody | string): Promise<void> {
  const h = harness();
  const answer = await noThrow(violations, caseName, () => make(h)(httpRequest(url, body), h.context));
  if (!answer) return;
  checkHttpAnswer(violations, caseName, answer, h.lines);
  const answered = answer.jsonBody as { enqueued?: unknown; queued?: unknown } | undefined;
  // The alert webhook queues one job (the accepted alert); the event webhooks report the diagnose jobs they queued.
  const reported = answered?.queued === true ? 1 : Number(answered?.enqueued ?? 0);
  const sent = h.queue.sent;
  // What the queue function then does with a queued alert must not fail on the same input either.
  for (let item = h.queue.alertExpansions.shift(); item; item = h.queue.alertExpansions.shift()) {
    const job = item.job;
    await noThrow(violations, `${caseName} (its alert job)`, () => diagnoseJobHandler(() => h.services)(job, h.context));
  }
  const incidents = await h.store.list();
  checkStoredIncidents(violations, caseName, incidents);
  if ((answer.status ?? 200) >= 400 && (sent > 0 || incidents.length > 0)) violations.add(caseName, `rejected with ${answer.status} but ${sent} job(s) / ${incidents.length} incident(s) stored`);
  if (sent !== reported) violations.add(caseName, `answer says ${reported} enqueued, queue got ${sent}: ${safeJson(answer.jsonBody).slice(0, 200)}`);
  const malformed = Number((answer.jsonBody as { malformed?: unknown } | undefined)?.malformed ?? 0);
  if (malformed > 0 && !h.lines.some((l) => /malformed, dropped: \S/.test(l))) violations.add(caseName, 'malformed event dropped without a logged reason');
}

// Each test starts from the seed, so a test run alone (-t) draws the same cases as in the full run.
let random = seededRandom(SEED);
beforeEach(() => {
  random = seededRandom(SEED);
});

describe('HTTP intake never fails on bad input', () => {
  const endpoints: Array<[string, string, (h: Harness) => HttpHandler]> = [
    ['alert webhook', 'http://127.0.0.1/api/alerts', (h) => alertWebhookHandler(() => h.services)],
    ['k8s events webhook', 'http://127.0.0.1/api/events/k8s', (h) => k8sEventsWebhookHandler(() => h.services)],
    ['ACR events webhook', 'http://127.0.0.1/api/events/acr', (h) => acrEventsWebhookHandler(() => h.services)],
  ];

  it.each(endpoints)('%s: hostile whole bodies get 2xx/4xx with a logged reason and store nothing', async (_name, url, make) => {
    const violations = new Violations();
    for (const body of hostileBodies()) await fuzzHttp(violations, body.name, url, make, body);
    expect(violations.summary()).toEqual([]);
  });

  it('Event Grid OPTIONS preflight: a missing or hostile WebHook-Request-Origin is a logged 400 or an echo, never a 5xx', async () => {
    const violations = new Violations();
    const origins: Array<string | undefined> = [undefined, '', 'eventgrid.azure.net', ...INJECTION_STRINGS.filter((v) => !v.includes('\n')), 'x'.repeat(8_000)];
    for (const [name, url, make] of endpoints.slice(1)) {
      for (const origin of origins) {
        const h = harness();
        const caseName = `${name} OPTIONS origin ${JSON.stringify(origin)?.slice(0, 40)}`;
        const answer = await noThrow(violations, caseName, () => make(h)(httpRequest(url, '', origin === undefined ? {} : { 'WebHook-Request-Origin': origin }, 'OPTIONS'), h.context));
        if (!answer) continue;
        checkHttpAnswer(violations, caseName, answer, h.lines);
        if (!origin && answer.status !== 400) violations.add(caseName, `status ${answer.status} without an origin`);
        if (h.queue.sent > 0) violations.add(caseName, 'enqueued on a preflight');
      }
    }
    expect(violations.summary()).toEqual([]);
  });

  it('alert webhook: every node of every alert fixture replaced by a wrong-typed or hostile value', async () => {
    const violations = new Violations();
    let cases = 0;
    for (const fixture of fixtures('alerts')) {
      for (const m of mutateEachNode(fixture.value, random, 2)) {
        cases++;
        await fuzzHttp(violations, `${fixture.name} ${m.name}`, endpoints[0]![1], endpoints[0]![2], toJson(m.body));
      }
    }
    expect(cases).toBeGreaterThan(200);
    expect(violations.summary()).toEqual([]);
  });

  it('event webhooks: every node of every Event Grid fixture mutated, sent to both webhooks (single event and batch)', async () => {
    const violations = new Violations();
    for (const fixture of fixtures('eventgrid')) {
      for (const m of mutateEachNode(fixture.value, random, 1)) {
        for (const [name, url, make] of endpoints.slice(1)) {
          await fuzzHttp(violations, `${name} ${fixture.name} ${m.name}`, url, make, toJson(m.body));
        }
      }
    }
    expect(violations.summary()).toEqual([]);
  });
});

describe('names from the payload are checked before they reach a query or the store', () => {
  it('every string leaf of every alert and Event Grid fixture replaced by each injection string and homoglyph host', async () => {
    const violations = new Violations();
    // One of each kind (KQL, shell, path, markup, header), two homoglyph hosts and an over-long id: bounded, ~2,000 cases.
    const values = [INJECTION_STRINGS[0], INJECTION_STRINGS[2], INJECTION_STRINGS[4], INJECTION_STRINGS[6], INJECTION_STRINGS[7], INJECTION_STRINGS[9], HOMOGLYPH_HOSTS[0], HOMOGLYPH_HOSTS[2], LONG_ARM_ID];
    const targets: Array<[string, RegExp, string, (h: Harness) => HttpHandler]> = [
      ['alerts', /./, 'http://127.0.0.1/api/alerts', (h) => alertWebhookHandler(() => h.services)],
      ['eventgrid', /k8s|validation/, 'http://127.0.0.1/api/events/k8s', (h) => k8sEventsWebhookHandler(() => h.services)],
      ['eventgrid', /acr/, 'http://127.0.0.1/api/events/acr', (h) => acrEventsWebhookHandler(() => h.services)],
    ];
    let cases = 0;
    for (const [dir, which, url, make] of targets) {
      for (const fixture of fixtures(dir).filter((f) => which.test(f.name))) {
        for (const m of replaceEachStringLeaf(fixture.value, values)) {
          cases++;
          await fuzzHttp(violations, `${url} ${fixture.name} ${m.name}`, url, make, toJson(m.body));
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
    expect(violations.summary()).toEqual([]);
  }, 40_000);
});

describe('Event Grid triggers never throw on bad input', () => {
  it('k8s and ACR triggers: hostile values and mutated fixture events resolve with the bad events counted, nothing stored', async () => {
    const violations = new Violations();
    const events: Array<{ name: string; value: unknown }> = wrongTypedValues().map((v, i) => ({ name: `value #${i}`, value: v }));
    for (const fixture of fixtures('eventgrid')) {
      const one = Array.isArray(fixture.value) ? fixture.value[0] : fixture.value;
      for (const m of mutateEachNode(one, random, 1)) events.push({ name: `${fixture.name} ${m.name}`, value: m.body });
    }
    for (const { name, value } of events) {
      for (const [trigger, make] of [
        ['k8s', (h: Harness) => k8sEventHandler(() => h.services)],
        ['acr', (h: Harness) => acrEventHandler(() => h.services)],
      ] as const) {
        const h = harness();
        const caseName = `${trigger} ${name}`;
        const outcome = await noThrow(violations, caseName, () => make(h)(value as EventGridEvent, h.context));
        if (!outcome) continue;
        checkHttpAnswer(violations, caseName, { status: 200, jsonBody: outcome }, h.lines);
        checkStoredIncidents(violations, caseName, await h.store.list());
        if (h.queue.sent !== outcome.enqueued) violations.add(caseName, `outcome says ${outcome.enqueued} enqueued, queue got ${h.queue.sent}`);
        if (outcome.malformed > 0 && !h.lines.some((l) => /malformed, dropped: \S/.test(l))) violations.add(caseName, 'malformed without a logged reason');
      }
    }
    expect(violations.summary()).toEqual([]);
  });
});

describe('the diagnose queue trigger never throws on an unreadable message', () => {
  const valid = { jobId: '7f1d3c2a-4b5e-4f60-8a7b-9c0d1e2f3a4b', incidentId: '0123456789abcdef0123456789abcdef', cluster: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', reason: 'new', force: false, requestedAt: '2026-11-25T21:00:00Z' };

  it('hostile values, hostile text and every field of a valid job mutated: skipped with a log line, no chat, no diagnosis', async () => {
    const violations = new Violations();
    const messages: Array<{ name: string; value: unknown }> = [
      ...wrongTypedValues().map((v, i) => ({ name: `value #${i}`, value: v })),
      ...hostileBodies().flatMap((b) => (b.text !== undefined ? [{ name: `text ${b.name}`, value: b.text }, { name: `base64 ${b.name}`, value: Buffer.from(b.text).toString('base64') }] : [])),
      ...mutateEachNode(valid, random, 3).map((m) => ({ name: m.name, value: m.body })),
    ];
    for (const { name, value } of messages) {
      const h = harness();
      const outcome = await noThrow(violations, name, () => diagnoseJobHandler(() => h.services)(value, h.context));
      if (outcome === undefined) continue;
      if (!outcome.startsWith('skipped:')) violations.add(name, `outcome ${outcome}`);
      if (h.chat.calls.length > 0) violations.add(name, `chat called: ${h.chat.calls.map((c) => c.method).join(',')}`);
      if (!h.lines.some((l) => /unreadable message dropped \(\S|not found/.test(l))) violations.add(name, `no log line with the reason: ${h.lines.join(' | ').slice(0, 200)}`);
      checkHttpAnswer(violations, name, { status: 200 }, h.lines);
    }
    expect(violations.summary()).toEqual([]);
  });
});
