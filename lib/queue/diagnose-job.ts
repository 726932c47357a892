import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChatCommandJob } from './chat-command-job';
import type { ImpactJob } from './impact-job';
import type { AlertExpandJob } from './alert-expand-job';

/** Why a job exists; the runner treats `alert-resolved` as "post the resolution", everything else as "diagnose". */
export const JOB_REASONS = ['new', 'reopened', 'pods-added', 'cause-known', 'recheck', 'image-pushed', 'quiet-period', 'alert-resolved'] as const;

/** One message on the diagnose queue (JSON, base64-encoded as the Functions queue trigger expects). */
export const DiagnoseJobSchema = z.object({
  jobId: z.string().uuid(),
  incidentId: z.string().regex(/^[0-9a-f]{32}$/, 'must be an incident id'),
  cluster: z.string().min(1),
  reason: z.enum(JOB_REASONS),
  /** Skip the debounce: someone asked, or an image was pushed. */
  force: z.boolean().default(false),
  /** Resolve the incident when the diagnosis says the pull now works; the text says how. */
  resolveIfPasses: z.string().optional(),
  requestedAt: z.string(),
  /** Who asked (chat user), for the thread. */
  requestedBy: z.string().optional(),
  /** Times this job was put back on the queue with a delay (busy incident, rate-limited channel) instead of failing. */
  deferrals: z.number().int().nonnegative().default(0),
});
export type DiagnoseJob = z.infer<typeof DiagnoseJobSchema>;
export type DiagnoseJobInput = z.input<typeof DiagnoseJobSchema>;

export function newJob(fields: Omit<DiagnoseJobInput, 'jobId' | 'requestedAt'> & { requestedAt?: string }): DiagnoseJob {
  return DiagnoseJobSchema.parse({ jobId: randomUUID(), requestedAt: new Date().toISOString(), ...fields });
}

/** A queue message body as JSON: the trigger hands over parsed JSON; peeked messages are base64 text. */
export function decodeQueueMessage(body: unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  if (typeof body !== 'string') return { ok: true, value: body };
  const text = /^[A-Za-z0-9+/]+=*$/.test(body.trim()) ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: 'message is not JSON' };
  }
}

/** Parses a queue message body as the job `schema` describes; the error names each failing path. */
export function parseQueueJob<S extends z.ZodTypeAny>(body: unknown, schema: S): { ok: true; job: z.infer<S> } | { ok: false; error: string } {
  const decoded = decodeQueueMessage(body);
  if (!decoded.ok) return decoded;
  const parsed = schema.safeParse(decoded.value);
  return parsed.success ? { ok: true, job: parsed.data } : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** Parses a queue message body as a diagnose job. */
export function parseJobMessage(body: unknown): { ok: true; job: DiagnoseJob } | { ok: false; error: string } {
  return parseQueueJob(body, DiagnoseJobSchema);
}

/** Everything on the work queue: diagnose jobs, Slack chat commands that outlived the ack budget, impact analyses, alerts to expand. */
export type QueueJob = DiagnoseJob | ChatCommandJob | ImpactJob | AlertExpandJob;

export function encodeJobMessage(job: QueueJob): string {
  return Buffer.from(JSON.stringify(job), 'utf8').toString('base64');
}
