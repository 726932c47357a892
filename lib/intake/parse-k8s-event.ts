import { z } from 'zod';
import type { PullFailure } from '../model';
import { IMAGE_IN_MESSAGE_PATTERN, PULL_FAILURE_REASONS } from '../logs/kql-templates';
import { isAksClusterId } from './names';

/**
 * Kubernetes Warning events forwarded by kubernetes-event-exporter to an Event Grid custom topic,
 * in CloudEvents 1.0 (what infra/k8s-event-exporter/values.yaml sends) or the Event Grid schema.
 * The accepted shapes are documented in docs/events.md.
 */

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional();

/** The Kubernetes Event (core/v1) as the exporter serialises it, or as our layout reshapes it. */
const KubeEventSchema = z
  .object({
    /** AKS cluster ARM id, added by the exporter layout (the event itself does not know it). */
    cluster: z.string().optional(),
    type: z.string().optional(),
    reason: z.string(),
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
  | { kind: 'malformed'; id?: string; reason: string };

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

function toFailure(id: string, data: unknown, clusterHint: string | undefined, time: string | undefined): ParsedK8sEvent {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { kind: 'malformed', id, reason: 'data is not JSON' };
    }
  }
  const parsed = KubeEventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'malformed', id, reason: `data.${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  if (e.type && e.type !== 'Warning') return { kind: 'ignored', id, reason: `event type ${e.type}` };
  if (e.involvedObject.kind !== 'Pod') return { kind: 'ignored', id, reason: `event about a ${e.involvedObject.kind}` };
  if (!(PULL_FAILURE_REASONS as readonly string[]).includes(e.reason)) return { kind: 'ignored', id, reason: `reason ${e.reason} is not a pull failure` };
  const image = IMAGE_IN_MESSAGE.exec(e.message)?.[1];
  // kubelet also sends `Failed` with "Error: ErrImagePull" (no image); the event that names the image carries the failure.
  if (!image) return { kind: 'ignored', id, reason: 'message names no image' };
  const cluster = e.cluster ?? (clusterHint && isAksClusterId(clusterHint) ? clusterHint : undefined);
  return {
    kind: 'failure',
    id,
    failure: {
      ...(cluster ? { cluster } : {}),
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

/** Azure system events (AKS version/node-pool events, …) reaching this topic by a broad subscription. */
function isSystemType(type: string): boolean {
  return /^Microsoft\./i.test(type);
}

/** One envelope (CloudEvent or Event Grid event) → one parsed event. Never throws. */
export function parseK8sEnvelope(envelope: unknown): ParsedK8sEvent {
  if (typeof envelope !== 'object' || envelope === null) return { kind: 'malformed', reason: 'event is not a JSON object' };
  if ('specversion' in envelope) {
    const ce = CloudEventSchema.safeParse(envelope);
    if (!ce.success) return { kind: 'malformed', reason: `CloudEvent ${ce.error.issues[0]!.path.join('.')}: ${ce.error.issues[0]!.message}` };
    if (isSystemType(ce.data.type)) return { kind: 'ignored', id: ce.data.id, reason: `event type ${ce.data.type} is not a Kubernetes event` };
    return toFailure(ce.data.id, ce.data.data, ce.data.source, validTime(ce.data.time));
  }
  const eg = EventGridEventSchema.safeParse(envelope);
  if (!eg.success) return { kind: 'malformed', reason: `Event Grid event ${eg.error.issues[0]!.path.join('.')}: ${eg.error.issues[0]!.message}` };
  if (isSystemType(eg.data.eventType)) return { kind: 'ignored', id: eg.data.id, reason: `event type ${eg.data.eventType} is not a Kubernetes event` };
  return toFailure(eg.data.id, eg.data.data, eg.data.subject, validTime(eg.data.eventTime));
}

/** A webhook body: one event or a batch (array), either schema. */
export function parseK8sEvents(body: unknown): ParsedK8sEvent[] {
  const list = Array.isArray(body) ? body : [body];
  return list.map(parseK8sEnvelope);
}
