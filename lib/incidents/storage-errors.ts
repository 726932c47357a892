import { ZodError } from 'zod';

/**
 * True when storing an event failed for a reason that will never change: Storage answered a 4xx
 * other than timeout (408), conflict/precondition (409, 412: retried inside the store) and throttling
 * (429) — e.g. PropertyValueTooLarge, InvalidInput — or the incident did not pass its own schema.
 * Such an event is dropped with a log line; anything else (5xx, timeouts, network) fails the
 * delivery so Event Grid retries it.
 */
export function isPermanentStorageError(error: unknown): boolean {
  if (error instanceof ZodError) return true;
  // By name (core-rest-pipeline's own isRestError accepts that too): importing RestError here would
  // put the SDK pipeline in the app's start-up chunk (lib/app/lazy-ports.ts).
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'RestError') return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number') return false;
  return status >= 400 && status < 500 && ![408, 409, 412, 429].includes(status);
}

/**
 * Storage's error code (TableNotFound, PropertyValueTooLarge, …) when it gave one. The Queue SDK sets
 * `code`; the Table SDK leaves it unset and keeps the service's OData error body in the message.
 */
function serviceCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; message?: unknown };
  const fromBody = typeof e.message === 'string' ? /"code":"([A-Za-z]+)"/.exec(e.message)?.[1] : undefined;
  return fromBody ?? (typeof e.code === 'string' ? e.code : undefined);
}

/** Storage's error code (PropertyValueTooLarge, …) when it gave one, for the log line. */
export function storageErrorCode(error: unknown): string {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return [serviceCode(error), typeof status === 'number' ? `HTTP ${status}` : undefined].filter(Boolean).join(', ') || (error instanceof Error ? error.message.slice(0, 200) : String(error));
}

/**
 * 404 because the table or queue itself does not exist (Table service error code TableNotFound,
 * Queue service QueueNotFound: learn.microsoft.com/rest/api/storageservices/table-service-error-codes,
 * …/queue-service-error-codes), as opposed to a missing entity (ResourceNotFound).
 */
export function isContainerNotFound(error: unknown, code: 'TableNotFound' | 'QueueNotFound'): boolean {
  return (error as { name?: unknown } | null)?.name === 'RestError' && (error as { statusCode?: unknown }).statusCode === 404 && serviceCode(error) === code;
}
