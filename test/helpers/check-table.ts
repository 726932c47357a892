import path from 'node:path';
import type { CheckId, Diagnosis, FindingStatus } from '../../lib/model';
import { diagnoseInSandbox } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';

/** One row of a check's table: in this world, the check says this. */
export type CheckRow = [world: string, status: FindingStatus, summary: RegExp];

const diagnoses = new Map<string, Promise<Diagnosis>>();

/** Diagnoses a built-in world once per test file (through the sandbox and the real SDK clients). */
export function diagnoseWorld(name: string): Promise<Diagnosis> {
  let d = diagnoses.get(name);
  if (!d) {
    d = diagnoseInSandbox(loadWorld(path.join(WORLDS_DIR, `${name}.yaml`)), { checkTimeoutMs: 8000 });
    diagnoses.set(name, d);
  }
  return d;
}

/** The k8sgpt-style table test every check has beside it. */
export function describeCheckTable(checkId: CheckId, rows: CheckRow[]): void {
  describe(`${checkId} check`, () => {
    it.each(rows)('in %s: %s', async (world, status, summary) => {
      const finding = (await diagnoseWorld(world)).findings.find((f) => f.checkId === checkId);
      expect(finding).toBeDefined();
      expect({ status: finding!.status, summary: finding!.summary }).toEqual({ status, summary: expect.stringMatching(summary) });
      if (status === 'fail' || status === 'warn') expect(finding!.fixes.length).toBeGreaterThan(0);
    }, 30_000);
  });
}
