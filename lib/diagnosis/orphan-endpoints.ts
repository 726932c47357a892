import type { PrivateEndpoint } from '@azure/arm-network';
import { parseArmId, sameId, vnetIdOfSubnet } from '../azure/arm-id';
import { getVirtualNetwork, listPrivateEndpoints, privateEndpointsKey } from './azure-lookups';
import type { CheckContext } from './check';
import type { ClusterFacts, PrivateEndpointFacts, RegistryFacts } from './facts';
import { listInEach } from './search-subscriptions';

/**
 * Private endpoints that still point at the registry although the registry lists no connection for
 * them. When the registry's owner removes a connection (`az acr private-endpoint-connection delete`),
 * the registry forgets it but the endpoint stays, its connection Disconnected: "the private endpoint
 * becomes informative and should be deleted for cleanup"
 * (https://learn.microsoft.com/azure/private-link/manage-private-endpoint). The zone's records still
 * send the nodes to its IPs, which lead nowhere. Searched where such an endpoint lives: the cluster's
 * and the registry's subscriptions and those of the VNets the cluster VNets peer with (a hub). A
 * subscription that refuses the list is passed over; any other failure is the caller's to handle.
 */
export async function orphanEndpoints(ctx: CheckContext, registry: RegistryFacts, cluster: ClusterFacts): Promise<PrivateEndpointFacts[]> {
  const vnets = await Promise.all(cluster.vnetIds.map((v) => getVirtualNetwork(ctx, v)));
  const peered = vnets.flatMap((v) => v.virtualNetworkPeerings ?? []).map((p) => parseArmId(p.remoteVirtualNetwork?.id)?.subscriptionId);
  const subscriptions = [...new Map([cluster.subscriptionId, registry.subscriptionId, ...peered].flatMap((s) => (s ? [[s.toLowerCase(), s] as const] : []))).values()];
  const { items } = await listInEach(subscriptions, (s) => listPrivateEndpoints(ctx, s), privateEndpointsKey);
  return items.filter((pe) => pointsAt(pe, registry.id)).map((pe) => toPrivateEndpointFacts(pe, undefined));
}

function pointsAt(pe: PrivateEndpoint, registryId: string): boolean {
  return [...(pe.privateLinkServiceConnections ?? []), ...(pe.manualPrivateLinkServiceConnections ?? [])].some((c) => sameId(c.privateLinkServiceId, registryId));
}

/** An endpoint as the private checks read it: its VNet, connection state (the registry's word first) and IPs by FQDN. */
export function toPrivateEndpointFacts(pe: PrivateEndpoint, connectionStatus: string | undefined): PrivateEndpointFacts {
  const subnetId = pe.subnet?.id ?? '';
  const ipsByFqdn: Record<string, string[]> = {};
  for (const c of pe.customDnsConfigs ?? []) if (c.fqdn) ipsByFqdn[c.fqdn.toLowerCase()] = c.ipAddresses ?? [];
  const linkState = pe.privateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status ?? pe.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status;
  return {
    id: pe.id ?? '',
    name: pe.name ?? '',
    subnetId,
    vnetId: vnetIdOfSubnet(subnetId) ?? '',
    connectionStatus: connectionStatus ?? linkState,
    ipsByFqdn,
  };
}
