import { odata, RestError, type TableClient } from '@azure/data-tables';
import type { StoreOptions } from '../incidents/incident-store';
import { hashKey } from '../incidents/incident-key';
import { deleteRows } from '../incidents/table-retention';
import { ProvisionedTable } from '../incidents/table-provisioning';
import { WarningSchema, type Warning } from './warning';
import { fitWarningDoc, parseWarningDoc } from './warning-doc';
import { WarningConflictError, type WarningChange, type WarningStore } from './warning-store';

/**
 * Warnings in the incident table (same account, same client settings), in partitions of their own:
 * - `_warning` / RowKey = warning id: the warning as the `doc` JSON column, `kind` and `status` as columns;
 * - `_warnimage~<sha256(cluster)>` / RowKey = sha256(image): the warning that last named this
 *   (cluster, image), so a pull-failure incident finds it with one point read.
 * The incident sweep never touches these (it filters on its own partitions and `kind eq 'incident'`);
 * `sweep` here deletes resolved warnings and index rows older than the retention.
 * Updates are optimistic: read with ETag, replace with If-Match, retry on 412 (409 on create).
 * As for incidents, point reads of a missing table find nothing and the first write creates it.
 */
const WARNING_PARTITION = '_warning';
const MAX_ATTEMPTS = 12;

interface WarningEntity {
  kind: 'warning';
  status: string;
  doc: string;
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

function imagePartition(cluster: string): string {
  return `_warnimage~${hashKey(cluster.toLowerCase())}`;
}

export class TableWarningStore implements WarningStore {
  /**
   * `client`: the incident store's TableClient (TableIncidentStore.client), so both share one table and
   * pipeline; `table`: its ProvisionedTable (TableIncidentStore.table), so the table is created once.
   */
  constructor(
    readonly client: TableClient,
    private readonly table = new ProvisionedTable(client),
  ) {}

  private ensureTable(signal?: AbortSignal): Promise<void> {
    return this.table.ensure(signal);
  }

  private async read(id: string, signal?: AbortSignal): Promise<{ warning: Warning; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<WarningEntity>(WARNING_PARTITION, id, { abortSignal: signal });
      return { warning: parseWarningDoc(entity.doc, id), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async get(id: string, options?: StoreOptions): Promise<Warning | undefined> {
    return (await this.read(id, options?.signal))?.warning;
  }

  async update(id: string, change: WarningChange, options?: StoreOptions) {
    const signal = options?.signal;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(id, signal);
      const next = change(current && structuredClone(current.warning));
      if (!next) return { warning: current?.warning, written: false };
      const doc = fitWarningDoc(WarningSchema.parse(next));
      const entity = { partitionKey: WARNING_PARTITION, rowKey: id, kind: 'warning' as const, status: next.status, doc };
      try {
        await this.table.write(() => (current ? this.client.updateEntity(entity, 'Replace', { etag: current.etag, abortSignal: signal }) : this.client.createEntity(entity, { abortSignal: signal })), signal);
      } catch (error) {
        // 412: replaced since we read it; 409: created first by someone else. Read again and re-apply.
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
        continue;
      }
      const stored = parseWarningDoc(doc, id);
      // Index rows change only with the keys (a mute or acknowledge writes none).
      if (!current || JSON.stringify(current.warning.keys) !== JSON.stringify(stored.keys)) await this.index(stored, signal);
      return { warning: stored, written: true };
    }
    throw new WarningConflictError(`warning ${id} kept changing under ${MAX_ATTEMPTS} attempts to update it`);
  }

  /** Index rows for the warning's (cluster, image) keys; a newer warning of the same image takes the row over. */
  private async index(warning: Warning, signal?: AbortSignal): Promise<void> {
    if (warning.status === 'resolved') return;
    for (const key of warning.keys) {
      await this.client.upsertEntity(
        { partitionKey: imagePartition(key.cluster), rowKey: hashKey(key.image), warningId: warning.id, at: warning.updatedAt },
        'Replace',
        { abortSignal: signal },
      );
    }
  }

  async unresolved(options?: StoreOptions): Promise<Warning[]> {
    await this.ensureTable(options?.signal);
    const filter = odata`PartitionKey eq ${WARNING_PARTITION} and status ne ${'resolved'}`;
    const out: Warning[] = [];
    for await (const e of this.client.listEntities<WarningEntity>({ queryOptions: { filter }, abortSignal: options?.signal })) out.push(parseWarningDoc(e.doc, e.rowKey));
    return out;
  }

  async forImage(cluster: string, image: string, options?: StoreOptions): Promise<Warning | undefined> {
    let warningId: string;
    try {
      warningId = (await this.client.getEntity<{ warningId: string }>(imagePartition(cluster), hashKey(image), { abortSignal: options?.signal })).warningId;
    } catch (error) {
      // No index row, or no table yet: no warning named this image.
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
    return (await this.read(warningId, options?.signal))?.warning;
  }

  async sweep(before: Date, options?: StoreOptions): Promise<number> {
    await this.ensureTable(options?.signal);
    const older = odata`Timestamp lt ${before}`;
    const warnings = await deleteRows(this.client, `${odata`PartitionKey eq ${WARNING_PARTITION} and status eq ${'resolved'}`} and ${older}`, options?.signal);
    // Index rows not rewritten within the retention point at warnings resolved or gone by now.
    await deleteRows(this.client, `${odata`PartitionKey ge ${'_warnimage~'} and PartitionKey lt ${'_warnimage~\u007f'}`} and ${older}`, options?.signal);
    return warnings;
  }
}
