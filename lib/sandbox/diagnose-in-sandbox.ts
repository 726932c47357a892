import type { Diagnosis, PullFailure } from '../model';
import type { DiagnoseOptions } from '../diagnosis/diagnoser';
import { createEngine, type Engine, type EngineOptions } from '../diagnosis/engine';
import { containerInsightsPreviousImage } from '../logs/previous-image';
import { createSandboxContainerInsights } from '../logs/sandbox-container-insights';
import { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox';
import type { World } from './world-schema';
import { queryDeniedAtWorkspace } from './query-denials';

export interface SandboxEngine {
  sandbox: Sandbox;
  engine: Engine;
  stop(): Promise<void>;
}

/** Starts a world's sandbox and an engine wired to it (the same engine code that runs against Azure). */
export async function startSandboxEngine(
  world: World,
  options: SandboxOptions & Pick<EngineOptions, 'checkTimeoutMs' | 'cacheTtlMs' | 'checks' | 'maxConcurrency' | 'maxConcurrentLookups' | 'egress' | 'inCluster' | 'previousImage'> = {},
): Promise<SandboxEngine> {
  const sandbox = await startSandbox(world, options);
  const insights = createSandboxContainerInsights(world.logs, world.caller.deniedActions, queryDeniedAtWorkspace(world));
  const engine = createEngine({
    azure: sandbox.azure,
    registries: sandbox.registry.clients,
    checkTimeoutMs: options.checkTimeoutMs,
    cacheTtlMs: options.cacheTtlMs,
    checks: options.checks,
    maxConcurrency: options.maxConcurrency,
    maxConcurrentLookups: options.maxConcurrentLookups,
    // The same policy as in Azure: the world's ACRs are reached because the sandbox ARM resolves them.
    egress: options.egress,
    // PULL_DOCTOR_IN_CLUSTER as the world states it (off without a `cluster:` section); commands are kept off stderr.
    inCluster: options.inCluster ?? { mode: world.cluster?.mode ?? 'off', pollIntervalMs: 5, onCommand: () => undefined },
    // What ACR ImageDeleted events would have told the incident store.
    deletedTags: async (loginServer, repository) =>
      (world.registries[loginServer]?.deletedTags ?? []).filter((d) => d.repository === repository).map(({ tag, deletedAt }) => ({ tag, deletedAt })),
    // The world's Container insights rows answer the same query Log Analytics would (its workspaces = PULL_DOCTOR_WORKSPACE_IDS).
    previousImage:
      options.previousImage ??
      // A world's clock stops at its failure's lastSeen (worlds/README.md), so look-backs are measured from there.
      containerInsightsPreviousImage(() => insights, Object.keys(world.logs), { now: () => Date.parse(world.failure.lastSeen ?? '') || Date.now() }),
  });
  return { sandbox, engine, stop: () => sandbox.stop() };
}

/** One diagnosis of the world's failure (or another failure in the same world), servers stopped afterwards. */
export async function diagnoseInSandbox(
  world: World,
  options: SandboxOptions & DiagnoseOptions & Pick<EngineOptions, 'inCluster' | 'previousImage'> & { failure?: PullFailure; checkTimeoutMs?: number } = {},
): Promise<Diagnosis> {
  const { engine, stop } = await startSandboxEngine(world, options);
  try {
    return await engine.diagnose(options.failure ?? world.failure, options);
  } finally {
    await stop();
  }
}
