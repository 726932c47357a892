import type { Category, Incident, PullFailure } from '../model';
import type { IncidentStore } from '../incidents/incident-store';
import { mergeFailures } from '../incidents/merge-failures';
import { CLAIM_TIMEOUT_MS, needsResend, requestJob, resendIfDue, sendPendingJob, withPendingJob, type OutboxDeps } from '../incidents/outbox';
import type { JobQueue } from '../queue/job-queue';
import { boundFailure, rejectReason } from './bound-failure';
import { IncidentTargets } from './incident-targets';
import { clipForLog, type Logger } from './logger';
import { RecentKeys } from './recent-keys';
import { alertIndexKey, imageIndexKey, imageMatches, inScope, repositoryIndexKey } from './scope';
import { eachIsolated, indexedOpenIncidents } from './incident-lookups';
import { recordIncident } from '../telemetry';
import { linkWarning, type WarningLookup } from '../warnings/link-incident';
import { RegistryEgressPolicy } from '../registry/egress-policy';

export { imageMatches, inScope } from './scope';

export interface IntakeSettings {
  debounceMinutes: number;
  /** Cluster or resource-group ids; empty = any cluster. */
  allowedClusters: readonly string[];
  /** Registry login servers (lowercase); empty = any registry. */
  allowedRegistries: readonly string[];
}

export interface IntakeDeps {
  store: IncidentStore;
  queue: JobQueue;
  /** The one classifier (lib/classify): kubelet message + reason → category. */
  classify: (failure: PullFailure) => Category;
  log: Logger;
  settings: IntakeSettings;
  now?: () => Date;
  /** Issue 18: a new incident looks up the warning that named its (cluster, image), one point read (lib/warnings). */
  warnings?: WarningLookup;
}

export interface IngestOptions {
  /** Delivery id (Event Grid id, alert id + window): a redelivery with the same key is dropped. */
  eventKey?: string;
  /**
   * Also keep the key in the incident table, recorded after the work succeeded (one write per
   * delivery). Used for alerts and ACR events, which are few; Kubernetes events rely on the
   * in-process window plus the idempotent merge (a redelivered event adds no pod, so it neither
   * writes nor enqueues) to keep writes proportional to pods.
   */
  durableKey?: boolean;
  alertId?: string;
  /** The alert rule that reported these failures; stored on an incident it opens (its Resolved closes only those). */
  alertRule?: string;
  signal?: AbortSignal;
}

export interface IngestResult {
  duplicate: boolean;
  /** Failures dropped, with why (invalid names, out of scope, no cluster). */
  ignored: string[];
  incidents: string[];
  created: number;
  enqueued: number;
  writes: number;
}

/** lastSeen moving less than this, with nothing else new, is kept in memory until the next write. */
const COALESCE_MS = 60_000;
/**
 * How long this process trusts its last read of an incident to decide that an event changes nothing
 * durable (a known pod, a lastSeen within the coalescing minute). Reads then follow pods, not events;
 * a resolution written elsewhere is noticed at most this late.
 */
const KNOWN_INCIDENT_TTL_MS = 15_000;

/**
 * Intake: failures from any trigger become incidents (grouped per cluster + image + category) and
 * at most one diagnose job per incident per debounce period. Everything here is safe to repeat.
 */
export class Intake {
  private readonly recent = new RecentKeys(10_000);
  /** Events and last-seen counted in this process but not yet written (see COALESCE_MS). */
  private readonly pending = new Map<string, { cluster: string; events: number; since: number }>();
  private readonly now: () => Date;
  private readonly targets: IncidentTargets;
  /** incident id → its last stored state as this process read or wrote it. */
  private readonly known = new Map<string, { incident: Incident; at: number }>();
  /** incident id → cluster, for pending jobs whose send failed in this process. */
  private readonly unsent = new Map<string, string>();

  constructor(private readonly deps: IntakeDeps) {
    this.now = deps.now ?? (() => new Date());
    this.targets = new IncidentTargets(deps.store, this.now);
  }

  /** Validates, scopes, bounds, groups and records failures; writes and sends the diagnose jobs the merge asks for (outbox). */
  async ingest(failures: readonly PullFailure[], options: IngestOptions = {}): Promise<IngestResult> {
    const result: IngestResult = { duplicate: false, ignored: [], incidents: [], created: 0, enqueued: 0, writes: 0 };
    if (options.eventKey && (await this.seen(options.eventKey, options.durableKey ?? false, options.signal))) return { ...result, duplicate: true };
    const groups = new Map<string, { cluster: string; image: string; category: Category; failures: PullFailure[] }>();
    for (const raw of failures) {
      const problem = rejectReason(raw, (c) => (inScope(c, this.deps.settings.allowedClusters) ? undefined : `cluster ${c} is outside PULL_DOCTOR_ALLOWED_CLUSTERS`));
      if (problem) {
        result.ignored.push(problem);
        this.deps.log.warn(`intake: ignored failure (${clipForLog(problem)})`);
        continue;
      }
      const { failure, dropped } = boundFailure(raw);
      if (dropped.length) this.deps.log.warn(`intake: ${failure.namespace ?? '?'}/${failure.pod ?? '?'}: left out ${dropped.join(', ')} (not valid for its grammar or too long)`);
      const cluster = failure.cluster!;
      const category = this.deps.classify(failure);
      const key = `${category}\n${cluster.toLowerCase()}\n${failure.image}`;
      const group = groups.get(key) ?? { cluster, image: failure.image, category, failures: [] };
      group.failures.push(failure);
      groups.set(key, group);
    }
    // Each incident on its own: one Storage refuses for good is dropped with a log line; a transient
    // failure fails the call after the others were stored (and the key is not remembered, so a retry runs).
    await eachIsolated([...groups.values()], this.deps.log, (group) => `${options.eventKey ?? 'failure'}: ${group.image}`, (group) => this.ingestGroup(group, result, options), (group, code) =>
      result.ignored.push(`storage refused the incident for ${group.image} for good (${code})`),
    );
    if (options.eventKey) await this.remember(options.eventKey, options.durableKey ?? false, options.signal);
    return result;
  }

  private async ingestGroup(
    group: { cluster: string; image: string; category: Category; failures: PullFailure[] },
    result: IngestResult,
    options: IngestOptions,
  ): Promise<void> {
    const target = await this.targets.targetFor(group.cluster, group.image, group.category, options.signal);
    const id = target.id;
    const now = this.now();
    const identity = { id, cluster: group.cluster, image: group.image, category: target.category };
    const context = {
      now,
      alertId: options.alertId,
      alertRule: options.alertRule,
      pendingEvents: this.pending.get(id)?.events ?? 0,
      updateSample: group.category !== 'unknown',
      policy: { debounceMs: this.deps.settings.debounceMinutes * 60_000, coalesceMs: COALESCE_MS },
    };
    result.incidents.push(id);
    // What this process last read of the incident: when merging into it changes nothing durable, no read is needed.
    const known = this.known.get(id);
    if (known && now.getTime() - known.at < KNOWN_INCIDENT_TTL_MS && !this.unsent.has(id) && !mergeFailures(known.incident, identity, group.failures, context).next) {
      await this.countInMemory(id, group, now, result, options.signal);
      await this.keepOutboxMoving(known.incident, result, options.signal);
      return;
    }
    // Filed before the write that may create or reopen it, so an ACR push or an alert resolution finds it without a scan.
    const knownOpen = known && now.getTime() - known.at < KNOWN_INCIDENT_TTL_MS && known.incident.status !== 'resolved';
    const repositoryKey = knownOpen ? undefined : imageIndexKey(group.image);
    if (repositoryKey) await this.deps.store.indexIncident(repositoryKey, { cluster: group.cluster, id }, { signal: options.signal });
    if (options.alertId) await this.deps.store.indexIncident(alertIndexKey(options.alertId), { cluster: group.cluster, id }, { signal: options.signal });
    let decision: ReturnType<typeof mergeFailures> | undefined;
    const { incident: stored, written } = await this.deps.store.update(
      group.cluster,
      id,
      (current) => {
        decision = mergeFailures(current, identity, group.failures, context);
        const next = decision.next;
        // The job and the change that asks for it are one write: nothing can happen between them.
        return next && decision.enqueue ? withPendingJob(next, { reason: decision.enqueue, force: decision.enqueue === 'cause-known' }, now) : next;
      },
      { signal: options.signal },
    );
    if (stored) this.known.set(id, { incident: stored, at: now.getTime() });
    if (written && stored && stored.category !== 'unknown') this.targets.remember(group.cluster, group.image, id, stored.category);
    if (!written) {
      await this.countInMemory(id, group, now, result, options.signal);
      if (stored) await this.keepOutboxMoving(stored, result, options.signal);
      return;
    }
    result.writes++;
    this.pending.delete(id);
    if (decision?.created) {
      if (this.deps.warnings && stored) await linkWarning(this.deps.warnings, this.deps.store, stored, this.deps.log, options.signal);
      result.created++;
      recordIncident('opened', { category: group.category });
    }
    if (decision?.enqueue && stored?.pendingJob) {
      await this.send(stored, options.signal);
      result.enqueued++;
      this.deps.log.info(`intake: incident ${id} (${group.category}, ${group.image}) → diagnose job ${stored.pendingJob.id} (${decision.enqueue})`);
    }
  }

  /** Sends an incident's pending job; a failed send is remembered so the next chance (redelivery, next event) sends it at once. */
  private async send(incident: Incident, signal?: AbortSignal): Promise<void> {
    try {
      await sendPendingJob(this.outbox(), incident, { signal });
      this.unsent.delete(incident.id);
    } catch (error) {
      this.unsent.set(incident.id, incident.cluster);
      this.deps.log.error(`intake: incident ${incident.id}: job ${incident.pendingJob?.id} written but not sent (${error instanceof Error ? error.message : String(error)}); it is sent again by the redelivery, the next event or the timer`);
      throw error;
    }
  }

  /** A pending job nobody picked up within the bound (or that this process failed to send) is sent again. */
  private async keepOutboxMoving(incident: Incident, result: IngestResult, signal?: AbortSignal): Promise<void> {
    const unsent = this.unsent.has(incident.id);
    if (!incident.pendingJob || (!unsent && !needsResend(incident, this.now(), CLAIM_TIMEOUT_MS))) return;
    const outcome = await resendIfDue(this.outbox(), incident, CLAIM_TIMEOUT_MS, { signal, immediately: unsent });
    this.unsent.delete(incident.id);
    this.known.delete(incident.id);
    if (outcome === 'sent') {
      result.enqueued++;
      this.deps.log.info(`intake: incident ${incident.id}: pending job ${incident.pendingJob.id} sent again (${unsent ? 'its first send failed' : 'not picked up in time'})`);
    }
  }

  private outbox(): OutboxDeps {
    return { store: this.deps.store, queue: this.deps.queue, now: this.now };
  }

  private async countInMemory(id: string, group: { cluster: string; failures: PullFailure[] }, now: Date, result: IngestResult, signal?: AbortSignal): Promise<void> {
    const p = this.pending.get(id) ?? { cluster: group.cluster, events: 0, since: now.getTime() };
    p.events += group.failures.length;
    this.pending.set(id, p);
    // Counters wait at most a minute in memory, whichever instance holds them.
    if (now.getTime() - p.since >= COALESCE_MS && (await this.flushOne(id, p, signal))) result.writes++;
  }

  /** True when a delivery with this key was handled already (in this process, or durably). */
  async seen(eventKey: string, durable: boolean, signal?: AbortSignal): Promise<boolean> {
    if (this.recent.has(eventKey)) return true;
    if (durable && (await this.deps.store.hasProcessed(eventKey, { signal }))) {
      this.recent.add(eventKey);
      return true;
    }
    return false;
  }

  /** Records a handled delivery; done after the work, so a failed attempt is retried, not dropped. */
  async remember(eventKey: string, durable: boolean, signal?: AbortSignal): Promise<void> {
    this.recent.add(eventKey);
    if (durable) await this.deps.store.markProcessed(eventKey, { signal });
  }

  /** Writes counters kept in memory (timer and benchmark call this). */
  async flush(options: { signal?: AbortSignal } = {}): Promise<number> {
    let writes = 0;
    for (const [id, p] of [...this.pending]) if (await this.flushOne(id, p, options.signal)) writes++;
    return writes;
  }

  private async flushOne(id: string, p: { cluster: string; events: number }, signal?: AbortSignal): Promise<boolean> {
    this.pending.delete(id);
    const { written } = await this.deps.store.update(p.cluster, id, (current) => (current ? { ...current, eventCount: current.eventCount + p.events } : undefined), { signal });
    return written;
  }

  /** An alert's `Resolved` call: resolve the open incidents its rule opened; the resolution notice is their pending job (outbox). */
  async alertResolved(alertId: string, options: { eventKey?: string; rule?: string; cluster?: string; signal?: AbortSignal } = {}): Promise<string[]> {
    if (options.eventKey && (await this.seen(options.eventKey, true, options.signal))) return [];
    // One partition either way: the cluster's, or the alert's index entries (then one point read each).
    const candidates = options.cluster ? await this.deps.store.openIncidents(options.cluster, undefined, options) : await indexedOpenIncidents(this.deps.store, alertIndexKey(alertId), options.signal);
    // Only incidents this rule opened: a pull incident another source opened outlives this alert.
    const open = candidates.filter((i) => i.alertIds?.includes(alertId) && (options.rule === undefined || i.openedByRule?.toLowerCase() === options.rule.toLowerCase()));
    const resolved: string[] = [];
    await eachIsolated(open, this.deps.log, (incident) => `alert ${alertId} resolved: incident ${incident.id}`, async (incident) => {
      const now = this.now().toISOString();
      const stored = await requestJob(this.outbox(), incident.cluster, incident.id, { reason: 'alert-resolved' }, {
        signal: options.signal,
        extra: (current) => (current.status !== 'resolved' ? { ...current, status: 'resolved', resolvedAt: now, resolvedReason: 'alert resolved' } : undefined),
      });
      if (!stored) return;
      this.known.delete(incident.id);
      resolved.push(incident.id);
      recordIncident('resolved', { category: incident.category, resolvedBy: 'alert-resolved' });
    });
    if (options.eventKey) await this.remember(options.eventKey, true, options.signal);
    this.deps.log.info(`intake: alert ${alertId} resolved → ${resolved.length} incident(s) resolved`);
    return resolved;
  }

  /** ACR ImagePushed: open incidents for that repository and tag are re-checked now (and resolve if the pull works). */
  async imagePushed(push: { loginServer: string; repository: string; tag?: string; digest?: string }, options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const open = (await indexedOpenIncidents(this.deps.store, repositoryIndexKey(push.loginServer, push.repository), options.signal)).filter((i) => imageMatches(i, push));
    const rechecked: string[] = [];
    await eachIsolated(open, this.deps.log, (incident) => `push of ${push.repository}:${push.tag ?? push.digest}: incident ${incident.id}`, async (incident) => {
      const how = `image pushed (${push.repository}:${push.tag ?? push.digest})`;
      await requestJob(this.outbox(), incident.cluster, incident.id, { reason: 'image-pushed', force: true, resolveIfPasses: how }, options);
      rechecked.push(incident.id);
    });
    return rechecked;
  }

  /** ACR push/delete events: any registry when PULL_DOCTOR_ALLOWED_REGISTRIES is empty, else only listed ones (the egress policy's list). */
  registryInScope(loginServer: string): boolean {
    const allowed = this.deps.settings.allowedRegistries;
    return allowed.length === 0 || new RegistryEgressPolicy({ allowedRegistries: allowed }).isListed(loginServer);
  }
}
