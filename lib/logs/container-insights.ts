import { z } from 'zod';
import type { LogsQueryClient, LogsTable } from '@azure/monitor-query-logs';
import type { PullFailure } from '../model';
import { isGuid } from '../intake/names';
import { failingPodsQuery, nodeLabelsQuery, podDetailsQuery, previousImageQuery, type PreviousImageFilter, type TimeWindow } from './kql-templates';

/**
 * The Container insights port: what pull-doctor reads from Log Analytics. Two row sources sit
 * behind it — Log Analytics through `@azure/monitor-query-logs` (this file) and a sandbox world's
 * `logs` (sandbox-container-insights.ts) — and both rows go through the same zod parsing here.
 */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface FailingPodsParams extends TimeWindow {
  /** Log Analytics workspace id (customerId GUID). */
  workspaceId: string;
  cluster?: string;
  namespace?: string;
  limit?: number;
}
export interface PodParams extends TimeWindow {
  workspaceId: string;
  cluster: string;
  namespace: string;
  pod: string;
}
export interface NodeParams extends TimeWindow {
  workspaceId: string;
  cluster: string;
  nodes: string[];
}

/** The failing workload and image, and the window to look back over (at most 31 days). */
export interface PreviousImageParams extends TimeWindow, PreviousImageFilter {
  workspaceId: string;
}

export interface PodDetails {
  /** `Kind/name` of the owning workload, when KubePodInventory knows it. */
  controller?: string;
  node?: string;
  containers: Array<{ name: string; status?: string; reason?: string; image?: string }>;
}
export interface NodeLabels {
  node: string;
  arch?: string;
  os?: string;
  agentPool?: string;
}

/** A tag of the failing repository the workload's containers ran before (Container insights). */
export interface PreviousImage {
  tag: string;
  /** When a container of the workload was last seen running it (ISO time). */
  lastRunning: string;
  /** Pods seen running it in the window. */
  pods: number;
  /** The controller that ran it (a Deployment's earlier ReplicaSet, e.g. `web-5f6d7c8b9a`). */
  controller?: string;
}

export interface ContainerInsightsPort {
  failingPods(params: FailingPodsParams, options?: CallOptions): Promise<PullFailure[]>;
  podDetails(params: PodParams, options?: CallOptions): Promise<PodDetails | undefined>;
  nodeLabels(params: NodeParams, options?: CallOptions): Promise<NodeLabels[]>;
  /** The tag the workload last ran before the failing one; undefined when the window shows none. */
  previousImage(params: PreviousImageParams, options?: CallOptions): Promise<PreviousImage | undefined>;
}

export type QueryKind = 'failingPods' | 'podDetails' | 'nodeLabels' | 'previousImage';
export type QueryParams = { failingPods: FailingPodsParams; podDetails: PodParams; nodeLabels: NodeParams; previousImage: PreviousImageParams };

/** Where rows come from: runs one template and returns its projected rows as objects. */
export interface LogsRowSource {
  rows<K extends QueryKind>(kind: K, params: QueryParams[K], options?: CallOptions): Promise<Array<Record<string, unknown>>>;
}

const time = z.union([z.date(), z.string().min(1)]).transform((v) => (v instanceof Date ? v : new Date(v)).toISOString());
const text = z.string().nullish().transform((v) => (v ? v : undefined));
const FailingPodRow = z.object({
  ClusterId: text,
  Namespace: z.string().min(1),
  Pod: z.string().min(1),
  Image: z.string().min(1),
  Reason: text,
  Message: text,
  Node: text,
  FirstSeen: time.nullish(),
  LastSeen: time.nullish(),
  Count: z.number().nonnegative().nullish(),
});
const PodContainerRow = z.object({
  Container: z.string(),
  ControllerKind: text,
  ControllerName: text,
  Node: text,
  ContainerStatus: text,
  ContainerStatusReason: text,
  Image: text,
  ImageTag: text,
  Repository: text,
});
const NodeLabelRow = z.object({ Node: z.string().min(1), Arch: text, Os: text, AgentPool: text });
const PreviousImageRow = z.object({
  PreviousTag: z.string().regex(/^[\w][\w.-]{0,127}$/),
  LastRunning: time,
  Pods: z.coerce.number().int().nonnegative(),
  Controller: text,
});

function parseRows<T extends z.ZodTypeAny>(schema: T, rows: Array<Record<string, unknown>>, what: string): Array<z.infer<T>> {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`unexpected ${what} row ${i} from Log Analytics: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data as z.infer<T>;
  });
}

function requireWorkspace(workspaceId: string): void {
  if (!isGuid(workspaceId)) throw new Error(`not a valid Log Analytics workspace id: ${JSON.stringify(workspaceId)}`);
}

/** Typed reads over any row source. */
export class ContainerInsights implements ContainerInsightsPort {
  constructor(private readonly source: LogsRowSource) {}

  async failingPods(params: FailingPodsParams, options?: CallOptions): Promise<PullFailure[]> {
    requireWorkspace(params.workspaceId);
    const rows = parseRows(FailingPodRow, await this.source.rows('failingPods', params, options), 'failing pod');
    return rows.map((r) => ({
      cluster: r.ClusterId ?? params.cluster,
      namespace: r.Namespace,
      pod: r.Pod,
      image: r.Image,
      reason: r.Reason,
      message: r.Message,
      node: r.Node,
      firstSeen: r.FirstSeen ?? undefined,
      lastSeen: r.LastSeen ?? undefined,
      count: r.Count == null ? undefined : Math.round(r.Count),
      source: 'alert' as const,
    }));
  }

  async podDetails(params: PodParams, options?: CallOptions): Promise<PodDetails | undefined> {
    requireWorkspace(params.workspaceId);
    const rows = parseRows(PodContainerRow, await this.source.rows('podDetails', params, options), 'pod');
    if (rows.length === 0) return undefined;
    const first = rows[0]!;
    return {
      controller: first.ControllerKind && first.ControllerName ? `${first.ControllerKind}/${first.ControllerName}` : undefined,
      node: first.Node,
      containers: rows.map((r) => ({
        name: r.Container,
        status: r.ContainerStatus,
        reason: r.ContainerStatusReason,
        image: r.Image ? (r.Repository ? `${r.Repository}/${r.Image}` : r.Image) + (r.ImageTag ? `:${r.ImageTag}` : '') : undefined,
      })),
    };
  }

  async nodeLabels(params: NodeParams, options?: CallOptions): Promise<NodeLabels[]> {
    requireWorkspace(params.workspaceId);
    const rows = parseRows(NodeLabelRow, await this.source.rows('nodeLabels', params, options), 'node');
    return rows.map((r) => ({ node: r.Node, arch: r.Arch, os: r.Os, agentPool: r.AgentPool }));
  }

  async previousImage(params: PreviousImageParams, options?: CallOptions): Promise<PreviousImage | undefined> {
    requireWorkspace(params.workspaceId);
    const rows = parseRows(PreviousImageRow, await this.source.rows('previousImage', params, options), 'previous image');
    // The query ends in `top 1`; more rows would be a different query.
    if (rows.length > 1) throw new Error(`unexpected ${rows.length} previous image rows from Log Analytics (expected at most 1)`);
    const row = rows[0];
    return row && { tag: row.PreviousTag, lastRunning: row.LastRunning, pods: row.Pods, ...(row.Controller ? { controller: row.Controller } : {}) };
  }
}

/** Renders the template for a query kind (validating every value). */
export function renderQuery<K extends QueryKind>(kind: K, params: QueryParams[K]): string {
  switch (kind) {
    case 'failingPods':
      return failingPodsQuery(params as FailingPodsParams);
    case 'podDetails':
      return podDetailsQuery(params as PodParams);
    case 'previousImage':
      return previousImageQuery(params as PreviousImageParams);
    default:
      return nodeLabelsQuery(params as NodeParams);
  }
}

function tableToObjects(table: LogsTable): Array<Record<string, unknown>> {
  const names = table.columnDescriptors.map((c, i) => c.name ?? `column${i}`);
  return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
}

/** Log Analytics through the official SDK (client from AzureClients.logs(), created once). */
export class LogAnalyticsRowSource implements LogsRowSource {
  constructor(private readonly client: LogsQueryClient) {}

  async rows<K extends QueryKind>(kind: K, params: QueryParams[K], options?: CallOptions): Promise<Array<Record<string, unknown>>> {
    const query = renderQuery(kind, params);
    const result = await this.client.queryWorkspace(
      params.workspaceId,
      query,
      // The query filters TimeGenerated itself; the timespan keeps the service from scanning more.
      { startTime: params.start, endTime: params.end },
      { abortSignal: options?.signal, serverTimeoutInSeconds: 60 },
    );
    if (result.status !== 'Success') {
      throw new Error(`Log Analytics returned a partial result for ${kind}: ${result.partialError.message ?? result.partialError.code}`);
    }
    const table = result.tables[0];
    return table ? tableToObjects(table) : [];
  }
}

export function createLogAnalyticsContainerInsights(client: LogsQueryClient): ContainerInsightsPort {
  return new ContainerInsights(new LogAnalyticsRowSource(client));
}
