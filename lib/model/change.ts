import { z } from 'zod';
import { CHECK_IDS, EvidenceSchema, FixSchema } from './finding';

/**
 * Prevention (issue 18): an Azure change that may break the *next* pull of something running now.
 * A change comes from an Event Grid event (ACR or Resource Manager), parsed and bounded at intake
 * (lib/prevent/), debounced into one change per burst; the impact analysis turns it into an
 * ImpactReport; a WarningPort posts it. These shapes are shared by intake, impact, CLI and chat.
 */
export const CHANGE_KINDS = [
  /** ACR ImageDeleted / untag: a tag or manifest in use may be gone. */
  'tag-deleted',
  /** ACR ImagePushed on an existing tag: the tag now names another digest (platforms may differ). */
  'tag-moved',
  /** Microsoft.Authorization/roleAssignments/delete: a pull role may be gone. */
  'role-assignment-deleted',
  /** Registry write: network rules, public network access, ABAC mode. */
  'registry-changed',
  /** Private DNS zone, virtual network link or record set write/delete. */
  'private-dns-changed',
  /** Private endpoint write/delete (or its connection state). */
  'private-endpoint-changed',
  /** AKS managed cluster or agent pool write (new pool, VM size, OS, kubelet identity). */
  'cluster-changed',
  /** NAT gateway, public IP or load balancer outbound change (egress IP seen by registry firewalls). */
  'outbound-changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ChangeSchema = z.object({
  /** Stable id of the (debounced) change: the first event's id. */
  id: z.string().max(200),
  kind: z.enum(CHANGE_KINDS),
  /** When Azure says it happened (event time), ISO 8601. */
  at: z.string(),
  /** Who made it, when the event says (ARM `data.claims` name / upn / appid; ACR has none). */
  principal: z.string().max(300).optional(),
  /** The ARM resource id the change touched (registry, role assignment, zone, pool, …). */
  resourceId: z.string().max(1000).optional(),
  /** ARM operation name, e.g. `Microsoft.Authorization/roleAssignments/delete`. */
  operation: z.string().max(300).optional(),
  /** ACR changes: the registry login server, repository and the tags/digest touched. */
  registry: z
    .object({
      loginServer: z.string().max(300),
      repository: z.string().max(256),
      tags: z.array(z.string().max(128)).max(1000),
      digest: z.string().max(100).optional(),
    })
    .optional(),
  /** Event ids folded into this change (a pipeline deleting 500 tags is one change). */
  eventIds: z.array(z.string().max(200)).max(5000),
  /** The checks this change can affect; the impact analysis re-runs only these. */
  checks: z.array(z.enum(CHECK_IDS)),
});
export type Change = z.infer<typeof ChangeSchema>;

export const AtRiskWorkloadSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  /** `<kind>/<name>` as Container insights names the controller, e.g. `Deployment/web`. */
  workload: z.string(),
  /** Running pods that would fail on their next pull. */
  pods: z.number().int().nonnegative(),
  image: z.string(),
  nodePools: z.array(z.string()).default([]),
  /** The check that now fails for this (cluster, image), with its evidence and fix. */
  checkId: z.enum(CHECK_IDS),
  summary: z.string(),
  evidence: z.array(EvidenceSchema),
  fix: FixSchema.optional(),
});
export type AtRiskWorkload = z.infer<typeof AtRiskWorkloadSchema>;

export const ImpactReportSchema = z.object({
  change: ChangeSchema,
  /** Sorted by blast radius (pods, then workloads), largest first. */
  atRisk: z.array(AtRiskWorkloadSchema),
  /** Affected (cluster, image) pairs whose re-check ended `unknown`: never reported as safe. */
  undecided: z.array(z.object({ cluster: z.string(), image: z.string(), checkId: z.enum(CHECK_IDS), reason: z.string() })),
  /** How many running (cluster, image) pairs the change could touch, and how many were re-checked. */
  considered: z.number().int().nonnegative(),
  checked: z.number().int().nonnegative(),
  /** Outgoing calls made for this report (Container insights queries, ARM and registry requests). */
  requests: z.object({ logs: z.number().int().nonnegative(), arm: z.number().int().nonnegative(), registry: z.number().int().nonnegative() }),
});
export type ImpactReport = z.infer<typeof ImpactReportSchema>;

/** CLI exit codes for `impact` and `audit` (issue 18): 1 at risk, 0 nothing at risk, 2 could not decide. */
export function impactExitCode(report: Pick<ImpactReport, 'atRisk' | 'undecided'>): 0 | 1 | 2 {
  if (report.atRisk.length > 0) return 1;
  return report.undecided.length > 0 ? 2 : 0;
}
