import type { AzureFirewall, FirewallPolicy, FirewallPolicyRuleCollectionGroup, NetworkSecurityGroup, RouteTable } from '@azure/arm-network';
import { collect, must } from './azure-lookups';
import type { CheckContext } from './check';

/**
 * The node-side network reads (node-egress, and pool-egress for a firewall's public IPs), keyed as
 * azure-lookups.ts keys its reads (`GET <id>`, `LIST <collection>`), so one run reads each once.
 */
type Ctx = Pick<CheckContext, 'azure' | 'lookups'>;

export function getNetworkSecurityGroup(ctx: Ctx, id: string): Promise<NetworkSecurityGroup> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) => ctx.azure.network(p.subscriptionId).networkSecurityGroups.get(p.resourceGroup, p.name, { abortSignal }));
}

export function getRouteTable(ctx: Ctx, id: string): Promise<RouteTable> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) => ctx.azure.network(p.subscriptionId).routeTables.get(p.resourceGroup, p.name, { abortSignal }));
}

/** Every Azure Firewall of a subscription (a route's next hop names only an IP). */
export function listAzureFirewalls(ctx: Ctx, subscriptionId: string): Promise<AzureFirewall[]> {
  return ctx.lookups.get(`LIST /subscriptions/${subscriptionId}/providers/Microsoft.Network/azureFirewalls`, (abortSignal) =>
    collect(ctx.azure.network(subscriptionId).azureFirewalls.listAll({ abortSignal })),
  );
}

export function getFirewallPolicy(ctx: Ctx, id: string): Promise<FirewallPolicy> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) => ctx.azure.network(p.subscriptionId).firewallPolicies.get(p.resourceGroup, p.name, { abortSignal }));
}

export function listRuleCollectionGroups(ctx: Ctx, policyId: string): Promise<FirewallPolicyRuleCollectionGroup[]> {
  const p = must(policyId);
  return ctx.lookups.get(`LIST ${policyId}/ruleCollectionGroups`, (abortSignal) =>
    collect(ctx.azure.network(p.subscriptionId).firewallPolicyRuleCollectionGroups.list(p.resourceGroup, p.name, { abortSignal })),
  );
}
