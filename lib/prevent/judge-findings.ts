import type { CheckId, Diagnosis, Finding } from '../model';

export type Judgement =
  | { kind: 'at-risk'; finding: Finding }
  | { kind: 'undecided'; checkId: CheckId; reason: string }
  | { kind: 'safe' };

/**
 * `skipped` by the engine because a fact it needs could not be established (lib/diagnosis/engine.ts
 * words it "not checked: needs …") is undecided; a check that skips itself as not applicable
 * ("myacr has no private endpoint") has nothing to say about this change.
 */
function notChecked(f: Finding): boolean {
  return f.status === 'skipped' && f.summary.startsWith('not checked: needs');
}

/** Advisory checks: their warnings say "slow", not "will not pull". */
const ADVISORY: readonly CheckId[] = ['image-size'];

/**
 * A re-check's findings for the checks a change can affect: any `fail` → at risk (the first in the
 * change's order); else any `unknown`, `skipped` or non-advisory `warn` → undecided, with what could
 * not be read; else safe. A check that did not run at all (in-cluster checks with
 * PULL_DOCTOR_IN_CLUSTER off) is not judged.
 */
export function judgeFindings(diagnosis: Pick<Diagnosis, 'findings'>, checks: readonly CheckId[]): Judgement {
  const relevant = checks.map((id) => diagnosis.findings.find((f) => f.checkId === id)).filter((f): f is Finding => !!f);
  const failed = relevant.find((f) => f.status === 'fail');
  if (failed) return { kind: 'at-risk', finding: failed };
  const open = relevant.find((f) => f.status === 'unknown' || notChecked(f) || (f.status === 'warn' && !ADVISORY.includes(f.checkId)));
  if (open) return { kind: 'undecided', checkId: open.checkId, reason: `${open.status}: ${open.summary}` };
  return relevant.length > 0 ? { kind: 'safe' } : { kind: 'undecided', checkId: checks[0] ?? 'image-reference', reason: 'none of the checks this change affects ran' };
}
