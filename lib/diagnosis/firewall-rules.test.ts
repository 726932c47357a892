import type { AzureFirewall, FirewallPolicyRuleCollectionGroup } from '@azure/arm-network';
import { evaluateFirewall, fqdnMatch, rulesFromClassic, rulesFromPolicy } from './firewall-rules';
import { registryEndpoints } from './registry-endpoints';

// Azure Firewall's decision for HTTPS from the node subnet to each registry endpoint: network rules
// before application rules, groups then collections by priority, parent policy first, default deny
// (https://learn.microsoft.com/azure/firewall/rule-processing). Rule shapes as firewall policy rule
// collection groups return them (azure-rest-api-specs FirewallPolicyRuleCollectionGroupGet examples).
const SUBNET = '10.240.0.0/16';
const [LOGIN, DATA] = registryEndpoints({ loginServer: 'myacr.azurecr.io', location: 'westeurope', dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] });
const [, BLOB] = registryEndpoints({ loginServer: 'myacr.azurecr.io', location: 'westeurope', dataEndpointEnabled: false, dataEndpointHostNames: [] });

const app = (name: string, over: Record<string, unknown>) => ({ ruleType: 'ApplicationRule', name, sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], ...over });
const net = (name: string, over: Record<string, unknown>) => ({ ruleType: 'NetworkRule', name, sourceAddresses: ['*'], ipProtocols: ['TCP'], destinationPorts: ['443'], ...over });
const group = (name: string, priority: number, collections: Array<{ name: string; priority: number; action?: 'Allow' | 'Deny'; rules: unknown[] }>): FirewallPolicyRuleCollectionGroup =>
  ({ name, priority, ruleCollections: collections.map((c) => ({ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: c.name, priority: c.priority, action: { type: c.action ?? 'Allow' }, rules: c.rules })) }) as FirewallPolicyRuleCollectionGroup;
const decide = (groups: FirewallPolicyRuleCollectionGroup[], target = LOGIN!) => {
  const d = evaluateFirewall(rulesFromPolicy(groups), SUBNET, target);
  return { verdict: d.verdict, rule: d.rule?.where };
};

describe('fqdnMatch', () => {
  it.each([
    ['*', 'myacr.azurecr.io', 'yes'], ['myacr.azurecr.io', 'myacr.azurecr.io', 'yes'], ['MYACR.azurecr.io', 'myacr.azurecr.io', 'yes'], ['*.azurecr.io', 'myacr.azurecr.io', 'yes'],
    ['*.azurecr.io', 'myacr.westeurope.data.azurecr.io', 'yes'], ['*.data.azurecr.io', 'myacr.azurecr.io', 'no'], ['otheracr.azurecr.io', 'myacr.azurecr.io', 'no'],
    ['*.blob.core.windows.net', '*.blob.core.windows.net', 'yes'], ['*.core.windows.net', '*.blob.core.windows.net', 'yes'], ['abc.blob.core.windows.net', '*.blob.core.windows.net', 'maybe'], ['*.azurecr.io', '*.blob.core.windows.net', 'no'],
  ])('%s against %s → %s', (p, h, m) => expect(fqdnMatch(p, h)).toBe(m));
});

describe('evaluateFirewall on a firewall policy', () => {
  it.each<[string, FirewallPolicyRuleCollectionGroup[], typeof LOGIN, { verdict: string; rule?: string }]>([
    ['nothing matches: the default deny', [], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['the login server allowed by FQDN', [group('g', 200, [{ name: 'acr', priority: 100, rules: [app('login', { targetFqdns: ['myacr.azurecr.io'] })] }])], LOGIN!, { verdict: 'allow', rule: 'g/acr/login' }],
    ['the data endpoint not in the FQDN list', [group('g', 200, [{ name: 'acr', priority: 100, rules: [app('login', { targetFqdns: ['myacr.azurecr.io'] })] }])], DATA!, { verdict: 'deny', rule: undefined }],
    ['the AzureKubernetesService FQDN tag does not cover the registry', [group('g', 200, [{ name: 'aks', priority: 100, rules: [app('aks', { fqdnTags: ['AzureKubernetesService'], protocols: [] })] }])], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['HTTP only does not allow HTTPS', [group('g', 200, [{ name: 'acr', priority: 100, rules: [app('login', { targetFqdns: ['myacr.azurecr.io'], protocols: [{ protocolType: 'Http', port: 80 }] })] }])], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['HTTPS on another port does not allow 443', [group('g', 200, [{ name: 'acr', priority: 100, rules: [app('login', { targetFqdns: ['myacr.azurecr.io'], protocols: [{ protocolType: 'Https', port: 8443 }] })] }])], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['a network rule to the AzureContainerRegistry tag allows the login server', [group('g', 200, [{ name: 'acr-net', priority: 100, rules: [net('acr', { destinationAddresses: ['AzureContainerRegistry.westeurope'] })] }])], LOGIN!, { verdict: 'allow', rule: 'g/acr-net/acr' }],
    ['a network rule on UDP does not', [group('g', 200, [{ name: 'acr-net', priority: 100, rules: [net('acr', { destinationAddresses: ['*'], ipProtocols: ['UDP'] })] }])], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['network rules come before application rules, whatever the priorities', [group('a', 100, [{ name: 'allow-app', priority: 100, rules: [app('login', { targetFqdns: ['*.azurecr.io'] })] }]), group('z', 900, [{ name: 'deny-net', priority: 900, action: 'Deny', rules: [net('all', { destinationAddresses: ['*'], destinationPorts: ['*'] })] }])], LOGIN!, { verdict: 'deny', rule: 'z/deny-net/all' }],
    ['the lower group priority wins', [group('late', 500, [{ name: 'allow', priority: 100, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }]), group('early', 100, [{ name: 'deny', priority: 900, action: 'Deny', rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])], LOGIN!, { verdict: 'deny', rule: 'early/deny/acr' }],
    ['within a group, the lower collection priority wins', [group('g', 100, [{ name: 'deny', priority: 300, action: 'Deny', rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }, { name: 'allow', priority: 200, rules: [app('acr', { targetFqdns: ['myacr.azurecr.io'] })] }])], LOGIN!, { verdict: 'allow', rule: 'g/allow/acr' }],
    ['a source range that misses the subnet does not apply', [group('g', 100, [{ name: 'acr', priority: 100, rules: [app('acr', { targetFqdns: ['*'], sourceAddresses: ['10.9.0.0/16'] })] }])], LOGIN!, { verdict: 'deny', rule: undefined }],
    ['storage for the old data path by wildcard', [group('g', 100, [{ name: 'st', priority: 100, rules: [app('blob', { targetFqdns: ['*.blob.core.windows.net'] })] }])], BLOB!, { verdict: 'allow', rule: 'g/st/blob' }],
    ['one storage account by name cannot be placed: unknown', [group('g', 100, [{ name: 'st', priority: 100, rules: [app('blob', { targetFqdns: ['other.blob.core.windows.net'] })] }])], BLOB!, { verdict: 'unknown', rule: 'g/st/blob' }],
    ['IP groups as source: unknown, named', [group('g', 100, [{ name: 'acr', priority: 100, rules: [app('acr', { targetFqdns: ['*.azurecr.io'], sourceAddresses: [], sourceIpGroups: ['/ipGroups/aks'] })] }])], LOGIN!, { verdict: 'unknown', rule: 'g/acr/acr' }],
    ['a deny that may apply before an allow that does: unknown', [group('g', 100, [{ name: 'd', priority: 100, action: 'Deny', rules: [net('cidr', { destinationAddresses: ['20.0.0.0/8'] })] }, { name: 'a', priority: 200, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])], LOGIN!, { verdict: 'unknown', rule: 'g/d/cidr' }],
    ['a private range is never the public registry', [group('g', 100, [{ name: 'd', priority: 100, action: 'Deny', rules: [net('cidr', { destinationAddresses: ['10.0.0.0/8'] })] }, { name: 'a', priority: 200, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])], LOGIN!, { verdict: 'allow', rule: 'g/a/acr' }],
  ])('%s', (_name, groups, target, expected) => {
    expect(decide(groups, target)).toEqual(expected);
  });

  it("a base policy's rules come before the child's", () => {
    const parent = rulesFromPolicy([group('base', 900, [{ name: 'deny', priority: 900, action: 'Deny', rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])], true);
    const child = rulesFromPolicy([group('own', 100, [{ name: 'allow', priority: 100, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])]);
    expect(evaluateFirewall([...child, ...parent], SUBNET, LOGIN!)).toMatchObject({ verdict: 'deny', rule: { where: 'base/deny/acr' } });
  });

  it('ignores NAT rule collections', () => {
    const nat = { name: 'g', priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyNatRuleCollection', name: 'dnat', priority: 100, rules: [] }] } as unknown as FirewallPolicyRuleCollectionGroup;
    expect(rulesFromPolicy([nat])).toEqual([]);
  });
});

describe('evaluateFirewall on classic rule collections', () => {
  const firewall = (over: Partial<AzureFirewall>): AzureFirewall => ({ name: 'fw', ...over });
  it('reads application and network collections with their actions', () => {
    const fw = firewall({
      applicationRuleCollections: [{ name: 'acr', priority: 200, action: { type: 'Allow' }, rules: [{ name: 'login', sourceAddresses: ['10.240.0.0/16'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: ['myacr.azurecr.io'] }] }],
      networkRuleCollections: [{ name: 'deny-data', priority: 100, action: { type: 'Deny' }, rules: [{ name: 'all', sourceAddresses: ['*'], protocols: ['Any'], destinationAddresses: ['AzureCloud.westeurope'], destinationPorts: ['443'] }] }],
    });
    const rules = rulesFromClassic(fw);
    expect(rules.map((r) => [r.kind, r.action, r.where])).toEqual([['network', 'Deny', 'deny-data/all'], ['application', 'Allow', 'acr/login']]);
    expect(evaluateFirewall(rules, SUBNET, LOGIN!)).toMatchObject({ verdict: 'deny', rule: { where: 'deny-data/all' } });
    expect(evaluateFirewall(rulesFromClassic(firewall({ applicationRuleCollections: fw.applicationRuleCollections })), SUBNET, LOGIN!)).toMatchObject({ verdict: 'allow', rule: { where: 'acr/login' } });
  });
});
