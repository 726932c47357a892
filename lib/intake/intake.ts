import { parseImageRef } from '../image-ref/parse-image-ref';
import type { Category, Incident, PullFailure } from '../model';
import { incidentId } from '../incidents/incident-key';
import type { IncidentStore } from '../incidents/incident-store';
import { mergeFailures } from '../incidents/merge-failures';
import { newJob } from '../queue/diagnose-job';
import type { JobQueue } from '../queue/job-queue';
import type { Logger } from './logger';
import { isAksClusterId, isImageText, isNamespace, isPodName } from './names';
import { RecentKeys } from './recent-keys';
import { recordIncident } from '../telemetry';
import { RegistryEgressPolicy } from '../registry/egress-policy';

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
/** How long this process trusts what it knows about an image's open incident. */
const KNOWN_CAUSE_TTL_MS = 60_000;

export function inScope(cluster: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const c = cluster.toLowerCase();
  return allowed.some((a) => {
    const scope = a.toLowerCase().replace(/\/+$/, '');
    return c === scope || c.startsWith(`${scope}/`);
  });
}

/**
 * Intake: failures from any trigger become incidents (grouped per cluster + image + category) and
 * at most one diagnose job per incident per debounce period. Everything here is safe to repeat.
 */
export class Intake {
  private readonly recent = new RecentKeys(10_000);
  /** Events and last-seen counted in this process but not yet written (see COALESCE_MS). */
  private readonly pending = new Map<string, { cluster: string; events: number; since: number }>();
  private readonly now: () => Date;
  /** cluster|image → the open incident with a known cause (id '' = none), for cause-less events. */
  private readonly byImage = new Map<string, { id: string; category: Category; at: number }>();

  constructor(private readonly deps: IntakeDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Validates, scopes, groups and records failures; enqueues diagnose jobs the merge asks for. */
  async ingest(failures: readonly PullFailure[], options: IngestOptions = {}): Promise<IngestResult> {
    const result: IngestResult = { duplicate: false, ignored: [], incidents: [], created: 0, enqueued: 0, writes: 0 };
    if (options.eventKey && (await this.seen(options.eventKey, options.durableKey ?? false, options.signal))) return { ...result, duplicate: true };
    const groups = new Map<string, { cluster: string; image: string; category: Category; failures: PullFailure[] }>();
    for (const failure of failures) {
      const problem = this.rejectReason(failure);
      if (problem) {
        result.ignored.push(problem);
        this.deps.log.warn(`intake: ignored failure (${problem})`);
        continue;
      }
      const cluster = failure.cluster!;
      const category = this.deps.classify(failure);
      const key = `${category}\n${cluster.toLowerCase()}\n${failure.image}`;
      const group = groups.get(key) ?? { cluster, image: failure.image, category, failures: [] };
      group.failures.push(failure);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const target = await this.targetFor(group.cluster, group.image, group.category, options.signal);
      const id = target.id;
      const now = this.now();
      const pendingEvents = this.pending.get(id)?.events ?? 0;
      let decision: ReturnType<typeof mergeFailures> | undefined;
      const { written } = await this.deps.store.update(
        group.cluster,
        id,
        (current) => {
          decision = mergeFailures(current, { id, cluster: group.cluster, image: group.image, category: target.category }, group.failures, {
            now,
            alertId: options.alertId,
            alertRule: options.alertRule,
            pendingEvents,
            updateSample: group.category !== 'unknown',
            policy: { debounceMs: this.deps.settings.debounceMinutes * 60_000, coalesceMs: COALESCE_MS },
          });
          return decision.next;
        },
        { signal: options.signal },
      );
      result.incidents.push(id);
      if (written && decision?.next && decision.next.category !== 'unknown') this.rememberKnownCause(group.cluster, group.image, id, decision.next.category);
      if (written) {
        result.writes++;
        this.pending.delete(id);
        if (decision?.created) {
          result.created++;
          recordIncident('opened', { category: group.category });
        }
        if (decision?.enqueue) {
          await this.deps.queue.enqueue(newJob({ incidentId: id, cluster: group.cluster, reason: decision.enqueue, force: decision.enqueue === 'cause-known' }), { signal: options.signal });
          result.enqueued++;
          this.deps.log.info(`intake: incident ${id} (${group.category}, ${group.image}) → diagnose job (${decision.enqueue})`);
        }
      } else {
        const p = this.pending.get(id) ?? { cluster: group.cluster, events: 0, since: now.getTime() };
        p.events += group.failures.length;
        this.pending.set(id, p);
        // Counters wait at most a minute in memory, whichever instance holds them.
        if (now.getTime() - p.since >= COALESCE_MS && (await this.flushOne(id, p, options.signal))) result.writes++;
      }
    }
    if (options.eventKey) await this.remember(options.eventKey, options.durableKey ?? false, options.signal);
    return result;
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

  /**
   * Which incident failures of this cluster, image and category belong to. Kubelet sends the cause
   * in `Failed` events and nothing but "Back-off pulling image" in `BackOff` events (category
   * unknown): cause-less failures join the open incident that knows the cause, and an incident
   * opened by cause-less failures takes the cause when it arrives (same thread).
   */
  private async targetFor(cluster: string, image: string, category: Category, signal?: AbortSignal): Promise<{ id: string; category: Category }> {
    const key = `${cluster.toLowerCase()}|${image}`;
    const cached = this.byImage.get(key);
    const fresh = cached && this.now().getTime() - cached.at < KNOWN_CAUSE_TTL_MS;
    const unknownId = incidentId(cluster, image, 'unknown');
    if (category === 'unknown') {
      if (fresh) return cached.id ? { id: cached.id, category: cached.category } : { id: unknownId, category };
      const known = (await this.deps.store.list({ status: ['open', 'muted'] }, { signal })).find(
        (i) => i.cluster.toLowerCase() === cluster.toLowerCase() && i.image === image && i.category !== 'unknown',
      );
      this.byImage.set(key, { id: known?.id ?? '', category: known?.category ?? 'unknown', at: this.now().getTime() });
      return known ? { id: known.id, category: known.category } : { id: unknownId, category };
    }
    if (fresh && cached.id && cached.category === category) return { id: cached.id, category };
    const knownId = incidentId(cluster, image, category);
    const existing = await this.deps.store.get(cluster, knownId, { signal });
    if (existing && existing.status !== 'resolved') this.rememberKnownCause(cluster, image, knownId, category);
    if (!existing || existing.status === 'resolved') {
      const opened = await this.deps.store.get(cluster, unknownId, { signal });
      if (opened && opened.status !== 'resolved' && (opened.category === 'unknown' || opened.category === category)) return { id: unknownId, category };
    }
    return { id: knownId, category };
  }

  private rememberKnownCause(cluster: string, image: string, id: string, category: Category): void {
    this.byImage.set(`${cluster.toLowerCase()}|${image}`, { id, category, at: this.now().getTime() });
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

  /** An alert's `Resolved` call: resolve its open incidents and post the resolution (through the queue). */
  async alertResolved(alertId: string, options: { eventKey?: string; rule?: string; signal?: AbortSignal } = {}): Promise<string[]> {
    if (options.eventKey && (await this.seen(options.eventKey, true, options.signal))) return [];
    // Only incidents this rule opened: a pull incident another source opened outlives this alert.
    const open = (await this.deps.store.list({ status: ['open', 'muted'] }, options)).filter(
      (i) => i.alertIds?.includes(alertId) && (options.rule === undefined || i.openedByRule?.toLowerCase() === options.rule.toLowerCase()),
    );
    const resolved: string[] = [];
    for (const incident of open) {
      const now = this.now().toISOString();
      const { written } = await this.deps.store.update(
        incident.cluster,
        incident.id,
        (current) => (current && current.status !== 'resolved' ? { ...current, status: 'resolved', resolvedAt: now, resolvedReason: 'alert resolved' } : undefined),
        options,
      );
      if (!written) continue;
      resolved.push(incident.id);
      recordIncident('resolved', { category: incident.category, resolvedBy: 'alert-resolved' });
      await this.deps.queue.enqueue(newJob({ incidentId: incident.id, cluster: incident.cluster, reason: 'alert-resolved' }), options);
    }
    if (options.eventKey) await this.remember(options.eventKey, true, options.signal);
    this.deps.log.info(`intake: alert ${alertId} resolved → ${resolved.length} incident(s) resolved`);
    return resolved;
  }

  /** ACR ImagePushed: open incidents for that repository and tag are re-checked now (and resolve if the pull works). */
  async imagePushed(push: { loginServer: string; repository: string; tag?: string; digest?: string }, options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const open = (await this.deps.store.list({ status: ['open', 'muted'] }, options)).filter((i) => imageMatches(i, push));
    for (const incident of open) {
      await this.deps.queue.enqueue(
        newJob({ incidentId: incident.id, cluster: incident.cluster, reason: 'image-pushed', force: true, resolveIfPasses: `image pushed (${push.repository}:${push.tag ?? push.digest})` }),
        options,
      );
    }
    return open.map((i) => i.id);
  }

  /** ACR push/delete events: any registry when PULL_DOCTOR_ALLOWED_REGISTRIES is empty, else only listed ones (the egress policy's list). */
  registryInScope(loginServer: string): boolean {
    const allowed = this.deps.settings.allowedRegistries;
    return allowed.length === 0 || new RegistryEgressPolicy({ allowedRegistries: allowed }).isListed(loginServer);
  }

  private rejectReason(f: PullFailure): string | undefined {
    if (!f.cluster) return 'no cluster id';
    if (!isAksClusterId(f.cluster)) return 'not a valid AKS cluster id';
    if (!inScope(f.cluster, this.deps.settings.allowedClusters)) return `cluster ${f.cluster} is outside PULL_DOCTOR_ALLOWED_CLUSTERS`;
    if (!isImageText(f.image)) return 'not a valid image reference';
    if (f.namespace !== undefined && !isNamespace(f.namespace)) return 'not a valid namespace';
    if (f.pod !== undefined && !isPodName(f.pod)) return 'not a valid pod name';
    return undefined;
  }
}

/** True when the incident's image is `loginServer/repository` with the pushed tag (or digest). */
export function imageMatches(incident: Pick<Incident, 'image'>, push: { loginServer: string; repository: string; tag?: string; digest?: string }): boolean {
  const parsed = parseImageRef(incident.image);
  if (!parsed.ok) return false;
  const ref = parsed.ref;
  if (ref.registry.toLowerCase() !== push.loginServer.toLowerCase() || ref.repository !== push.repository) return false;
  if (ref.digest) return ref.digest === push.digest;
  return ref.tag === push.tag;
}
