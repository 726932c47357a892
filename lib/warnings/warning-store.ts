import type { StoreOptions } from '../incidents/incident-store';
import type { Warning, WarningStatus } from './warning';

/**
 * `change` receives the stored warning (undefined when absent) and returns the warning to store, or
 * undefined to leave it. It may run more than once (retried after a concurrent write): only compute.
 */
export type WarningChange = (current: Warning | undefined) => Warning | undefined;

/** Where a warning of a (cluster, image) is found by a point read (the incident link). */
export interface WarningRef {
  warningId: string;
  at: string;
}

/**
 * Warning state (issue 18): Table Storage in Azure (table-warning-store.ts), memory for the CLI and
 * demo. Updates are optimistic read-modify-writes, as for incidents.
 */
export interface WarningStore {
  get(id: string, options?: StoreOptions): Promise<Warning | undefined>;
  update(id: string, change: WarningChange, options?: StoreOptions): Promise<{ warning: Warning | undefined; written: boolean }>;
  /** Warnings not resolved (open, acknowledged, muted): one partition, bounded by how many changes are live. */
  unresolved(options?: StoreOptions): Promise<Warning[]>;
  /** The latest warning that named this (cluster, image): a point read, for the pull-failure incident's link. */
  forImage(cluster: string, image: string, options?: StoreOptions): Promise<Warning | undefined>;
  /** Deletes resolved warnings (and their image index rows) last written before `before`; returns how many warnings went. */
  sweep(before: Date, options?: StoreOptions): Promise<number>;
}

export const UNRESOLVED: readonly WarningStatus[] = ['open', 'acknowledged', 'muted'];

export class WarningConflictError extends Error {
  override readonly name = 'WarningConflictError';
}
