import { z } from 'zod';
import type { PullFailure } from '../model';
import { IMAGE_IN_MESSAGE_PATTERN, PULL_FAILURE_REASONS } from '../logs/kql-templates';
import { isAksClusterId } from './names';

/**
 * Kubernetes Warning events from kubernetes-event-exporter: its raw webhook body (what
 * infra/k8s-event-exporter/values.yaml sends to a per-cluster route), or through an Event Grid
 * custom topic in CloudEvents 1.0 or the Event Grid schema. Shapes: docs/events.md.
 */

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional();

/** The Kubernetes Event (core/v1) as the exporter serialises it, or as our layout reshapes it. */
const KubeEventSchema = z
  .object({
    /** AKS cluster ARM id, added by the exporter layout (the event itself does not know it). */
    cluster: z.string().optional(),
    /** The exporter's `clusterName` config value (EnhancedEvent); used when it is an AKS cluster id. */
    clusterName: z.string().nullish(),
    type: z.string().optional(),
    reason: z.string(),
    // Stryker disable next-line StringLiteral: an absent message names no image, so the event is ignored whatever the default says
    message: z.string().default(''),
    count,
    firstTimestamp: z.string().nullish(),
    lastTimestamp: z.string().nullish(),
    source: z.object({ host: z.string().optional(), component: z.string().optional() }).partial().nullish(),
    involvedObject: z
      .object({
        kind: z.string(),
        name: z.string(),
        namespace: z.string().optional(),
        fieldPath: z.string().optional(),
        labels: z.record(z.string(), z.string()).nullish(),
        ownerReferences: z.array(z.object({ kind: z.string(), name: z.string() }).passthrough()).nullish(),
      })
      .passthrough(),
  })
  .passthrough();
export type KubeEvent = z.infer<typeof KubeEventSchema>;

const CloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().optional(),
  data: z.unknown(),
});
const EventGridEventSchema = z.object({
  id: z.string().min(1),
  eventType: z.string().min(1),
  subject: z.string().optional(),
  topic: z.string().optional(),
  eventTime: z.string().optional(),
  data: z.unknown(),
});

export type ParsedK8sEvent =
  | { kind: 'failure'; id: string; failure: PullFailure }
  | { kind: 'ignored'; id: string; reason: string }
  /** A sender that speaks for a cluster it is not bound to (logged as a warning). */
  | { kind: 'refused'; id: string; reason: string }
  | { kind: 'malformed'; id?: string; reason: string };

/**
 * Which cluster a delivery may speak for (PULL_DOCTOR_K8S_EVENT_SENDERS). `bound` = senders are
 * configured: the cluster comes only from the route's sender or the Event Grid topic, never from
 * the event. Unbound: `data.cluster`, the exporter's `clusterName`, the CloudEvent `source` or the
 * Event Grid `subject`, when one is an AKS cluster id.
 */
export interface SenderBinding {
  bound: boolean;
  /** The cluster of the authenticated per-cluster route that received the body. */
  routeCluster?: string;
  /** Event Grid topic id (lowercase) → cluster id. */
  topics?: ReadonlyMap<string, string>;
}

const UNBOUND: SenderBinding = { bound: false };

const IMAGE_IN_MESSAGE = new RegExp(IMAGE_IN_MESSAGE_PATTERN);

/** `spec.containers{app}` → `app` */
function containerOf(fieldPath: string | undefined): string | undefined {
  return fieldPath ? /^spec\.(?:init|ephemeral)?[cC]ontainers\{([^}]+)\}$/.exec(fieldPath)?.[1] : undefined;
}

/** Owner of the pod as `Kind/name`; a ReplicaSet with a pod-template-hash stands for its Deployment. */
function controllerOf(obj: KubeEvent['involvedObject']): string | undefined {
  const owner = obj.ownerReferences?.[0];
  if (!owner) return undefined;
  const hash = obj.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  return `${owner.kind}/${owner.name}`;
}

function validTime(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function toFailure(id: string, data: unknown, hint: { cluster?: string; topic?: string }, time: string | undefined, binding: SenderBinding): ParsedK8sEvent {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { kind: 'malformed', id, reason: 'data is not JSON' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed', id, reason: 'data is not a JSON object' };
  // Filter before validating: node, cluster and controller events are normal traffic, not malformed Pod events.
  const head = value as { type?: unknown; involvedObject?: { kind?: unknown } | null };
  if (typeof head.type === 'string' && head.type !== 'Warning') return { kind: 'ignored', id, reason: `event type ${head.type}` };
  const objectKind = head.involvedObject?.kind;
  if (objectKind !== 'Pod') return { kind: 'ignored', id, reason: `not a pod event (${typeof objectKind === 'string' && objectKind ? objectKind.slice(0, 40) : 'no involvedObject.kind'})` };
  const parsed = KubeEventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'malformed', id, reason: `data.${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  if (!(PULL_FAILURE_REASONS as readonly string[]).includes(e.reason)) return { kind: 'ignored', id, reason: `reason ${e.reason} is not a pull failure` };
  const image = IMAGE_IN_MESSAGE.exec(e.message)?.[1];
  // kubelet also sends `Failed` with "Error: ErrImagePull" (no image); the event that names the image carries the failure.
  if (!image) return { kind: 'ignored', id, reason: 'message names no image' };
  const cluster = clusterOf(id, e, hint, binding);
  if (typeof cluster !== 'string') return cluster;
  return {
    kind: 'failure',
    id,
    failure: {
      cluster,
      namespace: e.involvedObject.namespace,
      pod: e.involvedObject.name,
      container: containerOf(e.involvedObject.fieldPath),
      controller: controllerOf(e.involvedObject),
      image,
      reason: e.reason,
      message: e.message,
      node: e.source?.host,
      firstSeen: validTime(e.firstTimestamp) ?? time,
      lastSeen: validTime(e.lastTimestamp) ?? time,
      ...(e.count !== undefined ? { count: e.count } : {}),
      source: 'k8s-event',
    },
  };
}

/** The cluster the event may speak for, or why it may not. */
function clusterOf(id: string, e: KubeEvent, hint: { cluster?: string; topic?: string }, binding: SenderBinding): string | ParsedK8sEvent {
  const claimed = [e.cluster, e.clusterName].find((c): c is string => typeof c === 'string' && isAksClusterId(c));
  if (binding.bound) {
    const bound = binding.routeCluster ?? (hint.topic ? binding.topics?.get(hint.topic.toLowerCase()) : undefined);
    if (!bound) return { kind: 'refused', id, reason: 'sender is not bound to a cluster (PULL_DOCTOR_K8S_EVENT_SENDERS: a per-cluster route or Event Grid topic)' };
    if (claimed && claimed.toLowerCase() !== bound.toLowerCase()) return { kind: 'refused', id, reason: `event names cluster ${claimed.split('/').at(-1)} but its sender is bound to ${bound.split('/').at(-1)}` };
    return bound;
  }
  const cluster = claimed ?? (hint.cluster && isAksClusterId(hint.cluster) ? hint.cluster : undefined);
  return cluster ?? { kind: 'ignored', id, reason: 'no cluster: the event names no AKS cluster id (send it to a per-cluster route /api/events/k8s/<sender>, or set data.cluster / the CloudEvent source)' };
}

/** Azure system events (AKS version/node-pool events, …) reaching this topic by a broad subscription. */
function isSystemType(type: string): boolean {
  return /^Microsoft\./i.test(type);
}

/** The exporter's own webhook body (no envelope, no layout): the core/v1 Event plus `clusterName`. */
function isRawKubeEvent(value: object): boolean {
  return !('specversion' in value) && !('eventType' in value) && ('involvedObject' in value || ('reason' in value && 'metadata' in value));
}

/** A stable delivery id for a raw event: its uid and repetition count, as our layout's CloudEvent id. */
function rawEventId(value: { metadata?: { uid?: unknown }; count?: unknown; lastTimestamp?: unknown }): string {
  const uid = typeof value.metadata?.uid === 'string' ? value.metadata.uid.slice(0, 100) : 'no-uid';
  return `raw|${uid}-${String(value.count ?? '').slice(0, 20)}|${String(value.lastTimestamp ?? '').slice(0, 40)}`;
}

/** One envelope (CloudEvent or Event Grid event) or raw exporter event → one parsed event. Never throws. */
export function parseK8sEnvelope(envelope: unknown, binding: SenderBinding = UNBOUND): ParsedK8sEvent {
  if (typeof envelope !== 'object' || envelope === null) return { kind: 'malformed', reason: 'event is not a JSON object' };
  if (isRawKubeEvent(envelope)) return toFailure(rawEventId(envelope), envelope, {}, undefined, binding);
  if ('specversion' in envelope) {
    const ce = CloudEventSchema.safeParse(envelope);
    // Stryker disable next-line StringLiteral: the envelope schema is flat, so an issue's path has one element and the separator never shows
    if (!ce.success) return { kind: 'malformed', reason: `CloudEvent ${ce.error.issues[0]!.path.join('.')}: ${ce.error.issues[0]!.message}` };
    if (isSystemType(ce.data.type)) return { kind: 'ignored', id: ce.data.id, reason: `event type ${ce.data.type} is not a Kubernetes event` };
    // A CloudEvent's source is whatever the publisher wrote: a cluster hint only, never a binding.
    return toFailure(ce.data.id, ce.data.data, { cluster: ce.data.source }, validTime(ce.data.time), binding);
  }
  const eg = EventGridEventSchema.safeParse(envelope);
  // Stryker disable next-line StringLiteral: the envelope schema is flat, so an issue's path has one element and the separator never shows
  if (!eg.success) return { kind: 'malformed', reason: `Event Grid event ${eg.error.issues[0]!.path.join('.')}: ${eg.error.issues[0]!.message}` };
  if (isSystemType(eg.data.eventType)) return { kind: 'ignored', id: eg.data.id, reason: `event type ${eg.data.eventType} is not a Kubernetes event` };
  // `topic` is written by Event Grid, not the publisher: it may bind the sender.
  return toFailure(eg.data.id, eg.data.data, { cluster: eg.data.subject, ...(eg.data.topic ? { topic: eg.data.topic } : {}) }, validTime(eg.data.eventTime), binding);
}

/** A webhook body: one event or a batch (array), either schema, or the exporter's raw event. */
export function parseK8sEvents(body: unknown, binding: SenderBinding = UNBOUND): ParsedK8sEvent[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map((item) => parseK8sEnvelope(item, binding));
}
