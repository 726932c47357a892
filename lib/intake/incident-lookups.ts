import type { IncidentStore } from '../incidents/incident-store';
import { isPermanentStorageError, storageErrorCode } from '../incidents/storage-errors';
import type { Incident } from '../model';
import { clipForLog, type Logger } from './logger';

/** The open and muted incidents filed under an index key: one partition query, then a point read each (never a table scan). */
export async function indexedOpenIncidents(store: IncidentStore, key: string, signal?: AbortSignal): Promise<Incident[]> {
  const out: Incident[] = [];
  for (const entry of await store.indexedIncidents(key, { signal })) {
    const incident = await store.get(entry.cluster, entry.id, { signal });
    if (incident && incident.status !== 'resolved') out.push(incident);
  }
  return out;
}

/**
 * Runs `work` for each item on its own: one that Storage refuses for good (a 4xx such as
 * PropertyValueTooLarge) is dropped with one log line and `dropped` is told; a transient failure is
 * thrown after the other items ran, so the caller's retry (Event Grid, the action group) repeats
 * the call and the items already done are idempotent.
 */
export async function eachIsolated<T>(
  items: readonly T[],
  log: Logger,
  describe: (item: T) => string,
  work: (item: T) => Promise<unknown>,
  dropped?: (item: T, code: string) => void,
): Promise<void> {
  let transient: unknown;
  for (const item of items) {
    try {
      await work(item);
    } catch (error) {
      if (!isPermanentStorageError(error)) {
        transient ??= error;
        continue;
      }
      const code = storageErrorCode(error);
      log.error(`intake: ${clipForLog(describe(item), 300)} dropped: storage refused it for good (${clipForLog(code)})`);
      dropped?.(item, code);
    }
  }
  if (transient) throw transient;
}
