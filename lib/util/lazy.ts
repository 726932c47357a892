/**
 * An async factory run at most once at a time: the first call starts it, later calls share the
 * result. A failed load is forgotten, so the next call tries again (a transient error at the first
 * request does not poison the process).
 *
 * Why: the Functions app loads SDKs with `await import()` only when a mode needs them (Teams,
 * Slack Web API, Azure Resource Manager, Log Analytics), so a cold start imports none of them.
 */
export function onceAsync<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
