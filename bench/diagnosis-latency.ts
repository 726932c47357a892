import { startSandboxEngine } from '../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';
import path from 'node:path';

/**
 * Issue 4's performance targets, measured on the sandbox with 100 ms injected on every request:
 * a cold diagnosis with the checks running concurrently vs. one after another, and the requests
 * a cold and a warm (within the cache TTL) diagnosis make.
 */
export async function runDiagnosisLatencyBench(options: { world?: string; delayMs?: number; repeats?: number } = {}): Promise<Record<string, number | string>> {
  const worldName = options.world ?? 'private-dns-replica-record-missing';
  const delayMs = options.delayMs ?? 100;
  const repeats = options.repeats ?? 3;
  const world = loadWorld(path.join(WORLDS_DIR, `${worldName}.yaml`));
  const faults = [{ route: '.*', server: 'any' as const, delayMs }];

  async function coldRun(serial: 'no' | 'checks' | 'checks-and-reads') {
    const running = await startSandboxEngine(world, {
      faults,
      cacheTtlMs: 60_000,
      maxConcurrency: serial === 'no' ? undefined : 1,
      maxConcurrentLookups: serial === 'checks-and-reads' ? 1 : undefined,
    });
    try {
      const t0 = performance.now();
      const d = await running.engine.diagnose(world.failure);
      return { ms: performance.now() - t0, diagnosis: d, running };
    } catch (e) {
      await running.stop();
      throw e;
    }
  }

  const parallel: number[] = [];
  const sequential: number[] = [];
  const serial: number[] = [];
  let cold = { arm: 0, registry: 0 };
  let warm = { arm: 0, registry: 0 };
  for (let i = 0; i < repeats; i++) {
    const p = await coldRun('no');
    parallel.push(p.ms);
    cold = { arm: p.diagnosis.requests.arm, registry: p.diagnosis.requests.registry };
    const again = await p.running.engine.diagnose(world.failure);
    warm = { arm: again.requests.arm, registry: again.requests.registry };
    await p.running.stop();
    const s = await coldRun('checks');
    sequential.push(s.ms);
    await s.running.stop();
    const n = await coldRun('checks-and-reads');
    serial.push(n.ms);
    await n.running.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const par = median(parallel);
  const seq = median(sequential);
  const naive = median(serial);
  return {
    world: worldName,
    injectedDelayMsPerRequest: delayMs,
    coldParallelMs: Math.round(par),
    coldChecksOneAfterAnotherMs: Math.round(seq),
    coldChecksAndReadsOneAfterAnotherMs: Math.round(naive),
    speedupOverOneCheckAtATime: Number((seq / par).toFixed(2)),
    speedupOverSerial: Number((naive / par).toFixed(2)),
    roundTripsOfWallTime: Number((par / delayMs).toFixed(1)),
    coldRequestsArm: cold.arm,
    coldRequestsRegistry: cold.registry,
    coldRequestsTotal: cold.arm + cold.registry,
    warmRequestsTotal: warm.arm + warm.registry,
  };
}
