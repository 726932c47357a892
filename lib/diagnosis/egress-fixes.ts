import type { NetworkSecurityGroup } from '@azure/arm-network';
import type { Fix } from '../model';
import { parseArmId } from '../azure/arm-id';
import { sh, subscriptionArg } from './fix-commands';
import type { FirewallRule } from './firewall-rules';
import type { NsgRuleRef } from './nsg-rules';
import type { RegistryEndpoint } from './registry-endpoints';

/**
 * The exact commands that open the node's way to the registry, names filled in: an NSG allow rule
 * with a lower priority number than the deny that wins
 * (https://learn.microsoft.com/cli/azure/network/nsg/rule#az-network-nsg-rule-create), and an
 * application rule collection for the missing FQDNs on the firewall's policy
 * (https://learn.microsoft.com/cli/azure/network/firewall/policy/rule-collection-group/collection#az-network-firewall-policy-rule-collection-group-collection-add-filter-collection)
 * or, without a policy, a classic application rule
 * (https://learn.microsoft.com/cli/azure/network/firewall/application-rule#az-network-firewall-application-rule-create).
 */

/** The service tag an allow rule can name with certainty for an endpoint (`VirtualNetwork` for a private endpoint). */
export function allowTag(endpoint: RegistryEndpoint, privatePath: boolean): string {
  if (privatePath) return 'VirtualNetwork';
  if (endpoint.role === 'login server') return 'AzureContainerRegistry';
  if (endpoint.role === 'storage') return `Storage.${endpoint.region}`;
  // A dedicated data endpoint's addresses are Azure's (AzureCloud); ARM does not say which narrower tag holds them.
  return `AzureCloud.${endpoint.region}`;
}

/** The highest free priority number below the winning deny (NSG priorities run 100–4096). */
export function freePriorityBelow(nsg: NetworkSecurityGroup, deny: number): number | undefined {
  const taken = new Set((nsg.securityRules ?? []).filter((r) => r.direction === 'Outbound').map((r) => r.priority));
  for (let p = Math.min(deny, 4097) - 1; p >= 100; p--) if (!taken.has(p)) return p;
  return undefined;
}

export function nsgFix(nsg: NetworkSecurityGroup, deny: NsgRuleRef, tags: readonly string[], clusterSubscriptionId: string): Fix {
  const id = parseArmId(nsg.id);
  const priority = freePriorityBelow(nsg, deny.priority);
  const what = `TCP 443 to ${tags.join(', ')}`;
  if (!id || priority === undefined) {
    return { text: `On ${deny.nsg}, allow ${what} outbound with a lower priority number than ${deny.rule} (${deny.priority}), or narrow ${deny.rule}.` };
  }
  return {
    text: `On ${deny.nsg}, allow ${what} outbound at priority ${priority}, before ${deny.rule} (${deny.priority}).`,
    command: `az network nsg rule create --resource-group ${sh(id.resourceGroup)} --nsg-name ${sh(id.name)} --name AllowContainerRegistryOutbound --priority ${priority} --direction Outbound --access Allow --protocol Tcp --source-address-prefixes VirtualNetwork --destination-address-prefixes ${tags.join(' ')} --destination-port-ranges 443${subscriptionArg(id.subscriptionId, clusterSubscriptionId)}`,
  };
}

export interface FirewallFixInput {
  firewall: { id: string; name: string };
  policyId?: string;
  /** The policy's rule collection groups with their collections' priorities. */
  groups: Array<{ name: string; priority: number; collections: number[] }>;
  /** The rule that denied, when one did (none: nothing matched). */
  deniedBy?: FirewallRule;
  hosts: string[];
  subnet?: string;
  clusterSubscriptionId: string;
}

export function firewallFix(input: FirewallFixInput): Fix {
  const hosts = input.hosts.map(sh).join(' ');
  const source = input.subnet ?? '*';
  if (input.deniedBy?.kind === 'network') {
    return { text: `Network rule ${input.deniedBy.where} on ${input.firewall.name} denies TCP 443 before any application rule is read: narrow it so it does not cover ${input.hosts.join(', ')}.` };
  }
  const policy = parseArmId(input.policyId);
  if (policy) {
    const byGroup = input.deniedBy ? input.groups.find((g) => input.deniedBy!.where.startsWith(`${g.name}/`)) : undefined;
    const group = byGroup ?? [...input.groups].sort((a, b) => a.priority - b.priority)[0];
    if (group) {
      const limit = input.deniedBy ? (input.deniedBy.rank[2] ?? 65000) : 65001;
      const priority = freeBelow(group.collections, limit);
      return {
        text: `Allow HTTPS from the node subnet to ${input.hosts.join(', ')} on ${input.firewall.name}'s policy ${policy.name} (rule collection group ${group.name}, priority ${priority}).`,
        command: `az network firewall policy rule-collection-group collection add-filter-collection --resource-group ${sh(policy.resourceGroup)} --policy-name ${sh(policy.name)} --rule-collection-group-name ${sh(group.name)} --name allow-container-registry --collection-priority ${priority} --action Allow --rule-name allow-registry-https --rule-type ApplicationRule --source-addresses ${sh(source)} --protocols Https=443 --target-fqdns ${hosts}${subscriptionArg(policy.subscriptionId, input.clusterSubscriptionId)}`,
      };
    }
  }
  const fw = parseArmId(input.firewall.id);
  return {
    text: `Allow HTTPS from the node subnet to ${input.hosts.join(', ')} on ${input.firewall.name}.`,
    command: fw
      ? `az network firewall application-rule create --resource-group ${sh(fw.resourceGroup)} --firewall-name ${sh(fw.name)} --collection-name allow-container-registry --priority ${freeBelow([], 65001)} --action Allow --name allow-registry-https --protocols Https=443 --source-addresses ${sh(source)} --target-fqdns ${hosts}${subscriptionArg(fw.subscriptionId, input.clusterSubscriptionId)}`
      : undefined,
  };
}

/**
 * The registry's own rule, extended: the node subnet added to its sources, or the missing endpoints to
 * its target FQDNs. `rule update` replaces the list it is given, so the command carries the rule's own
 * entries too (https://learn.microsoft.com/cli/azure/network/firewall/policy/rule-collection-group/collection/rule#az-network-firewall-policy-rule-collection-group-collection-rule-update).
 */
export function extendRuleFix(input: Omit<FirewallFixInput, 'groups' | 'deniedBy'> & { rule: FirewallRule; missing: 'source' | 'host' }): Fix | undefined {
  const policy = parseArmId(input.policyId);
  const [group, collection, name] = input.rule.where.split('/');
  if (!policy || !group || !collection || !name || (input.missing === 'source' && !input.subnet)) return undefined;
  const where = `rule ${name} (collection ${collection}, group ${group}) of ${input.firewall.name}'s policy ${policy.name}`;
  const head = `az network firewall policy rule-collection-group collection rule update --resource-group ${sh(policy.resourceGroup)} --policy-name ${sh(policy.name)} --rule-collection-group-name ${sh(group)} --collection-name ${sh(collection)} --name ${sh(name)}`;
  const tail = subscriptionArg(policy.subscriptionId, input.clusterSubscriptionId);
  if (input.missing === 'source') {
    return {
      text: `Add the node subnet ${input.subnet} to the sources of ${where}: it allows HTTPS to ${input.hosts.join(', ')} only from ${input.rule.sourceAddresses.join(', ')}.`,
      command: `${head} --source-addresses ${[...input.rule.sourceAddresses, input.subnet!].map(sh).join(' ')}${tail}`,
    };
  }
  return {
    text: `Add ${input.hosts.join(', ')} to the target FQDNs of ${where}: it allows ${input.rule.targetFqdns.join(', ')} but not ${input.hosts.length > 1 ? 'these' : 'this'} endpoint.`,
    command: `${head} --target-fqdns ${[...input.rule.targetFqdns, ...input.hosts].map(sh).join(' ')}${tail}`,
  };
}

/** A collection priority (100–65000) not taken, as close below `limit` as the group allows, never above 65000. */
function freeBelow(taken: readonly number[], limit: number): number {
  const start = Math.min(limit - 1, Math.max(...taken, 100 - 10) + 10, 65000);
  for (let p = start; p >= 100; p--) if (!taken.includes(p)) return p;
  return 100;
}

/** A 0.0.0.0/0 route with next hop None drops the traffic: point it at the egress appliance, or remove it. */
export function routeFix(routeTableId: string, route: string, clusterSubscriptionId: string): Fix {
  const id = parseArmId(routeTableId);
  return {
    text: `Send 0.0.0.0/0 somewhere: point route ${route} at your egress appliance (--next-hop-type VirtualAppliance --next-hop-ip-address <its private IP>), or remove it so the subnet's default internet route applies.`,
    command: id ? `az network route-table route delete --resource-group ${sh(id.resourceGroup)} --route-table-name ${sh(id.name)} --name ${sh(route)}${subscriptionArg(id.subscriptionId, clusterSubscriptionId)}` : undefined,
  };
}

