import type { ManifestFacts } from '../diagnosis/facts';
import { abortable } from '../util/abortable';
import type { ArmResolvedRegistry, EgressGrant, RegistryEgressPolicy } from './egress-policy';
import { RegistryEgressDenied, type CallOptions, type RegistryAccess, type RegistryClient, type RegistryClientFactory, type RegistryTag } from './registry-client';

/**
 * The registries one diagnosis may use: every call first asks the egress policy about the host. An
 * ACR host (or a listed one) waits until the engine says what ARM resolved for this diagnosis, so an
 * Entra token goes only to a registry the registry check found; a public registry is decided at once,
 * and a host that no ARM answer could allow is refused at once. Checks get this, never the factory.
 */
export class DiagnosisRegistries implements RegistryAccess {
  private settle!: (registries: readonly ArmResolvedRegistry[]) => void;
  /** ACRs a check found through ARM itself (siblings of the image's registry), added to what the engine settles. */
  private readonly alsoFound: ArmResolvedRegistry[] = [];
  private readonly armResolved = new Promise<readonly ArmResolvedRegistry[]>((resolve) => (this.settle = resolve));

  constructor(
    private readonly factory: RegistryClientFactory,
    private readonly policy: RegistryEgressPolicy,
  ) {}

  /** Called by the engine once the registry fact is known, or known to be unknowable (empty). Later calls are ignored (a settled promise keeps its first value). */
  resolvedByArm(registries: readonly ArmResolvedRegistry[]): void {
    this.settle(registries);
  }

  /** A registry found twice is listed twice: the policy takes the first that resolves the host, so the list needs no de-duplication. */
  alsoFoundByArm(registry: ArmResolvedRegistry): void {
    this.alsoFound.push(registry);
  }

  /** The policy's grant for `host` in this diagnosis; RegistryEgressDenied when it may not be contacted. */
  async grantFor(host: string, signal?: AbortSignal): Promise<EgressGrant> {
    const early = this.policy.decideWithoutArm(host);
    if (early.allowed === false) throw RegistryEgressDenied.from(early);
    // Only an ACR host can be resolved by ARM: anything else is decided without waiting for the registry check.
    const needsArm = this.policy.mayBeArmResolved(host);
    const resolved = needsArm ? await abortable(this.armResolved, signal) : [];
    const decision = this.policy.decide(host, needsArm ? [...resolved, ...this.alsoFound] : resolved);
    if (!decision.allowed) throw RegistryEgressDenied.from(decision);
    return decision;
  }

  forHost(host: string): RegistryClient {
    const client = async (options: CallOptions) => this.factory.forHost(host, await this.grantFor(host, options.signal));
    return {
      host,
      listRepositories: async (options: CallOptions = {}): Promise<string[]> => (await client(options)).listRepositories(options),
      listTags: async (repository: string, options: CallOptions = {}): Promise<RegistryTag[]> => (await client(options)).listTags(repository, options),
      resolve: async (repository: string, reference: string, options: CallOptions = {}): Promise<ManifestFacts> =>
        (await client(options)).resolve(repository, reference, options),
    };
  }
}
