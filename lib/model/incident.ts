import { z } from 'zod';
import { CategorySchema } from './category';
import { PullFailureSchema } from './pull-failure';

/** Where an incident's chat message lives, so follow-ups thread and updates land in place. */
export const ChatMessageRefSchema = z.object({
  platform: z.enum(['slack', 'teams', 'console']),
  /** Slack channel id / Teams channel id. */
  channel: z.string().optional(),
  /** Slack message ts (the thread root). */
  ts: z.string().optional(),
  /** Teams: activity id of the card, and the serialized ConversationReference. */
  activityId: z.string().optional(),
  conversationReference: z.record(z.string(), z.unknown()).optional(),
});
export type ChatMessageRef = z.infer<typeof ChatMessageRefSchema>;

/**
 * The outbox (lib/incidents/outbox.ts): the job this incident still owes, written in the same
 * ETag-guarded update as the change that asked for it, and cleared only when a job with this id
 * reaches a final state. Re-sent when not picked up within OUTBOX_ACK_MS.
 */
export const PendingJobSchema = z.object({
  id: z.string().uuid(),
  reason: z.enum(['new', 'reopened', 'pods-added', 'cause-known', 'recheck', 'image-pushed', 'quiet-period', 'alert-resolved']),
  force: z.boolean().default(false),
  resolveIfPasses: z.string().max(500).optional(),
  requestedBy: z.string().max(200).optional(),
  createdAt: z.string(),
  /** Last time it was put on the queue (or the intent was written, before the first send). */
  sentAt: z.string(),
  /** Times it was put on the queue. */
  sends: z.number().int().nonnegative(),
});
export type PendingJob = z.infer<typeof PendingJobSchema>;

/** Why the incident's chat message could not be delivered for good (a permanent chat error, or a job that ran out of attempts). */
export const DeliveryFailureSchema = z.object({
  reason: z.string().max(1000),
  at: z.string(),
  jobId: z.string().optional(),
  /** The platform's error code (channel_not_found, BotNotInConversationRoster, …). */
  code: z.string().max(200).optional(),
  permanent: z.boolean(),
});
export type DeliveryFailure = z.infer<typeof DeliveryFailureSchema>;

export const INCIDENT_STATUSES = ['open', 'muted', 'resolved'] as const;

/**
 * One conversation: a cluster + image + category (+ root cause once known) with every pod that hit it.
 * Stored by lib/incidents (Table Storage or memory); rendered by lib/render.
 */
export const IncidentSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  image: z.string(),
  category: CategorySchema,
  rootCause: z.string().optional(),
  status: z.enum(INCIDENT_STATUSES),
  mutedUntil: z.string().optional(),
  resolvedAt: z.string().optional(),
  /** How it was resolved: "image pushed", "alert resolved", "re-check passed", "resolved by @user". */
  resolvedReason: z.string().optional(),
  /** `namespace/pod` */
  pods: z.array(z.string()),
  namespaces: z.array(z.string()),
  /** `namespace/Kind/name` */
  controllers: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Failure events counted into this incident. */
  eventCount: z.number().int().nonnegative(),
  lastDiagnosedAt: z.string().optional(),
  chat: ChatMessageRefSchema.optional(),
  /**
   * Written before a job posts the incident's first message (in its claim), cleared with the saved
   * `chat` reference: a retry that finds it without a reference looks for the message the earlier
   * attempt may have posted (lib/jobs/deliver-diagnosis.ts) before posting another.
   */
  postingJob: z.object({ jobId: z.string().max(100), at: z.string() }).optional(),
  /** The most recent failure of the incident: what a job or a re-check diagnoses (lib/intake). */
  sample: PullFailureSchema.optional(),
  /** Azure Monitor alert ids that reported this incident; a `Resolved` call for one resolves it. */
  alertIds: z.array(z.string()).optional(),
  /** The alert rule that opened this incident; only that rule's `Resolved` closes it. */
  openedByRule: z.string().optional(),
  /** When a diagnose job was last enqueued (debounce at intake). */
  lastEnqueuedAt: z.string().optional(),
  /** The diagnose job running now (claimed by lib/jobs/run-diagnose-job.ts); a retry of the same job may continue it. */
  job: z.object({ id: z.string(), startedAt: z.string() }).optional(),
  /** Why the last diagnose job failed (cleared by the next success). */
  lastError: z.string().optional(),
  /** The job this incident still owes (outbox). */
  pendingJob: PendingJobSchema.optional(),
  /** Ids of the last jobs that reached a final state: a redelivered or re-sent copy is not run twice. */
  doneJobs: z.array(z.string()).optional(),
  /** The chat message could not be delivered (shown by `pull-doctor incidents`; cleared by the next delivery). */
  deliveryFailed: DeliveryFailureSchema.optional(),
  /** Issue 18: an open "at risk" warning named this (cluster, image) before it failed: the diagnosis says "warned N min before". */
  warnedBy: z.object({ warningId: z.string().max(64), at: z.string(), summary: z.string().max(300) }).optional(),
  /** Distinct pods seen; `pods` keeps at most the first 200 (Table Storage property size). */
  podCount: z.number().int().nonnegative().optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;
