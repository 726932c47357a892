import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { Logger } from '../intake/logger';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { SandboxEngine } from '../sandbox/diagnose-in-sandbox';
import type { World } from '../sandbox/world-schema';

export interface SandboxServices {
  diagnoser: Diagnoser;
  insights: ContainerInsightsPort;
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
 * job → chat path runs on a laptop without an Azure account. The sandbox code is loaded only here,
 * never in Azure (the setting is empty there).
 */
export function sandboxServices(worldName: string, log: Logger): SandboxServices {
  /* eslint-disable @typescript-eslint/no-require-imports -- the sandbox stack loads only in this local mode */
  const { loadWorld, WORLDS_DIR } = require('../sandbox/load-world') as typeof import('../sandbox/load-world');
  const { createSandboxContainerInsights } = require('../logs/sandbox-container-insights') as typeof import('../logs/sandbox-container-insights');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const file = [worldName, join(WORLDS_DIR, `${worldName}.yaml`)].find((f) => f.endsWith('.yaml') && existsSync(f));
  if (!file) throw new Error(`PULL_DOCTOR_SANDBOX_WORLD: no world "${worldName}" (a name under lib/sandbox/worlds or a .yaml file)`);
  const world: World = loadWorld(file);
  let started: Promise<SandboxEngine> | undefined;
  const start = async (): Promise<SandboxEngine> => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSandboxEngine } = require('../sandbox/diagnose-in-sandbox') as typeof import('../sandbox/diagnose-in-sandbox');
    const engine = await startSandboxEngine(world);
    running.add(engine);
    log.warn(`sandbox: diagnosing against world ${worldName} (ARM ${engine.sandbox.arm.url}, registry ${engine.sandbox.registry.url}), not Azure`);
    return engine;
  };
  return {
    diagnoser: {
      async diagnose(failure, options) {
        started ??= start();
        return (await started).engine.diagnose(failure, options);
      },
    },
    insights: createSandboxContainerInsights(world.logs),
  };
}
