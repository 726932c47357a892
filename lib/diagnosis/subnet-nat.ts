import type { ClusterFacts } from './facts';
import { poolOfNode } from './aks-node-name';
import { getNatGateway, getPublicIp, getVirtualNetwork } from './azure-lookups';
import type { CheckContext } from './check';

/**
 * A NAT gateway attached to a node pool's subnet takes precedence over the load balancer's outbound
 * rules for that subnet (https://learn.microsoft.com/azure/nat-gateway/nat-overview#outbound-connectivity),
 * whatever the cluster's outboundType says: that pool leaves from the NAT gateway's public IPs. Used to
 * explain a client IP the registry reported that is not among the cluster's egress IPs.
 */
export interface PoolNatEgress {
  pool: string;
  subnet: string;
  natGateway: string;
  ips: string[];
}

export async function natEgressOfNode(ctx: Pick<CheckContext, 'azure' | 'lookups'>, cluster: ClusterFacts, node: string | undefined): Promise<PoolNatEgress | undefined> {
  const name = poolOfNode(node);
  const pool = cluster.nodePools.find((p) => p.name === name);
  const subnetId = pool?.vnetSubnetId;
  if (!pool || !subnetId) return undefined;
  const at = subnetId.toLowerCase().lastIndexOf('/subnets/');
  // No '/subnets/', or nothing before it: the id names no VNet to read.
  if (at <= 0) return undefined;
  const vnet = await getVirtualNetwork(ctx, subnetId.slice(0, at));
  const subnet = vnet.subnets?.find((s) => s.id?.toLowerCase() === subnetId.toLowerCase());
  if (!subnet?.natGateway?.id) return undefined;
  const nat = await getNatGateway(ctx, subnet.natGateway.id);
  const ips = await Promise.all((nat.publicIpAddresses ?? []).filter((p) => p.id).map((p) => getPublicIp(ctx, p.id!)));
  return { pool: pool.name, subnet: subnet.name ?? subnetId, natGateway: nat.name ?? subnet.natGateway.id, ips: ips.map((p) => p.ipAddress).filter((ip): ip is string => !!ip) };
}
