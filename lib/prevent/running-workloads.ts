import { z } from 'zod';
import type { LogsQueryClient, LogsTable } from '@azure/monitor-query-logs';
import { owningWorkload } from '../model/workload';
import { isGuid } from '../intake/names';
import type { TimeWindow } from '../logs/kql-templates';
import { runningImagesQuery, type InventoryFilter } from './inventory-kql';

/** A workload running an image now, as Container insights saw it in the window. */
export interface RunningWorkload {
  cluster: string;
  namespace: string;
  /** `Kind/name`, Deployments named as such (not their ReplicaSets). */
  workload: string;
  /** The container of the pod template that runs the image (for `kubectl set image`). */
  container?: string;
  pods: number;
  /** `registry/repository:tag` as the pod runs it. */
  image: string;
  nodePools: string[];
}

export interface InventoryParams extends TimeWindow, InventoryFilter {
  workspaceId: string;
}

/** Where running workloads come from: Log Analytics (here) or a sandbox world (sandbox-running-workloads.ts). */
export interface RunningWorkloadsPort {
  running(params: InventoryParams, options?: { signal?: AbortSignal }): Promise<RunningWorkload[]>;
  /** Queries sent so far. */
  readonly queries: number;
}

const text = z.string().nullish().transform((v) => v ?? '');
const InventoryRow = z.object({
  ClusterId: z.string().min(1).max(1000),
  Namespace: z.string().min(1).max(253),
  Workload: z.string().min(1).max(600),
  Container: text,
  Repository: text,
  Image: z.string().min(1).max(1024),
  ImageTag: text,
  Pods: z.coerce.number().int().nonnegative(),
  NodePools: z.union([z.array(z.unknown()), z.string()]).nullish(),
});

function pools(value: unknown): string[] {
  const list: unknown = typeof value === 'string' ? safeJson(value) : value;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && p !== '').sort() : [];
}
function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return [];
  }
}

/** Rows of the inventory query → running workloads; ReplicaSets of one Deployment are added up. */
export function workloadsFromRows(rows: ReadonlyArray<Record<string, unknown>>): RunningWorkload[] {
  const out = new Map<string, RunningWorkload>();
  rows.forEach((raw, i) => {
    const parsed = InventoryRow.safeParse(raw);
    if (!parsed.success) throw new Error(`unexpected inventory row ${i} from Log Analytics: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const r = parsed.data;
    const image = `${r.Repository ? `${r.Repository.toLowerCase()}/` : ''}${r.Image}${r.ImageTag ? `:${r.ImageTag}` : ''}`;
    const workload = owningWorkload(r.Workload) ?? r.Workload;
    const key = [r.ClusterId.toLowerCase(), r.Namespace, workload, r.Container, image].join('\u0000');
    const prev = out.get(key);
    if (prev) {
      prev.pods += r.Pods;
      prev.nodePools = [...new Set([...prev.nodePools, ...pools(r.NodePools)])].sort();
    } else out.set(key, { cluster: r.ClusterId, namespace: r.Namespace, workload, ...(r.Container ? { container: r.Container } : {}), pods: r.Pods, image, nodePools: pools(r.NodePools) });
  });
  return [...out.values()];
}

function tableToObjects(table: LogsTable): Array<Record<string, unknown>> {
  const names = table.columnDescriptors.map((c, i) => c.name ?? `column${i}`);
  return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
}

/** Log Analytics through `@azure/monitor-query-logs` (the client from AzureClients.logs(), created once). */
export class LogAnalyticsRunningWorkloads implements RunningWorkloadsPort {
  queries = 0;
  constructor(private readonly client: LogsQueryClient) {}

  async running(params: InventoryParams, options?: { signal?: AbortSignal }): Promise<RunningWorkload[]> {
    if (!isGuid(params.workspaceId)) throw new Error(`not a valid Log Analytics workspace id: ${JSON.stringify(params.workspaceId)}`);
    const query = runningImagesQuery(params);
    this.queries++;
    const result = await this.client.queryWorkspace(
      params.workspaceId,
      query,
      { startTime: params.start, endTime: params.end },
      { abortSignal: options?.signal, serverTimeoutInSeconds: 60 },
    );
    if (result.status !== 'Success') throw new Error(`Log Analytics returned a partial inventory: ${result.partialError.message ?? result.partialError.code}`);
    return workloadsFromRows(result.tables[0] ? tableToObjects(result.tables[0]) : []);
  }
}
