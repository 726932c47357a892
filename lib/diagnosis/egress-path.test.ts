import { CLUSTER_ID, SUB, clusterFacts, logicContext, nodePoolFacts } from '../../test/helpers/check-logic';
import { applianceHopOf, egressPathOf, firewallRulesOf, poolSubnetOf, specificRouteFor, type ApplianceHop } from './egress-path';
import { registryEndpoints } from './registry-endpoints';

// The way out of a pool subnet as ARM holds it, on preset reads (the SDK's shapes, keyed as
// azure-lookups.ts keys them): which pool and subnet, the route table's 0.0.0.0/0 hop and the Azure
// Firewall holding its IP, the firewall's rules, and routes more specific than the default
// (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#custom-routes).
const HUB = '00000000-0000-0000-0000-00000000000b';
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const HUBNET = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network`;
const VNET = `${NET}/virtualNetworks/vnet-aks`;
const NODES = `${VNET}/subnets/nodes`;
const OTHER = `${VNET}/subnets/other`;
const RT = `${NET}/routeTables/rt-egress`;
const NSG = `${NET}/networkSecurityGroups/nsg-nodes`;
const POLICY = `${HUBNET}/firewallPolicies/fwpol`;
const BASE = `${HUBNET}/firewallPolicies/fwpol-base`;
const FIREWALLS = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.Network/azureFirewalls`;
const vnet = { subnets: [{ id: NODES, name: 'nodes' }, { id: OTHER, name: 'other' }] };
const pool = (name: string, vnetSubnetId?: string) => nodePoolFacts({ name, vnetSubnetId });
const ctxOf = (answers: Record<string, unknown>, subscriptions: string[] = []) => logicContext({ answers, subscriptions });
const deflt = (over: Record<string, unknown> = {}) => ({ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4', ...over });

describe('poolSubnetOf', () => {
  const at = async (pools: ReturnType<typeof pool>[], node: string | undefined) => (await poolSubnetOf(ctxOf({ [`GET ${VNET}`]: vnet }), clusterFacts({ id: CLUSTER_ID, nodePools: pools }), node))?.pool;

  it.each<[string, ReturnType<typeof pool>[], string | undefined, string | undefined]>([
    ['the named node pool', [pool('one', NODES), pool('two', OTHER)], 'aks-two-12345678-vmss000000', 'two'],
    ['a named pool without a subnet of its own', [pool('one', NODES), pool('two')], 'aks-two-12345678-vmss000000', undefined],
    ['no node named, two subnets: cannot tell', [pool('one', NODES), pool('two', OTHER)], undefined, undefined],
    ['no node named, one subnet in two spellings: its first pool', [pool('none'), pool('one', NODES), pool('two', NODES.toUpperCase())], undefined, 'one'],
    ['no node named, no subnet at all', [pool('one'), pool('two')], undefined, undefined],
  ])('%s', async (_name, pools, node, expected) => expect(await at(pools, node)).toBe(expected));

  it('reads the subnet through its VNet, and gives nothing when the VNet does not hold it', async () => {
    const cluster = clusterFacts({ nodePools: [pool('one', `${VNET}/subnets/gone`)] });
    expect(await poolSubnetOf(ctxOf({ [`GET ${VNET}`]: vnet }), cluster, undefined)).toBeUndefined();
    const found = await poolSubnetOf(ctxOf({ [`GET ${VNET}`]: vnet }), clusterFacts({ nodePools: [pool('one', NODES)] }), undefined);
    expect(found).toEqual({ pool: 'one', subnetId: NODES, subnet: { id: NODES, name: 'nodes' } });
  });
});

describe('applianceHopOf', () => {
  const withTable = (routes: unknown[], more: Record<string, unknown> = {}) => ({ [`GET ${RT}`]: { name: 'rt-egress', routes }, ...more });
  const hopOf = (answers: Record<string, unknown>, subscriptions: string[] = []) => applianceHopOf(ctxOf(answers, subscriptions), { routeTable: { id: RT } });

  it('no route table, or no default route away from the internet: no hop', async () => {
    expect(await applianceHopOf(ctxOf({}), {})).toBeUndefined();
    expect(await hopOf(withTable([deflt({ nextHopType: 'Internet' }), { name: 'x', addressPrefix: '10.0.0.0/8', nextHopType: 'VirtualAppliance' }]))).toBeUndefined();
    expect(await hopOf({ [`GET ${RT}`]: { name: 'rt-egress' } })).toBeUndefined();
  });

  it('a default route to nowhere or to the gateway, with the other routes, names filled in', async () => {
    const hop = await hopOf(withTable([{ addressPrefix: 'Storage' }, deflt({ name: undefined, nextHopType: 'None', nextHopIpAddress: undefined })]));
    expect(hop).toEqual({ routeTable: 'rt-egress', route: '0.0.0.0/0', nextHopType: 'None', nextHop: '', routes: [{ name: '?', addressPrefix: 'Storage', nextHopType: '', nextHopIpAddress: undefined }] });
    expect(await hopOf({ [`GET ${RT}`]: { routes: [deflt({ nextHopType: 'VirtualNetworkGateway' }), { name: 'r' }] } })).toEqual({
      routeTable: RT, route: 'default', nextHopType: 'VirtualNetworkGateway', nextHop: '10.0.1.4', routes: [{ name: 'r', addressPrefix: '', nextHopType: '', nextHopIpAddress: undefined }],
    });
  });

  it('an appliance route without an IP looks for no firewall', async () => {
    const ctx = ctxOf(withTable([deflt({ nextHopIpAddress: undefined })]));
    expect(await applianceHopOf(ctx, { routeTable: { id: RT } })).toMatchObject({ nextHopType: 'VirtualAppliance', nextHop: '' });
    expect(ctx.lookups.asked).toEqual([`GET ${RT}`]);
  });

  it("looks in the route table's subscription first, then the others once each, past a refused list", async () => {
    const fw = { id: `${HUBNET}/azureFirewalls/fw-hub`, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.0.1.4' }] };
    const ctx = ctxOf(withTable([deflt()], { [FIREWALLS(SUB)]: new Error('403'), [FIREWALLS(HUB)]: [{ name: 'other', ipConfigurations: [{ privateIPAddress: '10.0.9.4' }] }, fw] }), [SUB.toUpperCase(), HUB]);
    const hop = await applianceHopOf(ctx, { routeTable: { id: RT } });
    expect(hop?.firewall).toEqual({ id: fw.id, name: 'fw-hub', publicIps: [], resource: fw });
    expect(ctx.lookups.asked).toEqual([`GET ${RT}`, FIREWALLS(SUB), FIREWALLS(HUB)]);
  });

  it('a refused subscription list still searches the route table subscription; no firewall at the IP: the hop alone', async () => {
    const ctx = ctxOf(withTable([deflt()], { 'LIST /subscriptions': new Error('403'), [FIREWALLS(SUB)]: [] }));
    expect(await applianceHopOf(ctx, { routeTable: { id: RT } })).toEqual({ routeTable: 'rt-egress', route: 'default', nextHopType: 'VirtualAppliance', nextHop: '10.0.1.4', routes: [] });
  });

  it("a Virtual WAN hub firewall by its hub IP, its public IPs from both places, unnamed parts filled in", async () => {
    const pip = `${HUBNET}/publicIPAddresses/pip-fw`;
    const fw = { hubIPAddresses: { privateIPAddress: '10.0.1.4', publicIPs: { addresses: [{ address: '4.210.10.21' }, {}] } }, ipConfigurations: [{ publicIPAddress: { id: pip } }, { privateIPAddress: '10.0.2.4' }, { publicIPAddress: {} }] };
    const hop = await hopOf(withTable([deflt()], { [FIREWALLS(SUB)]: [fw], [`GET ${pip}`]: { ipAddress: '4.210.10.20' } }), [SUB]);
    expect(hop?.firewall).toEqual({ id: '', name: '10.0.1.4', publicIps: ['4.210.10.20', '4.210.10.21'], resource: fw });
  });
});

describe('applianceHopOf: which firewall', () => {
  it('a firewall holding the next hop on its second IP configuration, found through a subscription spelled in capitals once', async () => {
    const LETTERS = '0000000a-0000-0000-0000-00000000000b';
    const table = `/subscriptions/${LETTERS}/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt`;
    const fw = { name: 'fw', ipConfigurations: [{ privateIPAddress: '10.0.9.4' }, { privateIPAddress: '10.0.1.4' }] };
    const ctx = ctxOf({ [`GET ${table}`]: { routes: [deflt()] }, [FIREWALLS(LETTERS)]: [], [FIREWALLS(HUB)]: [fw] }, [LETTERS.toUpperCase(), HUB]);
    expect((await applianceHopOf(ctx, { routeTable: { id: table } }))?.firewall?.name).toBe('fw');
    expect(ctx.lookups.asked).toEqual([`GET ${table}`, FIREWALLS(LETTERS), FIREWALLS(HUB)]);
  });
});

describe('firewallRulesOf', () => {
  const group = (name: string | undefined, priority: number | undefined, action: string) => ({ name, priority, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'c', priority: undefined, action: { type: action }, rules: [{ ruleType: 'ApplicationRule', name: 'r', targetFqdns: ['*'] }] }] });

  it("a policy's own groups after its base policy's, with the groups' and collections' priorities", async () => {
    const answers = { [`GET ${POLICY}`]: { basePolicy: { id: BASE } }, [`LIST ${BASE}/ruleCollectionGroups`]: [group('base', 500, 'Deny')], [`LIST ${POLICY}/ruleCollectionGroups`]: [group(undefined, undefined, 'Allow')] };
    const { rules, policyId, groups } = await firewallRulesOf(ctxOf(answers), { firewallPolicy: { id: POLICY } });
    expect(rules.map((r) => [r.where, r.action, r.rank])).toEqual([['base/c/r', 'Deny', [0, 500, 0, 0]], ['undefined/c/r', 'Allow', [1, 0, 0, 0]]]);
    expect({ policyId, groups }).toEqual({ policyId: POLICY, groups: [{ name: '', priority: 0, collections: [0] }] });
  });

  it('a policy without a base reads its own groups only; a firewall without a policy, its classic rules', async () => {
    const ctx = ctxOf({ [`GET ${POLICY}`]: {}, [`LIST ${POLICY}/ruleCollectionGroups`]: [{ name: 'g', priority: 100 }] });
    expect(await firewallRulesOf(ctx, { firewallPolicy: { id: POLICY } })).toEqual({ rules: [], policyId: POLICY, groups: [{ name: 'g', priority: 100, collections: [] }] });
    expect(ctx.lookups.asked).toEqual([`GET ${POLICY}`, `LIST ${POLICY}/ruleCollectionGroups`]);
    const classic = await firewallRulesOf(ctxOf({}), { applicationRuleCollections: [{ name: 'a', priority: 100, rules: [{ name: 'r', targetFqdns: ['*'] }] }] });
    expect(classic).toMatchObject({ groups: [], rules: [{ where: 'a/r' }] });
    expect(classic.policyId).toBeUndefined();
  });
});

describe('egressPathOf', () => {
  it('reads the NSG only when the subnet has one', async () => {
    const cluster = clusterFacts({ nodePools: [pool('one', NODES)] });
    const bare = await egressPathOf(ctxOf({ [`GET ${VNET}`]: vnet }), cluster, undefined);
    expect(bare).toEqual({ pool: 'one', subnetId: NODES, subnet: { id: NODES, name: 'nodes' }, nsg: undefined, hop: undefined });
    const withNsg = { subnets: [{ id: NODES, name: 'nodes', networkSecurityGroup: { id: NSG } }] };
    expect((await egressPathOf(ctxOf({ [`GET ${VNET}`]: withNsg, [`GET ${NSG}`]: { name: 'nsg-nodes' } }), cluster, undefined))?.nsg).toEqual({ name: 'nsg-nodes' });
    expect(await egressPathOf(ctxOf({}), clusterFacts({ nodePools: [pool('one')] }), undefined)).toBeUndefined();
  });
});

describe('specificRouteFor', () => {
  const [login, storage] = registryEndpoints({ loginServer: 'myacr.azurecr.io', location: 'westeurope', dataEndpointEnabled: false, dataEndpointHostNames: [] });
  const [, data] = registryEndpoints({ loginServer: 'myacr.azurecr.io', location: 'westeurope', dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] });
  const hop = (...prefixes: string[]): ApplianceHop => ({ routeTable: 'rt', route: 'default', nextHopType: 'VirtualAppliance', nextHop: '10.0.1.4', routes: prefixes.map((addressPrefix, i) => ({ name: `r${i}`, addressPrefix, nextHopType: 'Internet' })) });
  const match = (h: ApplianceHop, endpoint = login!) => { const s = specificRouteFor(h, endpoint); return s && [s.route.name, s.match]; };

  it.each<[string, string[], 'login' | 'storage' | 'data', [string, string] | undefined]>([
    ['a tag that holds the login server, in any case', ['azurecontainerregistry.WESTEUROPE'], 'login', ['r0', 'yes']],
    ['a tag that may hold a data endpoint', ['Storage.WestEurope'], 'data', ['r0', 'maybe']],
    ['a tag for something else', ['Sql'], 'storage', undefined],
    ['a public range may hold any endpoint', ['20.0.0.0/8'], 'storage', ['r0', 'maybe']],
    ['private and shared address ranges hold no registry endpoint', ['10.0.0.0/8', '172.16.5.0/24', '192.168.0.0/16', '100.64.0.0/10'], 'login', undefined],
    ['the first route that takes it', ['Sql', '100.128.0.0/16', 'AzureCloud'], 'login', ['r1', 'maybe']],
    ['no other routes', [], 'login', undefined],
  ])('%s', (_name, prefixes, which, expected) => expect(match(hop(...prefixes), { login, storage, data }[which]!)).toEqual(expected));
});
