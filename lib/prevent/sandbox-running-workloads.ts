import type { WorldLogs } from '../logs/sandbox-container-insights';
import { runningImagesQuery } from './inventory-kql';
import { workloadsFromRows, type InventoryParams, type RunningWorkload, type RunningWorkloadsPort } from './running-workloads';

type Row = Record<string, unknown>;
const str = (row: Row, column: string): string => (typeof row[column] === 'string' ? (row[column] as string) : row[column] == null ? '' : String(row[column]));
const time = (row: Row): number | undefined => {
  const t = Date.parse(str(row, 'TimeGenerated'));
  return Number.isNaN(t) ? undefined : t;
};

/** `summarize arg_max(TimeGenerated, …) by key` over rows inside the window (rows without a time count as inside). */
function latest(rows: Row[], params: InventoryParams, key: (r: Row) => string): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const t = time(r);
    if (t !== undefined && (t < params.start.getTime() || t > params.end.getTime())) continue;
    const k = key(r);
    const prev = out.get(k);
    if (!prev || (t ?? 0) >= (time(prev) ?? 0)) out.set(k, r);
  }
  return out;
}

/**
 * The inventory query answered from a sandbox world's Container insights rows, with the filters the
 * KQL applies (inventory-kql.ts). The template is rendered first, so a value the grammar refuses is
 * refused here as it would be before reaching Log Analytics.
 */
export class WorldRunningWorkloads implements RunningWorkloadsPort {
  queries = 0;
  constructor(private readonly logs: WorldLogs) {}

  async running(params: InventoryParams, options?: { signal?: AbortSignal }): Promise<RunningWorkload[]> {
    options?.signal?.throwIfAborted();
    runningImagesQuery(params);
    this.queries++;
    const ws = this.logs[params.workspaceId] ?? {};
    const pods = latest(ws['KubePodInventory'] ?? [], params, (r) => str(r, 'ContainerID'));
    const images = latest(ws['ContainerInventory'] ?? [], params, (r) => str(r, 'ContainerID'));
    const nodes = latest(ws['KubeNodeInventory'] ?? [], params, (r) => str(r, 'Computer'));
    const registries = (params.registries ?? []).map((r) => r.toLowerCase());
    const groups = new Map<string, Row & { pods: Set<string>; pools: Set<string> }>();
    for (const [containerId, pod] of pods) {
      if (!containerId || str(pod, 'PodStatus') !== 'Running') continue;
      if (params.cluster && str(pod, 'ClusterId').toLowerCase() !== params.cluster.toLowerCase()) continue;
      const image = images.get(containerId);
      if (!image) continue;
      if (registries.length && !registries.includes(str(image, 'Repository').toLowerCase())) continue;
      if (params.repository && str(image, 'Image') !== params.repository) continue;
      if (params.tags?.length && !params.tags.includes(str(image, 'ImageTag'))) continue;
      const workload = str(pod, 'ControllerKind') ? `${str(pod, 'ControllerKind')}/${str(pod, 'ControllerName')}` : `Pod/${str(pod, 'Name')}`;
      const container = str(pod, 'ContainerName').split('/')[1] ?? '';
      const key = [str(pod, 'ClusterId'), str(pod, 'Namespace'), workload, container, str(image, 'Repository'), str(image, 'Image'), str(image, 'ImageTag')].join('\u0000');
      const group = groups.get(key) ?? {
        ClusterId: str(pod, 'ClusterId'),
        Namespace: str(pod, 'Namespace'),
        Workload: workload,
        Container: container,
        Repository: str(image, 'Repository'),
        Image: str(image, 'Image'),
        ImageTag: str(image, 'ImageTag'),
        pods: new Set<string>(),
        pools: new Set<string>(),
      };
      group.pods.add(str(pod, 'Name'));
      const pool = agentPool(nodes.get(str(pod, 'Computer')));
      if (pool) group.pools.add(pool);
      groups.set(key, group);
    }
    const rows = [...groups.values()].map(({ pods: names, pools, ...row }) => ({ ...row, Pods: names.size, NodePools: [...pools] }));
    return workloadsFromRows(rows.sort((a, b) => b.Pods - a.Pods));
  }
}

function agentPool(node: Row | undefined): string | undefined {
  if (!node) return undefined;
  try {
    const labels: unknown = JSON.parse(str(node, 'Labels') || '[]');
    const first: unknown = Array.isArray(labels) ? labels[0] : labels;
    const pool = first && typeof first === 'object' ? (first as Record<string, unknown>)['agentpool'] : undefined;
    return typeof pool === 'string' && pool ? pool : undefined;
  } catch {
    return undefined;
  }
}
