import { odata, RestError, TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { IncidentSchema, type Incident } from '../model';
import { fitDoc, parseDoc, type IncidentEntity } from './incident-doc';
import { sweepTable } from './table-retention';
import { ProvisionedTable } from './table-provisioning';
import { clusterPartition, hashKey, indexPartition, repositoryPartition } from './incident-key';
import {
  IncidentConflictError,
  type DeletedTag,
  type IncidentChange,
  type IncidentStatus,
  type IncidentStore,
  type JobFailure,
  type RetentionPolicy,
  type StoreOptions,
  type SweepResult,
  type UpdateResult,
} from './incident-store';

/**
 * Incidents in Azure Table Storage (`@azure/data-tables`). Layout of the one table:
 * - incidents: PartitionKey = cluster (clusterPartition), RowKey = incident id; the incident is the
 *   `doc` JSON column, with `kind`, `status` and `image` as columns for filtering;
 * - `_processed` / RowKey = sha256(event key): handled events (insert-if-absent);
 * - `_deleted~<sha256(loginServer/repository)>` / RowKey = tag: tag deletions;
 * - `_pushed~<sha256(loginServer/repository)>` / RowKey = tag: the digest a push gave the tag;
 * - `_jobfailure` / RowKey = sha256(job id): why a diagnose job failed;
 * - `_index~<sha256(key)>` / RowKey = <cluster partition>~<incident id>: incidents by registry
 *   repository or alert id (indexIncident), so pushes and alert resolutions read one partition.
 * Everything but open incidents expires: the timer's `sweep` deletes rows older than the retention
 * (by the service's Timestamp), so the table does not grow with time.
 * Updates are optimistic: read with ETag, replace with If-Match, retry on 412 (or 409 on create).
 * The table is created by the first write that finds it missing (table-provisioning.ts), not before.
 */
export interface TableStoreStats {
  /** HTTP requests made, by whether they change data (retries included). */
  reads: number;
  writes: number;
  /** Optimistic-concurrency conflicts that were retried. */
  conflicts: number;
}

/** A connection string (keys, Azurite), or a service endpoint reached with an Entra credential (identity-based). */
export type StorageConnection = { connectionString: string } | { endpoint: string; credential: TokenCredential };

/** Client options for tests and benchmarks: extra pipeline policies (fault injection) and the SDK's retry options. */
export type TableClientOptions = Pick<TableServiceClientOptions, 'retryOptions' | 'additionalPolicies'>;

const MAX_ATTEMPTS = 12;
/** How long a version this instance read or wrote is used without reading it again (a stale one costs a 412 and a read). */
const VERSION_TTL_MS = 10_000;

function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

function jitter(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
}

export { fitDoc };

/** What this instance last learned of an incident row: its version (ETag), or that there was none. */
type KnownVersion = { incident: Incident; etag: string; at: number } | { absent: true; at: number };

export class TableIncidentStore implements IncidentStore {
  readonly stats: TableStoreStats = { reads: 0, writes: 0, conflicts: 0 };
  /** incident key → what this instance last read or wrote: the ETag for the next update's If-Match, or "absent" (then it inserts; 409 if it lost a race). */
  private readonly versions = new Map<string, KnownVersion>();

  /** `table`: created by the first write that finds it missing; the warning store shares it. */
  constructor(
    readonly client: TableClient,
    readonly table = new ProvisionedTable(client),
  ) {}

  /** Builds the TableClient once, counting requests through a pipeline policy. */
  static create(connection: StorageConnection, tableName: string, clientOptions: TableClientOptions = {}): TableIncidentStore {
    const holder: { store?: TableIncidentStore } = {};
    const counting: PipelinePolicy = {
      name: 'pull-doctor-count-table-requests',
      sendRequest: (request, next) => {
        if (holder.store) {
          if (request.method === 'GET' || request.method === 'HEAD') holder.store.stats.reads++;
          else holder.store.stats.writes++;
        }
        return next(request);
      },
    };
    const options = { ...clientOptions, additionalPolicies: [{ policy: counting, position: 'perRetry' as const }, ...(clientOptions.additionalPolicies ?? [])] };
    const client =
      'connectionString' in connection
        ? TableClient.fromConnectionString(connection.connectionString, tableName, { ...options, allowInsecureConnection: /127\.0\.0\.1|localhost|UseDevelopmentStorage/i.test(connection.connectionString) })
        : new TableClient(connection.endpoint, tableName, connection.credential, options);
    holder.store = new TableIncidentStore(client);
    return holder.store;
  }

  /** Create-if-missing, once per process: queries call it first (a point read of a missing table finds nothing; a write creates it). */
  ensureTable(signal?: AbortSignal): Promise<void> {
    return this.table.ensure(signal);
  }

  private recent(key: string): KnownVersion | undefined {
    const v = this.versions.get(key);
    return v && Date.now() - v.at < VERSION_TTL_MS ? v : undefined;
  }

  private remember(key: string, version: { incident: Incident; etag: string | undefined } | { absent: true }): void {
    if ('etag' in version && !version.etag) return;
    this.versions.delete(key);
    this.versions.set(key, { ...version, at: Date.now() } as KnownVersion);
    if (this.versions.size > 1_000) this.versions.delete(this.versions.keys().next().value as string);
  }

  private async read(cluster: string, id: string, signal?: AbortSignal): Promise<{ incident: Incident; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<IncidentEntity>(clusterPartition(cluster), id, { abortSignal: signal });
      const incident = parseDoc(entity);
      this.remember(`${clusterPartition(cluster)}\n${id}`, { incident, etag: entity.etag });
      return { incident, etag: entity.etag };
    } catch (error) {
      // No such row, or no table yet (TableNotFound): nothing stored either way.
      if (!isStatus(error, 404)) throw error;
      this.remember(`${clusterPartition(cluster)}\n${id}`, { absent: true });
      return undefined;
    }
  }

  async get(cluster: string, id: string, options?: StoreOptions): Promise<Incident | undefined> {
    return (await this.read(cluster, id, options?.signal))?.incident;
  }

  async update(cluster: string, id: string, change: IncidentChange, options?: StoreOptions): Promise<UpdateResult> {
    const signal = options?.signal;
    const key = `${clusterPartition(cluster)}\n${id}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // What this instance last read or wrote, if recent: the write's If-Match (an insert's 409) proves it still current.
      const cached = attempt === 0 ? this.recent(key) : undefined;
      const current = cached ? ('absent' in cached ? undefined : cached) : await this.read(cluster, id, signal);
      const next = change(current?.incident && structuredClone(current.incident));
      if (!next && cached) {
        // A decision not to write must not rest on a copy that may be stale: read and decide again.
        this.versions.delete(key);
        continue;
      }
      if (!next) return { incident: current?.incident, written: false };
      const entity = {
        partitionKey: clusterPartition(cluster),
        rowKey: id,
        kind: 'incident' as const,
        status: next.status,
        image: next.image,
        cluster: next.cluster,
        pending: next.pendingJob !== undefined,
        doc: fitDoc(IncidentSchema.parse(next)),
      };
      try {
        const written = await this.table.write(
          () => (current ? this.client.updateEntity(entity, 'Replace', { etag: current.etag, abortSignal: signal }) : this.client.createEntity(entity, { abortSignal: signal })),
          signal,
        );
        this.remember(key, { incident: next, etag: written.etag });
        return { incident: next, written: true };
      } catch (error) {
        this.versions.delete(key);
        // 412: someone replaced it since we read; 409: someone created it first. Read again and re-apply.
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
        this.stats.conflicts++;
        await jitter(attempt);
      }
    }
    throw new IncidentConflictError(`incident ${id} kept changing under ${MAX_ATTEMPTS} attempts to update it`);
  }

  async list(filter?: { status?: IncidentStatus[] }, options?: StoreOptions): Promise<Incident[]> {
    await this.ensureTable(options?.signal);
    const statuses = filter?.status ?? [];
    const clauses = statuses.map((s) => odata`status eq ${s}`);
    const query = [odata`kind eq ${'incident'}`, ...(clauses.length ? [`(${clauses.join(' or ')})`] : [])].join(' and ');
    const out: Incident[] = [];
    for await (const entity of this.client.listEntities<IncidentEntity>({ queryOptions: { filter: query }, abortSignal: options?.signal })) {
      out.push(parseDoc(entity));
    }
    return out;
  }

  async openIncidents(cluster: string, image?: string, options?: StoreOptions): Promise<Incident[]> {
    await this.ensureTable(options?.signal);
    const partition = odata`PartitionKey eq ${clusterPartition(cluster)} and kind eq ${'incident'} and status ne ${'resolved'}`;
    return this.query(image === undefined ? partition : `${partition} and ${odata`image eq ${image}`}`, options?.signal);
  }

  async withPendingJobs(options?: StoreOptions): Promise<Incident[]> {
    await this.ensureTable(options?.signal);
    return this.query(odata`kind eq ${'incident'} and pending eq ${true}`, options?.signal);
  }

  private async query(filter: string, signal?: AbortSignal): Promise<Incident[]> {
    const out: Incident[] = [];
    for await (const entity of this.client.listEntities<IncidentEntity>({ queryOptions: { filter }, abortSignal: signal })) out.push(parseDoc(entity));
    return out;
  }

  async indexIncident(key: string, incident: { cluster: string; id: string }, options?: StoreOptions): Promise<void> {
    const entity = { partitionKey: indexPartition(key), rowKey: `${clusterPartition(incident.cluster)}~${incident.id}`, cluster: incident.cluster, incidentId: incident.id };
    await this.table.write(() => this.client.upsertEntity(entity, 'Replace', { abortSignal: options?.signal }), options?.signal);
  }

  async indexedIncidents(key: string, options?: StoreOptions): Promise<Array<{ cluster: string; id: string }>> {
    await this.ensureTable(options?.signal);
    const out: Array<{ cluster: string; id: string }> = [];
    const filter = odata`PartitionKey eq ${indexPartition(key)}`;
    for await (const e of this.client.listEntities<{ cluster: string; incidentId: string }>({ queryOptions: { filter }, abortSignal: options?.signal })) {
      out.push({ cluster: e.cluster, id: e.incidentId });
    }
    return out;
  }

  async sweep(policy: RetentionPolicy, options?: StoreOptions): Promise<SweepResult> {
    await this.ensureTable(options?.signal);
    return sweepTable(this.client, policy, (cluster, id) => this.get(cluster, id, options), options?.signal);
  }

  async markProcessed(key: string, options?: StoreOptions): Promise<boolean> {
    try {
      const entity = { partitionKey: '_processed', rowKey: hashKey(key), at: new Date().toISOString() };
      await this.table.write(() => this.client.createEntity(entity, { abortSignal: options?.signal }), options?.signal);
      return true;
    } catch (error) {
      if (isStatus(error, 409)) return false;
      throw error;
    }
  }

  async hasProcessed(key: string, options?: StoreOptions): Promise<boolean> {
    try {
      await this.client.getEntity('_processed', hashKey(key), { abortSignal: options?.signal });
      return true;
    } catch (error) {
      // No such key, or no table yet: not processed.
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }

  async recordDeletedTag(deletion: DeletedTag, options?: StoreOptions): Promise<void> {
    const entity = {
      partitionKey: repositoryPartition('_deleted', deletion.loginServer, deletion.repository),
      // Tags match [\w][\w.-]{0,127}: no character Table keys forbid.
      rowKey: deletion.tag,
      loginServer: deletion.loginServer,
      repository: deletion.repository,
      deletedAt: deletion.deletedAt,
      ...(deletion.digest ? { digest: deletion.digest } : {}),
    };
    await this.table.write(() => this.client.upsertEntity(entity, 'Replace', { abortSignal: options?.signal }), options?.signal);
  }

  async deletedTags(loginServer: string, repository: string, options?: StoreOptions) {
    await this.ensureTable(options?.signal);
    const out: Array<{ tag: string; deletedAt: string; digest?: string }> = [];
    const filter = odata`PartitionKey eq ${repositoryPartition('_deleted', loginServer, repository)}`;
    for await (const e of this.client.listEntities<{ deletedAt: string; digest?: string }>({ queryOptions: { filter }, abortSignal: options?.signal })) {
      out.push({ tag: e.rowKey ?? '', deletedAt: e.deletedAt, ...(e.digest ? { digest: e.digest } : {}) });
    }
    return out;
  }

  async recordPushedTag(push: { loginServer: string; repository: string; tag: string; digest: string }, options?: StoreOptions): Promise<void> {
    const entity = { partitionKey: repositoryPartition('_pushed', push.loginServer, push.repository), rowKey: push.tag, digest: push.digest };
    await this.table.write(() => this.client.upsertEntity(entity, 'Replace', { abortSignal: options?.signal }), options?.signal);
  }

  async tagsForDigest(loginServer: string, repository: string, digest: string, options?: StoreOptions): Promise<string[]> {
    await this.ensureTable(options?.signal);
    const filter = odata`PartitionKey eq ${repositoryPartition('_pushed', loginServer, repository)} and digest eq ${digest}`;
    const tags: string[] = [];
    for await (const e of this.client.listEntities({ queryOptions: { filter }, abortSignal: options?.signal })) tags.push(e.rowKey ?? '');
    return tags;
  }

  async recordJobFailure(failure: JobFailure, options?: StoreOptions): Promise<void> {
    await this.table.write(() => this.client.upsertEntity({ partitionKey: '_jobfailure', rowKey: hashKey(failure.jobId), ...failure }, 'Replace', { abortSignal: options?.signal }), options?.signal);
  }

  async jobFailures(options?: StoreOptions): Promise<JobFailure[]> {
    await this.ensureTable(options?.signal);
    const out: JobFailure[] = [];
    const filter = odata`PartitionKey eq ${'_jobfailure'}`;
    for await (const e of this.client.listEntities<JobFailure>({ queryOptions: { filter }, abortSignal: options?.signal })) {
      out.push({ jobId: e.jobId, incidentId: e.incidentId, cluster: e.cluster, attempt: e.attempt, error: e.error, at: e.at });
    }
    return out;
  }
}
