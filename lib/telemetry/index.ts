/**
 * pull-doctor's OpenTelemetry helpers (Application Insights through @azure/monitor-opentelemetry).
 *
 * - Start once per process, before handling work: `await startTelemetry()` (Functions app start-up;
 *   the CLI may skip it). Without APPLICATIONINSIGHTS_CONNECTION_STRING everything below is a no-op.
 * - Traces: one span per diagnosis, one child span per check —
 *     withSpan('pull-doctor.diagnose', { 'pull_doctor.cluster_id': id, 'pull_doctor.image': ref }, () => …)
 *     withSpan(`pull-doctor.check ${checkId}`, { 'pull_doctor.check_id': checkId }, () => …)
 *   Attributes are ids and names only, never secrets or message text from chat.
 * - Metrics: recordDiagnosis (per finished diagnosis), recordIncident (opened/resolved/muted…),
 *   recordTimeToFirstMessage (first failure signal → first chat message).
 */
export { startTelemetry, stopTelemetry, withSpan, TRACER_NAME, type TelemetryState, type StartTelemetryOptions } from './telemetry';
export {
  recordDiagnosis,
  recordIncident,
  recordTimeToFirstMessage,
  recordJobPoisoned,
  recordDeliveryFailure,
  METER_NAME,
  type DiagnosisMetric,
  type IncidentEvent,
} from './metrics';
