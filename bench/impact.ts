import path from 'node:path';
import type { ImpactReport } from '../lib/model';
import { foldChanges } from '../lib/prevent/fold-changes';
import { createImpactAnalyzer } from '../lib/prevent/impact-analyzer';
import { parseChangeEvents } from '../lib/prevent/parse-change-events';
import type { WarningPort } from '../lib/prevent/ports';
import type { InventoryParams, RunningWorkloadsPort } from '../lib/prevent/running-workloads';
import { WorldRunningWorkloads } from '../lib/prevent/sandbox-running-workloads';
import { applyChangesToWorld } from '../lib/prevent/world-change';
import { startSandboxEngine } from '../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';
import type { World } from '../lib/sandbox/world-schema';

/** The world's running web pods replaced by `pods` pods of the same Deployment (one image). */
function withWebPods(world: World, pods: number): World {
  const copy = structuredClone(world);
  const ws = copy.logs['55555555-5555-5555-5555-555555555555']!;
  const template = ws['KubePodInventory']!.find((r) => r['Name'] === 'web-7d9c5b8f6d-4kq7x')!;
  const image = ws['ContainerInventory']!.find((r) => r['ContainerHostname'] === 'web-7d9c5b8f6d-4kq7x')!;
  const others = (rows: Array<Record<string, unknown>>, key: string) => rows.filter((r) => !String(r[key]).startsWith('web-'));
  const ids = Array.from({ length: pods }, (_, i) => ({ name: `web-7d9c5b8f6d-b${String(i).padStart(4, '0')}`, cid: `be${String(i).padStart(62, '0')}` }));
  ws['KubePodInventory'] = [...others(ws['KubePodInventory']!, 'Name'), ...ids.map(({ name, cid }) => ({ ...template, Name: name, ContainerID: cid }))];
  ws['ContainerInventory'] = [...others(ws['ContainerInventory']!, 'ContainerHostname'), ...ids.map(({ name, cid }) => ({ ...image, ContainerHostname: name, ContainerID: cid }))];
  return copy;
}

/** Log Analytics answers in about as long as any other request: the same injected delay per query. */
function delayed(port: RunningWorkloadsPort, ms: number): RunningWorkloadsPort {
  return {
    get queries() {
      return port.queries;
    },
    running: async (params: InventoryParams, options) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return port.running(params, options);
    },
  };
}

async function measure(world: World, delayMs: number): Promise<{ ms: number; report: ImpactReport; published: number }> {
  const events = world.change;
  const parsedForSetup = await parseChangeEvents(events);
  // The sandbox holds the estate as it is after the change (in Azure the change has already happened).
  const after = applyChangesToWorld(world, parsedForSetup.flatMap((p) => (p.kind === 'change' ? [p.change] : [])));
  const { sandbox, engine, stop } = await startSandboxEngine(after, { faults: [{ route: '.*', server: 'any', delayMs }] });
  let published = 0;
  const warnings: WarningPort = { publish: async () => void published++ };
  try {
    const analyzer = createImpactAnalyzer({
      engine,
      inventory: delayed(new WorldRunningWorkloads(after.logs), delayMs),
      workspaceIds: Object.keys(after.logs),
      requestCounts: () => ({ ...sandbox.azure.requestCounts(), registry: sandbox.registry.clients.requestCount() }),
    });
    const t0 = performance.now();
    const parsed = await parseChangeEvents(events);
    const [change] = foldChanges(parsed.flatMap((p) => (p.kind === 'change' ? [p.change] : [])));
    const report = await analyzer.analyze(change!);
    await warnings.publish(report);
    return { ms: performance.now() - t0, report, published };
  } finally {
    await stop();
  }
}

/**
 * Issue 18: change event → ImpactReport → warning published (counting WarningPort), on the sandbox
 * with `delayMs` injected on every ARM, registry and Log Analytics request. Target: a single tag
 * delete affecting 50 pods within 2 s.
 */
export async function runImpactBench(options: { delayMs?: number; repeats?: number } = {}): Promise<Record<string, number | string>> {
  const delayMs = options.delayMs ?? 100;
  const repeats = options.repeats ?? 3;
  const load = (name: string) => loadWorld(path.join(WORLDS_DIR, `${name}.yaml`));
  const scenarios: Array<[string, World]> = [
    ['tagDelete50Pods', withWebPods(load('change-tag-deleted'), 50)],
    ['firewall3Images', load('change-firewall-tightened')],
    ['arm64Pool3Images', load('change-arm64-pool-added')],
  ];
  const out: Record<string, number | string> = { injectedDelayMsPerRequest: delayMs, repeats };
  for (const [name, world] of scenarios) {
    const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
    for (let i = 0; i < repeats; i++) runs.push(await measure(world, delayMs));
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const { report } = median;
    out[`${name}Ms`] = Math.round(median.ms);
    out[`${name}AtRisk`] = `${report.atRisk.length} workload(s), ${report.atRisk.reduce((n, w) => n + w.pods, 0)} pods; ${median.published} warning published`;
    out[`${name}Requests`] = `logs ${report.requests.logs}, ARM ${report.requests.arm}, registry ${report.requests.registry} (${report.checked}/${report.considered} pairs re-checked)`;
  }
  return out;
}
