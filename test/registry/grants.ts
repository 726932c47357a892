import { RegistryEgressPolicy, type EgressDenial, type EgressGrant, type StaticEgressDecision } from '../../lib/registry/egress-policy';
import type { RegistryClient, RegistryClientFactory } from '../../lib/registry/registry-client';

/**
 * Egress grants for tests of the registry client itself (the engine gets them from the policy per
 * diagnosis). Each comes from the real policy, so a test cannot hold a permission production would
 * not give.
 */
function must(decision: EgressGrant | EgressDenial | StaticEgressDecision): EgressGrant {
  if (decision.allowed !== true) throw new Error(`test setup: the egress policy refuses ${decision.host}`);
  return decision;
}

/** An ACR the registry check found through ARM: the Entra token may be exchanged with it. */
export function armGrant(loginServer: string, dataEndpointHostNames: string[] = []): EgressGrant {
  return must(new RegistryEgressPolicy().decide(loginServer, [{ loginServer, dataEndpointHostNames }]));
}

/** A host on PULL_DOCTOR_ALLOWED_REGISTRIES: anonymous. `allowLoopback` for registries on 127.0.0.1 (tests only). */
export function listedGrant(host: string, options: { allowLoopback?: boolean } = {}): EgressGrant {
  return must(new RegistryEgressPolicy({ allowedRegistries: [host], ...options }).decide(host, []));
}

/** A built-in public registry (Docker Hub, MCR, GHCR, Quay, registry.k8s.io): anonymous. */
export function publicGrant(host: string): EgressGrant {
  return must(new RegistryEgressPolicy().decideWithoutArm(host));
}

/** The factory with the grant a test chose per host: `forHost(host)` as the checks see it. */
export function withGrants(factory: RegistryClientFactory, grantFor: (host: string) => EgressGrant) {
  return {
    forHost: (host: string): RegistryClient => factory.forHost(host, grantFor(host)),
    requestCount: () => factory.requestCount(),
  };
}
