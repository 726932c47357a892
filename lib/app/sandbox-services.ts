import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { Logger } from '../intake/logger';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { SandboxEngine } from '../sandbox/diagnose-in-sandbox';
import type { World } from '../sandbox/world-schema';
import type { ImpactEngine } from '../prevent/impact-analyzer';
import { onceAsync } from '../util/lazy';
import { lazyContainerInsights, lazyDiagnoser } from './lazy-ports';

export interface SandboxServices {
  diagnoser: Diagnoser;
  insights: ContainerInsightsPort;
  /** Impact analysis and the audit over the same sandbox engine and the world's Container insights rows. */
  impact(): Promise<ImpactEngine>;
}

/** Sandboxes started in this process, so a test (or a host shutting down) can stop their servers. */
const running = new Set<SandboxEngine>();

export async function stopSandboxServices(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((s) => s.stop()));
}

/**
 * `PULL_DOCTOR_SANDBOX_WORLD` (local runs, `npm run local`): the Functions app diagnoses against the
 * built-in sandbox — its HTTPS ARM and registry servers started in this process on the first
 * diagnosis — and reads the world's Container insights rows, so the whole alert/event → queue →
 * job → chat path runs on a laptop without an Azure account. The sandbox code (yaml, TLS, the
 * Resource Manager SDKs) is imported on first use (`await import`, lib/app/lazy-ports.ts), so it is
 * in no start-up chunk of the app, and never runs in Azure (the setting is refused there).
 */
export function sandboxServices(worldName: string, log: Logger): SandboxServices {
  const world = onceAsync(async (): Promise<World> => {
    const { loadWorld, WORLDS_DIR } = await import('../sandbox/load-world.js');
    const file = [worldName, join(WORLDS_DIR, `${worldName}.yaml`)].find((f) => f.endsWith('.yaml') && existsSync(f));
    if (!file) throw new Error(`PULL_DOCTOR_SANDBOX_WORLD: no world "${worldName}" (a name under lib/sandbox/worlds or a .yaml file)`);
    return loadWorld(file);
  });
  // One sandbox (ARM and registry servers) per process, shared by diagnoses and impact analysis.
  const started = onceAsync(async () => {
    const [loaded, { startSandboxEngine }] = await Promise.all([world(), import('../sandbox/diagnose-in-sandbox.js')]);
    const engine = await startSandboxEngine(loaded);
    running.add(engine);
    log.warn(`sandbox: diagnosing against world ${worldName} (ARM ${engine.sandbox.arm.url}, registry ${engine.sandbox.registry.url}), not Azure`);
    return { world: loaded, engine };
  });
  return {
    diagnoser: lazyDiagnoser(async () => (await started()).engine.engine),
    insights: lazyContainerInsights(async () => {
      const [loaded, { createSandboxContainerInsights }, { queryDeniedAtWorkspace }] = await Promise.all([
        world(),
        import('../logs/sandbox-container-insights.js'),
        import('../sandbox/query-denials.js'),
      ]);
      return createSandboxContainerInsights(loaded.logs, loaded.caller.deniedActions, queryDeniedAtWorkspace(loaded));
    }),
    impact: onceAsync(async () => {
      const [{ world: loaded, engine }, { sandboxImpactAnalyzer }] = await Promise.all([started(), import('../prevent/impact-in-sandbox.js')]);
      return sandboxImpactAnalyzer(loaded, engine);
    }),
  };
}
