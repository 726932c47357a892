import type { AtRiskWorkload, Change, CheckId, Diagnosis, ImpactReport } from '../model';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { AzureCloud } from '../model/image-ref';
import type { ImpactAnalyzer } from './ports';
import { hostInScope, scopeForChange, type RecheckScope } from './change-scope';
import type { RunningWorkload, RunningWorkloadsPort } from './running-workloads';
import { judgeFindings } from './judge-findings';

export interface ImpactAnalyzerOptions {
  /** The diagnosis engine (lib/diagnosis/engine.ts), created once: its lookup cache is shared by every re-check. */
  engine: Diagnoser;
  inventory: RunningWorkloadsPort;
  /** Log Analytics workspaces (customerId) with the clusters' Container insights (PULL_DOCTOR_WORKSPACE_IDS). */
  workspaceIds: readonly string[];
  /** Requests made so far by the engine's clients, to count what one report cost. */
  requestCounts(): { arm: number; registry: number; logs: number };
  cloud?: AzureCloud;
  /** How far back "running now" looks (Container insights inventories every minute). Default 1 h. */
  lookbackMs?: number;
  /** Re-checks (one per cluster, image and workload) per report; the rest are `undecided`. Default 200. */
  maxRechecks?: number;
  /** Re-checks at once. Default 4. */
  concurrency?: number;
}

/** What an impact analysis can also be asked for: the fleet audit re-checks every running image of a cluster with `assess`. */
export interface ImpactEngine extends ImpactAnalyzer {
  assess(change: Change, scope: RecheckScope, options?: { signal?: AbortSignal }): Promise<ImpactReport>;
}

/** Why a report without any Container insights workspace is undecided (PULL_DOCTOR_WORKSPACE_IDS names none). */
export const NO_WORKSPACE = 'no Container insights workspace to read what runs now: set PULL_DOCTOR_WORKSPACE_IDS';

const pairKey = (w: Pick<RunningWorkload, 'cluster' | 'image'>) => `${w.cluster.toLowerCase()}\u0000${w.image}`;

/**
 * Finds the running workloads a change breaks on their next pull: reads what runs now from
 * Container insights (filtered by the change), then re-runs only the change's checks for each
 * affected (cluster, image, workload) with the engine as it is. A check that fails → at risk; one
 * that ends `unknown`, `skipped` or `warn` → undecided (never safe).
 */
export function createImpactAnalyzer(options: ImpactAnalyzerOptions): ImpactEngine {
  const lookbackMs = options.lookbackMs ?? 60 * 60_000;
  const maxRechecks = options.maxRechecks ?? 200;
  const concurrency = Math.max(1, options.concurrency ?? 4);

  async function assess(change: Change, scope: RecheckScope, run: { signal?: AbortSignal } = {}): Promise<ImpactReport> {
    const before = options.requestCounts();
    const queriesBefore = options.inventory.queries;
    const end = new Date(change.at);
    const window = { start: new Date(end.getTime() - lookbackMs), end };
    const report: ImpactReport = { change, atRisk: [], undecided: [], considered: 0, checked: 0, requests: { logs: 0, arm: 0, registry: 0 } };
    const primary: CheckId = change.checks[0] ?? 'image-reference';

    const running: RunningWorkload[] = [];
    // Without an inventory nothing can be said about what runs now: undecided, never "nothing at risk".
    if (options.workspaceIds.length === 0) {
      report.undecided.push({ cluster: '*', image: '*', checkId: primary, reason: NO_WORKSPACE });
    }
    for (const workspaceId of options.workspaceIds) {
      try {
        running.push(...(await options.inventory.running({ workspaceId, ...window, ...scope.filter }, run)));
      } catch (error) {
        run.signal?.throwIfAborted();
        report.undecided.push({ cluster: `workspace ${workspaceId}`, image: '*', checkId: primary, reason: `could not read what runs now from Container insights: ${message(error)}` });
      }
    }
    const affected = running.filter((w) => hostInScope(scope, w.image));
    report.considered = new Set(affected.map(pairKey)).size;

    const queue = affected.slice(0, maxRechecks);
    for (const w of affected.slice(maxRechecks)) {
      report.undecided.push({ cluster: w.cluster, image: w.image, checkId: primary, reason: `not re-checked: more than ${maxRechecks} running workloads in one change` });
    }
    const checkedPairs = new Set<string>();
    const worker = async () => {
      for (let w = queue.shift(); w; w = queue.shift()) {
        const diagnosis = await recheck(w, change.checks, run.signal);
        checkedPairs.add(pairKey(w));
        const verdict = judgeFindings(diagnosis, change.checks);
        if (verdict.kind === 'at-risk') report.atRisk.push(atRisk(w, verdict.finding));
        else if (verdict.kind === 'undecided') report.undecided.push({ cluster: w.cluster, image: w.image, checkId: verdict.checkId, reason: verdict.reason });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    report.checked = checkedPairs.size;
    report.atRisk.sort((a, b) => b.pods - a.pods || `${a.namespace}/${a.workload}`.localeCompare(`${b.namespace}/${b.workload}`));
    const after = options.requestCounts();
    report.requests = {
      logs: after.logs - before.logs + (options.inventory.queries - queriesBefore),
      arm: after.arm - before.arm,
      registry: after.registry - before.registry,
    };
    return report;
  }

  function recheck(w: RunningWorkload, checks: readonly CheckId[], signal?: AbortSignal): Promise<Diagnosis> {
    return options.engine.diagnose(
      { cluster: w.cluster, namespace: w.namespace, controller: w.workload, ...(w.container ? { container: w.container } : {}), image: w.image, source: 'change' },
      // The registry check always runs: only an ACR that ARM resolves receives the Entra token (egress policy).
      { onlyChecks: ['registry', ...checks], ...(signal ? { signal } : {}) },
    );
  }

  return {
    assess,
    analyze: (change, run) => assess(change, scopeForChange(change, options.cloud), run),
  };
}

function atRisk(w: RunningWorkload, finding: Diagnosis['findings'][number]): AtRiskWorkload {
  return {
    cluster: w.cluster,
    namespace: w.namespace,
    workload: w.workload,
    pods: w.pods,
    image: w.image,
    nodePools: w.nodePools,
    checkId: finding.checkId,
    summary: finding.summary,
    evidence: finding.evidence,
    ...(finding.fixes[0] ? { fix: finding.fixes[0] } : {}),
  };
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
