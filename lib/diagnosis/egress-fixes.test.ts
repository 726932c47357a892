import type { NetworkSecurityGroup } from '@azure/arm-network';
import { allowTag, firewallFix, freePriorityBelow, nsgFix, routeFix, type FirewallFixInput } from './egress-fixes';
import type { FirewallRule } from './firewall-rules';
import type { NsgRuleRef } from './nsg-rules';
import type { RegistryEndpoint } from './registry-endpoints';

// The commands node-egress gives, on hand-built inputs: an NSG allow rule below the winning deny
// (az network nsg rule create), a policy filter collection or a classic application rule on the
// firewall, and the delete of a route that drops 0.0.0.0/0 (learn.microsoft.com/cli/azure/network).
const SUB = '00000000-0000-0000-0000-000000000001';
const HUB = '00000000-0000-0000-0000-00000000000b';
const NSG_ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-nodes`;
const POLICY = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fwpol`;
const FW = { id: `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub`, name: 'fw-hub' };

const endpoint = (role: RegistryEndpoint['role'], region = 'eastus'): RegistryEndpoint => ({ host: 'h', role, region, tags: [], maybeTags: [] });
const outbound = (priority: number, direction = 'Outbound') => ({ name: `r${priority}`, priority, direction });
const nsg = (...securityRules: Array<ReturnType<typeof outbound>>): NetworkSecurityGroup => ({ id: NSG_ID, name: 'nsg-nodes', securityRules });
const denyRef: NsgRuleRef = { nsg: 'nsg-nodes', rule: 'DenyInternet', priority: 200, access: 'Deny', isDefault: false };
const fwRule = (kind: FirewallRule['kind'], where: string, rank: number[]): FirewallRule => ({
  kind, action: 'Deny', rank, where, sourceAddresses: [], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: true, targetUrls: [], webCategories: [], ipProtocols: [], destinationAddresses: [], destinationPorts: [], destinationFqdns: [], destinationIpGroups: [],
});
const input = (over: Partial<FirewallFixInput> = {}): FirewallFixInput => ({ firewall: FW, policyId: POLICY, groups: [], hosts: ['myacr.azurecr.io'], subnet: '10.224.0.0/16', clusterSubscriptionId: SUB, ...over });
const priorityOf = (command: string | undefined) => /--(?:collection-)?priority (\d+)/.exec(command ?? '')?.[1];

describe('allowTag', () => {
  it('names the tag an allow rule can count on for each endpoint', () => {
    expect(allowTag(endpoint('login server'), true)).toBe('VirtualNetwork');
    expect(allowTag(endpoint('storage'), true)).toBe('VirtualNetwork');
    expect(allowTag(endpoint('login server'), false)).toBe('AzureContainerRegistry');
    expect(allowTag(endpoint('storage'), false)).toBe('Storage.eastus');
    expect(allowTag(endpoint('data endpoint'), false)).toBe('AzureCloud.eastus');
  });
});

describe('freePriorityBelow', () => {
  it.each<[string, NetworkSecurityGroup, number, number | undefined]>([
    ['the number just below the deny', nsg(), 200, 199],
    ['skips outbound numbers taken', nsg(outbound(199), outbound(198)), 200, 197],
    ['an inbound rule does not take an outbound number', nsg(outbound(199, 'Inbound')), 200, 199],
    ['a deny at 101 leaves 100', nsg(), 101, 100],
    ['a deny at 100 leaves nothing', nsg(), 100, undefined],
    ['every number below taken leaves nothing', nsg(outbound(101), outbound(100)), 102, undefined],
    ['a default deny (65500) gives the highest custom number, 4096', nsg(), 65500, 4096],
    ['a deny at 4097 gives 4096', nsg(), 4097, 4096],
    ['an NSG without rules', { name: 'bare' }, 300, 299],
  ])('%s', (_name, group, deny, expected) => expect(freePriorityBelow(group, deny)).toBe(expected));
});

describe('nsgFix', () => {
  it('a command in the NSG subscription, tags joined for people and for the CLI', () => {
    const other = { ...nsg(), id: NSG_ID.replace(SUB, HUB) };
    expect(nsgFix(other, denyRef, ['AzureContainerRegistry', 'Storage.eastus'], SUB)).toEqual({
      text: 'On nsg-nodes, allow TCP 443 to AzureContainerRegistry, Storage.eastus outbound at priority 199, before DenyInternet (200).',
      command: `az network nsg rule create --resource-group rg-net --nsg-name nsg-nodes --name AllowContainerRegistryOutbound --priority 199 --direction Outbound --access Allow --protocol Tcp --source-address-prefixes VirtualNetwork --destination-address-prefixes AzureContainerRegistry Storage.eastus --destination-port-ranges 443 --subscription ${HUB}`,
    });
  });

  it('only the text when the NSG has no id to name in a command', () => {
    expect(nsgFix({ name: 'nsg-nodes' }, denyRef, ['AzureContainerRegistry'], SUB)).toEqual({ text: 'On nsg-nodes, allow TCP 443 to AzureContainerRegistry outbound with a lower priority number than DenyInternet (200), or narrow DenyInternet.' });
  });
});

describe('firewallFix', () => {
  it('a network rule that denies: narrow it, whatever the policy', () => {
    expect(firewallFix(input({ deniedBy: fwRule('network', 'g/c/deny-web', [1, 100, 100, 0]), hosts: ['a.io', 'b.io'] }))).toEqual({ text: 'Network rule g/c/deny-web on fw-hub denies TCP 443 before any application rule is read: narrow it so it does not cover a.io, b.io.' });
  });

  it("puts the collection in the denying rule's group, below the denying collection", () => {
    const groups = [{ name: 'rcg', priority: 100, collections: [500] }, { name: 'rcg-aks', priority: 200, collections: [250, 300] }];
    const fix = firewallFix(input({ groups, deniedBy: fwRule('application', 'rcg-aks/deny/acr', [1, 200, 300, 0]), hosts: ['myacr.azurecr.io', '*.blob.core.windows.net'] }));
    expect(fix).toEqual({
      text: "Allow HTTPS from the node subnet to myacr.azurecr.io, *.blob.core.windows.net on fw-hub's policy fwpol (rule collection group rcg-aks, priority 299).",
      command: `az network firewall policy rule-collection-group collection add-filter-collection --resource-group rg-hub --policy-name fwpol --rule-collection-group-name rcg-aks --name allow-container-registry --collection-priority 299 --action Allow --rule-name allow-registry-https --rule-type ApplicationRule --source-addresses 10.224.0.0/16 --protocols Https=443 --target-fqdns myacr.azurecr.io '*.blob.core.windows.net' --subscription ${HUB}`,
    });
  });

  it('without a denying rule: the group with the lowest priority number, after its last collection', () => {
    const groups = [{ name: 'late', priority: 300, collections: [100] }, { name: 'early', priority: 150, collections: [200, 300] }, { name: 'mid', priority: 200, collections: [] }];
    const fix = firewallFix(input({ groups, subnet: undefined, clusterSubscriptionId: HUB }));
    expect(fix.text).toBe("Allow HTTPS from the node subnet to myacr.azurecr.io on fw-hub's policy fwpol (rule collection group early, priority 310).");
    expect(fix.command).toContain("--rule-collection-group-name early --name allow-container-registry --collection-priority 310 --action Allow");
    expect(fix.command).toContain("--source-addresses '*' --protocols");
    expect(fix.command).not.toContain('--subscription');
  });

  it.each<[string, number[], FirewallRule | undefined, string]>([
    ['an empty group starts at 100', [], undefined, '100'],
    ['a denying rule without a collection priority counts as 65000', [64000], fwRule('application', 'g/d/r', [1, 100]), '64010'],
    ['below a denying collection at 101, the first free number', [100, 101], fwRule('application', 'g/d/r', [1, 100, 101, 0]), '100'],
    ['never above 65000', [64995], undefined, '65000'],
    ['taken numbers are skipped going down', [200, 250, 249], fwRule('application', 'g/d/r', [1, 100, 250, 0]), '248'],
  ])('collection priority: %s', (_name, collections, deniedBy, expected) => {
    expect(priorityOf(firewallFix(input({ groups: [{ name: 'g', priority: 100, collections }], deniedBy })).command)).toBe(expected);
  });

  it("finds the denying rule's group by its whole name", () => {
    const groups = [{ name: 'rcg-aks', priority: 100, collections: [150] }, { name: 'rcg-aks2', priority: 200, collections: [150] }];
    expect(firewallFix(input({ groups, deniedBy: fwRule('application', 'rcg-aks2/d/r', [1, 200, 150, 0]) })).text).toContain('(rule collection group rcg-aks2, priority 149)');
    expect(firewallFix(input({ groups, deniedBy: fwRule('application', 'other/d/r', [1, 300, 150, 0]) })).text).toContain('(rule collection group rcg-aks, priority 149)');
  });

  it('a policy with no group, or no policy: a classic application rule on the firewall', () => {
    const classic = `az network firewall application-rule create --resource-group rg-hub --firewall-name fw-hub --collection-name allow-container-registry --priority 100 --action Allow --name allow-registry-https --protocols Https=443 --source-addresses 10.224.0.0/16 --target-fqdns myacr.azurecr.io --subscription ${HUB}`;
    expect(firewallFix(input({ groups: [] }))).toEqual({ text: 'Allow HTTPS from the node subnet to myacr.azurecr.io on fw-hub.', command: classic });
    expect(firewallFix(input({ policyId: undefined, groups: [{ name: 'g', priority: 100, collections: [] }] }))).toEqual({ text: 'Allow HTTPS from the node subnet to myacr.azurecr.io on fw-hub.', command: classic });
    expect(firewallFix(input({ policyId: undefined, firewall: { id: '', name: 'fw-hub' } }))).toEqual({ text: 'Allow HTTPS from the node subnet to myacr.azurecr.io on fw-hub.', command: undefined });
  });
});

describe('routeFix', () => {
  it('deletes the route, in its subscription; only the text without a table id', () => {
    const table = `/subscriptions/${HUB}/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-egress`;
    expect(routeFix(table, 'to nowhere', SUB).command).toBe(`az network route-table route delete --resource-group rg-net --route-table-name rt-egress --name 'to nowhere' --subscription ${HUB}`);
    expect(routeFix('', 'default', SUB)).toEqual({
      text: "Send 0.0.0.0/0 somewhere: point route default at your egress appliance (--next-hop-type VirtualAppliance --next-hop-ip-address <its private IP>), or remove it so the subnet's default internet route applies.",
      command: undefined,
    });
  });

  it('a classic rule names every host for people', () => {
    expect(firewallFix(input({ policyId: undefined, hosts: ['a.io', 'b.io'] })).text).toBe('Allow HTTPS from the node subnet to a.io, b.io on fw-hub.');
  });
});
