import { RestError } from '@azure/core-rest-pipeline';
import { actionMatches } from '../sandbox/arm/arm-path';
import { ContainerInsights, renderQuery, type ContainerInsightsPort, type LogsRowSource, type QueryKind, type QueryParams } from './container-insights';
import { CONTAINER_INSIGHTS_TABLES } from './container-insights-tables';
import { IMAGE_IN_MESSAGE_PATTERN, PULL_FAILURE_REASONS, REPLICASET_OF_DEPLOYMENT_PATTERN } from './kql-templates';

/** A world's `logs`: rows by workspace id, then by Container insights table. */
export type WorldLogs = Record<string, Record<string, Array<Record<string, unknown>>>>;

type Row = Record<string, unknown>;
const IMAGE_IN_MESSAGE = new RegExp(IMAGE_IN_MESSAGE_PATTERN);
const REPLICASET_OF_DEPLOYMENT = new RegExp(REPLICASET_OF_DEPLOYMENT_PATTERN);

function str(row: Row, column: string): string {
  const v = row[column];
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}
function ms(row: Row, column: string): number | undefined {
  const v = row[column];
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}
/** Rows without TimeGenerated count as inside every window: world files are written without clocks. */
function inWindow(row: Row, start: Date, end: Date): boolean {
  const t = ms(row, 'TimeGenerated');
  return t === undefined || (t >= start.getTime() && t <= end.getTime());
}
function sameCluster(row: Row, cluster: string | undefined): boolean {
  return !cluster || str(row, 'ClusterId').toLowerCase() === cluster.toLowerCase();
}
/** `summarize arg_max(column, …) by key` */
function latestBy(rows: Row[], key: (r: Row) => string, column: string): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const k = key(r);
    const prev = out.get(k);
    if (!prev || (ms(r, column) ?? 0) > (ms(prev, column) ?? 0)) out.set(k, r);
  }
  return out;
}

/**
 * Answers the Container insights templates from a sandbox world with the same filters the KQL
 * applies (lib/logs/kql-templates.ts). The template is rendered first, so invalid names are
 * rejected here exactly as they would be before reaching Log Analytics.
 */
export class WorldLogsRowSource implements LogsRowSource {
  queries = 0;
  /**
   * `deniedActions`: the world caller's (world README); a query action among them is refused as Log
   * Analytics refuses it. `deniedAtWorkspace`: actions refused on one workspace only (customerId →
   * actions, from the caller's `deniedAt` scopes at or above the workspace resource).
   */
  constructor(
    private readonly logs: WorldLogs,
    private readonly deniedActions: readonly string[] = [],
    private readonly deniedAtWorkspace: Readonly<Record<string, readonly string[]>> = {},
  ) {}

  private table(workspaceId: string, name: string): Row[] {
    const ws = this.logs[workspaceId] ?? this.logs[workspaceId.toLowerCase()];
    return ws?.[name] ?? [];
  }

  async rows<K extends QueryKind>(kind: K, params: QueryParams[K], options?: { signal?: AbortSignal }): Promise<Row[]> {
    options?.signal?.throwIfAborted();
    const query = renderQuery(kind, params);
    this.queries++;
    this.refuseDeniedQuery(query, (params as { workspaceId: string }).workspaceId);
    if (kind === 'failingPods') return this.failingPods(params as QueryParams['failingPods']);
    if (kind === 'podDetails') return this.podDetails(params as QueryParams['podDetails']);
    if (kind === 'previousImage') return this.previousImage(params as QueryParams['previousImage']);
    return this.nodeLabels(params as QueryParams['nodeLabels']);
  }

  /**
   * A query needs Microsoft.OperationalInsights/workspaces/query/read, or per table
   * …/query/<table>/read (https://learn.microsoft.com/azure/azure-monitor/logs/manage-access#set-table-level-read-access).
   * Without it the Log Analytics query API answers 403 InsufficientAccessError
   * (https://github.com/Azure/azure-sdk-for-js/blob/main/sdk/monitor/monitor-query-logs/TROUBLESHOOTING.md), which the
   * official client throws as a RestError with that status and code.
   */
  private refuseDeniedQuery(query: string, workspaceId: string): void {
    const denied = [...this.deniedActions, ...(this.deniedAtWorkspace[workspaceId.toLowerCase()] ?? [])];
    if (denied.length === 0) return;
    const tables = Object.keys(CONTAINER_INSIGHTS_TABLES).filter((t) => new RegExp(`\\b${t}\\b`).test(query));
    const actions = ['Microsoft.OperationalInsights/workspaces/query/read', ...tables.map((t) => `Microsoft.OperationalInsights/workspaces/query/${t}/read`)];
    if (!denied.some((pattern) => actions.some((action) => actionMatches(pattern, action)))) return;
    throw new RestError('The provided credentials have insufficient access to perform the requested operation', { code: 'InsufficientAccessError', statusCode: 403 });
  }

  private failingPods(p: QueryParams['failingPods']): Row[] {
    const groups = new Map<string, { latest: Row; image: string; first?: number; count: number }>();
    for (const r of this.table(p.workspaceId, 'KubeEvents')) {
      if (!inWindow(r, p.start, p.end) || !sameCluster(r, p.cluster)) continue;
      if (str(r, 'KubeEventType') !== 'Warning' || str(r, 'ObjectKind') !== 'Pod') continue;
      if (!(PULL_FAILURE_REASONS as readonly string[]).includes(str(r, 'Reason'))) continue;
      if (p.namespace && str(r, 'Namespace') !== p.namespace) continue;
      const image = IMAGE_IN_MESSAGE.exec(str(r, 'Message'))?.[1];
      if (!image) continue;
      const key = [str(r, 'ClusterId'), str(r, 'Namespace'), str(r, 'Name'), image].join('\u0000');
      const g = groups.get(key) ?? { latest: r, image, first: undefined, count: 0 };
      if ((ms(r, 'LastSeen') ?? 0) > (ms(g.latest, 'LastSeen') ?? 0)) g.latest = r;
      const first = ms(r, 'FirstSeen');
      if (first !== undefined && (g.first === undefined || first < g.first)) g.first = first;
      g.count += Number(r['Count'] ?? 1) || 0;
      groups.set(key, g);
    }
    return [...groups.values()]
      .map(({ latest, image, first, count }) => ({
        ClusterId: str(latest, 'ClusterId'),
        Namespace: str(latest, 'Namespace'),
        Pod: str(latest, 'Name'),
        Image: image,
        Reason: str(latest, 'Reason'),
        Message: str(latest, 'Message'),
        Node: str(latest, 'Computer'),
        FirstSeen: first === undefined ? undefined : new Date(first).toISOString(),
        LastSeen: latest['LastSeen'],
        Count: count,
      }))
      .sort((a, b) => (ms(b, 'LastSeen') ?? 0) - (ms(a, 'LastSeen') ?? 0))
      .slice(0, p.limit ?? 500);
  }

  private podDetails(p: QueryParams['podDetails']): Row[] {
    const pods = this.table(p.workspaceId, 'KubePodInventory').filter(
      (r) => inWindow(r, p.start, p.end) && sameCluster(r, p.cluster) && str(r, 'Namespace') === p.namespace && str(r, 'Name') === p.pod,
    );
    const byContainer = latestBy(pods, (r) => str(r, 'ContainerName').split('/')[1] ?? '', 'TimeGenerated');
    const images = latestBy(
      this.table(p.workspaceId, 'ContainerInventory').filter((r) => inWindow(r, p.start, p.end) && str(r, 'ContainerHostname') === p.pod),
      (r) => str(r, 'Name'),
      'TimeGenerated',
    );
    return [...byContainer].map(([container, r]) => {
      const img = images.get(container);
      return {
        Container: container,
        ControllerKind: str(r, 'ControllerKind'),
        ControllerName: str(r, 'ControllerName'),
        Node: str(r, 'Computer'),
        ContainerStatus: str(r, 'ContainerStatus'),
        ContainerStatusReason: str(r, 'ContainerStatusReason'),
        Image: img ? str(img, 'Image') : undefined,
        ImageTag: img ? str(img, 'ImageTag') : undefined,
        Repository: img ? str(img, 'Repository') : undefined,
      };
    });
  }

  /** previousImageQuery: running containers of the workload (KubePodInventory) ⋈ their image (ContainerInventory) on ContainerID. */
  private previousImage(p: QueryParams['previousImage']): Row[] {
    const ofWorkload = (r: Row): boolean =>
      p.workload.kind === 'Deployment'
        ? str(r, 'ControllerKind') === 'ReplicaSet' && REPLICASET_OF_DEPLOYMENT.exec(str(r, 'ControllerName'))?.[1] === p.workload.name
        : str(r, 'ControllerKind') === p.workload.kind && str(r, 'ControllerName') === p.workload.name;
    const running = new Map<string, Array<{ pod: string; controller: string; at: number }>>();
    for (const r of this.table(p.workspaceId, 'KubePodInventory')) {
      if (!inWindow(r, p.start, p.end) || !sameCluster(r, p.cluster) || str(r, 'Namespace') !== p.namespace || !ofWorkload(r)) continue;
      if (str(r, 'ContainerStatus').toLowerCase() !== 'running' || !str(r, 'ContainerID')) continue;
      const seen = running.get(str(r, 'ContainerID')) ?? [];
      seen.push({ pod: str(r, 'Name'), controller: str(r, 'ControllerName'), at: ms(r, 'TimeGenerated') ?? p.end.getTime() });
      running.set(str(r, 'ContainerID'), seen);
    }
    const byTag = new Map<string, { last: number; pods: Set<string>; controller: string }>();
    const counted = new Set<string>();
    for (const r of this.table(p.workspaceId, 'ContainerInventory')) {
      if (!inWindow(r, p.start, p.end)) continue;
      if (str(r, 'Repository').toLowerCase() !== p.registry.toLowerCase() || str(r, 'Image') !== p.repository) continue;
      const tag = str(r, 'ImageTag');
      const key = `${str(r, 'ContainerID')}\u0000${tag}`;
      if (!tag || tag === p.failingTag || counted.has(key)) continue; // `distinct ContainerID, ImageTag`
      counted.add(key);
      for (const seen of running.get(str(r, 'ContainerID')) ?? []) {
        const group = byTag.get(tag) ?? { last: 0, pods: new Set<string>(), controller: seen.controller };
        group.last = Math.max(group.last, seen.at);
        group.pods.add(seen.pod);
        byTag.set(tag, group);
      }
    }
    const newest = [...byTag].sort((a, b) => b[1].last - a[1].last)[0];
    return newest ? [{ PreviousTag: newest[0], LastRunning: new Date(newest[1].last).toISOString(), Pods: newest[1].pods.size, Controller: newest[1].controller }] : [];
  }

  private nodeLabels(p: QueryParams['nodeLabels']): Row[] {
    const wanted = new Set(p.nodes.map((n) => n.toLowerCase()));
    const nodes = this.table(p.workspaceId, 'KubeNodeInventory').filter(
      (r) => inWindow(r, p.start, p.end) && sameCluster(r, p.cluster) && wanted.has(str(r, 'Computer').toLowerCase()),
    );
    return [...latestBy(nodes, (r) => str(r, 'Computer'), 'TimeGenerated').values()].map((r) => {
      let labels: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(str(r, 'Labels') || '[]');
        const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
        if (first && typeof first === 'object') labels = first as Record<string, unknown>;
      } catch {
        // parse_json of bad JSON yields null in KQL; the columns then come out empty.
      }
      const label = (k: string) => (typeof labels[k] === 'string' ? (labels[k] as string) : '');
      return { Node: str(r, 'Computer'), Arch: label('kubernetes.io/arch'), Os: label('kubernetes.io/os'), AgentPool: label('agentpool') };
    });
  }
}

export function createSandboxContainerInsights(
  logs: WorldLogs,
  deniedActions: readonly string[] = [],
  deniedAtWorkspace: Readonly<Record<string, readonly string[]>> = {},
): ContainerInsightsPort & { source: WorldLogsRowSource } {
  const source = new WorldLogsRowSource(logs, deniedActions, deniedAtWorkspace);
  return Object.assign(new ContainerInsights(source), { source });
}
