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

describe('firewall rule reading edges (rows that pin each part of the evaluation)', () => {
  const one = (rule: unknown, action: 'Allow' | 'Deny' = 'Allow') => rulesFromPolicy([group('g', 100, [{ name: 'c', priority: 100, action, rules: [rule] }])]);
  const judge = (rule: unknown, target = LOGIN!, action: 'Allow' | 'Deny' = 'Allow') => evaluateFirewall(one(rule, action), SUBNET, target);

  it('fqdnMatch reads whitespace and case away on both sides', () => {
    expect(fqdnMatch(' myacr.azurecr.io ', 'myacr.azurecr.io')).toBe('yes');
    expect(fqdnMatch('myacr.azurecr.io', 'MyAcr.AzureCR.io')).toBe('yes');
    expect(fqdnMatch('*.AZURECR.io', 'myacr.azurecr.io')).toBe('yes');
    expect(fqdnMatch('myacr.azurecr.io.evil.com', 'myacr.azurecr.io')).toBe('no');
    expect(fqdnMatch('*.blob.core.windows.net.evil.com', '*.blob.core.windows.net')).toBe('no');
    expect(fqdnMatch('abc.blob.core.windows.net.evil.com', '*.blob.core.windows.net')).toBe('no');
  });

  it('reads a policy rule whole, with its place, and drops rule types it does not judge', () => {
    const rules = rulesFromPolicy([group('g', 300, [{ name: 'c', priority: 250, action: 'Deny', rules: [{ ruleType: 'NatRule', name: 'nat' }, net('n', { destinationAddresses: ['AzureCloud'] })] }])], true);
    expect(rules).toEqual([
      { kind: 'network', action: 'Deny', rank: [0, 300, 250, 1], where: 'g/c/n', sourceAddresses: ['*'], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: ['TCP'], destinationAddresses: ['AzureCloud'], destinationPorts: ['443'], destinationFqdns: [], destinationIpGroups: [] },
    ]);
    const [application] = rulesFromPolicy([{ name: 'g', ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'c', rules: [{ ruleType: 'ApplicationRule', name: 'a' }] }] } as FirewallPolicyRuleCollectionGroup]);
    expect(application).toEqual({ kind: 'application', action: 'Allow', rank: [1, 0, 0, 0], where: 'g/c/a', sourceAddresses: [], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: [], destinationAddresses: [], destinationPorts: [], destinationFqdns: [], destinationIpGroups: [] });
  });

  it('reads a classic rule whole, with its place, when fields are left out', () => {
    const [network, application] = rulesFromClassic({ networkRuleCollections: [{ name: 'n', rules: [{ name: 'r' }] }], applicationRuleCollections: [{ name: 'a', priority: 300, rules: [{ name: 'r' }] }] });
    expect(network).toEqual({ kind: 'network', action: 'Allow', rank: [0, 0, 0, 0], where: 'n/r', sourceAddresses: [], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: [], destinationAddresses: [], destinationPorts: [], destinationFqdns: [], destinationIpGroups: [] });
    expect(application).toEqual({ kind: 'application', action: 'Allow', rank: [0, 0, 300, 0], where: 'a/r', sourceAddresses: [], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: [], destinationAddresses: [], destinationPorts: [], destinationFqdns: [], destinationIpGroups: [] });
  });

  it('HTTPS without a port is 443; an FQDN tag rule without protocols carries HTTPS', () => {
    expect(judge(app('a', { targetFqdns: ['myacr.azurecr.io'], protocols: [{ protocolType: 'HTTPS' }] }))).toMatchObject({ verdict: 'allow' });
    // A tag never holds a customer's registry, but it may hold a storage account.
    expect(judge(app('t', { fqdnTags: ['WindowsUpdate'], protocols: undefined }), BLOB!)).toMatchObject({ verdict: 'unknown', why: 'pull-doctor cannot tell from ARM whether its addresses cover the node or the registry' });
    expect(judge(app('t', { fqdnTags: ['WindowsUpdate'], protocols: [{ protocolType: 'Http', port: 80 }] }), BLOB!)).toEqual({ verdict: 'deny' });
  });

  it('a network rule: protocols, ports at either end of a range, FQDNs, IP groups', () => {
    expect(judge(net('n', { destinationAddresses: ['*'], ipProtocols: [] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['*'], ipProtocols: ['ICMP', 'Any'] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: ['443-8443'] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: ['80-443'] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: [' * '] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: ['80', '444-8443'] }))).toEqual({ verdict: 'deny' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: [] }))).toEqual({ verdict: 'deny' });
    expect(judge(net('n', { destinationFqdns: ['myacr.azurecr.io'] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationFqdns: ['other.azurecr.io'] }))).toEqual({ verdict: 'deny' });
    expect(judge(net('n', { destinationIpGroups: ['/ipGroups/acr'] }))).toMatchObject({ verdict: 'unknown', why: 'it uses IP groups, which pull-doctor does not read' });
  });

  it('a network rule destination: tags, maybe-tags, public and private ranges', () => {
    expect(judge(net('n', { destinationAddresses: [' azurecloud.westeurope '] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(net('n', { destinationAddresses: ['Storage.westeurope'] }), DATA!)).toMatchObject({ verdict: 'unknown', why: 'pull-doctor cannot tell from ARM whether its addresses cover the node or the registry' });
    expect(judge(net('n', { destinationAddresses: ['20.0.0.0/8'] }))).toMatchObject({ verdict: 'unknown' });
    expect(judge(net('n', { destinationAddresses: ['SomeFutureTag'] }))).toMatchObject({ verdict: 'unknown' });
    for (const range of ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']) expect(judge(net('n', { destinationAddresses: [range] }))).toEqual({ verdict: 'deny' });
  });

  it('sources: whitespace, ranges, no subnet prefix, IP groups', () => {
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: [' * '] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.0.0.0/8'] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.240.1.0/24'] }))).toMatchObject({ verdict: 'unknown' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.241.0.7'] }))).toEqual({ verdict: 'deny' });
    expect(evaluateFirewall(one(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.0.0.0/8'] })), undefined, LOGIN!)).toMatchObject({ verdict: 'unknown' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['::ffff:10.240.0.0/16'] }))).toMatchObject({ verdict: 'unknown' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.240.0.0/16,10.1.0.0/16'] }))).toMatchObject({ verdict: 'unknown' });
    expect(judge(app('a', { targetFqdns: ['*'], sourceAddresses: ['10.9.0.0/16'], sourceIpGroups: ['/ipGroups/nodes'] }))).toMatchObject({ verdict: 'unknown', why: 'it uses IP groups, which pull-doctor does not read' });
  });

  it('web categories or URLs are unknown, named; a deny that may apply alone leaves the default deny', () => {
    expect(judge(app('a', { webCategories: ['Business'] }))).toMatchObject({ verdict: 'unknown', why: 'it matches web categories or URLs, which pull-doctor cannot evaluate from ARM' });
    expect(judge(app('a', { targetUrls: ['myacr.azurecr.io/v2/'] }))).toMatchObject({ verdict: 'unknown', why: 'it matches web categories or URLs, which pull-doctor cannot evaluate from ARM' });
    expect(judge(app('a', { webCategories: ['Business'] }), LOGIN!, 'Deny')).toEqual({ verdict: 'deny' });
  });

  it('a deny that may apply before a deny that does changes nothing; an allow that may apply before an allow that does, neither', () => {
    const rules = (action: 'Allow' | 'Deny') => rulesFromPolicy([group('g', 100, [{ name: 'maybe', priority: 100, action, rules: [net('cidr', { destinationAddresses: ['20.0.0.0/8'] })] }, { name: 'sure', priority: 200, action, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }])]);
    expect(evaluateFirewall(rules('Deny'), SUBNET, LOGIN!)).toMatchObject({ verdict: 'deny', rule: { where: 'g/sure/acr' } });
    expect(evaluateFirewall(rules('Allow'), SUBNET, LOGIN!)).toMatchObject({ verdict: 'allow', rule: { where: 'g/sure/acr' } });
  });

  it('orders by group priority before collection priority, and by position within a collection', () => {
    const rules = rulesFromPolicy([
      group('late', 200, [{ name: 'allow', priority: 100, rules: [app('acr', { targetFqdns: ['*.azurecr.io'] })] }]),
      group('early', 100, [{ name: 'deny', priority: 900, action: 'Deny', rules: [app('x', { targetFqdns: ['other.io'] }), app('acr', { targetFqdns: ['*.azurecr.io'] }), app('y', { targetFqdns: ['*'] })] }]),
    ]);
    expect(evaluateFirewall(rules, SUBNET, LOGIN!)).toMatchObject({ verdict: 'deny', rule: { where: 'early/deny/acr' } });
    expect(evaluateFirewall([...rules].reverse(), SUBNET, LOGIN!)).toMatchObject({ verdict: 'deny', rule: { where: 'early/deny/acr' } });
  });

  it('HTTPS among other protocols counts; HTTP on 443 does not; a port among others counts', () => {
    expect(judge(app('a', { targetFqdns: ['myacr.azurecr.io'], protocols: [{ protocolType: 'Http', port: 80 }, { protocolType: 'Https', port: 443 }] }))).toMatchObject({ verdict: 'allow' });
    expect(judge(app('a', { targetFqdns: ['myacr.azurecr.io'], protocols: [{ protocolType: 'Http', port: 443 }] }))).toEqual({ verdict: 'deny' });
    expect(judge(net('n', { destinationAddresses: ['*'], destinationPorts: ['80', '443'] }))).toMatchObject({ verdict: 'allow' });
  });

  it('a classic FQDN tag rule without protocols carries HTTPS', () => {
    const [tagged] = rulesFromClassic({ applicationRuleCollections: [{ name: 'a', rules: [{ name: 'r', fqdnTags: ['WindowsUpdate'] }] }] });
    expect(tagged).toMatchObject({ fqdnTags: ['WindowsUpdate'], https: true });
  });

  it('a name that ends with the host is another host; a doubled star is no wildcard of it', () => {
    expect(fqdnMatch('xmyacr.azurecr.io', 'myacr.azurecr.io')).toBe('no');
    expect(fqdnMatch('**.blob.core.windows.net', '*.blob.core.windows.net')).toBe('no');
  });
});
