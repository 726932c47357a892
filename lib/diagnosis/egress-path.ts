import type { AzureFirewall, NetworkSecurityGroup, Subnet } from '@azure/arm-network';
import type { ClusterFacts } from './facts';
import type { CheckContext } from './check';
import { poolOfNode } from './aks-node-name';
import { getPublicIp, getSubnet, listSubscriptionIds } from './azure-lookups';
import { describeFailure } from './describe-failure';
import { rulesFromClassic, rulesFromPolicy, type FirewallRule } from './firewall-rules';
import { rangeWithin } from './ipv4';
import type { RegistryEndpoint } from './registry-endpoints';
import { getFirewallPolicy, getNetworkSecurityGroup, getRouteTable, listAzureFirewalls, listRuleCollectionGroups } from './network-lookups';

/**
 * What ARM says about the way out of the failing pod's node pool subnet: the subnet's network
 * security group, and the route table's default route when it sends 0.0.0.0/0 to a virtual
 * appliance — and, when that appliance is an Azure Firewall (its private IP is the next hop), the
 * firewall, its public IPs and its rules
 * (https://learn.microsoft.com/azure/aks/limit-egress-traffic ,
 * https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#custom-routes).
 */
type Ctx = Pick<CheckContext, 'azure' | 'lookups'> & Partial<Pick<CheckContext, 'subscriptions'>>;

export interface ApplianceHop {
  routeTable: string;
  route: string;
  /** `VirtualAppliance`, `VirtualNetworkGateway` (forced tunnelling) or `None` (dropped). */
  nextHopType: string;
  /** The appliance's IP (VirtualAppliance only). */
  nextHop: string;
  /** The table's other routes: one for a service tag or a public range is more specific than 0.0.0.0/0. */
  routes: Array<{ name: string; addressPrefix: string; nextHopType: string; nextHopIpAddress?: string }>;
  /** The Azure Firewall at the next hop; absent: another appliance (an NVA), or one in no subscription pull-doctor reads. */
  firewall?: { id: string; name: string; publicIps: string[]; resource: AzureFirewall };
  /** Subscriptions whose Azure Firewalls could not be listed (403, 429) while none found held the next hop: it may be one of theirs. */
  unreadFirewalls?: Array<{ summary: string; permission?: string }>;
}

export interface PoolSubnet {
  pool: string;
  subnetId: string;
  subnet: Subnet;
}

export interface NodeEgressPath extends PoolSubnet {
  nsg?: NetworkSecurityGroup;
  hop?: ApplianceHop;
}

/** The failing node's pool and its subnet (the only pool subnet when the node is not named). */
export async function poolSubnetOf(ctx: Ctx, cluster: ClusterFacts, node: string | undefined): Promise<PoolSubnet | undefined> {
  const named = cluster.nodePools.find((p) => p.name === poolOfNode(node));
  const subnets = [...new Set(cluster.nodePools.map((p) => p.vnetSubnetId?.toLowerCase()).filter(Boolean))];
  const pool = named ?? (subnets.length === 1 ? cluster.nodePools.find((p) => p.vnetSubnetId) : undefined);
  const subnetId = pool?.vnetSubnetId;
  if (!pool || !subnetId) return undefined;
  const subnet = await getSubnet(ctx, subnetId);
  return subnet ? { pool: pool.name, subnetId, subnet } : undefined;
}

/**
 * The route table's 0.0.0.0/0 route when it does not go to the internet — to a virtual appliance (and
 * the Azure Firewall holding that IP), a VPN/ExpressRoute gateway, or nowhere (`None`) — with the
 * table's other routes (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#custom-routes).
 */
export async function applianceHopOf(ctx: Ctx, subnet: Subnet): Promise<ApplianceHop | undefined> {
  const tableId = subnet.routeTable?.id;
  if (!tableId) return undefined;
  const table = await getRouteTable(ctx, tableId);
  const all = table.routes ?? [];
  const route = all.find((r) => r.addressPrefix === '0.0.0.0/0' && ['VirtualAppliance', 'VirtualNetworkGateway', 'None'].includes(r.nextHopType ?? ''));
  if (!route) return undefined;
  const routes = all.filter((r) => r !== route).map((r) => ({ name: r.name ?? '?', addressPrefix: r.addressPrefix ?? '', nextHopType: r.nextHopType ?? '', nextHopIpAddress: r.nextHopIpAddress }));
  const hop: ApplianceHop = { routeTable: table.name ?? tableId, route: route.name ?? '0.0.0.0/0', nextHopType: route.nextHopType!, nextHop: route.nextHopIpAddress ?? '', routes };
  if (route.nextHopType !== 'VirtualAppliance' || !hop.nextHop) return hop;
  // The route table's subscription first (a hub's firewall is often in another one).
  const tableSub = tableId.split('/')[2]!;
  const subs = await listSubscriptionIds(ctx, ctx.subscriptions ?? []).catch(() => [] as string[]);
  const unread: NonNullable<ApplianceHop['unreadFirewalls']> = [];
  for (const sub of [tableSub, ...subs.filter((s) => s.toLowerCase() !== tableSub.toLowerCase())]) {
    const firewalls = await listAzureFirewalls(ctx, sub).catch((error: unknown) => {
      const { summary, permission } = describeFailure(error, `LIST /subscriptions/${sub}/providers/Microsoft.Network/azureFirewalls`);
      unread.push({ summary, permission });
      return [] as AzureFirewall[];
    });
    const found = firewalls.find((f) => f.hubIPAddresses?.privateIPAddress === hop.nextHop || (f.ipConfigurations ?? []).some((c) => c.privateIPAddress === hop.nextHop));
    if (!found) continue;
    const pips = await Promise.all((found.ipConfigurations ?? []).filter((c) => c.publicIPAddress?.id).map((c) => getPublicIp(ctx, c.publicIPAddress!.id!)));
    const publicIps = [...pips.map((p) => p.ipAddress), ...(found.hubIPAddresses?.publicIPs?.addresses ?? []).map((a) => a.address)].filter((a): a is string => !!a);
    return { ...hop, firewall: { id: found.id ?? '', name: found.name ?? hop.nextHop, publicIps, resource: found } };
  }
  // A refused or throttled list is not "no firewall there": the next hop may be one pull-doctor could not see.
  return unread.length > 0 ? { ...hop, unreadFirewalls: unread } : hop;
}

/** A policy's rule collection groups as a fix needs them: name, priority, the collections' priorities. */
export interface GroupOrder {
  name: string;
  priority: number;
  collections: number[];
}

/** The firewall's rules: its policy's rule collection groups (a base policy's first), or its classic collections. */
export async function firewallRulesOf(ctx: Ctx, firewall: AzureFirewall): Promise<{ rules: FirewallRule[]; policyId?: string; groups: GroupOrder[] }> {
  const policyId = firewall.firewallPolicy?.id;
  if (!policyId) return { rules: rulesFromClassic(firewall), groups: [] };
  const policy = await getFirewallPolicy(ctx, policyId);
  const base = policy.basePolicy?.id ? rulesFromPolicy(await listRuleCollectionGroups(ctx, policy.basePolicy.id), true) : [];
  const own = await listRuleCollectionGroups(ctx, policyId);
  const groups = own.map((g) => ({ name: g.name ?? '', priority: g.priority ?? 0, collections: (g.ruleCollections ?? []).map((c) => c.priority ?? 0) }));
  return { rules: [...base, ...rulesFromPolicy(own)], policyId, groups };
}

/** The pool subnet's NSG and appliance hop; undefined when the pool or its subnet is unknown (AKS-managed VNet). */
export async function egressPathOf(ctx: Ctx, cluster: ClusterFacts, node: string | undefined): Promise<NodeEgressPath | undefined> {
  const at = await poolSubnetOf(ctx, cluster, node);
  if (!at) return undefined;
  const nsgId = at.subnet.networkSecurityGroup?.id;
  const [nsg, hop] = await Promise.all([nsgId ? getNetworkSecurityGroup(ctx, nsgId) : undefined, applianceHopOf(ctx, at.subnet)]);
  return { ...at, nsg, hop };
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/**
 * A route more specific than 0.0.0.0/0 that takes an endpoint instead: one for a service tag that
 * holds it (`yes`) or may (`maybe`), or a public range (`maybe`: the endpoint's address is not in ARM).
 */
export function specificRouteFor(hop: ApplianceHop, endpoint: RegistryEndpoint): { route: ApplianceHop['routes'][number]; match: 'yes' | 'maybe' } | undefined {
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  for (const route of hop.routes) {
    const p = route.addressPrefix.toLowerCase();
    if (lower(endpoint.tags).includes(p)) return { route, match: 'yes' };
    if (lower(endpoint.maybeTags).includes(p)) return { route, match: 'maybe' };
    if (/^\d/.test(p) && !PRIVATE.some((r) => rangeWithin(p, r))) return { route, match: 'maybe' };
  }
  return undefined;
}

