import type { Category, Incident, PullFailure } from '../model';

/** Lists on the incident keep at most this many entries (a Table Storage property holds 32K characters). */
export const LIST_CAP = 200;

export interface IncidentIdentity {
  id: string;
  cluster: string;
  image: string;
  category: Category;
}

export interface MergePolicy {
  /** A new diagnose job for added pods at most this often. */
  debounceMs: number;
  /** lastSeen moving by less than this (and nothing else changing) is not worth a write. */
  coalesceMs: number;
}

export interface MergeResult {
  /** The incident to store, or undefined when nothing durable changed (counters stay pending). */
  next: Incident | undefined;
  created: boolean;
  reopened: boolean;
  newPods: number;
  /** A diagnose job should be enqueued (decided inside the optimistic update, so only one writer does). */
  enqueue: 'new' | 'reopened' | 'pods-added' | 'cause-known' | undefined;
}

function addCapped(list: string[], values: Iterable<string>): number {
  let added = 0;
  for (const v of values) {
    if (list.includes(v)) continue;
    added++;
    if (list.length < LIST_CAP) list.push(v);
  }
  return added;
}

function time(value: string | undefined, fallback: number): number {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback : t;
}

/**
 * Folds failures (all of one incident) into the stored incident. Pure: the store may call it again
 * after a concurrent write. Idempotent for redelivered failures: the same pods add nothing, so a
 * duplicate neither writes nor enqueues.
 */
export function mergeFailures(
  current: Incident | undefined,
  identity: IncidentIdentity,
  failures: readonly PullFailure[],
  context: {
    now: Date;
    alertId?: string;
    /** Rule of the alert that reported the failures; kept on an incident it opens. */
    alertRule?: string;
    pendingEvents?: number;
    policy: MergePolicy;
    /** False when these failures say nothing about the cause (BackOff) and the incident knows it: keep its sample. */
    updateSample?: boolean;
  },
): MergeResult {
  const now = context.now.getTime();
  const pods = failures.filter((f) => f.namespace && f.pod).map((f) => `${f.namespace}/${f.pod}`);
  const namespaces = failures.flatMap((f) => (f.namespace ? [f.namespace] : []));
  const controllers = failures.flatMap((f) => (f.namespace && f.controller ? [`${f.namespace}/${f.controller}`] : []));
  const firstSeen = Math.min(...failures.map((f) => time(f.firstSeen ?? f.lastSeen, now)));
  const lastSeen = Math.max(...failures.map((f) => time(f.lastSeen ?? f.firstSeen, now)));
  const latest = failures.reduce((a, b) => (time(b.lastSeen, now) >= time(a.lastSeen, now) ? b : a));
  const events = failures.length + (context.pendingEvents ?? 0);
  const iso = (t: number) => new Date(t).toISOString();

  if (!current) {
    const next: Incident = {
      ...identity,
      status: 'open',
      pods: [],
      namespaces: [],
      controllers: [],
      firstSeen: iso(firstSeen),
      lastSeen: iso(lastSeen),
      eventCount: events,
      sample: latest,
      lastEnqueuedAt: iso(now),
      ...(context.alertId ? { alertIds: [context.alertId] } : {}),
      ...(context.alertRule ? { openedByRule: context.alertRule } : {}),
    };
    const newPods = addCapped(next.pods, pods);
    addCapped(next.namespaces, namespaces);
    addCapped(next.controllers, controllers);
    next.podCount = newPods;
    return { next, created: true, reopened: false, newPods, enqueue: 'new' };
  }

  const next: Incident = structuredClone(current);
  let durable = false;
  let reopened = false;
  if (next.status === 'resolved' && lastSeen > time(next.resolvedAt, 0)) {
    // A failure after the resolution: the same conversation continues in the same thread.
    next.status = 'open';
    delete next.resolvedAt;
    delete next.resolvedReason;
    reopened = true;
    durable = true;
  } else if (next.status === 'resolved') {
    return { next: undefined, created: false, reopened: false, newPods: 0, enqueue: undefined };
  }
  if (next.status === 'muted' && time(next.mutedUntil, 0) <= now) {
    next.status = 'open';
    delete next.mutedUntil;
    durable = true;
  }
  let causeKnown = false;
  if (next.category === 'unknown' && identity.category !== 'unknown') {
    // BackOff-only events opened this incident; now a message names the cause.
    next.category = identity.category;
    causeKnown = true;
    durable = true;
  }
  const newPods = addCapped(next.pods, pods);
  const newNamespaces = addCapped(next.namespaces, namespaces);
  const newControllers = addCapped(next.controllers, controllers);
  if (newPods + newNamespaces + newControllers > 0) durable = true;
  if (context.alertId && !(next.alertIds ?? []).includes(context.alertId)) {
    next.alertIds = [...(next.alertIds ?? []), context.alertId].slice(-20);
    durable = true;
  }
  const storedLast = time(next.lastSeen, 0);
  if (lastSeen - storedLast >= context.policy.coalesceMs) durable = true;
  if (!durable) return { next: undefined, created: false, reopened: false, newPods: 0, enqueue: undefined };

  next.podCount = (next.podCount ?? next.pods.length - newPods) + newPods;
  next.firstSeen = iso(Math.min(time(next.firstSeen, firstSeen), firstSeen));
  next.lastSeen = iso(Math.max(storedLast, lastSeen));
  next.eventCount += events;
  if (context.updateSample !== false || causeKnown || !next.sample) next.sample = latest;
  let enqueue: MergeResult['enqueue'];
  if (next.status === 'open') {
    if (reopened) enqueue = 'reopened';
    else if (causeKnown) enqueue = 'cause-known';
    else if (newPods > 0 && now - time(next.lastEnqueuedAt, 0) >= context.policy.debounceMs) enqueue = 'pods-added';
  }
  if (enqueue) next.lastEnqueuedAt = iso(now);
  return { next, created: false, reopened, newPods, enqueue };
}
