import { kustoDiagnostics } from '../../test/helpers/kusto';
import { startLogAnalyticsServer } from '../../test/helpers/log-analytics-server';
import type { PullFailure } from '../model';
import { type ContainerInsightsPort, type PreviousImageParams } from './container-insights';
import { previousImageQuery, type PreviousImageKind } from './kql-templates';
import { containerInsightsPreviousImage } from './previous-image';
import { createSandboxContainerInsights } from './sandbox-container-insights';

const WORKSPACE = '55555555-5555-5555-5555-555555555555';
const OTHER_WORKSPACE = '66666666-6666-6666-6666-666666666666';
const CLUSTER = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const window = { start: new Date('2026-11-18T21:30:00Z'), end: new Date('2026-11-25T21:30:00Z') };
const filter = (kind: PreviousImageKind, name: string) => ({ cluster: CLUSTER, namespace: 'shop', workload: { kind, name }, registry: 'myacr.azurecr.io', repository: 'app', failingTag: 'v1.9' });
const params = (kind: PreviousImageKind = 'Deployment', name = 'web'): PreviousImageParams => ({ workspaceId: WORKSPACE, ...window, ...filter(kind, name) });

describe('the previous-image KQL against the Container insights schema', () => {
  it.each<[PreviousImageKind, string]>([
    ['Deployment', 'web'],
    ['StatefulSet', 'db'],
    ['DaemonSet', 'node-agent'],
    ['ReplicaSet', 'legacy.web'],
  ])('%s %s: no syntax or semantic errors', (kind, name) => {
    expect(kustoDiagnostics(previousImageQuery({ ...window, ...filter(kind, name) }))).toEqual([]);
  });

  it('the validation sees a broken template', () => {
    const query = previousImageQuery({ ...window, ...filter('Deployment', 'web') });
    expect(kustoDiagnostics(query.replace('ContainerStatus =~', 'ContainerState =~')).join('\n')).toMatch(/ContainerState/);
    expect(kustoDiagnostics(query.replace('ImageTag != ', 'Tag != ')).join('\n')).toMatch(/Tag/);
  });

  it.each([
    ['workload name', { workload: { kind: 'Deployment' as const, name: "web' or 1==1" } }],
    ['workload kind', { workload: { kind: 'Job' as PreviousImageKind, name: 'web' } }],
    ['namespace', { namespace: 'Shop!' }],
    ['registry', { registry: "myacr.azurecr.io' | take 1" }],
    ['repository', { repository: 'App Name' }],
    ['tag', { failingTag: "v1'" }],
    ['window', { start: new Date('2026-10-01T00:00:00Z') }],
  ])('refuses a %s outside its grammar', (_what, over) => {
    expect(() => previousImageQuery({ ...window, ...filter('Deployment', 'web'), ...over })).toThrow(/not a valid|not a workload kind|31 days/);
  });
});

// Rows as Container insights writes them: one per container and collection (KubePodInventory) and its image (ContainerInventory).
function pod(at: string, name: string, kind: string, controller: string, status: string, containerId: string, over: Record<string, unknown> = {}) {
  return { TimeGenerated: at, ClusterId: CLUSTER, Namespace: 'shop', Name: name, ControllerKind: kind, ControllerName: controller, ContainerStatus: status, ContainerID: containerId, ContainerName: `uid-${name}/web`, ...over };
}
function image(at: string, containerId: string, tag: string, over: Record<string, unknown> = {}) {
  return { TimeGenerated: at, ContainerID: containerId, Repository: 'myacr.azurecr.io', Image: 'app', ImageTag: tag, ContainerState: 'Running', ...over };
}
const logs = {
  [WORKSPACE]: {
    KubePodInventory: [
      pod('2026-11-20T10:00:00Z', 'web-84b9c6d7f5-aaaaa', 'ReplicaSet', 'web-84b9c6d7f5', 'running', 'c1'),
      pod('2026-11-25T21:00:00Z', 'web-5f6d7c8b9a-bbbbb', 'ReplicaSet', 'web-5f6d7c8b9a', 'running', 'c2'),
      pod('2026-11-25T21:40:00Z', 'web-5f6d7c8b9a-ccccc', 'ReplicaSet', 'web-5f6d7c8b9a', 'running', 'c3'), // after the window
      pod('2026-11-25T21:20:00Z', 'web-api-7c8d9e0f1b-ddddd', 'ReplicaSet', 'web-api-7c8d9e0f1b', 'running', 'c4'), // another Deployment
      pod('2026-11-25T21:25:00Z', 'web-7d9c5b8f6d-eeeee', 'ReplicaSet', 'web-7d9c5b8f6d', 'running', 'c5'), // ran the failing tag once
      pod('2026-11-25T21:26:00Z', 'web-6a6a6a6a6a-fffff', 'ReplicaSet', 'web-6a6a6a6a6a', 'terminated', 'c6'), // never running
      pod('2026-11-25T21:27:00Z', 'web-4c4c4c4c4c-ggggg', 'ReplicaSet', 'web-4c4c4c4c4c', 'running', 'c7', { ClusterId: CLUSTER.replace('aks-prod', 'aks-dev') }),
      pod('2026-11-25T21:28:00Z', 'web-3b3b3b3b3b-hhhhh', 'ReplicaSet', 'web-3b3b3b3b3b', 'running', 'c8', { Namespace: 'other' }),
      pod('2026-11-24T08:00:00Z', 'db-0', 'StatefulSet', 'db', 'running', 'c9'),
      pod('2026-11-25T08:00:00Z', 'db-0', 'StatefulSet', 'db', 'running', 'c10'),
    ],
    ContainerInventory: [
      image('2026-11-20T10:00:00Z', 'c1', 'v1.5'),
      image('2026-11-25T21:00:00Z', 'c2', 'v1.7'),
      image('2026-11-25T21:40:00Z', 'c3', 'v1.6'),
      image('2026-11-25T21:20:00Z', 'c4', 'v1.8'),
      image('2026-11-25T21:25:00Z', 'c5', 'v1.9'),
      image('2026-11-25T21:26:00Z', 'c6', 'v1.8'),
      image('2026-11-25T21:27:00Z', 'c7', 'v1.8'),
      image('2026-11-25T21:28:00Z', 'c8', 'v1.8'),
      image('2026-11-24T08:00:00Z', 'c9', 'v1.4'),
      image('2026-11-25T08:00:00Z', 'c10', 'v1.3', { Repository: 'otheracr.azurecr.io' }),
    ],
  },
};

describe('the sandbox answers the template with its filters', () => {
  const sandbox = createSandboxContainerInsights(logs);
  it.each<[string, PreviousImageParams, unknown]>([
    // Not v1.6 (after the window), v1.8 (web-api, terminated, other cluster, other namespace) or v1.9 (the failing tag).
    ['a Deployment: its newest other running tag in the window', params(), { tag: 'v1.7', lastRunning: '2026-11-25T21:00:00.000Z', pods: 1, controller: 'web-5f6d7c8b9a' }],
    ['a StatefulSet by name, same registry only', params('StatefulSet', 'db'), { tag: 'v1.4', lastRunning: '2026-11-24T08:00:00.000Z', pods: 1, controller: 'db' }],
    ['a DaemonSet with no rows', params('DaemonSet', 'web'), undefined],
    ['a shorter window', { ...params(), start: new Date('2026-11-25T21:10:00Z') }, undefined],
  ])('%s', async (_name, p, expected) => {
    expect(await sandbox.previousImage(p)).toEqual(expected);
  });
});

const failure: PullFailure = { cluster: CLUSTER, namespace: 'shop', controller: 'Deployment/web', image: 'myacr.azurecr.io/app:v1.9', firstSeen: '2026-11-25T21:30:00Z', source: 'sandbox' };
const request = { failure, registry: 'myacr.azurecr.io', repository: 'app', failingTag: 'v1.9' };
const signal = new AbortController().signal;

describe('containerInsightsPreviousImage answers, never throws', () => {
  const sandbox = createSandboxContainerInsights(logs);
  const failing: ContainerInsightsPort = { ...sandbox, previousImage: async () => Promise.reject(new Error('403 InsufficientAccessError\nmore')) };

  it.each<[string, ContainerInsightsPort, string[], Partial<PullFailure>, unknown]>([
    ['found, with the workspace it came from', sandbox, [WORKSPACE], {}, { found: expect.objectContaining({ tag: 'v1.7' }), workload: 'Deployment/web', source: expect.stringContaining(`workspace ${WORKSPACE}`) }],
    ['a ReplicaSet controller stands for its Deployment', sandbox, [WORKSPACE], { controller: 'ReplicaSet/web-7d9c5b8f6d' }, expect.objectContaining({ workload: 'Deployment/web' })],
    ['no workspace configured', sandbox, [], {}, { unreadable: true, why: 'no Container insights workspace is configured (PULL_DOCTOR_WORKSPACE_IDS)', source: expect.any(String) }],
    ['workload unknown', sandbox, [WORKSPACE], { controller: undefined }, expect.objectContaining({ unreadable: true, why: "the failing pod's workload is not known" })],
    ['a Job is not looked up', sandbox, [WORKSPACE], { controller: 'Job/migrate' }, expect.objectContaining({ unreadable: true, why: expect.stringMatching(/^Job workloads are not looked up/) })],
    ['Log Analytics refuses', failing, [WORKSPACE], {}, expect.objectContaining({ unreadable: true, why: `Log Analytics could not be read (workspace ${WORKSPACE}: 403 InsufficientAccessError)` })],
    ['nothing earlier in the window', sandbox, [WORKSPACE], { firstSeen: '2026-11-10T00:00:00Z' }, expect.objectContaining({ unreadable: false, why: expect.stringMatching(/^Container insights shows no other tag of app running in Deployment\/web in the 7 days before 2026-11-10/) })],
  ])('%s', async (_name, port, workspaces, over, expected) => {
    expect(await containerInsightsPreviousImage(() => port, workspaces)({ ...request, failure: { ...failure, ...over } }, signal)).toEqual(expected);
  });

  it('a workspace that does not answer costs at most the timeout', async () => {
    const hanging: ContainerInsightsPort = { ...sandbox, previousImage: () => new Promise(() => undefined) };
    expect(await containerInsightsPreviousImage(() => hanging, [WORKSPACE], { timeoutMs: 50 })(request, signal)).toMatchObject({
      unreadable: true,
      why: `Log Analytics could not be read (workspace ${WORKSPACE}: no answer within 50 ms)`,
    });
  });

  it('several workspaces: one failing does not hide the other, and the newest answer wins', async () => {
    const older = createSandboxContainerInsights({ [OTHER_WORKSPACE]: { KubePodInventory: [pod('2026-11-22T00:00:00Z', 'web-1a1a1a1a1a-zzzzz', 'ReplicaSet', 'web-1a1a1a1a1a', 'running', 'c1')], ContainerInventory: [image('2026-11-22T00:00:00Z', 'c1', 'v1.6')] } });
    const port: ContainerInsightsPort = { ...sandbox, previousImage: (p, o) => (p.workspaceId === WORKSPACE ? sandbox.previousImage(p, o) : older.previousImage(p, o)) };
    expect(await containerInsightsPreviousImage(() => port, [OTHER_WORKSPACE, WORKSPACE])(request, signal)).toMatchObject({ found: { tag: 'v1.7' }, source: expect.stringContaining(WORKSPACE) });
    const half: ContainerInsightsPort = { ...sandbox, previousImage: (p, o) => (p.workspaceId === WORKSPACE ? sandbox.previousImage(p, o) : Promise.reject(new Error('timeout'))) };
    expect(await containerInsightsPreviousImage(() => half, [OTHER_WORKSPACE, WORKSPACE])(request, signal)).toMatchObject({ found: { tag: 'v1.7' } });
  });
});

const REFUSED = `workspace ${WORKSPACE}: 403 InsufficientAccessError: pull-doctor may not query it (needs Microsoft.OperationalInsights/workspaces/query/read on the workspace; least built-in role that grants it: Reader)`;

describe('a world caller without the query right is refused as Log Analytics refuses it', () => {
  it.each<[string, string[], boolean]>([
    ['the workspace query action', ['Microsoft.OperationalInsights/workspaces/query/read'], true],
    ['a wildcard over the workspace', ['Microsoft.OperationalInsights/workspaces/*'], true],
    ['a table the query reads', ['Microsoft.OperationalInsights/workspaces/query/ContainerInventory/read'], true],
    ['a table the query does not read', ['Microsoft.OperationalInsights/workspaces/query/KubeEvents/read'], false],
    ['an ARM action', ['Microsoft.Network/privateDnsZones/read'], false],
  ])('%s', async (_name, denied, refused) => {
    const answer = await containerInsightsPreviousImage(() => createSandboxContainerInsights(logs, denied), [WORKSPACE])(request, signal);
    if (refused) expect(answer).toEqual({ unreadable: true, why: `Log Analytics could not be read (${REFUSED})`, source: expect.any(String) });
    else expect(answer).toMatchObject({ found: { tag: 'v1.7' } });
  });
});

describe('a world caller refused the query on one workspace only (caller.deniedAt at or above it)', () => {
  it.each<[string, Record<string, string[]>, boolean]>([
    ['this workspace', { [WORKSPACE]: ['Microsoft.OperationalInsights/workspaces/query/read'] }, true],
    ['another workspace', { '00000000-0000-4000-8000-0000000000ff': ['Microsoft.OperationalInsights/workspaces/query/read'] }, false],
  ])('%s', async (_name, deniedAt, refused) => {
    const answer = await containerInsightsPreviousImage(() => createSandboxContainerInsights(logs, [], deniedAt), [WORKSPACE])(request, signal);
    if (refused) expect(answer).toEqual({ unreadable: true, why: `Log Analytics could not be read (${REFUSED})`, source: expect.any(String) });
    else expect(answer).toMatchObject({ found: { tag: 'v1.7' } });
  });
});

describe('Log Analytics on the wire (LogsQueryClient against a local query API)', () => {
  // POST /v1/workspaces/{id}/query → { tables: [{ name, columns: [{ name, type }], rows }] }:
  // https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format
  let server: Awaited<ReturnType<typeof startLogAnalyticsServer>>;
  let insights: ContainerInsightsPort;
  let answer: { status: number; json: unknown } = { status: 500, json: {} };
  const columns = [['PreviousTag', 'string'], ['LastRunning', 'datetime'], ['Pods', 'long'], ['Controller', 'string']].map(([name, type]) => ({ name, type }));
  const table = (rows: unknown[][]) => ({ status: 200, json: { tables: [{ name: 'PrimaryResult', columns, rows }] } });
  const sent = () => server.seen.map((s) => ({ url: s.url, query: s.body.query, timespan: s.body.timespan }));

  beforeAll(async () => {
    server = await startLogAnalyticsServer();
    server.answer(() => answer);
    insights = server.insights;
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
  });

  it('sends the rendered template over the look-back window and types the one row', async () => {
    answer = table([['v1.7', '2026-11-25T21:00:00Z', 2, 'web-5f6d7c8b9a']]);
    const lookup = containerInsightsPreviousImage(() => insights, [WORKSPACE]);
    expect(await lookup(request, signal)).toEqual({ found: { tag: 'v1.7', lastRunning: '2026-11-25T21:00:00.000Z', pods: 2, controller: 'web-5f6d7c8b9a' }, workload: 'Deployment/web', source: `Container insights (KubePodInventory, ContainerInventory), workspace ${WORKSPACE}` });
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.url).toBe(`/v1/workspaces/${WORKSPACE}/query`);
    expect(sent()[0]!.query).toBe(previousImageQuery({ ...window, ...filter('Deployment', 'web') }));
    expect(sent()[0]!.timespan).toMatch(/^2026-11-18T21:30:00(\.000)?Z\/2026-11-25T21:30:00(\.000)?Z$/);
  });

  it('no row is no previous tag; a row Log Analytics should not send, a 403 or a partial result is "could not be read"', async () => {
    answer = table([]);
    expect(await insights.previousImage(params())).toBeUndefined();
    const lookup = containerInsightsPreviousImage(() => insights, [WORKSPACE]);
    answer = table([["v1.7' | take 1", '2026-11-25T21:00:00Z', 2, 'x']]);
    expect(await lookup(request, signal)).toMatchObject({ unreadable: true, why: expect.stringMatching(/unexpected previous image row 0/) });
    answer = { status: 403, json: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access to perform the requested operation' } } };
    // The 403 names no action: the answer names the one the query needs and the role that grants it.
    expect(await lookup(request, signal)).toMatchObject({ unreadable: true, why: expect.stringContaining(REFUSED) });
    answer = { ...table([]), json: { ...(table([]).json as object), error: { code: 'PartialError', message: 'query exceeded the row limit' } } };
    expect(await lookup(request, signal)).toMatchObject({ unreadable: true, why: expect.stringMatching(/partial result for previousImage/) });
  });
});
