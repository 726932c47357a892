import path from 'node:path';
import { impactExitCode } from '../../lib/model';
import { impactInSandbox } from '../../lib/prevent/impact-in-sandbox';
import { listWorlds, loadWorld } from '../../lib/sandbox/load-world';

/** Every world with a `change:` runs intake → impact on the sandbox; its `expect.atRisk` must match exactly. */
const worlds = listWorlds()
  .map((file) => ({ file, world: loadWorld(file) }))
  .filter(({ world }) => world.change !== undefined);

describe('impact analysis on every change world', () => {
  it('covers at least ten change worlds, each with expect.atRisk', () => {
    expect(worlds.length).toBeGreaterThanOrEqual(10);
    for (const { file, world } of worlds) expect({ file: path.basename(file), atRisk: Array.isArray(world.expect.atRisk) }).toEqual({ file: path.basename(file), atRisk: true });
  });

  it.each(worlds.map(({ file, world }) => [path.basename(file, '.yaml'), world] as const))('%s', async (_name, world) => {
    const { reports } = await impactInSandbox(world);
    expect(reports.length).toBe(1); // a burst folds into one change
    const report = reports[0]!;
    const atRisk = report.atRisk.map((w) => `${w.namespace}/${w.workload}`).sort();
    expect(atRisk).toEqual([...(world.expect.atRisk ?? [])].sort());
    // Every at-risk workload names a check of the change, its evidence and a fix.
    for (const w of report.atRisk) {
      expect(report.change.checks).toContain(w.checkId);
      expect(w.fix?.text).toBeTruthy();
    }
    expect(impactExitCode(report)).toBe(atRisk.length ? 1 : world.expect.undecided ? 2 : 0);
    // Only the affected pairs are re-checked, and what it cost is counted.
    expect(report.checked).toBeLessThanOrEqual(report.considered);
    expect(report.requests.logs).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
