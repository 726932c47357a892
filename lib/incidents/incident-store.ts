import type { Incident, IncidentSchema } from '../model';
import type { z } from 'zod';

export type IncidentStatus = z.infer<typeof IncidentSchema>['status'];

export interface StoreOptions {
  signal?: AbortSignal;
}

/** A tag deletion an ACR ImageDeleted event reported ("tag v1.2 was deleted at T"). */
export interface DeletedTag {
  loginServer: string;
  repository: string;
  tag: string;
  digest?: string;
  deletedAt: string;
}

/** Why a diagnose job failed; kept so a poison message can be explained (`pull-doctor incidents`). */
export interface JobFailure {
  jobId: string;
  incidentId: string;
  cluster: string;
  attempt: number;
  error: string;
  at: string;
}

/**
 * `change` receives the stored incident (undefined when absent) and returns the incident to store,
 * or undefined to leave it as is. It may run more than once (retried after a concurrent write), so
 * it must only compute.
 */
export type IncidentChange = (current: Incident | undefined) => Incident | undefined;

export interface UpdateResult {
  /** The incident as stored after the call. */
  incident: Incident | undefined;
  written: boolean;
}

/**
 * Incident state (lib/incidents): Table Storage in Azure (table-incident-store.ts), memory for the
 * CLI and demo (memory-incident-store.ts). Every update is an optimistic read-modify-write, so
 * parallel function instances never lose each other's pods.
 */
export interface IncidentStore {
  get(cluster: string, id: string, options?: StoreOptions): Promise<Incident | undefined>;
  update(cluster: string, id: string, change: IncidentChange, options?: StoreOptions): Promise<UpdateResult>;
  /** Timer and CLI only: a scan of the table. */
  list(filter?: { status?: IncidentStatus[] }, options?: StoreOptions): Promise<Incident[]>;
  /** Open and muted incidents of one cluster (one partition), optionally of one image: what hot paths use instead of `list`. */
  openIncidents(cluster: string, image?: string, options?: StoreOptions): Promise<Incident[]>;
  /**
   * Files an incident under `key` (`repo|<login server>/<repository>`, `alert|<alert id>`): the
   * lookup ACR pushes and alert resolutions use instead of a table scan. Idempotent.
   */
  indexIncident(key: string, incident: { cluster: string; id: string }, options?: StoreOptions): Promise<void>;
  /** Incidents filed under `key` (one partition); an entry may outlive its incident until the sweep, so callers read each one. */
  indexedIncidents(key: string, options?: StoreOptions): Promise<Array<{ cluster: string; id: string }>>;
  /** Incidents that still owe a job (outbox), for the timer. */
  withPendingJobs(options?: StoreOptions): Promise<Incident[]>;
  /** Deletes what outlived its retention (see RetentionPolicy); returns how many rows of each kind went. */
  sweep(policy: RetentionPolicy, options?: StoreOptions): Promise<SweepResult>;
  /** Records that an event was handled (after handling it); true the first time a key is recorded. */
  markProcessed(key: string, options?: StoreOptions): Promise<boolean>;
  /** True when `markProcessed(key)` happened before. */
  hasProcessed(key: string, options?: StoreOptions): Promise<boolean>;
  recordDeletedTag(deletion: DeletedTag, options?: StoreOptions): Promise<void>;
  deletedTags(loginServer: string, repository: string, options?: StoreOptions): Promise<Array<{ tag: string; deletedAt: string; digest?: string }>>;
  /** Remembers which digest a pushed tag pointed to, so a later delete by digest names its tags. */
  recordPushedTag(push: { loginServer: string; repository: string; tag: string; digest: string }, options?: StoreOptions): Promise<void>;
  tagsForDigest(loginServer: string, repository: string, digest: string, options?: StoreOptions): Promise<string[]>;
  recordJobFailure(failure: JobFailure, options?: StoreOptions): Promise<void>;
  jobFailures(options?: StoreOptions): Promise<JobFailure[]>;
}

/** Cut-off times: rows older than these are deleted by `sweep` (the timer). */
export interface RetentionPolicy {
  /** Processed-event keys (redelivery detection; Event Grid retries for at most 24 h). */
  processedBefore: Date;
  /** Pushed and deleted tags (evidence for "tag v1.2 was deleted at T"). */
  tagsBefore: Date;
  /** Resolved incidents, by their resolution time (PULL_DOCTOR_RESOLVED_RETENTION_DAYS). */
  resolvedBefore: Date;
  /** Job failure records (reasons behind poison messages). */
  jobFailuresBefore: Date;
}

export interface SweepResult {
  processed: number;
  tags: number;
  incidents: number;
  jobFailures: number;
  /** Index entries whose incident is gone or resolved. */
  indexes: number;
}

/** Thrown when an update keeps losing to concurrent writers. */
export class IncidentConflictError extends Error {
  override readonly name = 'IncidentConflictError';
}
