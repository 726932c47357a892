import type { ImpactReport } from '../model';
import { foldChanges } from '../prevent/fold-changes';
import type { ImpactEngine } from '../prevent/impact-analyzer';
import { sandboxImpactAnalyzer } from '../prevent/impact-in-sandbox';
import { parseChangeEvents } from '../prevent/parse-change-events';
import { applyChangesToWorld } from '../prevent/world-change';
import { startSandboxEngine } from '../sandbox/diagnose-in-sandbox';
import type { SandboxOptions } from '../sandbox/start-sandbox';
import type { World } from '../sandbox/world-schema';
import { auditCluster } from './audit';

/** Clusters running pods in the world's Container insights rows, and the newest row time (the sandbox's "now"). */
export function worldInventory(world: World): { clusters: string[]; now: Date } {
  const clusters = new Map<string, string>();
  let newest = 0;
  for (const tables of Object.values(world.logs)) {
    for (const row of tables['KubePodInventory'] ?? []) {
      if (typeof row.ClusterId === 'string') clusters.set(row.ClusterId.toLowerCase(), row.ClusterId);
    }
    for (const rows of Object.values(tables)) for (const row of rows) newest = Math.max(newest, Date.parse(String(row.TimeGenerated ?? '')) || 0);
  }
  return { clusters: [...clusters.values()], now: new Date(newest > 0 ? newest + 60_000 : Date.now()) };
}

/** The world as it is after its `change:` (when it has one), with an impact engine on its sandbox; stop() ends the servers. */
export async function startSandboxImpact(world: World, options: SandboxOptions & { file?: string } = {}): Promise<{ engine: ImpactEngine; world: World; now: Date; stop(): Promise<void> }> {
  const events = world.change ? await parseChangeEvents(world.change) : [];
  const changes = foldChanges(events.flatMap((e) => (e.kind === 'change' ? [e.change] : [])));
  const after = world.change ? applyChangesToWorld(world, changes, options.file) : world;
  const started = await startSandboxEngine(after, options);
  const impact = sandboxImpactAnalyzer(after, started);
  const { stop } = started;
  return { engine: impact, world: after, now: worldInventory(after).now, stop };
}

/**
 * `audit --world`: the world as it is (after its `change:`, when it has one) audited on the sandbox
 * with the real engine and the world's Container insights rows, one report per cluster.
 */
export async function auditInSandbox(
  world: World,
  options: SandboxOptions & { file?: string; cluster?: string } = {},
): Promise<Array<{ cluster: string; report: ImpactReport }>> {
  const { engine, world: now, now: at, stop } = await startSandboxImpact(world, options);
  const inventory = worldInventory(now);
  const wanted = options.cluster?.toLowerCase();
  const clusters = wanted ? [inventory.clusters.find((c) => c.toLowerCase() === wanted || c.toLowerCase().endsWith(`/${wanted}`)) ?? options.cluster!] : inventory.clusters;
  try {
    const out: Array<{ cluster: string; report: ImpactReport }> = [];
    for (const cluster of clusters) out.push({ cluster, report: await auditCluster(engine, cluster, { at }) });
    return out;
  } finally {
    await stop();
  }
}
