import { z } from 'zod';

export const CHECK_IDS = [
  'image-reference',
  'registry',
  'cluster',
  'pull-permission',
  'repository-tag',
  'platform',
  'network-rules',
  'node-egress',
  'private-endpoint',
  'private-dns',
  'geo-replication',
  'image-size',
  'pull-secret',
  'in-cluster-dns',
  'node-pull',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const FINDING_STATUSES = ['fail', 'warn', 'pass', 'skipped', 'unknown'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const EvidenceSchema = z.object({
  /** One fact, plainly: "kubelet identity 1f2e… has no role on registry myacr". */
  fact: z.string(),
  /** Where it was read: "ARM GET …/registries/myacr", "registry GET /v2/app/tags/list", "kubelet event". */
  source: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FixSchema = z.object({
  /** What to do and why, one sentence. */
  text: z.string(),
  /** The exact command with real names filled in; absent when the fix is not a command. */
  command: z.string().optional(),
  /**
   * A check whose own fixes make this one redundant when it has any: general advice ("create a pull
   * secret") given before that check read the real thing (the pod's secrets). The report then shows one.
   */
  supersededBy: z.enum(CHECK_IDS).optional(),
});
export type Fix = z.infer<typeof FixSchema>;

export const FindingSchema = z.object({
  checkId: z.enum(CHECK_IDS),
  status: z.enum(FINDING_STATUSES),
  summary: z.string(),
  evidence: z.array(EvidenceSchema),
  fixes: z.array(FixSchema),
  docs: z.string().optional(),
  /** For `unknown`: what could not be read, and the role/scope that would allow it. */
  missing: z.object({ what: z.string(), permission: z.string().optional() }).optional(),
  durationMs: z.number().nonnegative().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
