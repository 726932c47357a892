import type { TableClient } from '@azure/data-tables';
import { isContainerNotFound } from './storage-errors';

/**
 * The incident table, created when a write finds it missing rather than before every first use.
 * In Azure the Bicep creates the table (infra/modules/storage.bicep), so a create-if-missing call
 * before the first read or write would be one more round trip, and the first request after a cold
 * start would pay for it (issue 16). Locally (Azurite, tests) the first write creates it: a write that
 * answers 404 TableNotFound creates the table once and runs again. A point read of a missing table
 * is simply "not there" (404) and creates nothing. The incident and warning stores share one.
 */
export class ProvisionedTable {
  private created: Promise<void> | undefined;

  constructor(readonly client: TableClient) {}

  /** Create-if-missing, once per process (createTable answers success when the table exists); a failure is tried again next time. */
  ensure(signal?: AbortSignal): Promise<void> {
    this.created ??= this.client.createTable({ abortSignal: signal }).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  /** Runs a write; when the table does not exist yet, creates it and runs the write once more. */
  async write<T>(op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await op();
    } catch (error) {
      if (!isContainerNotFound(error, 'TableNotFound')) throw error;
    }
    await this.ensure(signal);
    return op();
  }
}
