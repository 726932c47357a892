import type { NetworkSecurityGroup, SecurityRule } from '@azure/arm-network';
import { DEFAULT_OUTBOUND, destinationMatch, evaluateNsg, portMatch, protocolMatch, ruleMatch, sourceMatch, type NsgDestination } from './nsg-rules';

// NSG outbound evaluation for TCP 443 from a node subnet to a registry endpoint: priority order,
// first match decides, default rules last, and what cannot be evaluated never passes
// (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview).
const SUBNET = '10.240.0.0/16';
const LOGIN: NsgDestination = { host: 'myacr.azurecr.io', tags: ['AzureContainerRegistry', 'AzureContainerRegistry.westeurope', 'AzureCloud', 'AzureCloud.westeurope'], maybeTags: [], ips: [], private: false };
const DATA: NsgDestination = { host: 'myacr.westeurope.data.azurecr.io', tags: ['AzureCloud', 'AzureCloud.westeurope'], maybeTags: ['AzureContainerRegistry', 'AzureContainerRegistry.westeurope', 'Storage', 'Storage.westeurope'], ips: [], private: false };
const PRIVATE: NsgDestination = { host: 'myacr.azurecr.io', tags: [], maybeTags: [], ips: ['10.1.2.5'], private: true };

const rule = (over: Partial<SecurityRule>): SecurityRule => ({ name: 'r', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '443', ...over });
const nsg = (...rules: SecurityRule[]): NetworkSecurityGroup => ({ id: '/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-aks', name: 'nsg-aks', securityRules: rules });

describe('NSG rule parts', () => {
  it.each([
    ['*', 'yes'], ['Tcp', 'yes'], ['TCP', 'yes'], ['Udp', 'no'], ['Icmp', 'no'], ['Esp', 'no'], [undefined, 'yes'],
  ])('protocol %s → %s', (p, m) => expect(protocolMatch(p)).toBe(m));

  it.each<[string[], string]>([
    [['*'], 'yes'], [['443'], 'yes'], [['400-500'], 'yes'], [['80', '8443'], 'no'], [['444-500'], 'no'], [['1-443'], 'yes'], [[], 'yes'],
  ])('ports %j → %s', (r, m) => expect(portMatch(r)).toBe(m));

  it.each([
    ['*', 'yes'], ['VirtualNetwork', 'yes'], ['10.0.0.0/8', 'yes'], ['10.240.0.0/16', 'yes'], ['10.240.1.0/24', 'maybe'], ['10.240.0.7', 'maybe'],
    ['10.241.0.0/16', 'no'], ['Internet', 'no'], ['AzureLoadBalancer', 'no'], ['SomeFutureTag', 'maybe'],
  ])('source %s for the node subnet → %s', (p, m) => expect(sourceMatch(p, SUBNET)).toBe(m));

  it('a source range cannot be placed without the subnet prefix', () => expect(sourceMatch('10.0.0.0/8', undefined)).toBe('maybe'));

  it.each<[string, 'LOGIN' | 'DATA' | 'PRIVATE', string]>([
    ['*', 'LOGIN', 'yes'], ['Internet', 'LOGIN', 'yes'], ['VirtualNetwork', 'LOGIN', 'no'], ['AzureContainerRegistry', 'LOGIN', 'yes'], ['azurecontainerregistry.westeurope', 'LOGIN', 'yes'],
    ['AzureCloud', 'LOGIN', 'yes'], ['Storage', 'LOGIN', 'maybe'], ['Sql', 'LOGIN', 'no'], ['Sql.westeurope', 'LOGIN', 'no'], ['AzureActiveDirectory', 'LOGIN', 'no'],
    ['10.0.0.0/8', 'LOGIN', 'no'], ['20.0.0.0/8', 'LOGIN', 'maybe'], ['AzureContainerRegistry', 'DATA', 'maybe'], ['Storage.westeurope', 'DATA', 'maybe'],
    ['Internet', 'PRIVATE', 'no'], ['VirtualNetwork', 'PRIVATE', 'yes'], ['10.1.2.0/24', 'PRIVATE', 'yes'], ['10.9.0.0/16', 'PRIVATE', 'no'], ['AzureContainerRegistry', 'PRIVATE', 'no'],
  ])('destination %s for %s → %s', (p, d, m) => expect(destinationMatch(p, { LOGIN, DATA, PRIVATE }[d])).toBe(m));

  it('ignores inbound rules and names an application security group as the reason it cannot decide', () => {
    expect(ruleMatch(rule({ direction: 'Inbound' }), SUBNET, LOGIN).match).toBe('no');
    expect(ruleMatch(rule({ destinationApplicationSecurityGroups: [{ id: 'asg' }] }), SUBNET, LOGIN)).toEqual({ match: 'maybe', why: 'it names an application security group, whose members pull-doctor does not read' });
    expect(ruleMatch(rule({ sourceAddressPrefix: '10.240.1.0/24' }), SUBNET, LOGIN).why).toBe("its source 10.240.1.0/24 may or may not hold the node's address");
    expect(ruleMatch(rule({ destinationAddressPrefix: 'Storage' }), SUBNET, LOGIN).why).toBe('pull-doctor cannot tell whether Storage holds myacr.azurecr.io');
    expect(ruleMatch(rule({ destinationAddressPrefix: undefined, destinationAddressPrefixes: ['Sql', 'AzureContainerRegistry'] }), SUBNET, LOGIN).match).toBe('yes');
    expect(ruleMatch(rule({ destinationPortRange: undefined, destinationPortRanges: ['80', '443'] }), SUBNET, LOGIN).match).toBe('yes');
  });
});

describe('evaluateNsg: the first matching rule by priority decides', () => {
  it.each<[string, SecurityRule[], NsgDestination, { verdict: string; rule: string; priority: number }]>([
    ['no custom rules: AllowInternetOutBound', [], LOGIN, { verdict: 'allow', rule: 'AllowInternetOutBound', priority: 65001 }],
    ['no custom rules, private endpoint: AllowVnetOutBound', [], PRIVATE, { verdict: 'allow', rule: 'AllowVnetOutBound', priority: 65000 }],
    ['a deny of Internet on 443', [rule({ name: 'DenyInternet', priority: 200, destinationAddressPrefix: 'Internet' })], LOGIN, { verdict: 'deny', rule: 'DenyInternet', priority: 200 }],
    ['an allow of ACR at a lower number than the deny', [rule({ name: 'DenyInternet', priority: 200, destinationAddressPrefix: 'Internet' }), rule({ name: 'AllowAcr', priority: 150, access: 'Allow', destinationAddressPrefix: 'AzureContainerRegistry' })], LOGIN, { verdict: 'allow', rule: 'AllowAcr', priority: 150 }],
    ['an allow of ACR at a higher number than the deny', [rule({ name: 'DenyInternet', priority: 200, destinationAddressPrefix: 'Internet' }), rule({ name: 'AllowAcr', priority: 300, access: 'Allow', destinationAddressPrefix: 'AzureContainerRegistry' })], LOGIN, { verdict: 'deny', rule: 'DenyInternet', priority: 200 }],
    ['a deny of UDP only', [rule({ name: 'DenyUdp', protocol: 'Udp', destinationAddressPrefix: 'Internet' })], LOGIN, { verdict: 'allow', rule: 'AllowInternetOutBound', priority: 65001 }],
    ['a deny of port 80 only', [rule({ name: 'Deny80', destinationPortRange: '80' })], LOGIN, { verdict: 'allow', rule: 'AllowInternetOutBound', priority: 65001 }],
    ['a deny of everything but an allow of VirtualNetwork first, private endpoint', [rule({ name: 'DenyAll', priority: 4000, destinationPortRange: '*' }), rule({ name: 'AllowVnet', priority: 100, access: 'Allow', destinationAddressPrefix: 'VirtualNetwork' })], PRIVATE, { verdict: 'allow', rule: 'AllowVnet', priority: 100 }],
    ['a deny of everything, private endpoint', [rule({ name: 'DenyAll', priority: 4000, destinationPortRange: '*' })], PRIVATE, { verdict: 'deny', rule: 'DenyAll', priority: 4000 }],
  ])('%s', (_name, rules, dest, expected) => {
    expect(evaluateNsg(nsg(...rules), SUBNET, dest)).toMatchObject(expected);
  });

  it('a rule it cannot evaluate before a deciding rule of the other access is unknown, named', () => {
    const d = evaluateNsg(nsg(rule({ name: 'DenyAsg', priority: 110, destinationApplicationSecurityGroups: [{ id: 'asg' }] })), SUBNET, LOGIN);
    expect(d).toEqual({ verdict: 'unknown', nsg: 'nsg-aks', rule: 'DenyAsg', priority: 110, access: 'Deny', isDefault: false, why: 'it names an application security group, whose members pull-doctor does not read' });
  });

  it('a rule it cannot evaluate with the same access as the deciding one changes nothing', () => {
    const d = evaluateNsg(nsg(rule({ name: 'AllowAsg', priority: 110, access: 'Allow', destinationApplicationSecurityGroups: [{ id: 'asg' }] })), SUBNET, LOGIN);
    expect(d).toMatchObject({ verdict: 'allow', rule: 'AllowInternetOutBound' });
  });

  it('a data endpoint behind an AzureContainerRegistry-only allow and an Internet deny cannot be decided', () => {
    const rules = [rule({ name: 'AllowAcr', priority: 100, access: 'Allow', destinationAddressPrefix: 'AzureContainerRegistry' }), rule({ name: 'DenyInternet', priority: 200, destinationAddressPrefix: 'Internet' })];
    expect(evaluateNsg(nsg(...rules), SUBNET, LOGIN)).toMatchObject({ verdict: 'allow', rule: 'AllowAcr' });
    expect(evaluateNsg(nsg(...rules), SUBNET, DATA)).toMatchObject({ verdict: 'unknown', rule: 'AllowAcr', why: 'pull-doctor cannot tell whether AzureContainerRegistry holds myacr.westeurope.data.azurecr.io' });
  });

  it("uses the NSG's own default rules when ARM returns them, and Azure's three otherwise", () => {
    expect(DEFAULT_OUTBOUND.map((r) => [r.name, r.priority, r.access, r.destinationAddressPrefix])).toEqual([
      ['AllowVnetOutBound', 65000, 'Allow', 'VirtualNetwork'],
      ['AllowInternetOutBound', 65001, 'Allow', 'Internet'],
      ['DenyAllOutBound', 65500, 'Deny', '*'],
    ]);
    const own = { ...nsg(), defaultSecurityRules: [rule({ name: 'DenyAllOutBound', priority: 65500, destinationPortRange: '*' })] };
    expect(evaluateNsg(own, SUBNET, LOGIN)).toMatchObject({ verdict: 'deny', rule: 'DenyAllOutBound', isDefault: true });
  });

  it('with nothing that matches at all it is DenyAllOutBound; with only an undecidable allow, unknown', () => {
    const none = { ...nsg(), defaultSecurityRules: [rule({ name: 'Inbound', direction: 'Inbound' })] };
    expect(evaluateNsg(none, SUBNET, LOGIN)).toEqual({ verdict: 'deny', nsg: 'nsg-aks', rule: 'DenyAllOutBound', priority: 65500, access: 'Deny', isDefault: true });
    const maybe = { ...nsg(rule({ name: 'AllowStorage', access: 'Allow', destinationAddressPrefix: 'Storage' })), defaultSecurityRules: [rule({ name: 'Inbound', direction: 'Inbound' })] };
    expect(evaluateNsg(maybe, SUBNET, LOGIN)).toMatchObject({ verdict: 'unknown', rule: 'AllowStorage' });
  });
});

describe('NSG evaluation edges (rows that pin each part of the rule reading)', () => {
  it("DEFAULT_OUTBOUND is Azure's three documented outbound defaults, field for field", () => {
    const all = { direction: 'Outbound', protocol: '*', sourcePortRange: '*', destinationPortRange: '*' };
    expect(DEFAULT_OUTBOUND).toEqual([
      { name: 'AllowVnetOutBound', priority: 65000, access: 'Allow', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', ...all },
      { name: 'AllowInternetOutBound', priority: 65001, access: 'Allow', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', ...all },
      { name: 'DenyAllOutBound', priority: 65500, access: 'Deny', sourceAddressPrefix: '*', destinationAddressPrefix: '*', ...all },
    ]);
  });

  // Service tags that hold neither a registry endpoint nor a private endpoint: never the node, never the registry.
  it.each(['AzureLoadBalancer', 'AzureActiveDirectory', 'AzureMonitor', 'AzureKeyVault', 'Sql', 'EventHub', 'ServiceBus', 'AzureFrontDoor.Backend', 'AzureFrontDoor.Frontend', 'AzureFrontDoor.FirstParty', 'GuestAndHybridManagement', 'AzureCosmosDB', 'AppService', 'AzureTrafficManager'])(
    'the unrelated tag %s matches neither source nor destination',
    (tag) => {
      expect(sourceMatch(tag, SUBNET)).toBe('no');
      expect(destinationMatch(tag, LOGIN)).toBe('no');
    },
  );

  it('reads whitespace around a prefix or a port away', () => {
    expect(portMatch([' * '])).toBe('yes');
    expect(sourceMatch(' VirtualNetwork ', SUBNET)).toBe('yes');
    expect(destinationMatch(' * ', LOGIN)).toBe('yes');
  });

  it('takes 443 at either end of a port range', () => {
    expect(portMatch(['443-500'])).toBe('yes');
    expect(portMatch(['400-443'])).toBe('yes');
    expect(portMatch(['444'])).toBe('no');
  });

  it('a public endpoint is in no private range; an address outside the subnet is not its source; what is no IPv4 range is not placed', () => {
    expect(destinationMatch('172.16.0.0/12', LOGIN)).toBe('no');
    expect(destinationMatch('192.168.10.0/24', LOGIN)).toBe('no');
    expect(sourceMatch('10.241.0.7', SUBNET)).toBe('no');
    // An IPv6 prefix, or a list written into one field, is not an IPv4 range: it may or may not hold the node.
    expect(sourceMatch('::ffff:10.240.0.0/16', SUBNET)).toBe('maybe');
    expect(sourceMatch('10.240.0.0/16,10.1.0.0/16', SUBNET)).toBe('maybe');
  });

  it('a private endpoint is in a tag only maybe when the tag may hold it', () => {
    const tagged: NsgDestination = { ...PRIVATE, maybeTags: ['AzureContainerRegistry'] };
    expect(destinationMatch('azurecontainerregistry', tagged)).toBe('maybe');
    expect(destinationMatch('Storage', tagged)).toBe('no');
  });

  it('a rule decides alone, without a reason, when every part is settled', () => {
    expect(ruleMatch(rule({}), SUBNET, LOGIN)).toEqual({ match: 'yes' });
    expect(ruleMatch(rule({ destinationAddressPrefix: 'Sql' }), SUBNET, LOGIN)).toEqual({ match: 'no' });
    expect(ruleMatch(rule({ direction: undefined }), SUBNET, LOGIN)).toEqual({ match: 'yes' });
  });

  it('names a source application security group, and every prefix of an unsettled list', () => {
    expect(ruleMatch(rule({ sourceApplicationSecurityGroups: [{ id: 'asg' }] }), SUBNET, LOGIN)).toEqual({ match: 'maybe', why: 'it names an application security group, whose members pull-doctor does not read' });
    expect(ruleMatch(rule({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ['10.240.1.0/24', '10.240.2.0/24'] }), SUBNET, LOGIN).why).toBe("its source 10.240.1.0/24, 10.240.2.0/24 may or may not hold the node's address");
    expect(ruleMatch(rule({ destinationAddressPrefix: undefined, destinationAddressPrefixes: ['Storage', 'Storage.westeurope'] }), SUBNET, LOGIN).why).toBe('pull-doctor cannot tell whether Storage, Storage.westeurope holds myacr.azurecr.io');
  });

  it('a rule without a direction is outbound; an NSG or rule without a name is still named', () => {
    const d = evaluateNsg({ securityRules: [rule({ name: undefined, direction: undefined, priority: 300 })] }, SUBNET, LOGIN);
    expect(d).toEqual({ verdict: 'deny', nsg: 'the network security group', rule: '?', priority: 300, access: 'Deny', isDefault: false });
  });
});
