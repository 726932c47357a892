import type { CheckId, Diagnosis, FindingStatus, PullFailure } from '../model';

/** Progress of a running diagnosis, for live CLI output and chat message updates. */
export interface DiagnosisProgress {
  done: number;
  total: number;
  /** Titles of the checks running now ("network rules"). */
  running: string[];
  last?: { checkId: CheckId; title: string; status: FindingStatus };
}

export interface DiagnoseOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DiagnosisProgress) => void;
  /**
   * Run only these checks (and the checks that establish the facts they need), e.g. the checks a
   * change can affect (issue 18). Default: every check.
   */
  onlyChecks?: readonly CheckId[];
}

/** The engine as other modules see it (intake jobs, chat commands, CLI). Implementation: lib/diagnosis/engine.ts. */
export interface Diagnoser {
  diagnose(failure: PullFailure, options?: DiagnoseOptions): Promise<Diagnosis>;
}
