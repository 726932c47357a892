import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * An Azure Monitor alert, accepted and deduplicated by the webhook, waiting for its Container
 * insights read (lib/jobs/run-alert-expand-job.ts). The webhook answers 202 as soon as this is on
 * the queue; the read, its retries and its failure happen on the queue like every other job.
 * It carries the parsed alert only (never the payload), every field bounded, and the whole message
 * stays under the Storage queue's 64 KiB (pods beyond the budget are left out and counted: the job
 * then reads every failing pod of the alert's window, so none is lost).
 */
const text = (max: number) => z.string().min(1).max(max);

export const AlertPodSchema = z.object({
  cluster: text(1024).optional(),
  namespace: text(253).optional(),
  pod: text(253).optional(),
  container: text(253).optional(),
  image: text(1024).optional(),
  reason: text(128).optional(),
  count: z.number().int().nonnegative().optional(),
});

export const AlertExpandJobSchema = z.object({
  kind: z.literal('alert-expand'),
  jobId: z.string().uuid(),
  requestedAt: z.string().datetime(),
  alert: z.object({
    alertId: text(1024),
    rule: text(1024),
    signal: z.enum(['log', 'metric', 'prometheus']),
    window: z.object({ start: z.string().datetime(), end: z.string().datetime() }),
    /** The webhook's durable dedupe key for this firing. */
    firingKey: text(3000),
    cluster: text(1024).optional(),
    workspaceIds: z.array(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a workspace id')).max(10),
    pods: z.array(AlertPodSchema).max(200),
    /** Pods the alert named that did not fit the message: the job reads the whole window instead. */
    podsLeftOut: z.number().int().nonnegative().default(0),
  }),
});
export type AlertExpandJob = z.infer<typeof AlertExpandJobSchema>;
export type AlertToExpand = AlertExpandJob['alert'];
export type AlertToExpandInput = z.input<typeof AlertExpandJobSchema>['alert'];

/** JSON bytes a job may take: base64 (4/3) of it stays under the queue's 64 KiB message limit. */
export const ALERT_JOB_MAX_JSON_BYTES = 45_000;

const POD_FIELD_MAX = { cluster: 1024, namespace: 253, pod: 253, container: 253, image: 1024, reason: 128 } as const;

/** A dimension value longer than its field allows is left out (intake would refuse it), not clipped. */
function boundPod(pod: AlertToExpandInput['pods'][number]): AlertToExpandInput['pods'][number] {
  const bounded = { ...pod };
  for (const [field, max] of Object.entries(POD_FIELD_MAX) as Array<[keyof typeof POD_FIELD_MAX, number]>) {
    const value = bounded[field];
    if (value !== undefined && (value.length === 0 || value.length > max)) delete bounded[field];
  }
  return bounded;
}

/**
 * The job for an alert; pods are left out from the end until the message fits (`podsLeftOut`
 * counts them). Fails (with the reason) only when the alert's own fields break their bounds.
 */
export function newAlertExpandJob(alert: AlertToExpandInput, now: Date = new Date()): { ok: true; job: AlertExpandJob } | { ok: false; reason: string } {
  const base = { kind: 'alert-expand' as const, jobId: randomUUID(), requestedAt: now.toISOString() };
  const all = alert.pods.slice(0, 200).map(boundPod);
  const leftBefore = alert.pods.length - all.length + (alert.podsLeftOut ?? 0);
  const parse = (pods: typeof all) => AlertExpandJobSchema.safeParse({ ...base, alert: { ...alert, pods, podsLeftOut: leftBefore + all.length - pods.length } });
  const parsed = parse(all);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  let size = Buffer.byteLength(JSON.stringify(parsed.data));
  if (size <= ALERT_JOB_MAX_JSON_BYTES) return { ok: true, job: parsed.data };
  // Too big: drop pods from the end (each takes its JSON and a comma) until it fits.
  let kept = parsed.data.alert.pods.length;
  while (kept > 0 && size > ALERT_JOB_MAX_JSON_BYTES) size -= Buffer.byteLength(JSON.stringify(parsed.data.alert.pods[--kept])) + 1;
  const cut = parse(all.slice(0, kept));
  return cut.success ? { ok: true, job: cut.data } : { ok: false, reason: cut.error.issues.map((i) => i.message).join('; ') };
}

export function isAlertExpandMessage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'alert-expand';
}

/** What logs and `pull-doctor incidents` show of an alert job. */
export function describeAlertJob(job: AlertExpandJob): string {
  return `alert ${job.alert.rule} (${job.alert.signal}) firing ${job.alert.window.start}..${job.alert.window.end}, ${job.alert.pods.length} pod(s)${job.alert.podsLeftOut ? ` + ${job.alert.podsLeftOut} left out` : ''}`;
}

/** Durable key of an alert whose Resolved call was handled: its expansion, queued earlier, opens nothing. */
export function alertResolvedKey(alertId: string): string {
  return `alert-resolved|${alertId}`;
}

/** Durable key of a firing whose failures were ingested (the webhook's own key marks it queued). */
export function alertExpandedKey(firingKey: string): string {
  return `${firingKey}|expanded`;
}
