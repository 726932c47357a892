import type { Incident } from '../model';
import type { DeletedTag, IncidentChange, IncidentStatus, IncidentStore, JobFailure, StoreOptions, UpdateResult } from './incident-store';

/** In-process incident store for the CLI, the demo and tests. Values are copied in and out. */
export class MemoryIncidentStore implements IncidentStore {
  private readonly incidents = new Map<string, Incident>();
  private readonly processed = new Set<string>();
  private readonly deletions = new Map<string, DeletedTag>();
  private readonly failures = new Map<string, JobFailure>();
  private readonly pushed = new Map<string, string>();
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

  async markProcessed(key: string, options?: StoreOptions): Promise<boolean> {
    options?.signal?.throwIfAborted();
    if (this.processed.has(key)) return false;
    this.processed.add(key);
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
    this.pushed.set(`${push.loginServer.toLowerCase()}/${push.repository}:${push.tag}`, push.digest);
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
