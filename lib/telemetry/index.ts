export { startTelemetry, stopTelemetry, withSpan, TRACER_NAME, type TelemetryState, type StartTelemetryOptions } from './telemetry';
export {
  recordDiagnosis,
  recordIncident,
  recordTimeToFirstMessage,
  METER_NAME,
  type DiagnosisMetric,
  type IncidentEvent,
} from './metrics';
