import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ChatMessageRefSchema, DeliveryFailureSchema, ImpactReportSchema, type ImpactReport } from '../model';

export const WARNING_STATUSES = ['open', 'acknowledged', 'muted', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

/** One (cluster, image) a warning holds, with the workloads that run it: what a later failure or change is matched against. */
export const WarningKeySchema = z.object({
  cluster: z.string().max(1000),
  image: z.string().max(1000),
  /** `namespace/Kind/name` */
  workloads: z.array(z.string().max(600)).max(200),
});
export type WarningKey = z.infer<typeof WarningKeySchema>;

/**
 * A "will fail on next pull" warning (issue 18): one per change, stored by lib/warnings (Table
 * Storage or memory), rendered by lib/render/warning-*.ts. The report is kept so the message can be
 * redrawn in place and re-checked; large reports are shortened to fit (`totals` keep the counts).
 */
export const WarningSchema = z.object({
  /** warningId(change id): 32 hex, a valid row key and button value whatever the event id holds. */
  id: z.string().regex(/^[0-9a-f]{32}$/),
  changeId: z.string().max(200),
  status: z.enum(WARNING_STATUSES),
  report: ImpactReportSchema,
  /** Counts of the full report, before the stored copy was shortened. */
  totals: z.object({ workloads: z.number().int().nonnegative(), pods: z.number().int().nonnegative(), undecided: z.number().int().nonnegative() }),
  keys: z.array(WarningKeySchema).max(500),
  chat: ChatMessageRefSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mutedUntil: z.string().optional(),
  /** Who pressed "It's intended" (or muted / resolved by hand). */
  actedBy: z.string().max(200).optional(),
  resolvedAt: z.string().optional(),
  /** "tag v1.2 pushed again", "re-check: nothing at risk", "marked intended by @ana". */
  resolvedReason: z.string().max(1000).optional(),
  deliveryFailed: DeliveryFailureSchema.optional(),
});
export type Warning = z.infer<typeof WarningSchema>;

export function warningId(changeId: string): string {
  return createHash('sha256').update(`warning\n${changeId}`).digest('hex').slice(0, 32);
}

/** The (cluster, image) pairs of a report with their workloads, at-risk and undecided alike (both must be watched). */
export function keysOf(report: ImpactReport): WarningKey[] {
  const byPair = new Map<string, WarningKey>();
  const add = (cluster: string, image: string, workload?: string) => {
    const id = `${cluster.toLowerCase()}\n${image}`;
    const key = byPair.get(id) ?? { cluster, image, workloads: [] };
    byPair.set(id, key);
    if (workload && !key.workloads.includes(workload) && key.workloads.length < 200) key.workloads.push(workload);
  };
  for (const w of report.atRisk) add(w.cluster, w.image, `${w.namespace}/${w.workload}`);
  for (const u of report.undecided) add(u.cluster, u.image);
  return [...byPair.values()].slice(0, 500);
}

export function totalsOf(report: ImpactReport): Warning['totals'] {
  return { workloads: report.atRisk.length, pods: report.atRisk.reduce((n, w) => n + w.pods, 0), undecided: report.undecided.length };
}

/** True when the warning still speaks (not resolved, not acknowledged, not muted at `now`). */
export function isActive(warning: Warning, now: Date): boolean {
  if (warning.status === 'open') return true;
  return warning.status === 'muted' && warning.mutedUntil !== undefined && Date.parse(warning.mutedUntil) <= now.getTime();
}
