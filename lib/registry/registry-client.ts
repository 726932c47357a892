import type { ManifestFacts } from '../diagnosis/facts';
import type { EgressDenial, EgressGrant } from './egress-policy';

/** Registry error as the distribution API reports it (`{"errors":[{"code":"MANIFEST_UNKNOWN",…}]}`). */
export class RegistryError extends Error {
  override readonly name: string = 'RegistryError';
  constructor(
    message: string,
    /** HTTP status, 0 for a network failure. */
    readonly statusCode: number,
    /** Distribution error code: MANIFEST_UNKNOWN, NAME_UNKNOWN, UNAUTHORIZED, DENIED, TOOMANYREQUESTS, … */
    readonly code?: string,
    /** The request that failed, e.g. `GET /v2/app/manifests/v1`. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** The egress policy refused a host, a token service or a redirect: nothing was sent there. */
export class RegistryEgressDenied extends RegistryError {
  override readonly name: string = 'RegistryEgressDenied';
  constructor(reason: string, readonly host: string) {
    super(reason, 0, 'EGRESS_DENIED');
  }

  static from(denial: EgressDenial): RegistryEgressDenied {
    return new RegistryEgressDenied(denial.reason, denial.host);
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** One tag of a repository; the times only where the registry keeps them (ACR's tag properties). */
export interface RegistryTag {
  name: string;
  /** The manifest it points at (ACR); undefined from the distribution API's tags/list. */
  digest?: string;
  /** ISO time of the last push to this tag (ACR `lastUpdateTime`). */
  lastUpdatedOn?: string;
  /** ISO time the tag was first pushed (ACR `createdTime`). */
  createdOn?: string;
}

/**
 * The registry data plane port. Implementations: lib/registry/acr-sdk-client.ts (an ACR that ARM
 * resolved, through @azure/container-registry with the Entra credential) and
 * lib/registry/oci-registry-client.ts (the generic OCI distribution API, anonymous or Basic).
 */
export interface RegistryClient {
  readonly host: string;
  /** All repository names (`/v2/_catalog`, paged). */
  listRepositories(options?: CallOptions): Promise<string[]>;
  /** All tags of a repository: ACR's tag properties newest first, or `/v2/<name>/tags/list` (names only). */
  listTags(repository: string, options?: CallOptions): Promise<RegistryTag[]>;
  /** Resolve a tag or digest to its platforms and sizes (index → per-platform manifests → config). */
  resolve(repository: string, reference: string, options?: CallOptions): Promise<ManifestFacts>;
}

export interface RegistryClientFactory {
  /**
   * One client per host and grant, created once and reused. The grant is the egress policy's
   * decision for the host (lib/registry/egress-policy.ts): no grant, no client.
   */
  forHost(host: string, grant: EgressGrant): RegistryClient;
  /** Requests made by all clients of this factory. */
  requestCount(): number;
}

/** What a check may use: clients for hosts the engine's egress policy decides on per call. */
export interface RegistryAccess {
  forHost(host: string): RegistryClient;
  /**
   * A check found another ACR of the tenant through ARM (a sibling of the image's registry) and may ask it
   * for the same image: like the image's own registry, it may then get the Entra token. Optional: hand-built
   * registries in tests allow every host they hold.
   */
  alsoFoundByArm?(registry: ArmFoundRegistry): void;
}

/** What ARM says about a registry the egress policy needs (its login server and data endpoints). */
export interface ArmFoundRegistry {
  loginServer: string;
  dataEndpointHostNames: readonly string[];
}
