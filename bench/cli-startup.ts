import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 16: how long a CLI command takes from process start to exit, fresh process each time
 * (median of 5), next to a bare `node -e ""` on the same machine. `classify` and `parse-image`
 * load no Azure or chat SDK (test/cli/lazy-loading.test.ts keeps it so); target ≤ 150 ms.
 * Beside the wall time, the process's own CPU time (bench/cpu-at-exit.cjs): on a busy machine the
 * wall time measures the neighbours too.
 */
const MAIN = join(__dirname, '..', 'lib', 'cli', 'main.js');
const CPU_AT_EXIT = join(__dirname, '..', '..', 'bench', 'cpu-at-exit.cjs');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]!);
}

/** "wall ms / cpu ms", medians of `runs` fresh processes; throws when the command fails (exit code > 3). */
function timed(args: string[], dir: string, runs = 5): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuFile = join(dir, `cpu-${i}`);
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PULL_DOCTOR_BENCH_CPU_FILE: cpuFile } });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status === null || result.status > 3) throw new Error(`${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`);
    cpu.push(Number(readFileSync(cpuFile, 'utf8')));
  }
  return `${median(wall)} / ${median(cpu)}`;
}

export async function runCliStartupBench(): Promise<Record<string, number | string>> {
  const message = 'failed to resolve reference "myacr.azurecr.io/app:v9": myacr.azurecr.io/app:v9: not found';
  const dir = mkdtempSync(join(tmpdir(), 'pull-doctor-cli-bench-'));
  const loadStart = loadavg()[0].toFixed(1);
  try {
    const result: Record<string, string> = {
      'node -e "": ms / cpuMs': timed(['-e', ''], dir),
      'classify --json: ms / cpuMs': timed([MAIN, 'classify', '--json', message], dir),
      'parse-image: ms / cpuMs': timed([MAIN, 'parse-image', 'myacr.azurecr.io/app:v1'], dir),
      '--version: ms / cpuMs': timed([MAIN, '--version'], dir),
      'diagnose --help: ms / cpuMs': timed([MAIN, 'diagnose', '--help'], dir),
      'incidents --help: ms / cpuMs': timed([MAIN, 'incidents', '--help'], dir),
    };
    return { 'loadAverage1m (start → end)': `${loadStart} → ${loadavg()[0].toFixed(1)}`, ...result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
