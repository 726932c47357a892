import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlert, completeAlertPods, workspaceFromLink } from './parse-alert';
import { parseK8sEvents } from './parse-k8s-event';
import { parseAcrEvents } from './parse-acr-event';
import { isAksClusterId, isDnsLabel, isImageReference, isImageText, isPodName } from './names';

const fixture = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../test/fixtures', dir, name), 'utf8'));
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('parseAlert (common alert schema)', () => {
  it('reads a log search alert v2 split by dimensions into a complete failure', () => {
    const alert = parseAlert(fixture('alerts', 'log-v2-dimensions-fired.json'));
    if (alert.kind !== 'alert') throw new Error(alert.reason);
    expect(alert).toMatchObject({ condition: 'Fired', signal: 'log', rule: 'pull-doctor-image-pull-failures', workspaceIds: ['11111111-2222-3333-4444-555555555555'] });
    expect(alert.window.start.toISOString()).toBe('2026-11-25T21:00:00.000Z');
    expect(alert.firingKey).toBe('alert|pull-doctor-image-pull-failures|2026-11-25T21:00:00.000Z|2026-11-25T21:05:00.000Z|Fired');
    expect(completeAlertPods(alert, alert.pods)).toEqual([
      expect.objectContaining({ cluster: CLUSTER, namespace: 'shop', pod: 'web-7d9c8b6f5-x2x4q', image: 'pdacr.azurecr.io/shop/web:v1.2', reason: 'Failed', count: 6, source: 'alert' }),
    ]);
  });

  it('reads a rows-only alert: no pods, the cluster from the target, the count', () => {
    const alert = parseAlert(fixture('alerts', 'log-v2-rows-only-fired.json'));
    if (alert.kind !== 'alert') throw new Error(alert.reason);
    expect(alert.pods).toEqual([]);
    expect(alert.cluster).toBe(CLUSTER);
    expect(alert.rowCount).toBe(3);
  });

  it('reads a managed Prometheus waiting-reason alert from its labels (no image yet)', () => {
    const alert = parseAlert(fixture('alerts', 'prometheus-waiting-reason-fired.json'));
    if (alert.kind !== 'alert') throw new Error(alert.reason);
    expect(alert.signal).toBe('prometheus');
    expect(alert.pods).toEqual([{ cluster: CLUSTER, namespace: 'shop', pod: 'web-7d9c8b6f5-x2x4q', container: 'web', reason: 'ImagePullBackOff' }]);
    // Window defaults to 15 minutes before the firing when the payload has none.
    expect(alert.window.end.getTime() - alert.window.start.getTime()).toBe(15 * 60_000);
  });

  it('reads Resolved', () => {
    expect(parseAlert(fixture('alerts', 'log-v2-dimensions-resolved.json'))).toMatchObject({ kind: 'alert', condition: 'Resolved' });
  });

  it.each([
    ['other schema', fixture('alerts', 'activity-log-other-schema.json'), 'ignored', /activityLogs/],
    ['no schema id', { hello: 'world' }, 'ignored', /null/],
    ['missing essentials', fixture('alerts', 'malformed-no-essentials.json'), 'malformed', /essentials/],
    ['array body', [], 'malformed', /not a JSON object/],
    ['bad condition', { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { alertId: 'a', alertRule: 'r', monitorCondition: 'Maybe', firedDateTime: 'x' } } }, 'malformed', /monitorCondition/],
  ])('%s → %s', (_n, body, kind, reason) => {
    const parsed = parseAlert(body);
    expect(parsed.kind).toBe(kind);
    expect('reason' in parsed && parsed.reason).toMatch(reason);
  });

  it('takes workspace ids only from Log Analytics API links', () => {
    expect(workspaceFromLink('https://api.loganalytics.io/v1/workspaces/11111111-2222-3333-4444-555555555555/query?x')).toBe('11111111-2222-3333-4444-555555555555');
    expect(workspaceFromLink('https://evil.example/v1/workspaces/not-a-guid/query')).toBeUndefined();
  });
});

describe('parseK8sEvents', () => {
  it('reads the exporter CloudEvent into a failure with container, controller and node', () => {
    const [event] = parseK8sEvents(fixture('eventgrid', 'k8s-cloudevent-failed.json'));
    expect(event).toEqual({
      kind: 'failure',
      id: '0b9c3e52-6a57-4d1b-9f2a-53f0c7f1a001-3',
      failure: expect.objectContaining({
        cluster: CLUSTER,
        namespace: 'shop',
        pod: 'web-7d9c8b6f5-x2x4q',
        container: 'web',
        controller: 'Deployment/web',
        image: 'pdacr.azurecr.io/shop/web:v1.2',
        reason: 'Failed',
        node: 'aks-nodepool1-12345678-vmss000000',
        count: 3,
        lastSeen: '2026-11-25T21:04:58.000Z',
        source: 'k8s-event',
      }),
    });
  });

  it('reads an Event Grid batch: BackOff counts, image-less Failed and Normal events are ignored', () => {
    const events = parseK8sEvents(fixture('eventgrid', 'k8s-eventgrid-batch.json'));
    expect(events.map((e) => e.kind)).toEqual(['failure', 'ignored', 'ignored']);
    expect(events[0]).toMatchObject({ failure: { reason: 'BackOff', image: 'pdacr.azurecr.io/shop/web:v1.2', count: 7 } });
    expect(events[1]).toMatchObject({ reason: 'message names no image' });
    expect(events[2]).toMatchObject({ reason: 'event type Normal' });
  });

  it.each([
    ['ErrImageNeverPull', 'Container image "web:local" is not present with pull policy of Never', 'web:local'],
    ['InspectFailed', 'Failed to apply default image tag "WEB:latest": couldn\'t parse image reference "WEB:latest": invalid reference format', 'WEB:latest'],
  ])('extracts the image of %s', (reason, message, image) => {
    const [event] = parseK8sEvents({ specversion: '1.0', id: '1', source: CLUSTER, type: 't', data: { reason, message, type: 'Warning', involvedObject: { kind: 'Pod', name: 'p', namespace: 'n' } } });
    expect(event).toMatchObject({ kind: 'failure', failure: { image, reason } });
  });

  it('acknowledges Azure system events (e.g. AKS version events) as ignored, not malformed', () => {
    const [event] = parseK8sEvents([{ id: 'v1', eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', subject: 'aks', data: { latestSupportedKubernetesVersion: '1.33.0' } }]);
    expect(event).toEqual({ kind: 'ignored', id: 'v1', reason: 'event type Microsoft.ContainerService.NewKubernetesVersionAvailable is not a Kubernetes event' });
  });

  it('drops malformed events with the reason', () => {
    expect(parseK8sEvents(fixture('eventgrid', 'k8s-malformed.json'))).toEqual([{ kind: 'malformed', id: '7a1d2c3b-0009-4e5f-8a9b-0c1d2e3f4a5b', reason: expect.stringMatching(/involvedObject\.name/) }]);
    expect(parseK8sEvents('nope')[0]).toMatchObject({ kind: 'malformed' });
    expect(parseK8sEvents({ specversion: '1.0', id: 'x' })[0]).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/source/) });
  });
});

describe('parseAcrEvents', () => {
  it.each(['acr-image-pushed.json', 'acr-image-pushed-cloudevent.json'])('reads ImagePushed (%s)', async (name) => {
    expect(await parseAcrEvents(fixture('eventgrid', name))).toEqual([
      expect.objectContaining({ kind: 'push', loginServer: 'pdacr.azurecr.io', repository: 'shop/web', tag: 'v1.2', digest: expect.stringMatching(/^sha256:/) }),
    ]);
  });

  it('reads ImageDeleted by digest', async () => {
    expect(await parseAcrEvents(fixture('eventgrid', 'acr-image-deleted.json'))).toEqual([
      expect.objectContaining({ kind: 'delete', repository: 'shop/web', timestamp: '2026-11-25T20:10:01.948473289Z' }),
    ]);
  });

  it('ignores other event types and drops malformed ones', async () => {
    const [other, noTarget, notObject] = await parseAcrEvents([
      { id: '1', topic: 't', subject: 's', eventType: 'Microsoft.ContainerRegistry.ChartPushed', eventTime: '2026-11-25T21:00:00Z', data: {}, dataVersion: '1', metadataVersion: '1' },
      { id: '2', topic: 't', subject: 's', eventType: 'Microsoft.ContainerRegistry.ImagePushed', eventTime: '2026-11-25T21:00:00Z', data: { request: {} }, dataVersion: '1', metadataVersion: '1' },
      42,
    ]);
    expect(other).toMatchObject({ kind: 'ignored' });
    expect(noTarget).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/target/) });
    expect(notObject).toMatchObject({ kind: 'malformed' });
    // The SDK deserializer checks the envelope (here: no metadataVersion and no eventType).
    expect((await parseAcrEvents({ id: 'x' }))[0]).toMatchObject({ kind: 'malformed', id: 'x', reason: expect.stringMatching(/missing required property/) });
  });
});

describe('parseAcrEvents: the shapes publishers and samples really send', () => {
  const base = { id: 'a1', topic: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr', subject: 'app:v1', eventTime: '2026-11-25T21:00:00Z', dataVersion: '1', metadataVersion: '1' };
  const data = { timestamp: '2026-11-25T21:00:01Z', target: { repository: 'app', tag: 'v1', digest: 'sha256:abc' }, request: { host: 'myacr.azurecr.io' } };
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['ImagePushed without prefix', { ...base, eventType: 'ImagePushed', data }, { kind: 'push', tag: 'v1' }],
    ['ImageDeleted without prefix', { ...base, eventType: 'ImageDeleted', data }, { kind: 'delete' }],
    ['ChartPushed without prefix', { ...base, eventType: 'ChartPushed', data }, { kind: 'ignored', reason: 'event type Microsoft.ContainerRegistry.ChartPushed' }],
    ['an unrelated short type stays unknown', { ...base, eventType: 'Pushed', data }, { kind: 'ignored', reason: 'event type Pushed' }],
    ['data as a JSON string', { ...base, eventType: 'Microsoft.ContainerRegistry.ImagePushed', data: JSON.stringify(data) }, { kind: 'push', loginServer: 'myacr.azurecr.io' }],
    ['data a string that is not JSON', { ...base, eventType: 'ImagePushed', data: '{x' }, { kind: 'malformed', id: 'a1', reason: 'data is a string that is not JSON' }],
    ['CloudEvent type without prefix', { id: 'c1', source: base.topic, type: 'ImagePushed', specversion: '1.0', time: '2026-11-25T21:00:00Z', data }, { kind: 'push' }],
    ['no request.host: the registry from the topic', { ...base, eventType: 'ImagePushed', data: { ...data, request: {} } }, { kind: 'push', loginServer: 'myacr.azurecr.io' }],
    ['a tag that is not a tag', { ...base, eventType: 'ImagePushed', data: { ...data, target: { repository: 'app', tag: '-bad tag' } } }, { kind: 'malformed', reason: 'data.target.tag is not a tag' }],
    ['a repository that is not a name', { ...base, eventType: 'ImagePushed', data: { ...data, target: { repository: 'App/../x' } } }, { kind: 'malformed', reason: 'data.target.repository is not a repository name' }],
    ['no timestamp: the event time', { ...base, eventType: 'ImagePushed', data: { ...data, timestamp: undefined } }, { kind: 'push', timestamp: '2026-11-25T21:00:00.000Z' }],
  ])('%s', async (_name, event, expected) => {
    expect((await parseAcrEvents(event))[0]).toMatchObject(expected);
  });
});

describe('parseAlert: test actions, nulls and the parts that say whose alert it is', () => {
  const alert = (essentials: Record<string, unknown>, alertContext: unknown = null) => ({
    schemaId: 'azureMonitorCommonAlertSchema',
    data: { essentials: { alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/4b7d1e2a-9c3f-4e8b-a1d5-6f0c2b8e7a91', alertRule: 'r', monitorCondition: 'Fired', firedDateTime: '2026-11-25T21:05:00Z', ...essentials }, alertContext },
  });
  it.each<[string, Record<string, unknown>, boolean]>([
    ['mocked alert id eeeeeeee-…', { alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/eeeeeeee-4444-5555-6666-ffffffffffff' }, true],
    ['Test_Alert (activity log, budget)', { alertId: '/subscriptions/s/providers/Microsoft.CostManagement/alerts/Test_Alert' }, true],
    ['service health mock id', { alertId: `/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/${'1234abcd5678efgh'.repeat(4)}` }, true],
    ['a real alert id', {}, false],
    ['a real id ending like a mock', { alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/xeeeeeeee-4444-5555-6666-ffffffffffff' }, false],
  ])('%s → testAction %s', (_name, essentials, test) => {
    expect(parseAlert(alert(essentials))).toMatchObject({ kind: 'alert', testAction: test });
  });

  it('accepts null rule, targets, configuration items, namespaces and dimensions; the rule falls back to the alert id', () => {
    const parsed = parseAlert(
      alert(
        { alertRule: null, alertTargetIDs: null, configurationItems: null, signalType: null, monitoringService: null },
        { conditionType: null, condition: { windowSize: null, allOf: [{ metricNamespace: null, metricName: null, dimensions: null, metricValue: null, searchQuery: null }] }, labels: null },
      ),
    );
    expect(parsed).toMatchObject({ kind: 'alert', rule: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/4b7d1e2a-9c3f-4e8b-a1d5-6f0c2b8e7a91', signal: 'metric', pods: [] });
  });

  it('collects the origin: rule, rule group, queries, expression, dimension and label names, reason label', () => {
    const parsed = parseAlert(
      alert(
        { alertRule: 'PullDoctorImagePullBackOff' },
        {
          condition: { allOf: [{ searchQuery: 'KubeEvents', dimensions: [{ name: 'Image', value: 'x' }] }] },
          labels: { Pod: 'p', reason: 'ErrImagePull' },
          expression: 'kube_pod_container_status_waiting_reason > 0',
          ruleGroup: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/g',
        },
      ),
    );
    expect(parsed.kind === 'alert' && parsed.origin).toEqual({
      rule: 'PullDoctorImagePullBackOff',
      ruleGroup: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.AlertsManagement/prometheusRuleGroups/g',
      searchQueries: ['KubeEvents'],
      expression: 'kube_pod_container_status_waiting_reason > 0',
      dimensionNames: ['image', 'pod', 'reason'],
      reasonLabel: 'ErrImagePull',
    });
  });
});

describe('names', () => {
  it('accepts Kubernetes and ARM names and rejects look-alikes', () => {
    expect(isDnsLabel('shop')).toBe(true);
    expect(isDnsLabel('Shop')).toBe(false);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isPodName('web-7d9c8b6f5-x2x4q')).toBe(true);
    expect(isPodName("web' or 1==1")).toBe(false);
    expect(isAksClusterId(CLUSTER)).toBe(true);
    expect(isAksClusterId(`${CLUSTER}/../x`)).toBe(false);
    expect(isAksClusterId(CLUSTER.replace('managedClusters', 'registries'))).toBe(false);
    expect(isImageReference('pdacr.azurecr.io/shop/web:v1.2')).toBe(true);
    expect(isImageReference('WEB:latest')).toBe(false);
    expect(isImageText('WEB:latest')).toBe(true);
    expect(isImageText('a b')).toBe(false);
  });
});
