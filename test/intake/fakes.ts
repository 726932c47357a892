import type { ChatPort } from '../../lib/chat/chat-port';
import type { DiagnoseOptions, Diagnoser } from '../../lib/diagnosis/diagnoser';
import type { Logger } from '../../lib/intake/logger';
import { runAlertExpandJob, type AlertExpandJobDeps } from '../../lib/jobs/run-alert-expand-job';
import type { MemoryJobQueue } from '../../lib/queue/job-queue';
import { DIAGNOSIS_VERSION, type ChatMessageRef, type Diagnosis, type PullFailure } from '../../lib/model';

/** A diagnosis as the engine would return it, for callers' unit tests (the engine is tested on its own). */
export function diagnosisFor(failure: PullFailure, outcome: Diagnosis['verdict']['outcome'] = 'cause_found'): Diagnosis {
  return {
    version: DIAGNOSIS_VERSION,
    failure,
    image: null,
    classification: { category: 'tag_not_found', confidence: 0.9, candidates: [], explanation: 'manifest unknown' },
    findings: [],
    verdict:
      outcome === 'cause_found'
        ? { outcome, rootCauses: [{ checkId: 'repository-tag', confidence: 0.95, summary: 'tag v1.2 does not exist' }], summary: 'tag v1.2 does not exist' }
        : { outcome, rootCauses: [], summary: 'the pull should work now' },
    timings: { startedAt: new Date(0).toISOString(), totalMs: 1, checks: {} },
    requests: { arm: 0, registry: 0, logs: 0, total: 0 },
  };
}

/** Counts runs; reports three progress steps; answers `outcome()` (or throws `fail`). */
export class FakeDiagnoser implements Diagnoser {
  runs: PullFailure[] = [];
  outcome: () => Diagnosis['verdict']['outcome'] = () => 'cause_found';
  fail: Error | undefined;

  async diagnose(failure: PullFailure, options: DiagnoseOptions = {}): Promise<Diagnosis> {
    this.runs.push(failure);
    if (this.fail) throw this.fail;
    for (let done = 1; done <= 3; done++) options.onProgress?.({ done, total: 3, running: [] });
    return diagnosisFor(failure, this.outcome());
  }
}

/** Records every chat call in order. */
export class RecordingChat implements ChatPort {
  readonly platform = 'console' as const;
  calls: Array<{ method: string; text?: string }> = [];
  private next = 1;

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
  async start(): Promise<ChatMessageRef> {
    this.calls.push({ method: 'start' });
    return { platform: 'console', channel: 'test', ts: String(this.next++) };
  }
  async progress(): Promise<void> {
    this.calls.push({ method: 'progress' });
  }
  async diagnosis(_ref: ChatMessageRef, _incident: unknown, d: Diagnosis): Promise<void> {
    this.calls.push({ method: 'diagnosis', text: d.verdict.summary });
  }
  async resolved(_ref: ChatMessageRef, _incident: unknown, how: string): Promise<void> {
    this.calls.push({ method: 'resolved', text: how });
  }
  async reply(_ref: ChatMessageRef, text: string): Promise<void> {
    this.calls.push({ method: 'reply', text });
  }
  async unfinished(_ref: ChatMessageRef, _incident: unknown, reason: string): Promise<ChatMessageRef | undefined> {
    this.calls.push({ method: 'unfinished', text: reason });
    return undefined;
  }
  async withdraw(): Promise<void> {
    this.calls.push({ method: 'withdraw' });
  }
}

export const recordingLogger = () => {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => lines.push(`${level}: ${m}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
};

export const FIXTURE_CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
export const FIXTURE_WORKSPACE = '11111111-2222-3333-4444-555555555555';
export const FIXTURE_IMAGE = 'pdacr.azurecr.io/shop/web:v1.2';

/** A Container insights KubeEvents row: a pull failure of FIXTURE_IMAGE by `pod` in minute 21:0<minute> of 2026-11-25. */
export const pullFailureKubeEvent = (pod: string, minute: number) => ({
  TimeGenerated: `2026-11-25T21:0${minute}:30Z`,
  ClusterId: FIXTURE_CLUSTER,
  Namespace: 'shop',
  Name: pod,
  ObjectKind: 'Pod',
  KubeEventType: 'Warning',
  Reason: 'Failed',
  Message: `Failed to pull image "${FIXTURE_IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "${FIXTURE_IMAGE}": failed to resolve reference "${FIXTURE_IMAGE}": ${FIXTURE_IMAGE}: not found`,
  Computer: 'aks-nodepool1-12345678-vmss000000',
  FirstSeen: `2026-11-25T21:0${minute}:00Z`,
  LastSeen: `2026-11-25T21:0${minute}:30Z`,
  Count: 2,
});

/** Runs the queued "expand alert" jobs (what the queue function does after the webhook's 202); returns their outcomes. */
export async function expandQueuedAlerts(
  queue: MemoryJobQueue,
  services: AlertExpandJobDeps['services'],
  log: Logger,
): Promise<string[]> {
  const outcomes: string[] = [];
  for (let item = queue.alertExpansions.shift(); item; item = queue.alertExpansions.shift()) outcomes.push(await runAlertExpandJob(item.job, { services, log }, { dequeueCount: ++item.attempts }));
  return outcomes;
}
