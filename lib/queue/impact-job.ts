import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ChangeSchema, type Change } from '../model';

/** An impact analysis on the work queue (issue 18): one debounced change, analysed and published by lib/jobs/run-impact-job.ts. */
export const ImpactJobSchema = z.object({
  kind: z.literal('impact'),
  jobId: z.string().uuid(),
  change: ChangeSchema,
  requestedAt: z.string(),
});
export type ImpactJob = z.infer<typeof ImpactJobSchema>;

export function newImpactJob(change: Change, now: Date = new Date()): ImpactJob {
  return { kind: 'impact', jobId: randomUUID(), change, requestedAt: now.toISOString() };
}

export function isImpactMessage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'impact';
}
