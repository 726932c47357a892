import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import { DiagnosisRegistries } from '../registry/diagnosis-registries';
import { RegistryEgressPolicy, type RegistryEgressPolicyOptions } from '../registry/egress-policy';
import { classifyPullMessage } from '../classify/classify-pull-message';
import { DIAGNOSIS_VERSION, type Diagnosis, type Finding, type PullFailure } from '../model';
import type { Check, CheckContext, FactKey, Facts } from './check';
import { CHECKS } from './check-list';
import type { DiagnoseOptions, Diagnoser } from './diagnoser';
import { CheckTimeoutError, describeFailure } from './describe-failure';
import { recordDiagnosis, withSpan } from '../telemetry';
import { abortable } from '../util/abortable';
import { LookupCache, TrackedLookups } from './lookup-cache';
import { decideVerdict } from './verdict';
import { selectChecks } from './select-checks';
import { createInClusterAccess, inClusterAllows, type InClusterOptions } from './in-cluster/in-cluster-access';

export interface EngineOptions {
  azure: AzureClients;
  registries: RegistryClientFactory;
  /**
   * Which registry hosts may be contacted (lib/registry/egress-policy.ts): PULL_DOCTOR_ALLOWED_REGISTRIES
   * and, for tests only, loopback. Default: ACRs ARM resolves and the built-in public registries.
   */
  egress?: RegistryEgressPolicyOptions;
  /** Defaults to every check in check-list.ts. */
  checks?: readonly Check[];
  /** Time budget of one check. */
  checkTimeoutMs?: number;
  /** How long lookups are reused across diagnoses. */
  cacheTtlMs?: number;
  /** Subscriptions searched for registries; empty = all the identity can see. */
  subscriptions?: readonly string[];
  deletedTags?: CheckContext['deletedTags'];
  /** Where the tag the workload ran before is read (lib/logs/previous-image.ts); absent: the check says it is not known. */
  previousImage?: CheckContext['previousImage'];
  /** Checks running at once (default: all that are ready). 1 runs the chain one check after another. */
  maxConcurrency?: number;
  /** Azure/registry reads in flight at once (default: unlimited). With maxConcurrency 1 this is the naive serial baseline. */
  maxConcurrentLookups?: number;
  /** PULL_DOCTOR_IN_CLUSTER and where each Run Command is logged. Default: off (no in-cluster check runs, no command is sent). */
  inCluster?: InClusterOptions;
}

export interface Engine extends Diagnoser {
  /** Drops every cached lookup (the next diagnosis reads Azure afresh). */
  clearCache(): void;
}

/**
 * The diagnosis engine: classifies the kubelet message, runs the checks as a DAG (each starts as
 * soon as the facts it needs are known, independent ones concurrently), turns every exception into
 * an `unknown` finding, and decides the verdict.
 */
export function createEngine(options: EngineOptions): Engine {
  const inCluster = createInClusterAccess(options.azure, options.inCluster);
  // With in-cluster evidence off these checks do not exist for the run: nothing changes, nothing is sent.
  const allChecks = (options.checks ?? CHECKS).filter((c) => inClusterAllows(inCluster.mode, c.inCluster));
  const cache = new LookupCache(options.cacheTtlMs ?? 60_000, Date.now, options.maxConcurrentLookups);
  const budget = options.checkTimeoutMs ?? 10_000;
  const subscriptions = options.subscriptions ?? [];
  const maxConcurrency = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
  const egress = new RegistryEgressPolicy(options.egress);

  /** One trace per diagnosis (one child span per check) and the diagnoses metric; no-ops without Application Insights. */
  async function diagnose(failure: PullFailure, run: DiagnoseOptions = {}): Promise<Diagnosis> {
    const attributes = { 'pull_doctor.cluster_id': failure.cluster ?? '', 'pull_doctor.image': failure.image.slice(0, 512), 'pull_doctor.source': failure.source };
    return withSpan('pull-doctor.diagnose', attributes, async (span) => {
      const diagnosis = await diagnoseUntraced(failure, run);
      const top = diagnosis.verdict.rootCauses[0]?.checkId;
      span.setAttributes({ 'pull_doctor.outcome': diagnosis.verdict.outcome, ...(top ? { 'pull_doctor.root_cause': top } : {}) });
      recordDiagnosis({
        category: diagnosis.classification.category,
        outcome: diagnosis.verdict.outcome === 'cause_found' ? 'cause-found' : diagnosis.verdict.outcome === 'should_work' ? 'should-work' : 'undecided',
        rootCause: top,
        durationMs: diagnosis.timings.totalMs,
        trigger: failure.source,
      });
      return diagnosis;
    });
  }

  async function diagnoseUntraced(failure: PullFailure, run: DiagnoseOptions): Promise<Diagnosis> {
    const started = Date.now();
    const checks = selectChecks(allChecks, run.onlyChecks);
    const armBefore = options.azure.requestCounts();
    const registryBefore = options.registries.requestCount();
    // Stryker disable next-line StringLiteral: an absent message and Stryker's placeholder text are both unrecognised
    const classification = classifyPullMessage(failure.message ?? '', failure.reason);
    const facts: Partial<Facts> = {};
    const findings = new Map<string, Finding>();
    const timings: Record<string, number> = {};
    const running = new Map<string, Promise<void>>();
    const pending = [...checks];
    const registries = new DiagnosisRegistries(options.registries, egress);

    const providersLeft = (key: FactKey) =>
      pending.some((c) => c.provides?.includes(key)) || [...running.keys()].some((id) => checks.find((c) => c.id === id)?.provides?.includes(key));
    // Registry calls for ACR hosts wait for this: only a registry ARM resolved gets the Entra token.
    const settleEgress = () => {
      if (facts.registry) registries.resolvedByArm([facts.registry]);
      else if (!providersLeft('registry')) registries.resolvedByArm([]);
    };

    const report = (last?: Finding) =>
      run.onProgress?.({
        done: findings.size,
        total: checks.length,
        running: [...running.keys()].map((id) => checks.find((c) => c.id === id)?.title ?? id),
        last: last && { checkId: last.checkId, title: checks.find((c) => c.id === last.checkId)?.title ?? last.checkId, status: last.status },
      });

    const start = (check: Check) => {
      const task = withSpan(`pull-doctor.check ${check.id}`, { 'pull_doctor.check_id': check.id }, async (span) => {
        const result = await runCheck(check, { failure, classification, facts, subscriptions, registries }, run.signal);
        span.setAttribute('pull_doctor.status', result.finding.status);
        return result;
      }).then(({ finding, provided }) => {
        Object.assign(facts, provided);
        findings.set(check.id, finding);
        timings[check.id] = finding.durationMs ?? 0;
        running.delete(check.id);
        settleEgress();
        report(finding);
      });
      running.set(check.id, task);
    };

    settleEgress();
    while (pending.length > 0 || running.size > 0) {
      for (let i = 0; i < pending.length; ) {
        const check = pending[i];
        const missing = check.needs.filter((k) => facts[k] === undefined);
        if (missing.length === 0) {
          if (running.size >= maxConcurrency) break;
          pending.splice(i, 1);
          start(check);
        } else if (missing.every((k) => !providersLeft(k))) {
          // Nothing left can establish what this check needs.
          pending.splice(i, 1);
          const finding = skipped(check, missing, checks, findings);
          findings.set(check.id, finding);
          timings[check.id] = 0;
          settleEgress();
          report(finding);
        } else i += 1;
      }
      if (running.size > 0) {
        await Promise.race(running.values());
        continue;
      }
      // (Stryker honours a disable comment before a statement, not before an `else`.)
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a guard against a loop that cannot happen (a check whose needs never come is skipped above)
      if (pending.length > 0) break; // unreachable: a check whose needs never come is skipped above
    }

    const ordered = checks.map((c) => findings.get(c.id)).filter((f): f is Finding => !!f);
    const armAfter = options.azure.requestCounts();
    const requests = {
      arm: armAfter.arm - armBefore.arm,
      registry: options.registries.requestCount() - registryBefore,
      logs: armAfter.logs - armBefore.logs,
      total: 0,
    };
    requests.total = requests.arm + requests.registry + requests.logs;
    return {
      version: DIAGNOSIS_VERSION,
      failure,
      image: facts.image ?? null,
      classification,
      findings: ordered,
      verdict: decideVerdict(classification, ordered),
      timings: { startedAt: new Date(started).toISOString(), totalMs: Date.now() - started, checks: timings },
      requests,
    };
  }

  async function runCheck(
    check: Check,
    base: { failure: PullFailure; classification: CheckContext['classification']; facts: Partial<Facts>; subscriptions: readonly string[]; registries: DiagnosisRegistries },
    runSignal: AbortSignal | undefined,
  ): Promise<{ finding: Finding; provided: Partial<Facts> }> {
    const t0 = Date.now();
    const controller = new AbortController();
    const checkBudget = check.timeoutMs ?? budget;
    const timer = setTimeout(() => controller.abort(new CheckTimeoutError(checkBudget)), checkBudget);
    // Stryker disable next-line StringLiteral: an aborted AbortSignal always has a reason (an AbortError when none was given); this only satisfies the types
    const onRunAbort = () => controller.abort(runSignal?.reason ?? new Error('diagnosis cancelled'));
    if (runSignal?.aborted) onRunAbort();
    else {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: the listener is removed in finally, and a signal aborts once
      runSignal?.addEventListener('abort', onRunAbort, { once: true });
    }
    const lookups = new TrackedLookups(cache, controller.signal);
    const ctx: CheckContext = {
      failure: base.failure,
      classification: base.classification,
      facts: { ...base.facts },
      azure: options.azure,
      registries: base.registries,
      lookups,
      signal: controller.signal,
      subscriptions: base.subscriptions,
      deletedTags: options.deletedTags,
      previousImage: options.previousImage,
      inCluster,
    };
    try {
      // A check that ignores its signal still ends at its budget.
      const outcome = await abortable(check.run(ctx), controller.signal);
      return {
        finding: { checkId: check.id, ...outcome.finding, durationMs: Date.now() - t0 },
        provided: outcome.facts ?? {},
      };
    } catch (error) {
      const key = lookups.failed ?? [...lookups.pending][0];
      const described = describeFailure(controller.signal.aborted ? controller.signal.reason : error, key);
      return {
        finding: {
          checkId: check.id,
          status: 'unknown',
          summary: described.summary,
          evidence: [],
          fixes: described.fix
            ? [{ text: described.fix }]
            : described.permission
              ? [{ text: `Let pull-doctor read it: grant its identity ${described.permission}.` }]
              : [],
          missing: { what: described.what, permission: described.permission },
          durationMs: Date.now() - t0,
        },
        provided: {},
      };
    } finally {
      clearTimeout(timer);
      runSignal?.removeEventListener('abort', onRunAbort);
    }
  }

  return { diagnose, clearCache: () => cache.clear() };
}

const FACT_WORDS: Record<FactKey, string> = {
  image: 'a valid image reference',
  registry: 'the registry resource',
  cluster: 'the AKS cluster',
  manifest: 'the image manifest',
};

function skipped(check: Check, missing: FactKey[], checks: readonly Check[], findings: Map<string, Finding>): Finding {
  const why = missing
    .map((key) => {
      const provider = checks.find((c) => c.provides?.includes(key));
      const finding = provider && findings.get(provider.id);
      return finding ? `${FACT_WORDS[key]} (${finding.checkId}: ${finding.summary})` : FACT_WORDS[key];
    })
    .join('; ');
  return {
    checkId: check.id,
    status: 'skipped',
    summary: `not checked: needs ${why}`,
    evidence: [],
    fixes: [],
    durationMs: 0,
  };
}
