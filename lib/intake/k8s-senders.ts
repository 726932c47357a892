import { createHash, timingSafeEqual } from 'node:crypto';
import type { K8sEventSender } from '../config/settings';
import type { SenderBinding } from './parse-k8s-event';

/**
 * Kubernetes event senders bound to their clusters (PULL_DOCTOR_K8S_EVENT_SENDERS), so one
 * cluster's forwarder cannot speak for another: a per-cluster Event Grid topic (the `topic` Event
 * Grid writes into each event) or a per-cluster webhook route whose bearer token only that
 * cluster's exporter holds (the setting keeps its SHA-256, never the token).
 */
export function senderBinding(senders: readonly K8sEventSender[], routeCluster?: string): SenderBinding {
  const topics = new Map<string, string>();
  for (const s of senders) if ('topic' in s) topics.set(s.topic.toLowerCase(), s.cluster);
  return { bound: senders.length > 0, topics, ...(routeCluster ? { routeCluster } : {}) };
}

export type SenderAuthentication = { ok: true; cluster: string } | { ok: false; status: 401 | 404; error: string };

/** The `Authorization: Bearer <token>` of a request to /api/events/k8s/<sender>, checked in constant time. */
export function authenticateSender(senders: readonly K8sEventSender[], sender: string, authorization: string | null): SenderAuthentication {
  const entry = senders.find((s): s is Extract<K8sEventSender, { sender: string }> => 'sender' in s && s.sender === sender);
  if (!entry) return { ok: false, status: 404, error: `no Kubernetes event sender named ${JSON.stringify(sender.slice(0, 63))} in PULL_DOCTOR_K8S_EVENT_SENDERS` };
  const token = /^Bearer (\S{16,512})$/.exec(authorization ?? '')?.[1];
  if (!token) return { ok: false, status: 401, error: 'missing Authorization: Bearer <sender token>' };
  const presented = createHash('sha256').update(token).digest();
  const expected = Buffer.from(entry.tokenSha256, 'hex');
  if (!timingSafeEqual(presented, expected)) return { ok: false, status: 401, error: `wrong token for sender ${sender}` };
  return { ok: true, cluster: entry.cluster };
}
