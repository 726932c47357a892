/**
 * Writes test/fixtures/diagnoses/world-<name>.json: real engine output for a few sandbox worlds,
 * used by the renderer goldens (test/render). Timings are pinned so goldens only change when the
 * diagnosis does.
 *
 *   npm run build && node dist/scripts/gen-world-fixtures.js && UPDATE_GOLDEN=1 npx jest test/render
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { diagnoseInSandbox } from '../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';

export const FIXTURE_WORLDS = ['private-dns-not-linked', 'peering-disconnected', 'arm64-amd64-only', 'caller-cannot-read-role-assignments', 'abac-acrpull-only'];

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '../../test/fixtures/diagnoses');
  for (const name of FIXTURE_WORLDS) {
    const d = await diagnoseInSandbox(loadWorld(path.join(WORLDS_DIR, `${name}.yaml`)));
    const pinned = {
      ...d,
      findings: d.findings.map((f) => ({ ...f, durationMs: 5 })),
      timings: { startedAt: '2026-11-25T21:45:00.000Z', totalMs: 120, checks: Object.fromEntries(Object.keys(d.timings.checks).map((k) => [k, 5])) },
    };
    writeFileSync(path.join(out, `world-${name}.json`), `${JSON.stringify(pinned, null, 2)}\n`);
    process.stdout.write(`wrote world-${name}.json (${d.verdict.outcome})\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
