import { EssentialsSchema } from './alert-schema';
import { completeAlertPods, parseAlert, workspaceFromLink } from './parse-alert';

// The common alert schema read field by field (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema):
// which signal it is, the window, the pods its dimensions or labels describe, the workspace and the firing key.
const SUB = '00000000-0000-0000-0000-000000000001';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const ALERT_ID = `/subscriptions/${SUB}/providers/Microsoft.AlertsManagement/alerts/4b7d1e2a-9c3f-4e8b-a1d5-6f0c2b8e7a91`;
const body = (essentials: Record<string, unknown> = {}, alertContext: unknown = null) => ({
  schemaId: 'azureMonitorCommonAlertSchema',
  data: { essentials: { alertId: ALERT_ID, alertRule: 'r', monitorCondition: 'Fired', firedDateTime: '2026-11-25T21:05:00Z', ...essentials }, alertContext },
});
const parsed = (essentials: Record<string, unknown> = {}, alertContext: unknown = null) => {
  const alert = parseAlert(body(essentials, alertContext));
  if (alert.kind !== 'alert') throw new Error(alert.reason);
  return alert;
};
const dims = (pairs: Record<string, string | number>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));

describe('which signal an alert is', () => {
  it.each<[string, Record<string, unknown>, unknown, 'log' | 'metric' | 'prometheus']>([
    ['log search condition type', {}, { conditionType: 'LogQueryCriteria', condition: { allOf: [] } }, 'log'],
    ['a criterion with a query', {}, { conditionType: 'Other', condition: { allOf: [{ searchQuery: 'KubeEvents' }] } }, 'log'],
    ['labels', {}, { labels: { pod: 'p' } }, 'prometheus'],
    ['a Prometheus monitoring service', { monitoringService: 'Prometheus' }, null, 'prometheus'],
    ['a metric alert', { monitoringService: 'Platform' }, { conditionType: 'SingleResourceMultipleMetricCriteria', condition: { allOf: [{ metricName: 'x' }] } }, 'metric'],
  ])('%s → %s', (_what, essentials, context, signal) => {
    expect(parsed(essentials, context).signal).toBe(signal);
  });
});

describe('the window', () => {
  const windowOf = (condition: unknown) => {
    const { window } = parsed({}, { condition });
    return [window.start.toISOString(), window.end.toISOString()];
  };
  it.each<[string, unknown, [string, string]]>([
    ['from the condition', { windowStartTime: '2026-11-25T21:00:00Z', windowEndTime: '2026-11-25T21:05:00Z', allOf: [] }, ['2026-11-25T21:00:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['from the first criterion', { allOf: [{ windowStartTime: '2026-11-25T20:00:00Z', windowEndTime: '2026-11-25T20:05:00Z' }] }, ['2026-11-25T20:00:00.000Z', '2026-11-25T20:05:00.000Z']],
    ['an empty window is a window', { windowStartTime: '2026-11-25T21:00:00Z', windowEndTime: '2026-11-25T21:00:00Z' }, ['2026-11-25T21:00:00.000Z', '2026-11-25T21:00:00.000Z']],
    ['a reversed window: the window size before the firing', { windowSize: 'PT5M', windowStartTime: '2026-11-25T21:05:00Z', windowEndTime: '2026-11-25T21:00:00Z' }, ['2026-11-25T21:00:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['only a start: the window size before the firing', { windowSize: 'PT1H', windowStartTime: '2026-11-25T21:00:00Z' }, ['2026-11-25T20:05:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['an unreadable end', { windowSize: 'PT30S', windowStartTime: '2026-11-25T21:00:00Z', windowEndTime: 'later' }, ['2026-11-25T21:04:30.000Z', '2026-11-25T21:05:00.000Z']],
    ['hours, minutes and seconds', { windowSize: 'PT1H2M3S' }, ['2026-11-25T20:02:57.000Z', '2026-11-25T21:05:00.000Z']],
    ['a size in days is not read: 15 minutes', { windowSize: 'P1D' }, ['2026-11-25T20:50:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['an empty duration: 15 minutes', { windowSize: 'PT' }, ['2026-11-25T20:50:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['a duration with trailing text: 15 minutes', { windowSize: 'PT5Mx' }, ['2026-11-25T20:50:00.000Z', '2026-11-25T21:05:00.000Z']],
  ])('%s', (_what, condition, window) => {
    expect(windowOf(condition)).toEqual(window);
  });

  it('keys a firing by rule, window and condition', () => {
    const alert = parsed({ alertRule: 'pull', monitorCondition: 'Resolved' }, { condition: { windowStartTime: '2026-11-25T21:00:00Z', windowEndTime: '2026-11-25T21:05:00Z' } });
    expect(alert.firingKey).toBe('alert|pull|2026-11-25T21:00:00.000Z|2026-11-25T21:05:00.000Z|Resolved');
  });

  it('refuses a firing time that is not a date', () => {
    expect(parseAlert(body({ firedDateTime: 'tuesday' }))).toEqual({ kind: 'malformed', reason: 'data.essentials.firedDateTime: not a date' });
  });

  it('says which schema it got when it is not the common one', () => {
    expect(parseAlert({ schemaId: 'AzureMonitorMetricAlert' })).toEqual({ kind: 'ignored', reason: 'schemaId "AzureMonitorMetricAlert" is not azureMonitorCommonAlertSchema' });
    expect(parseAlert(body({ monitorCondition: 'Maybe' }))).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^data\.essentials\.monitorCondition: /) });
  });
});

describe('pods from dimensions and labels', () => {
  it.each<[string, Record<string, string | number>, Record<string, unknown>]>([
    ['ClusterId', { ClusterId: CLUSTER, Name: 'p', Namespace: 'n' }, { cluster: CLUSTER, pod: 'p', namespace: 'n' }],
    ['_ResourceId', { _ResourceId: CLUSTER, PodName: 'p' }, { cluster: CLUSTER, pod: 'p' }],
    ['Microsoft.resourceId', { 'Microsoft.resourceId': CLUSTER, Pod: 'p' }, { cluster: CLUSTER, pod: 'p' }],
    ['cluster_id', { cluster_id: CLUSTER, pod: 'p' }, { cluster: CLUSTER, pod: 'p' }],
    ['microsoft_resourceid', { microsoft_resourceid: CLUSTER, pod: 'p' }, { cluster: CLUSTER, pod: 'p' }],
    ['Container, ContainerName, Image, Reason', { ContainerName: 'web', Image: 'app:v1', Reason: 'BackOff' }, { container: 'web', image: 'app:v1', reason: 'BackOff' }],
    ['container', { container: 'web', pod: 'p' }, { container: 'web', pod: 'p' }],
    ['an empty value is no value', { Name: 'p', Image: '' }, { pod: 'p' }],
    ['a number value becomes text', { Name: 'p', Image: 7 }, { pod: 'p', image: '7' }],
    ['a Count dimension is not the count', { Name: 'p', count: '99' }, { pod: 'p' }],
  ])('%s', (_what, pairs, pod) => {
    expect(parsed({}, { conditionType: 'LogQueryCriteria', condition: { allOf: [{ dimensions: dims(pairs) }] } }).pods).toEqual([pod]);
  });

  it('counts from the metric value, rounded and never negative', () => {
    const podsOf = (metricValue: number) => parsed({}, { condition: { allOf: [{ dimensions: dims({ Name: 'p' }), metricValue }] } }).pods;
    expect(podsOf(6.4)).toEqual([{ pod: 'p', count: 6 }]);
    expect(podsOf(6.5)).toEqual([{ pod: 'p', count: 7 }]);
    expect(podsOf(-3)).toEqual([{ pod: 'p', count: 0 }]);
  });

  it('keeps only rows that name a pod or an image, from every criterion and the labels', () => {
    const alert = parsed(
      {},
      {
        condition: { allOf: [{ dimensions: dims({ Namespace: 'shop' }) }, { dimensions: dims({ Image: 'app:v1' }), metricValue: 2 }, { dimensions: [] }] },
        labels: { namespace: 'shop', pod: 'web-1', reason: 'ErrImagePull' },
      },
    );
    expect(alert.pods).toEqual([{ image: 'app:v1', count: 2 }, { namespace: 'shop', pod: 'web-1', reason: 'ErrImagePull' }]);
    expect(alert.rowCount).toBe(2);
  });

  it('leaves out the row count when no criterion has a value, and reads 0', () => {
    expect(parsed({}, { condition: { allOf: [{ searchQuery: 'q' }] } })).not.toHaveProperty('rowCount');
    expect(parsed({}, { condition: { allOf: [{ searchQuery: 'q', metricValue: 0 }] } }).rowCount).toBe(0);
  });

  it('fills each failure from the alert: cluster from the target, time from the window end, source by signal', () => {
    const alert = parsed({ alertTargetIDs: [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law`, CLUSTER] }, { labels: { pod: 'web-1', namespace: 'shop' } });
    expect(alert.cluster).toBe(CLUSTER);
    const rows = [{ pod: 'a', image: 'app:v1', count: 3 }, { pod: 'b' }, { pod: 'c', image: 'app:v2', cluster: `${CLUSTER}-2` }];
    expect(completeAlertPods(alert, rows)).toEqual([
      { cluster: CLUSTER, namespace: undefined, pod: 'a', container: undefined, image: 'app:v1', reason: undefined, lastSeen: '2026-11-25T21:05:00.000Z', count: 3, source: 'prometheus-alert' },
      { cluster: `${CLUSTER}-2`, namespace: undefined, pod: 'c', container: undefined, image: 'app:v2', reason: undefined, lastSeen: '2026-11-25T21:05:00.000Z', source: 'prometheus-alert' },
    ]);
    expect(completeAlertPods(parsed(), [{ image: 'x' }])[0]).toMatchObject({ source: 'alert', cluster: undefined });
  });
});

describe('workspaces', () => {
  it('collects each workspace once, lowercase, from both result links of every criterion', () => {
    const w1 = 'AAAAAAAA-2222-3333-4444-555555555555';
    const w2 = '66666666-2222-3333-4444-555555555555';
    const link = (w: string) => `https://api.loganalytics.io/v1/workspaces/${w}/query?query=x`;
    const alert = parsed({}, { condition: { allOf: [{ linkToFilteredSearchResultsAPI: link(w1), linkToSearchResultsAPI: link(w1) }, { linkToSearchResultsAPI: link(w2) }] } });
    expect(alert.workspaceIds).toEqual([w1.toLowerCase(), w2]);
  });

  it.each<[string, string | undefined]>([
    ['https://api.loganalytics.io/v1/workspaces/11111111-2222-3333-4444-555555555555/query', '11111111-2222-3333-4444-555555555555'],
    ['https://api.loganalytics.io/v1/workspaces/11111111-2222-3333-4444-555555555555', undefined],
    ['https://api.loganalytics.io/v1/workspaces/------------------------------------/query', undefined],
    ['https://api.loganalytics.io/v1/workspaces/11111111-2222-3333-4444-55555555555/query', undefined],
    ['', undefined],
  ])('%s → %s', (link, workspace) => {
    expect(workspaceFromLink(link)).toBe(workspace);
  });
});

describe('bodies, durations and test ids at the edges', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['text', 'azureMonitorCommonAlertSchema'],
    ['a number', 7],
    ['an array', [body()]],
  ])('refuses a body that is %s', (_what, b) => {
    expect(parseAlert(b)).toEqual({ kind: 'malformed', reason: 'body is not a JSON object' });
  });

  it.each<[string, string, [string, string]]>([
    ['two-digit hours', 'PT12H', ['2026-11-25T09:05:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['two-digit minutes', 'PT10M', ['2026-11-25T20:55:00.000Z', '2026-11-25T21:05:00.000Z']],
    ['text before PT: 15 minutes', 'xPT5M', ['2026-11-25T20:50:00.000Z', '2026-11-25T21:05:00.000Z']],
  ])('window size with %s', (_what, windowSize, expected) => {
    const { window } = parsed({}, { condition: { windowSize } });
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual(expected);
  });

  it('does not take an id that only starts like a test-action id for a test', () => {
    expect(parsed({ alertId: '/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/eeeeeeee-4444-5555-6666-ffffffffffff0' }).testAction).toBe(false);
  });

  it('lists no search query for a metric criterion', () => {
    expect(parsed({}, { condition: { allOf: [{ metricName: 'kube_pod_status_reason', dimensions: dims({ Name: 'p' }) }] } }).origin.searchQueries).toEqual([]);
  });

  it('leaves the count out of a failure whose row has none', () => {
    const [failure] = completeAlertPods(parsed(), [{ pod: 'a', image: 'app:v1' }]);
    expect(failure).not.toHaveProperty('count');
  });

  it('reads null targets and configuration items (budget and cost test actions) as empty lists', () => {
    const essentials = EssentialsSchema.parse({ alertId: ALERT_ID, monitorCondition: 'Fired', firedDateTime: '2026-11-25T21:05:00Z', alertTargetIDs: null, configurationItems: null });
    expect({ targets: essentials.alertTargetIDs, items: essentials.configurationItems }).toEqual({ targets: [], items: [] });
    expect(EssentialsSchema.parse({ alertId: ALERT_ID, monitorCondition: 'Fired', firedDateTime: 'x', configurationItems: ['aks-prod'] }).configurationItems).toEqual(['aks-prod']);
  });
});
