import type { ContainerInsightsPort } from '../../lib/logs/container-insights';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { startLogAnalyticsServer, type LogsAnswer, type LogsQuerySeen } from '../helpers/log-analytics-server';

/**
 * The Log Analytics adapter through the real `@azure/monitor-query-logs` client against a local
 * HTTPS server speaking the query API (POST /v1/workspaces/{id}/query → {tables:[{columns, rows}]}),
 * https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format.
 */
const WORKSPACE = '11111111-2222-3333-4444-555555555555';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const IMAGE = 'pdacr.azurecr.io/shop/web:v1.2';
const window = { start: new Date('2026-11-25T21:00:00Z'), end: new Date('2026-11-25T21:05:00Z') };

let server: Awaited<ReturnType<typeof startLogAnalyticsServer>>;
let seen: LogsQuerySeen[] = [];
let answer: LogsAnswer = () => ({ status: 500, json: {} });
let insights: ContainerInsightsPort;

beforeAll(async () => {
  server = await startLogAnalyticsServer();
  server.answer((body) => answer(body));
  seen = server.seen;
  insights = server.insights;
});
afterAll(() => server.stop());
beforeEach(() => {
  seen.length = 0;
});

const failingColumns = [
  ['ClusterId', 'string'],
  ['Namespace', 'string'],
  ['Pod', 'string'],
  ['Image', 'string'],
  ['Reason', 'string'],
  ['Message', 'string'],
  ['Node', 'string'],
  ['FirstSeen', 'datetime'],
  ['LastSeen', 'datetime'],
  ['Count', 'real'],
].map(([name, type]) => ({ name, type }));

describe('Log Analytics adapter (LogsQueryClient on the wire)', () => {
  it('sends the rendered template with the window and a bearer token, and types the rows', async () => {
    answer = () => ({
      status: 200,
      json: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: failingColumns,
            rows: [[CLUSTER, 'shop', 'web-1', IMAGE, 'Failed', `Failed to pull image "${IMAGE}": not found`, 'aks-nodepool1-1-vmss000000', '2026-11-25T21:01:00Z', '2026-11-25T21:04:00Z', 4.0]],
          },
        ],
      },
    });
    const failures = await insights.failingPods({ workspaceId: WORKSPACE, cluster: CLUSTER, ...window });
    expect(failures).toEqual([
      {
        cluster: CLUSTER,
        namespace: 'shop',
        pod: 'web-1',
        image: IMAGE,
        reason: 'Failed',
        message: `Failed to pull image "${IMAGE}": not found`,
        node: 'aks-nodepool1-1-vmss000000',
        firstSeen: '2026-11-25T21:01:00.000Z',
        lastSeen: '2026-11-25T21:04:00.000Z',
        count: 4,
        source: 'alert',
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`/v1/workspaces/${WORKSPACE}/query`);
    expect(seen[0]!.authorization).toMatch(/^Bearer /);
    expect(seen[0]!.body.query).toContain(`| where ClusterId =~ '${CLUSTER}'`);
    expect(seen[0]!.body.timespan).toMatch(/^2026-11-25T21:00:00(\.000)?Z\/2026-11-25T21:05:00(\.000)?Z$/);
  });

  it('reads node labels and pod details', async () => {
    answer = (body) =>
      body.query.startsWith('KubeNodeInventory')
        ? { status: 200, json: { tables: [{ name: 'PrimaryResult', columns: ['Node', 'Arch', 'Os', 'AgentPool'].map((name) => ({ name, type: 'string' })), rows: [['aks-arm64-1-vmss000000', 'arm64', 'linux', 'arm64']] }] } }
        : { status: 200, json: { tables: [{ name: 'PrimaryResult', columns: ['Container', 'ControllerKind', 'ControllerName', 'Node', 'ContainerStatus', 'ContainerStatusReason', 'Image', 'ImageTag', 'Repository'].map((name) => ({ name, type: 'string' })), rows: [['web', 'ReplicaSet', 'web-7d9c8b6f5', 'aks-arm64-1-vmss000000', 'waiting', 'ImagePullBackOff', '', '', '']] }] } };
    expect(await insights.nodeLabels({ workspaceId: WORKSPACE, cluster: CLUSTER, nodes: ['aks-arm64-1-vmss000000'], ...window })).toEqual([{ node: 'aks-arm64-1-vmss000000', arch: 'arm64', os: 'linux', agentPool: 'arm64' }]);
    expect(await insights.podDetails({ workspaceId: WORKSPACE, cluster: CLUSTER, namespace: 'shop', pod: 'web-1', ...window })).toEqual({
      controller: 'ReplicaSet/web-7d9c8b6f5',
      node: 'aks-arm64-1-vmss000000',
      containers: [{ name: 'web', status: 'waiting', reason: 'ImagePullBackOff', image: undefined }],
    });
  });

  it('surfaces a 403 as a typed error and a partial result as an error', async () => {
    answer = () => ({ status: 403, json: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access to perform the requested operation' } } });
    await expect(insights.failingPods({ workspaceId: WORKSPACE, ...window })).rejects.toMatchObject({ statusCode: 403 });
    answer = () => ({ status: 200, json: { tables: [{ name: 'PrimaryResult', columns: failingColumns, rows: [] }], error: { code: 'PartialError', message: 'query exceeded the row limit' } } });
    await expect(insights.failingPods({ workspaceId: WORKSPACE, ...window })).rejects.toThrow(/partial/);
  });

  it('rejects a bad workspace id or name before anything is sent', async () => {
    await expect(insights.failingPods({ workspaceId: "x' | take 1", ...window })).rejects.toThrow(/workspace id/);
    await expect(insights.podDetails({ workspaceId: WORKSPACE, cluster: CLUSTER, namespace: 'shop', pod: "web'; drop", ...window })).rejects.toThrow(/not a valid pod name/);
    expect(seen).toEqual([]);
  });
});

describe('sandbox adapter applies the template filters', () => {
  const row = (over: Record<string, unknown>) => ({
    TimeGenerated: '2026-11-25T21:02:00Z',
    ClusterId: CLUSTER,
    Namespace: 'shop',
    Name: 'web-1',
    ObjectKind: 'Pod',
    KubeEventType: 'Warning',
    Reason: 'Failed',
    Message: `Failed to pull image "${IMAGE}": not found`,
    LastSeen: '2026-11-25T21:02:00Z',
    Count: 1,
    ...over,
  });
  const sandbox = createSandboxContainerInsights({
    [WORKSPACE]: {
      KubeEvents: [
        row({}),
        row({ LastSeen: '2026-11-25T21:03:00Z', Count: 2 }),
        row({ Name: 'web-2', TimeGenerated: '2026-11-25T20:00:00Z' }),
        row({ Name: 'web-3', KubeEventType: 'Normal', Reason: 'Pulling' }),
        row({ Name: 'web-4', ClusterId: CLUSTER.replace('aks-prod', 'aks-dev') }),
        row({ Name: 'web-5', Reason: 'Failed', Message: 'Error: ErrImagePull' }),
      ],
      KubeNodeInventory: [{ Computer: 'aks-nodepool1-1-vmss000000', ClusterId: CLUSTER, Labels: '[{"kubernetes.io/arch":"amd64","kubernetes.io/os":"linux","agentpool":"nodepool1"}]' }],
    },
  });

  it('window, cluster, Warning/Pod, reason and image filters; grouped per pod and image', async () => {
    const failures = await sandbox.failingPods({ workspaceId: WORKSPACE, cluster: CLUSTER, ...window });
    expect(failures).toEqual([expect.objectContaining({ pod: 'web-1', count: 3, lastSeen: '2026-11-25T21:03:00.000Z' })]);
    expect(await sandbox.nodeLabels({ workspaceId: WORKSPACE, cluster: CLUSTER, nodes: ['aks-nodepool1-1-vmss000000'], ...window })).toEqual([
      { node: 'aks-nodepool1-1-vmss000000', arch: 'amd64', os: 'linux', agentPool: 'nodepool1' },
    ]);
  });
});
