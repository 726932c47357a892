/**
 * Conformance: the payloads Azure Monitor, Event Grid and kubernetes-event-exporter document or
 * send (SOURCES.md), each through the registered function handler, each with its expected outcome.
 */
import type { EventGridEvent } from '@azure/functions';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { acrEventHandler, acrEventsWebhookHandler } from '../../functions/acr-events';
import { k8sEventHandler, k8sEventsWebhookHandler, k8sSenderWebhookHandler } from '../../functions/k8s-events';
import { CLUSTER, IMAGE, SENDERS, SENDER_TOKEN, WORKSPACE, intakeHarness, post, sample } from './conformance-kit';

const ALERTS = 'http://127.0.0.1/api/alerts';

describe('Azure Monitor action group payloads (common alert schema samples)', () => {
  it.each([
    ['log search v2 test action', 'alerts/test-action-log-v2.json', 'test-logAlertRule-v2'],
    ['log search v1 test action', 'alerts/test-action-log-v1-number-of-results.json', 'test-logAlertRule-v1-numResults'],
    ['metric test action', 'alerts/test-action-metric-static.json', 'test-metricAlertRule'],
    ['availability test action (metricNamespace null)', 'alerts/test-action-availability.json', 'test-availabilityTest'],
    ['activity log test action', 'alerts/test-action-activity-log.json', 'test-activityLogAlertRule'],
    ['budget test action (alertRule null)', 'alerts/test-action-budget.json', 'Test_Alert'],
  ])('%s → 202 with a note; nothing queried, nothing opened', async (_name, file, rule) => {
    const h = intakeHarness();
    const res = await alertWebhookHandler(() => h.services)(post(ALERTS, sample(file)), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { test: true, note: expect.stringContaining(rule) } });
    expect(h.queries).toEqual([]);
    expect(await h.store.list()).toEqual([]);
    expect(h.queue.sent).toBe(0);
  });

  it.each([
    ['log search v2 heartbeat (workspace has pull failures in its window)', 'alerts/log-v2-heartbeat-fired.json', 'heartbeat-missing'],
    ['log search v1 Perf', 'alerts/log-v1-perf.json', 'cpu-perf-v1'],
    ['metric, dynamic threshold (storage egress)', 'alerts/metric-storage-dynamic.json', 'storage-egress'],
    ['metric VM CPU, Resolved', 'alerts/metric-vm-cpu-resolved.json', 'WCUS-R2-Gen2'],
    ['Prometheus sql_up', 'alerts/prometheus-sql-up.json', 'sql-availability'],
  ])('%s → 202 ignored "not a pull-failure alert", one log line, no query, no incident', async (_name, file, rule) => {
    const h = intakeHarness();
    const res = await alertWebhookHandler(() => h.services)(post(ALERTS, sample(file)), h.context());
    expect(res).toEqual({ status: 202, jsonBody: { ignored: `not a pull-failure alert: ${rule}` } });
    expect(h.logs.filter((l) => l.includes(rule))).toHaveLength(1);
    expect(h.queries).toEqual([]);
    expect(await h.store.list()).toEqual([]);
  });

  it("another rule's Resolved leaves the pull incident open; pull-doctor's own Resolved closes it", async () => {
    const h = intakeHarness();
    const handler = alertWebhookHandler(() => h.services);
    expect((await handler(post(ALERTS, sample('../fixtures/alerts/log-v2-dimensions-fired.json')), h.context())).status).toBe(202);
    expect(await h.expandAlerts()).toEqual(['alert:expanded']);
    const [opened] = await h.store.list();
    expect(opened).toMatchObject({ status: 'open', openedByRule: 'pull-doctor-image-pull-failures' });
    // The heartbeat rule resolving with the same alert instance id must not touch it.
    const heartbeat = JSON.parse(sample('alerts/log-v2-heartbeat-fired.json'));
    heartbeat.data.essentials.monitorCondition = 'Resolved';
    heartbeat.data.essentials.alertId = opened!.alertIds![0];
    heartbeat.data.alertContext.condition.allOf[0].dimensions = [{ name: 'Image', value: IMAGE }];
    heartbeat.data.essentials.alertRule = 'heartbeat-split-by-image';
    await handler(post(ALERTS, JSON.stringify(heartbeat)), h.context());
    expect((await h.store.list())[0]?.status).toBe('open');
    await handler(post(ALERTS, sample('../fixtures/alerts/log-v2-dimensions-resolved.json')), h.context());
    expect((await h.store.list())[0]).toMatchObject({ status: 'resolved', resolvedReason: 'alert resolved' });
  });

  it('reads a configured workspace, not the one the payload links to', async () => {
    const h = intakeHarness();
    const alert = JSON.parse(sample('../fixtures/alerts/log-v2-rows-only-fired.json'));
    for (const c of alert.data.alertContext.condition.allOf) {
      c.linkToSearchResultsAPI = 'https://api.loganalytics.io/v1/workspaces/dddd3333-ee44-5555-66ff-777777aaaaaa/query?query=x';
      c.linkToFilteredSearchResultsAPI = c.linkToSearchResultsAPI;
    }
    const res = await alertWebhookHandler(() => h.services)(post(ALERTS, JSON.stringify(alert)), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { queued: true } });
    expect(h.queries).toEqual([]);
    await h.expandAlerts();
    expect(h.logs.some((l) => /: 2 failure\(s\) → 1 incident\(s\)/.test(l))).toBe(true);
    expect(h.queries).toEqual([`failingPods ${WORKSPACE}`]);
  });

  it('with no workspace configured, follows the payload link', async () => {
    const h = intakeHarness({ PULL_DOCTOR_WORKSPACE_IDS: '' });
    const res = await alertWebhookHandler(() => h.services)(post(ALERTS, sample('../fixtures/alerts/log-v2-rows-only-fired.json')), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { queued: true } });
    await h.expandAlerts();
    expect(h.logs.some((l) => /: 2 failure\(s\) → 1 incident\(s\)/.test(l))).toBe(true);
    expect(h.queries).toEqual([`failingPods ${WORKSPACE}`]);
  });

  it('an alert of ours whose window holds no failing pod → 202, then its job logs that it found none', async () => {
    const h = intakeHarness();
    const alert = JSON.parse(sample('../fixtures/alerts/log-v2-rows-only-fired.json'));
    alert.data.alertContext.condition.windowStartTime = '2026-11-24T10:00:00Z';
    alert.data.alertContext.condition.windowEndTime = '2026-11-24T10:05:00Z';
    const res = await alertWebhookHandler(() => h.services)(post(ALERTS, JSON.stringify(alert)), h.context());
    expect(res).toMatchObject({ status: 202, jsonBody: { queued: true } });
    expect(await h.expandAlerts()).toEqual(['alert:expanded']);
    expect(h.logs.some((l) => /: 0 failure\(s\) → 0 incident\(s\), 0 job\(s\) \(no failing pod found in its window\)/.test(l))).toBe(true);
    expect(await h.store.list()).toEqual([]);
  });
});

describe('Event Grid: ACR samples in both schemas, and the validation handshake', () => {
  it.each([
    ['ImagePushed, Event Grid schema, eventType without prefix', 'eventgrid/acr-image-pushed-eventgrid-schema.json'],
    ['ImageDeleted, Event Grid schema, eventType without prefix', 'eventgrid/acr-image-deleted-eventgrid-schema.json'],
    ['ImagePushed, CloudEvents 1.0', 'eventgrid/acr-image-pushed-cloudevents.json'],
    ['ImageDeleted, CloudEvents 1.0', 'eventgrid/acr-image-deleted-cloudevents.json'],
  ])('%s → accepted', async (_name, file) => {
    const h = intakeHarness();
    const res = await acrEventsWebhookHandler(() => h.services)(post('http://127.0.0.1/api/events/acr', sample(file)), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { accepted: 1, malformed: 0, ignored: 0 } });
  });

  it('accepts ACR data delivered as a JSON string, through the Event Grid trigger', async () => {
    const h = intakeHarness();
    const [event] = JSON.parse(sample('eventgrid/acr-image-pushed-eventgrid-schema.json'));
    const res = await acrEventHandler(() => h.services)({ ...event, data: JSON.stringify(event.data) } as EventGridEvent, h.context());
    expect(res).toMatchObject({ accepted: 1, malformed: 0 });
  });

  it('answers the subscription validation event', async () => {
    const h = intakeHarness();
    const res = await k8sEventsWebhookHandler(() => h.services)(post('http://127.0.0.1/api/events/k8s', sample('eventgrid/subscription-validation.json')), h.context());
    expect(res).toEqual({ status: 200, jsonBody: { validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' } });
  });
});

describe('kubernetes-event-exporter', () => {
  const bound = { PULL_DOCTOR_K8S_EVENT_SENDERS: SENDERS };
  const senderPost = (file: string, token = SENDER_TOKEN, sender = 'aks-prod') =>
    post(`http://127.0.0.1/api/events/k8s/${sender}`, sample(file), { authorization: `Bearer ${token}` }, { sender });

  it('a raw webhook body on the per-cluster route opens an incident for the bound cluster', async () => {
    const h = intakeHarness(bound);
    const res = await k8sSenderWebhookHandler(() => h.services)(senderPost('kubernetes/exporter-raw-pod-failed.json'), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { accepted: 1, enqueued: 1 } });
    expect(await h.store.list()).toEqual([expect.objectContaining({ cluster: CLUSTER, image: IMAGE, pods: ['shop/web-7d9c8b6f5-x2x4q'], controllers: ['shop/Deployment/web'] })]);
  });

  it.each([
    ['a Node event', 'kubernetes/exporter-raw-node-event.json', /event type Normal/],
    ['an event with involvedObject: {}', 'kubernetes/exporter-raw-no-object.json', /not a pod event/],
  ])('%s → 200, ignored with its reason at info level', async (_name, file, reason) => {
    const h = intakeHarness(bound);
    const res = await k8sSenderWebhookHandler(() => h.services)(senderPost(file), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { ignored: 1, malformed: 0 } });
    expect(h.logs.filter((l) => reason.test(l))).toEqual([expect.stringMatching(/^information: /)]);
  });

  it('an event naming another cluster than its sender is refused and logged', async () => {
    const h = intakeHarness(bound);
    const res = await k8sSenderWebhookHandler(() => h.services)(senderPost('kubernetes/exporter-raw-other-cluster.json'), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { refused: 1, accepted: 0 } });
    expect(await h.store.list()).toEqual([]);
    expect(h.logs.some((l) => /^warning: .*aks-payments.*bound to .*aks-prod/.test(l))).toBe(true);
  });

  it.each([
    ['a wrong token', 'not-the-sender-token-0000000', 'aks-prod', 401],
    ['an unknown sender', SENDER_TOKEN, 'aks-other', 404],
  ])('%s → %s, nothing read', async (_name, token, sender, status) => {
    const h = intakeHarness(bound);
    const res = await k8sSenderWebhookHandler(() => h.services)(senderPost('kubernetes/exporter-raw-pod-failed.json', token, sender), h.context());
    expect(res.status).toBe(status);
    expect(await h.store.list()).toEqual([]);
  });

  it('with senders bound, an envelope naming its own cluster is refused on the shared route', async () => {
    const h = intakeHarness(bound);
    const res = await k8sEventsWebhookHandler(() => h.services)(post('http://127.0.0.1/api/events/k8s', sample('kubernetes/layout-cloudevent.json')), h.context());
    expect(res).toMatchObject({ status: 200, jsonBody: { refused: 1, accepted: 0 } });
  });

  it('without senders bound: the layout CloudEvent is accepted; a raw body naming no cluster is ignored with the reason', async () => {
    const h = intakeHarness();
    const handler = k8sEventsWebhookHandler(() => h.services);
    expect((await handler(post('http://127.0.0.1/api/events/k8s', sample('kubernetes/layout-cloudevent.json')), h.context())).jsonBody).toMatchObject({ accepted: 1 });
    const raw = await k8sEventHandler(() => h.services)(JSON.parse(sample('kubernetes/exporter-raw-pod-failed.json')) as EventGridEvent, h.context());
    expect(raw).toMatchObject({ ignored: 1, malformed: 0 });
    expect(h.logs.some((l) => /no cluster/.test(l))).toBe(true);
  });
});
