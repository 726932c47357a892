import type { Incident } from '../model';
import type { JobQueue } from '../queue/job-queue';
import type { IncidentStore, StoreOptions } from './incident-store';
import { requestJob } from './outbox';
import { recordIncident } from '../telemetry';

/**
 * What on-call replies (issue 7: Teams/Slack buttons and verbs) do to an incident. Each is one
 * optimistic update; the chat handler answers with the returned incident.
 */
export type ActionResult = { ok: true; incident: Incident } | { ok: false; reason: string };

async function change(store: IncidentStore, cluster: string, id: string, apply: (i: Incident) => Incident | string, options?: StoreOptions): Promise<ActionResult> {
  let refusal: string | undefined;
  const { incident, written } = await store.update(
    cluster,
    id,
    (current) => {
      if (!current) {
        refusal = 'no such incident';
        return undefined;
      }
      const next = apply(current);
      if (typeof next === 'string') {
        refusal = next;
        return undefined;
      }
      refusal = undefined;
      return next;
    },
    options,
  );
  return written && incident ? { ok: true, incident } : { ok: false, reason: refusal ?? 'unchanged' };
}

/** Silences an incident until `until` (new failures are still counted; no job, no post). */
export function muteIncident(store: IncidentStore, cluster: string, id: string, until: Date, options?: StoreOptions): Promise<ActionResult> {
  if (Number.isNaN(until.getTime())) return Promise.resolve({ ok: false, reason: 'not a valid time' });
  return change(store, cluster, id, (i) => (i.status === 'resolved' ? 'the incident is resolved' : { ...i, status: 'muted', mutedUntil: until.toISOString() }), options).then(
    (result) => {
      if (result.ok) recordIncident('muted', { category: result.incident.category });
      return result;
    },
  );
}

/** Resolves by hand ("resolved by @user"); the caller posts the resolution through ChatPort.resolved. */
export function resolveIncident(store: IncidentStore, cluster: string, id: string, how: string, now: Date = new Date(), options?: StoreOptions): Promise<ActionResult> {
  return change(
    store,
    cluster,
    id,
    (i) => {
      if (i.status === 'resolved') return 'the incident is already resolved';
      const next: Incident = { ...i, status: 'resolved', resolvedAt: now.toISOString(), resolvedReason: how };
      delete next.mutedUntil;
      return next;
    },
    options,
  ).then((result) => {
    if (result.ok) recordIncident('resolved', { category: result.incident.category, resolvedBy: 'hand' });
    return result;
  });
}

/** Queues a forced re-check (the "Re-check" button) through the incident's outbox; it resolves the incident when the pull now works. */
export async function requestRecheck(store: IncidentStore, queue: JobQueue, cluster: string, id: string, requestedBy: string, options?: StoreOptions): Promise<ActionResult> {
  const incident = await requestJob({ store, queue, now: () => new Date() }, cluster, id, { reason: 'recheck', force: true, requestedBy, resolveIfPasses: `re-check requested by ${requestedBy} passed` }, options);
  return incident ? { ok: true, incident } : { ok: false, reason: 'no such incident' };
}
