import { randomUUID } from 'node:crypto';
import { z } from 'zod';

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
});
export type DiagnoseJob = z.infer<typeof DiagnoseJobSchema>;
export type DiagnoseJobInput = z.input<typeof DiagnoseJobSchema>;

export function newJob(fields: Omit<DiagnoseJobInput, 'jobId' | 'requestedAt'> & { requestedAt?: string }): DiagnoseJob {
  return DiagnoseJobSchema.parse({ jobId: randomUUID(), requestedAt: new Date().toISOString(), ...fields });
}

/** Parses a queue message body: the trigger hands over parsed JSON; peeked messages are base64 text. */
export function parseJobMessage(body: unknown): { ok: true; job: DiagnoseJob } | { ok: false; error: string } {
  let value = body;
  if (typeof value === 'string') {
    const text = /^[A-Za-z0-9+/]+=*$/.test(value.trim()) ? Buffer.from(value, 'base64').toString('utf8') : value;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: 'message is not JSON' };
    }
  }
  const parsed = DiagnoseJobSchema.safeParse(value);
  return parsed.success ? { ok: true, job: parsed.data } : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export function encodeJobMessage(job: DiagnoseJob): string {
  return Buffer.from(JSON.stringify(job), 'utf8').toString('base64');
}
