import type { PullFailure } from '../../lib/model';
import type { CheckContext, Facts } from '../../lib/diagnosis/check';
import { presetLookups, type PresetLookups } from './preset-lookups';
import type { ClusterFacts, NodePoolFacts, RegistryFacts } from '../../lib/diagnosis/facts';

/**
 * For a check's facts-only test (`<check>-logic.test.ts`, the row Stryker runs per mutant): the
 * check's run() on hand-built facts, its Azure reads answered from preset values. The reads go
 * through lib/diagnosis/azure-lookups, which asks ctx.lookups by key (`GET <id>`, `LIST <id>/A`…),
 * so a Lookups that answers per key stands in for ARM without faking the wire (the world tables in
 * `<check>.test.ts` cover that through the real SDK clients). No jest globals: plain builders.
 */

export const SUB = '00000000-0000-0000-0000-000000000001';
export const REGISTRY_ID = `/subscriptions/${SUB}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr`;
export const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;

export const registryFacts = (over: Partial<RegistryFacts> = {}): RegistryFacts => ({
  id: REGISTRY_ID,
  subscriptionId: SUB,
  resourceGroup: 'rg-registry',
  name: 'myacr',
  loginServer: 'myacr.azurecr.io',
  location: 'westeurope',
  sku: 'Premium',
  adminUserEnabled: false,
  anonymousPullEnabled: false,
  publicNetworkAccess: 'Enabled',
  defaultAction: 'Allow',
  ipRules: [],
  dataEndpointEnabled: false,
  dataEndpointHostNames: [],
  privateEndpointConnections: [],
  ...over,
});

export const nodePoolFacts = (over: Partial<NodePoolFacts> = {}): NodePoolFacts => ({ name: 'nodepool1', osType: 'Linux', architecture: 'amd64', vmSize: 'Standard_D4s_v5', mode: 'System', ...over });

export const clusterFacts = (over: Partial<ClusterFacts> = {}): ClusterFacts => ({
  id: CLUSTER_ID,
  subscriptionId: SUB,
  resourceGroup: 'rg-aks',
  name: 'aks-prod',
  location: 'westeurope',
  identityModel: 'managedIdentity',
  nodePools: [nodePoolFacts()],
  vnetIds: [],
  egressIps: ['20.1.2.3'],
  customDnsServers: [],
  ...over,
});

/** The context a check's run() sees: the facts, the failure, preset reads; no Azure or registry clients (a check that reached for one throws). */
export function logicContext(args: { facts?: Partial<Facts>; failure?: Partial<PullFailure>; answers?: Record<string, unknown>; subscriptions?: readonly string[] }): CheckContext & { lookups: PresetLookups } {
  const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli', message: 'Back-off pulling image "myacr.azurecr.io/app:v1"', ...args.failure } as PullFailure;
  return {
    failure,
    facts: args.facts ?? {},
    lookups: presetLookups(args.answers ?? {}),
    signal: new AbortController().signal,
    subscriptions: args.subscriptions ?? [],
  } as unknown as CheckContext & { lookups: PresetLookups };
}
