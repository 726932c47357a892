import type { Incident } from '../model';
import type { DeletedTag, IncidentChange, IncidentStatus, IncidentStore, JobFailure, RetentionPolicy, StoreOptions, SweepResult, UpdateResult } from './incident-store';

/** In-process incident store for the CLI, the demo and tests. Values are copied in and out. */
export class MemoryIncidentStore implements IncidentStore {
  private readonly incidents = new Map<string, Incident>();
  /** key → when it was recorded. */
  private readonly processed = new Map<string, number>();
  private readonly deletions = new Map<string, DeletedTag>();
  private readonly failures = new Map<string, JobFailure>();
  private readonly pushed = new Map<string, string>();
  private readonly pushedAt = new Map<string, number>();
  /** index key → incident keys filed under it. */
  private readonly index = new Map<string, Map<string, { cluster: string; id: string; at: number }>>();
  /** The clock rows are stamped with (Table Storage's Timestamp); tests move it. */
  clock: () => Date = () => new Date();
  /** Writes made (creates and replaces), for the benchmark. */
  writes = 0;

  private key(cluster: string, id: string): string {
    return `${cluster.toLowerCase()}\n${id}`;
  }

  async get(cluster: string, id: string, options?: StoreOptions): Promise<Incident | undefined> {
    options?.signal?.throwIfAborted();
    const found = this.incidents.get(this.key(cluster, id));
    return found && structuredClone(found);
  }

  async update(cluster: string, id: string, change: IncidentChange, options?: StoreOptions): Promise<UpdateResult> {
    options?.signal?.throwIfAborted();
    const key = this.key(cluster, id);
    const current = this.incidents.get(key);
    const next = change(current && structuredClone(current));
    if (!next) return { incident: current && structuredClone(current), written: false };
    this.incidents.set(key, structuredClone(next));
    this.writes++;
    return { incident: structuredClone(next), written: true };
  }

  async list(filter?: { status?: IncidentStatus[] }, options?: StoreOptions): Promise<Incident[]> {
    options?.signal?.throwIfAborted();
    return [...this.incidents.values()].filter((i) => !filter?.status || filter.status.includes(i.status)).map((i) => structuredClone(i));
  }

  async openIncidents(cluster: string, image?: string, options?: StoreOptions): Promise<Incident[]> {
    options?.signal?.throwIfAborted();
    return [...this.incidents.values()]
      .filter((i) => i.cluster.toLowerCase() === cluster.toLowerCase() && i.status !== 'resolved' && (image === undefined || i.image === image))
      .map((i) => structuredClone(i));
  }

  async withPendingJobs(options?: StoreOptions): Promise<Incident[]> {
    options?.signal?.throwIfAborted();
    return [...this.incidents.values()].filter((i) => i.pendingJob).map((i) => structuredClone(i));
  }

  async indexIncident(key: string, incident: { cluster: string; id: string }, options?: StoreOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    const entries = this.index.get(key) ?? new Map<string, { cluster: string; id: string; at: number }>();
    entries.set(this.key(incident.cluster, incident.id), { cluster: incident.cluster, id: incident.id, at: this.clock().getTime() });
    this.index.set(key, entries);
  }

  async indexedIncidents(key: string, options?: StoreOptions): Promise<Array<{ cluster: string; id: string }>> {
    options?.signal?.throwIfAborted();
    return [...(this.index.get(key)?.values() ?? [])].map((e) => ({ cluster: e.cluster, id: e.id }));
  }

  async sweep(policy: RetentionPolicy, options?: StoreOptions): Promise<SweepResult> {
    options?.signal?.throwIfAborted();
    const result: SweepResult = { processed: 0, tags: 0, incidents: 0, jobFailures: 0, indexes: 0 };
    for (const [key, at] of this.processed) if (at < policy.processedBefore.getTime() && this.processed.delete(key)) result.processed++;
    for (const [key, at] of this.pushedAt) {
      if (at >= policy.tagsBefore.getTime()) continue;
      this.pushedAt.delete(key);
      this.pushed.delete(key);
      result.tags++;
    }
    for (const [key, d] of this.deletions) if (Date.parse(d.deletedAt) < policy.tagsBefore.getTime() && this.deletions.delete(key)) result.tags++;
    for (const [key, i] of this.incidents) {
      if (i.status === 'resolved' && Date.parse(i.resolvedAt ?? i.lastSeen) < policy.resolvedBefore.getTime() && this.incidents.delete(key)) result.incidents++;
    }
    for (const [key, f] of this.failures) if (Date.parse(f.at) < policy.jobFailuresBefore.getTime() && this.failures.delete(key)) result.jobFailures++;
    for (const entries of this.index.values()) {
      for (const [key, e] of entries) {
        const status = this.incidents.get(this.key(e.cluster, e.id))?.status;
        if (e.at < policy.resolvedBefore.getTime() && (status === undefined || status === 'resolved') && entries.delete(key)) result.indexes++;
      }
    }
    return result;
  }

  async markProcessed(key: string, options?: StoreOptions): Promise<boolean> {
    options?.signal?.throwIfAborted();
    if (this.processed.has(key)) return false;
    this.processed.set(key, this.clock().getTime());
    this.writes++;
    return true;
  }

  async hasProcessed(key: string, options?: StoreOptions): Promise<boolean> {
    options?.signal?.throwIfAborted();
    return this.processed.has(key);
  }

  async recordDeletedTag(deletion: DeletedTag, options?: StoreOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    this.deletions.set(`${deletion.loginServer.toLowerCase()}/${deletion.repository}:${deletion.tag}`, { ...deletion });
    this.writes++;
  }

  async deletedTags(loginServer: string, repository: string, options?: StoreOptions) {
    options?.signal?.throwIfAborted();
    return [...this.deletions.values()]
      .filter((d) => d.loginServer.toLowerCase() === loginServer.toLowerCase() && d.repository === repository)
      .map(({ tag, deletedAt, digest }) => ({ tag, deletedAt, ...(digest ? { digest } : {}) }));
  }

  async recordPushedTag(push: { loginServer: string; repository: string; tag: string; digest: string }, options?: StoreOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    const key = `${push.loginServer.toLowerCase()}/${push.repository}:${push.tag}`;
    this.pushed.set(key, push.digest);
    this.pushedAt.set(key, this.clock().getTime());
    this.writes++;
  }

  async tagsForDigest(loginServer: string, repository: string, digest: string, options?: StoreOptions): Promise<string[]> {
    options?.signal?.throwIfAborted();
    const prefix = `${loginServer.toLowerCase()}/${repository}:`;
    return [...this.pushed].filter(([k, d]) => k.startsWith(prefix) && d === digest).map(([k]) => k.slice(prefix.length));
  }

  async recordJobFailure(failure: JobFailure, options?: StoreOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    this.failures.set(failure.jobId, { ...failure });
    this.writes++;
  }

  async jobFailures(options?: StoreOptions): Promise<JobFailure[]> {
    options?.signal?.throwIfAborted();
    return [...this.failures.values()].map((f) => ({ ...f }));
  }
}
