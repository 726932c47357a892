import type { TokenCredential } from '@azure/core-auth';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { IncidentStore } from '../incidents/incident-store';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { JobQueue } from '../queue/job-queue';
import type { WarningStore } from '../warnings/warning-store';
import { onceAsync } from '../util/lazy';

/**
 * The cold-start rule (issue 16), in one place. Everything functions/*.ts import at load time is
 * parsed and evaluated before the first request: keep SDKs out of it. A package from node_modules
 * (an `@azure/*` SDK other than `@azure/functions`, a chat SDK, anything large) is reached only
 * through `await import()` on the path that needs it, and the composition root hands out a lazy
 * port whose methods import the implementation on first call:
 *
 *   lazyPort<MyPort>(async () => new (await import('../x/sdk-backed.js')).SdkBacked(...), { method: true, ... })
 *
 * Import the SDK-backed class with `import type` only in files the app loads at start; an
 * SDK-backed implementation lives in its own file (a shared file would put the SDK back in the
 * start-up chunk). One exception, made in functions/app-lifecycle.ts: the Table and Queue Storage
 * SDKs, which every route's first request uses, load with the app (the CLI still loads them lazily). `test/app/cold-import.test.ts` fails when a package outside its short list
 * reaches the bundle's start-up chunks, or when the import loads more than they hold.
 */

/** A port every member of which is an async method (so a call can wait for the implementation). */
export type AsyncPort<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * `methods` names every member of the port (the type makes a new interface method a compile error
 * here until it is listed). The implementation is built once, on the first call; a failed build is
 * retried on the next call (onceAsync).
 */
export function lazyPort<T extends AsyncPort<T>>(make: () => Promise<T>, methods: Record<keyof T, true>): T {
  const load = onceAsync(make);
  const port: Partial<Record<keyof T, unknown>> = {};
  for (const name of Object.keys(methods) as Array<keyof T>) {
    port[name] = async (...args: never[]) => {
      const impl = await load();
      return impl[name].apply(impl, args);
    };
  }
  return port as T;
}

/** The engine (Resource Manager SDKs, registry client) loads on the first diagnosis. */
export function lazyDiagnoser(make: () => Promise<Diagnoser>): Diagnoser {
  return lazyPort<Diagnoser>(make, { diagnose: true });
}

/** Log Analytics (`@azure/monitor-query-logs`) loads on the first Container insights query. */
export function lazyContainerInsights(make: () => Promise<ContainerInsightsPort>): ContainerInsightsPort {
  return lazyPort<ContainerInsightsPort>(make, { failingPods: true, podDetails: true, nodeLabels: true, previousImage: true });
}

/** `@azure/identity` loads on the first token request (Storage with a managed identity, Resource Manager). */
export function lazyCredential(make: () => Promise<TokenCredential>): TokenCredential {
  return lazyPort<TokenCredential>(make, { getToken: true });
}

/** Table Storage (`@azure/data-tables`) loads on the first incident read or write. */
export function lazyIncidentStore(make: () => Promise<IncidentStore>): IncidentStore {
  return lazyPort<IncidentStore>(make, {
    get: true,
    update: true,
    list: true,
    openIncidents: true,
    withPendingJobs: true,
    sweep: true,
    markProcessed: true,
    hasProcessed: true,
    recordDeletedTag: true,
    deletedTags: true,
    recordPushedTag: true,
    tagsForDigest: true,
    recordJobFailure: true,
    jobFailures: true,
    indexIncident: true,
    indexedIncidents: true,
  });
}

/** Queue Storage (`@azure/storage-queue`) loads on the first enqueue or poison peek. */
export function lazyJobQueue(make: () => Promise<JobQueue>): JobQueue {
  return lazyPort<JobQueue>(make, { enqueue: true, peekPoison: true });
}

/** Warnings live in the incident table (`@azure/data-tables`, loaded on the first read or write). */
export function lazyWarningStore(make: () => Promise<WarningStore>): WarningStore {
  return lazyPort<WarningStore>(make, { get: true, update: true, unresolved: true, forImage: true, sweep: true });
}
