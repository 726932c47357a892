import { metrics, type Counter, type Histogram } from '@opentelemetry/api';

/**
 * pull-doctor's metrics. Instruments are created on first use from the global MeterProvider (the
 * Azure Monitor one once startTelemetry ran, the API's no-op one otherwise) and re-created after
 * startTelemetry/stopTelemetry, because instruments taken from the no-op provider stay no-ops.
 * Attributes are low-cardinality (category, outcome, platform) — never pod or image names.
 */
export const METER_NAME = 'pull-doctor';

interface Instruments {
  diagnoses: Counter;
  diagnosisDuration: Histogram;
  incidents: Counter;
  timeToFirstMessage: Histogram;
  jobsPoisoned: Counter;
  deliveryFailures: Counter;
}

let instruments: Instruments | undefined;

function get(): Instruments {
  if (!instruments) {
    const meter = metrics.getMeter(METER_NAME);
    instruments = {
      diagnoses: meter.createCounter('pull_doctor.diagnoses', { description: 'Diagnoses completed' }),
      diagnosisDuration: meter.createHistogram('pull_doctor.diagnosis.duration', { description: 'Wall time of one diagnosis', unit: 'ms' }),
      incidents: meter.createCounter('pull_doctor.incidents', { description: 'Incident lifecycle events (opened, resolved, muted)' }),
      jobsPoisoned: meter.createCounter('pull_doctor.jobs.poisoned', { description: 'Queue jobs that used their last attempt and go to the poison queue' }),
      deliveryFailures: meter.createCounter('pull_doctor.chat.delivery_failures', { description: 'Chat messages that could not be delivered for good' }),
      timeToFirstMessage: meter.createHistogram('pull_doctor.time_to_first_message', {
        description: 'From the first failure signal to the first chat message about it',
        unit: 'ms',
      }),
    };
  }
  return instruments;
}

/** Drops cached instruments so the next use binds to the current global MeterProvider. */
export function resetInstruments(): void {
  instruments = undefined;
}

export interface DiagnosisMetric {
  /** Classifier category of the failure (auth_missing, tag_not_found, …). */
  category: string;
  /** The verdict: `cause-found`, `should-work` (every check that applies passed), `undecided`; `error` when the run failed. */
  outcome: 'cause-found' | 'should-work' | 'undecided' | 'error';
  /** Check id of the top-ranked root cause, when there is one. */
  rootCause?: string;
  durationMs: number;
  /** What started it: alert, event-grid, chat, cli. */
  trigger?: string;
}

export function recordDiagnosis(d: DiagnosisMetric): void {
  const attributes = {
    category: d.category,
    outcome: d.outcome,
    ...(d.rootCause ? { root_cause: d.rootCause } : {}),
    ...(d.trigger ? { trigger: d.trigger } : {}),
  };
  const i = get();
  i.diagnoses.add(1, attributes);
  if (Number.isFinite(d.durationMs) && d.durationMs >= 0) i.diagnosisDuration.record(d.durationMs, attributes);
}

export type IncidentEvent = 'opened' | 'updated' | 'resolved' | 'muted' | 'unmuted';

export function recordIncident(event: IncidentEvent, attributes: { category?: string; resolvedBy?: string } = {}): void {
  get().incidents.add(1, {
    event,
    ...(attributes.category ? { category: attributes.category } : {}),
    ...(attributes.resolvedBy ? { resolved_by: attributes.resolvedBy } : {}),
  });
}

/** Time from the first failure signal (event/alert time) to the first chat message posted. */
export function recordTimeToFirstMessage(ms: number, attributes: { platform: string; trigger?: string }): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  get().timeToFirstMessage.record(ms, { platform: attributes.platform, ...(attributes.trigger ? { trigger: attributes.trigger } : {}) });
}

/** A queue job used its last attempt (it goes to `<queue>-poison`); the infra alert watches this. */
export function recordJobPoisoned(attributes: { reason: string }): void {
  get().jobsPoisoned.add(1, { reason: attributes.reason });
}

/** A chat message that could not be delivered for good: `permanent` (channel gone, auth) or `exhausted` (out of attempts). */
export function recordDeliveryFailure(attributes: { platform: string; kind: 'permanent' | 'exhausted'; code?: string }): void {
  get().deliveryFailures.add(1, { platform: attributes.platform, kind: attributes.kind, ...(attributes.code ? { code: attributes.code } : {}) });
}
