import { odata, RestError, TableClient } from '@azure/data-tables';
import type { RetentionPolicy, SweepResult } from './incident-store';

function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

/** Deletes the rows of the incident table that outlived their retention (the timer calls this through the store). */
export async function sweepTable(client: TableClient, policy: RetentionPolicy, signal?: AbortSignal): Promise<SweepResult> {
  const deleteWhere = (filter: string) => deleteRows(client, filter, signal);
  // Partition-scoped queries (one partition, or one key range), except resolved incidents, which live in every cluster's partition.
  const older = (before: Date) => odata`Timestamp lt ${before}`;
  const range = (prefix: string) => odata`PartitionKey ge ${prefix} and PartitionKey lt ${`${prefix}\u007f`}`;
  return {
    processed: await deleteWhere(`${odata`PartitionKey eq ${'_processed'}`} and ${older(policy.processedBefore)}`),
    tags: (await deleteWhere(`${range('_pushed~')} and ${older(policy.tagsBefore)}`)) + (await deleteWhere(`${range('_deleted~')} and ${older(policy.tagsBefore)}`)),
    incidents: await deleteWhere(`${odata`kind eq ${'incident'} and status eq ${'resolved'}`} and ${older(policy.resolvedBefore)}`),
    jobFailures: await deleteWhere(`${odata`PartitionKey eq ${'_jobfailure'}`} and ${older(policy.jobFailuresBefore)}`),
  };
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
