import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Issue 16: how long a CLI command takes from process start to exit, fresh process each time
 * (median of 5), next to a bare `node -e ""` on the same machine. `classify` and `parse-image`
 * load no Azure or chat SDK (test/cli/lazy-loading.test.ts keeps it so); target ≤ 150 ms.
 */
const MAIN = join(__dirname, '..', 'lib', 'cli', 'main.js');

function medianMs(args: string[], runs = 5): { ms: number; rssMb?: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== null && result.status > 3) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)]!) };
}

export async function runCliStartupBench(): Promise<Record<string, number | string>> {
  const message = 'failed to resolve reference "myacr.azurecr.io/app:v9": myacr.azurecr.io/app:v9: not found';
  return {
    'node -e "" (ms)': medianMs(['-e', '']).ms,
    'classify --json (ms)': medianMs([MAIN, 'classify', '--json', message]).ms,
    'parse-image (ms)': medianMs([MAIN, 'parse-image', 'myacr.azurecr.io/app:v1']).ms,
    '--version (ms)': medianMs([MAIN, '--version']).ms,
    'diagnose --help (ms)': medianMs([MAIN, 'diagnose', '--help']).ms,
    'incidents --help (ms)': medianMs([MAIN, 'incidents', '--help']).ms,
  };
}
