import type { CheckId, Classification, Finding, ImageRef, PullFailure } from '../model';
import type { AzureClients } from '../azure/clients';
import type { RegistryAccess } from '../registry/registry-client';
import type { ClusterFacts, ManifestFacts, RegistryFacts } from './facts';
import type { InClusterAccess } from './in-cluster/in-cluster-access';
import type { PreviousImageLookup } from '../logs/previous-image';

/**
 * Facts that checks establish and later checks read. The engine runs a check as soon as every fact
 * it `needs` is known; when a needed fact cannot be established the check is `skipped` with why.
 */
export interface Facts {
  image: ImageRef;
  registry: RegistryFacts;
  cluster: ClusterFacts;
  manifest: ManifestFacts;
}
export type FactKey = keyof Facts;

/** What a check returns: its finding (the engine adds checkId and timing) and any facts it established. */
export interface CheckOutcome {
  finding: Omit<Finding, 'checkId' | 'durationMs'>;
  facts?: Partial<Facts>;
}

/** Single-flight, cached lookups shared by all checks of a run (and briefly across runs). */
export interface Lookups {
  /** Runs `load` once per key; concurrent callers share the promise; results are cached for the TTL. */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** Everything a check may use. Checks never create clients themselves. */
export interface CheckContext {
  failure: PullFailure;
  classification: Classification;
  /** Facts known so far; every key in the check's `needs` is guaranteed present. */
  facts: Readonly<Partial<Facts>>;
  azure: AzureClients;
  /** Registry clients behind the engine's egress policy (a denied host throws RegistryEgressDenied). */
  registries: RegistryAccess;
  lookups: Lookups;
  /** Aborted when the check's time budget runs out or the run is cancelled. */
  signal: AbortSignal;
  /** Subscriptions searched for registries (configured); empty = every subscription the identity sees. */
  subscriptions: readonly string[];
  /** Known tag deletions (from ACR ImageDeleted events) for the repository-tag check. */
  deletedTags?: (loginServer: string, repository: string) => Promise<Array<{ tag: string; deletedAt: string }>>;
  /** The tag the failing workload ran before (Container insights), for the repository-tag check; absent: not configured. */
  previousImage?: PreviousImageLookup;
  /** In-cluster evidence through AKS Run Command (PULL_DOCTOR_IN_CLUSTER); absent or mode `off`: no command is ever run. */
  inCluster?: InClusterAccess;
}

/** One analyzer per concern (k8sgpt style). Adding a check = one file + one test + one line in check-list.ts. */
export interface Check {
  id: CheckId;
  /** Shown in progress output: "checking network rules…". */
  title: string;
  needs: readonly FactKey[];
  provides?: readonly FactKey[];
  /** The lowest PULL_DOCTOR_IN_CLUSTER mode the check needs; with a lower mode it is not run (nor listed) at all. */
  inCluster?: 'read' | 'probe';
  /** Its own time budget when the engine's per-check budget is too short (Run Command takes tens of seconds). */
  timeoutMs?: number;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
