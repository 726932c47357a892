import type { ClusterFacts } from './facts';
import { poolOfNode } from './aks-node-name';
import { getNatGateway, getPublicIp, getPublicIpPrefix, getSubnet } from './azure-lookups';
import { vnetIdOfSubnet } from '../azure/arm-id';
import type { CheckContext } from './check';
import { applianceHopOf } from './egress-path';

/**
 * Where one node pool's traffic leaves from, when that is not the cluster's outbound path. Azure picks,
 * per VM: a NAT gateway on its subnet first, whatever the cluster's outboundType says; then the VM's own
 * instance-level public IP (an AKS pool with enableNodePublicIP, drawn from nodePublicIPPrefixID when
 * set); the load balancer's outbound rules only without either
 * (https://learn.microsoft.com/azure/nat-gateway/nat-overview#outbound-connectivity ,
 * https://learn.microsoft.com/azure/load-balancer/load-balancer-outbound-connections ,
 * https://learn.microsoft.com/azure/aks/use-node-public-ips). A registry firewall must allow the pool
 * the pod ran on, not the cluster in general. Before all of them, a route table sending 0.0.0.0/0 to
 * an Azure Firewall: the firewall SNATs to its own public IPs, so those are what the registry sees
 * (https://learn.microsoft.com/azure/aks/limit-egress-traffic ; a user-defined route to a virtual
 * appliance takes precedence over a NAT gateway: https://learn.microsoft.com/azure/nat-gateway/nat-overview).
 */
export type PoolEgress =
  | { pool: string; kind: 'nat-gateway'; subnet: string; natGateway: string; addresses: string[] }
  /** `addresses` is the prefix when there is one; without it each node's IP is its own (not in ARM's pool or subnet). */
  | { pool: string; kind: 'node-public-ip'; prefix?: string; addresses: string[] }
  | { pool: string; kind: 'azure-firewall'; subnet: string; routeTable: string; firewall: string; addresses: string[] };

/** The failing node's pool's own egress; undefined when it leaves through the cluster's outbound path or its pool is unknown. */
export async function poolEgressOfNode(ctx: Pick<CheckContext, 'azure' | 'lookups'> & Partial<Pick<CheckContext, 'subscriptions'>>, cluster: ClusterFacts, node: string | undefined): Promise<PoolEgress | undefined> {
  const name = poolOfNode(node);
  const pool = cluster.nodePools.find((p) => p.name === name);
  if (!pool) return undefined;
  const subnetId = pool.vnetSubnetId;
  if (subnetId && vnetIdOfSubnet(subnetId)) {
    const subnet = await getSubnet(ctx, subnetId);
    const hop = subnet ? await applianceHopOf(ctx, subnet) : undefined;
    if (hop?.firewall) {
      return { pool: pool.name, kind: 'azure-firewall', subnet: subnet!.name ?? subnetId, routeTable: hop.routeTable, firewall: hop.firewall.name, addresses: hop.firewall.publicIps };
    }
    if (subnet?.natGateway?.id) {
      const nat = await getNatGateway(ctx, subnet.natGateway.id);
      const [ips, prefixes] = await Promise.all([
        Promise.all((nat.publicIpAddresses ?? []).filter((p) => p.id).map((p) => getPublicIp(ctx, p.id!))),
        Promise.all((nat.publicIpPrefixes ?? []).filter((p) => p.id).map((p) => getPublicIpPrefix(ctx, p.id!))),
      ]);
      const addresses = [...ips.map((p) => p.ipAddress), ...prefixes.map((p) => p.ipPrefix)].filter((a): a is string => !!a);
      return { pool: pool.name, kind: 'nat-gateway', subnet: subnet.name ?? subnetId, natGateway: nat.name ?? subnet.natGateway.id, addresses };
    }
  }
  if (!pool.enableNodePublicIP) return undefined;
  if (!pool.nodePublicIPPrefixId) return { pool: pool.name, kind: 'node-public-ip', addresses: [] };
  const prefix = await getPublicIpPrefix(ctx, pool.nodePublicIPPrefixId);
  return { pool: pool.name, kind: 'node-public-ip', prefix: prefix.name ?? pool.nodePublicIPPrefixId, addresses: prefix.ipPrefix ? [prefix.ipPrefix] : [] };
}
