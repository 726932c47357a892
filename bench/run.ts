import { runCliStartupBench } from './cli-startup';
import { runColdStartBench } from './cold-start';
import { runDiagnosisLatencyBench } from './diagnosis-latency';
import { runImpactBench } from './impact';
import { runIntakeStormBench } from './intake-storm';

/** `npm run bench`: every benchmark, printed as a table. Results go to BENCHMARKS.md by hand, with this command. */
async function main(): Promise<void> {
  const only = process.argv[2];
  const benches: Array<[string, () => Promise<Record<string, number | string>>]> = [
    ['diagnosis latency (issue 4)', () => runDiagnosisLatencyBench()],
    ['intake storm (issue 5)', () => runIntakeStormBench()],
    ['impact: change to warning (issue 18)', () => runImpactBench()],
    ['cli startup (issue 16)', () => runCliStartupBench()],
    ['cold start (issue 16)', () => runColdStartBench({ compareMain: 'dist/functions/*.js' })],
    // Imported only when run: it loads the function files, which register triggers at import.
    ['e2e: event to chat (issue 16)', async () => (await import('./e2e.js')).runE2eBench()],
  ];
  for (const [name, run] of benches) {
    if (only && !name.includes(only)) continue;
    const result = await run();
    process.stdout.write(`\n## ${name}\n`);
    for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k.padEnd(32)} ${v}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
