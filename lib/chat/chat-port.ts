import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import type { DiagnosisProgress } from '../diagnosis/diagnoser';

/**
 * The chat port: Slack, Teams and console adapters implement it (lib/chat/*). One incident = one
 * message: `start` posts it, `progress` and `diagnosis` update it in place, `resolved` updates the
 * headline and posts one line in its thread. Methods throw on a post that failed after retries, so
 * the queue keeps the job.
 */
export interface ChatPort {
  readonly platform: ChatMessageRef['platform'];
  /** Posts "diagnosing…" for the incident (tagged with the incident and job id where the platform keeps metadata); returns where the message lives. */
  start(incident: Incident, options?: { signal?: AbortSignal; jobId?: string }): Promise<ChatMessageRef>;
  /**
   * The incident's message posted since `since`, found by the incident id it was tagged with: what a
   * retry uses when an earlier attempt may have posted without saving the reference. Absent where
   * the platform offers no such lookup (Teams' connector has no history).
   */
  find?(incident: Incident, options: { since: string; signal?: AbortSignal }): Promise<ChatMessageRef | undefined>;
  progress(ref: ChatMessageRef, incident: Incident, progress: DiagnosisProgress, options?: { signal?: AbortSignal }): Promise<void>;
  /** Replaces the message with the full diagnosis. */
  diagnosis(ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Marks the message resolved and posts `how` in its thread. With `diagnosis`, the message keeps the
   * full diagnosis under a resolved headline; without it, it shrinks to a short resolved summary.
   */
  resolved(ref: ChatMessageRef, incident: Incident, how: string, options?: { signal?: AbortSignal; diagnosis?: Diagnosis }): Promise<void>;
  /** A follow-up line in the incident's thread. */
  reply(ref: ChatMessageRef, text: string, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * The final state of a message whose job gave up: "could not finish: <reason>", the incident id and
   * a Re-check button. Modes that cannot edit post it as a new message. Returns the message's new
   * reference when it had to be replaced by a new one.
   */
  unfinished(ref: ChatMessageRef, incident: Incident, reason: string, options?: { signal?: AbortSignal }): Promise<ChatMessageRef | undefined>;
  /** Deletes a message just started whose reference could not be saved, so the retry's message is the only one. */
  withdraw(ref: ChatMessageRef, options?: { signal?: AbortSignal }): Promise<void>;
}
