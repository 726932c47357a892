import { odata, RestError, TableClient } from '@azure/data-tables';
import type { Incident } from '../model';
import type { RetentionPolicy, SweepResult } from './incident-store';

function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

/** Deletes the rows of the incident table that outlived their retention (the timer calls this through the store). */
export async function sweepTable(
  client: TableClient,
  policy: RetentionPolicy,
  incident: (cluster: string, id: string) => Promise<Incident | undefined>,
  signal?: AbortSignal,
): Promise<SweepResult> {
  const deleteWhere = (filter: string) => deleteRows(client, filter, signal);
  // Partition-scoped queries (one partition, or one key range), except resolved incidents, which live in every cluster's partition.
  const older = (before: Date) => odata`Timestamp lt ${before}`;
  const range = (prefix: string) => odata`PartitionKey ge ${prefix} and PartitionKey lt ${`${prefix}\u007f`}`;
  return {
    processed: await deleteWhere(`${odata`PartitionKey eq ${'_processed'}`} and ${older(policy.processedBefore)}`),
    tags: (await deleteWhere(`${range('_pushed~')} and ${older(policy.tagsBefore)}`)) + (await deleteWhere(`${range('_deleted~')} and ${older(policy.tagsBefore)}`)),
    incidents: await deleteWhere(`${odata`kind eq ${'incident'} and status eq ${'resolved'}`} and ${older(policy.resolvedBefore)}`),
    jobFailures: await deleteWhere(`${odata`PartitionKey eq ${'_jobfailure'}`} and ${older(policy.jobFailuresBefore)}`),
    indexes: await sweepIndex(client, `${range('_index~')} and ${older(policy.resolvedBefore)}`, incident, signal),
  };
}

/** Index entries go once their incident is gone or resolved (an entry of an incident open that long stays). */
async function sweepIndex(client: TableClient, filter: string, incident: (cluster: string, id: string) => Promise<Incident | undefined>, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for await (const e of client.listEntities<{ cluster: string; incidentId: string }>({ queryOptions: { filter }, abortSignal: signal })) {
    const current = await incident(e.cluster, e.incidentId);
    if (current && current.status !== 'resolved') continue;
    try {
      await client.deleteEntity(e.partitionKey!, e.rowKey!, { etag: e.etag, abortSignal: signal });
      deleted++;
    } catch (error) {
      if (!isStatus(error, 404) && !isStatus(error, 412)) throw error;
    }
  }
  return deleted;
}

/** Deletes every row `filter` matches, each If-Match the version read (a row written again since stays). */
export async function deleteRows(client: TableClient, filter: string, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for await (const e of client.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] }, abortSignal: signal })) {
    try {
      // If-Match the version read: a row written again since (a resolved incident that reopened) stays.
      await client.deleteEntity(e.partitionKey!, e.rowKey!, { etag: e.etag, abortSignal: signal });
      deleted++;
    } catch (error) {
      if (!isStatus(error, 404) && !isStatus(error, 412)) throw error;
    }
  }
  return deleted;
}
