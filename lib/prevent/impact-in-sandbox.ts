import type { Change, ImpactReport } from '../model';
import { startSandboxEngine, type SandboxEngine } from '../sandbox/diagnose-in-sandbox';
import type { Sandbox, SandboxOptions } from '../sandbox/start-sandbox';
import type { World } from '../sandbox/world-schema';
import { foldChanges } from './fold-changes';
import { createImpactAnalyzer, type ImpactEngine } from './impact-analyzer';
import { parseChangeEvents, type ParsedChangeEvent } from './parse-change-events';
import { WorldRunningWorkloads } from './sandbox-running-workloads';
import { applyChangesToWorld } from './world-change';

export interface SandboxImpact {
  /** Every event of the world's `change`, as intake read it. */
  events: ParsedChangeEvent[];
  /** One report per change after debouncing. */
  reports: ImpactReport[];
}

/** The impact analyzer over a started sandbox engine and the world's Container insights rows. */
export function sandboxImpactAnalyzer(world: World, started: Pick<SandboxEngine, 'sandbox' | 'engine'>, options: { maxRechecks?: number } = {}): ImpactEngine {
  const { sandbox, engine } = started;
  return createImpactAnalyzer({
    engine,
    inventory: new WorldRunningWorkloads(world.logs),
    workspaceIds: Object.keys(world.logs),
    maxRechecks: options.maxRechecks,
    requestCounts: () => ({ ...sandbox.azure.requestCounts(), registry: sandbox.registry.clients.requestCount() }),
  });
}

/** An impact analyzer wired to a (changed) world's sandbox servers and Container insights rows. */
export async function startSandboxImpact(world: World, options: SandboxOptions & { maxRechecks?: number } = {}): Promise<{ analyzer: ImpactEngine; sandbox: Sandbox; stop(): Promise<void> }> {
  const started = await startSandboxEngine(world, options);
  return { analyzer: sandboxImpactAnalyzer(world, started, options), sandbox: started.sandbox, stop: started.stop };
}

/**
 * Intake → impact on the sandbox: the world's `change` events are parsed and debounced exactly as
 * the Event Grid function does, the world is moved to the state after the change, and the impact
 * analysis runs against the sandbox servers with the real engine and the world's Container insights rows.
 */
export async function impactInSandbox(world: World, options: SandboxOptions & { file?: string; maxRechecks?: number } = {}): Promise<SandboxImpact> {
  const events = await parseChangeEvents(world.change ?? []);
  const changes: Change[] = foldChanges(events.flatMap((e) => (e.kind === 'change' ? [e.change] : [])));
  if (changes.length === 0) return { events, reports: [] };
  const { analyzer, stop } = await startSandboxImpact(applyChangesToWorld(world, changes, options.file), options);
  try {
    const reports: ImpactReport[] = [];
    for (const change of changes) reports.push(await analyzer.analyze(change));
    return { events, reports };
  } finally {
    await stop();
  }
}
