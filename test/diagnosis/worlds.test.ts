import path from 'node:path';
import { DiagnosisSchema, type Diagnosis } from '../../lib/model';
import { diagnoseInSandbox } from '../../lib/sandbox/diagnose-in-sandbox';
import { listWorlds, loadWorld } from '../../lib/sandbox/load-world';

/**
 * Every world under lib/sandbox/worlds is diagnosed through the real SDK clients against the
 * sandbox, and must meet its own `expect`. A world added later is covered without editing this file.
 */
const worlds = listWorlds();

describe.each(worlds.map((file) => [path.basename(file, '.yaml'), file]))('world %s', (_name, file) => {
  const world = loadWorld(file);
  let diagnosis: Diagnosis;

  beforeAll(async () => {
    diagnosis = await diagnoseInSandbox(world, { checkTimeoutMs: 8000 });
  }, 30_000);

  it('produces a diagnosis that matches the published schema', () => {
    expect(DiagnosisSchema.safeParse(diagnosis).success).toBe(true);
  });

  it(`classifies the message as ${world.expect.category}`, () => {
    expect(diagnosis.classification.category).toBe(world.expect.category);
  });

  it('names the expected root causes', () => {
    const found = diagnosis.verdict.rootCauses.map((r) => r.checkId);
    if (world.expect.rootCause.length === 0) expect(found).toEqual([]);
    else expect(found).toEqual(expect.arrayContaining(world.expect.rootCause));
    if (world.expect.rootCause.length > 0) expect(world.expect.rootCause).toContain(found[0]);
  });

  it('has the expected outcome and unknown checks', () => {
    const outcome = world.expect.outcome ?? (world.expect.rootCause.length ? 'cause_found' : 'should_work');
    expect(diagnosis.verdict.outcome).toBe(outcome);
    const unknown = diagnosis.findings.filter((f) => f.status === 'unknown').map((f) => f.checkId);
    expect(unknown).toEqual(expect.arrayContaining(world.expect.unknown));
    for (const f of diagnosis.findings.filter((x) => x.status === 'unknown')) {
      expect(f.missing?.what).toBeTruthy();
    }
    // What could not be read is named precisely (the refused ARM action, the throttling), not just "unknown".
    const couldNotRead = diagnosis.findings
      .filter((f) => f.status === 'unknown')
      .map((f) => [f.summary, f.missing?.what ?? '', f.missing?.permission ?? ''].join(' '))
      .join('\n');
    for (const needle of world.expect.missingIncludes) expect(couldNotRead).toContain(needle);
  });

  it('fills the fixes with the real names', () => {
    const text = diagnosis.findings.flatMap((f) => f.fixes.flatMap((x) => [x.text, x.command ?? ''])).join('\n');
    for (const needle of world.expect.fixIncludes) expect(text).toContain(needle);
  });
});
