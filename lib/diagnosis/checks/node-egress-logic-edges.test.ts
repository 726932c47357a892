import { SUB, clusterFacts, logicContext, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import { FIREWALLS, FW, HUB, HUBNET, NET, NODE, NSG, POLICY, RT, VNET } from '../../../test/helpers/node-egress-facts';
import type { RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { nodeEgressCheck } from './node-egress';

// More of the node-egress check's decisions on facts alone (node-egress-logic.test.ts has the main
// ones): evidence wording, several deny rules, private paths, routes more specific than the default,
// and a firewall's decisions beside an NSG's. Shapes and keys as in node-egress-logic.test.ts.
const SUBNET = `${VNET}/subnets/nodes`;
const DATA = { dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io', 'myacr.northeurope.data.azurecr.io'] };

const subnet = (over: Record<string, unknown> = {}) => ({ id: SUBNET, name: 'nodes', addressPrefix: '10.224.0.0/16', ...over });
const deny = (name: string, priority: number, over: Record<string, unknown> = {}) => ({ name, priority, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '443', ...over });
const allow = (name: string, priority: number, to: string) => deny(name, priority, { access: 'Allow', destinationAddressPrefix: to });
const app = (name: string, fqdns: string[], over: Record<string, unknown> = {}) => ({ ruleType: 'ApplicationRule', name, sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: fqdns, ...over });
const groups = (...rules: unknown[]) => [{ name: 'rcg-aks', priority: 200, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'registries', priority: 200, action: { type: 'Allow' }, rules }] }];
const firewall = (over: Record<string, unknown> = {}) => ({ id: FW, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.0.1.4' }], firewallPolicy: { id: POLICY }, ...over });
const deflt = { name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' };

const run = async (answers: Record<string, unknown>, registry: Partial<RegistryFacts> = {}) => {
  const ctx = logicContext({ facts: { registry: registryFacts(registry), cluster: clusterFacts({ nodePools: [nodePoolFacts({ vnetSubnetId: SUBNET })] }) }, failure: { node: NODE }, answers, subscriptions: [SUB, HUB] });
  return { finding: (await nodeEgressCheck.run(ctx)).finding, asked: ctx.lookups.asked };
};
const withNsg = (rules: unknown[], over: Record<string, unknown> = {}) => ({ [`GET ${VNET}`]: { subnets: [subnet({ networkSecurityGroup: { id: NSG }, ...over })] }, [`GET ${NSG}`]: { id: NSG, name: 'nsg-nodes', securityRules: rules } });
/** A route table (default route first) to the firewall; `rules` its policy's one collection; `nsgRules` an NSG beside it. */
const withRoutes = (routes: unknown[], rules: unknown[] = [], nsgRules?: unknown[], fw = firewall()) => ({
  [`GET ${VNET}`]: { subnets: [subnet({ routeTable: { id: RT }, ...(nsgRules ? { networkSecurityGroup: { id: NSG } } : {}) })] },
  ...(nsgRules ? { [`GET ${NSG}`]: { id: NSG, name: 'nsg-nodes', securityRules: nsgRules } } : {}),
  [`GET ${RT}`]: { name: 'rt-egress', routes },
  [FIREWALLS(SUB)]: [],
  [FIREWALLS(HUB)]: [fw],
  [`GET ${POLICY}`]: { id: POLICY, name: 'fwpol' },
  [`LIST ${POLICY}/ruleCollectionGroups`]: groups(...rules),
});

describe('node-egress on facts: evidence and wording', () => {
  it('a skipped pool carries no evidence and no fix', async () => {
    const ctx = logicContext({ facts: { registry: registryFacts(), cluster: clusterFacts({ nodePools: [nodePoolFacts()] }) }, answers: {} });
    expect((await nodeEgressCheck.run(ctx)).finding).toEqual({
      status: 'skipped',
      summary: 'The failing node pool has no subnet of its own in ARM (AKS-managed VNet, or the node is not named): no subnet NSG or route table to judge',
      evidence: [],
      fixes: [],
    });
  });

  it('a subnet with only a prefix list and no name is named by its id and first prefix', async () => {
    const { finding } = await run({ [`GET ${VNET}`]: { subnets: [{ id: SUBNET, addressPrefixes: ['10.225.0.0/16', 'fd00::/64'] }] } });
    expect(finding.evidence).toEqual([{ fact: `node pool nodepool1 is in subnet ${SUBNET} (10.225.0.0/16); network security group none; route table none`, source: `ARM ${SUBNET}` }]);
  });

  it('a subnet with neither prefix says none', async () => {
    const { finding } = await run({ [`GET ${VNET}`]: { subnets: [{ id: SUBNET, name: 'nodes' }] } });
    expect(finding.evidence[0]!.fact).toBe('node pool nodepool1 is in subnet nodes; network security group none; route table none');
  });

  it('one fail and one fix per winning deny, each naming every endpoint it blocks, tags once each', async () => {
    const rules = [deny('DenyInternet', 300), deny('DenyWest', 200, { destinationAddressPrefix: 'AzureCloud.westeurope' })];
    const { finding } = await run(withNsg(rules), { dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io', 'myacr.northeurope.data.azurecr.io', 'myacr2.northeurope.data.azurecr.io'] });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      "Network security group nsg-nodes on node pool nodepool1's subnet denies TCP 443 to myacr.azurecr.io and myacr.westeurope.data.azurecr.io: rule DenyWest (priority 200) wins; " +
        "Network security group nsg-nodes on node pool nodepool1's subnet denies TCP 443 to myacr.northeurope.data.azurecr.io and myacr2.northeurope.data.azurecr.io: rule DenyInternet (priority 300) wins",
    );
    expect(finding.fixes.map((f) => f.text)).toEqual([
      'On nsg-nodes, allow TCP 443 to AzureContainerRegistry, AzureCloud.westeurope outbound at priority 199, before DenyWest (200).',
      'On nsg-nodes, allow TCP 443 to AzureCloud.northeurope outbound at priority 299, before DenyInternet (300).',
    ]);
    expect(finding.evidence.slice(1).map((e) => e.fact)).toEqual([
      'nsg-nodes: TCP 443 to myacr.azurecr.io (login server) → deny by DenyWest (priority 200)',
      'nsg-nodes: TCP 443 to myacr.westeurope.data.azurecr.io (data endpoint) → deny by DenyWest (priority 200)',
      'nsg-nodes: TCP 443 to myacr.northeurope.data.azurecr.io (data endpoint) → deny by DenyInternet (priority 300)',
      'nsg-nodes: TCP 443 to myacr2.northeurope.data.azurecr.io (data endpoint) → deny by DenyInternet (priority 300)',
    ]);
    expect(finding.docs).toBe(DOCS.nsgRules);
  });

  it('an approved private endpoint makes the path private even with public access on; a pending one does not', async () => {
    const approved = await run(withNsg([deny('DenyInternet', 200)]), { privateEndpointConnections: [{ id: 'pe1', status: 'Pending' }, { id: 'pe2', status: 'Approved' }] });
    expect(approved.finding).toMatchObject({ status: 'pass', summary: 'network security group nsg-nodes allows HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
    const pending = await run(withNsg([deny('DenyInternet', 200)]), { privateEndpointConnections: [{ id: 'pe1', status: 'Pending' }] });
    expect(pending.finding.status).toBe('fail');
  });

  it('a deny on a private path is fixed with VirtualNetwork', async () => {
    const { finding } = await run(withNsg([deny('DenyAll', 200, { destinationAddressPrefix: '*' })]), { publicNetworkAccess: 'Disabled' });
    expect(finding.fixes[0]!.text).toBe('On nsg-nodes, allow TCP 443 to VirtualNetwork outbound at priority 199, before DenyAll (200).');
  });

  it('unknowns list each endpoint and each thing to read once', async () => {
    const asg = deny('DenyAsg', 150, { destinationAddressPrefix: undefined, destinationApplicationSecurityGroups: [{ id: 'asg' }] });
    const { finding } = await run(withNsg([asg]));
    expect(finding).toEqual({
      status: 'unknown',
      summary:
        'rule DenyAsg (priority 150) of nsg-nodes may decide TCP 443 to myacr.azurecr.io: it names an application security group, whose members pull-doctor does not read; ' +
        'rule DenyAsg (priority 150) of nsg-nodes may decide TCP 443 to *.blob.core.windows.net: it names an application security group, whose members pull-doctor does not read',
      evidence: expect.any(Array),
      fixes: [],
      missing: { what: 'what rule DenyAsg of nsg-nodes covers' },
      docs: DOCS.aksFirewall,
    });
  });
});

describe('node-egress on facts: routes and the firewall', () => {
  it('says where the default route goes: nowhere, or the gateway', async () => {
    const none = await run(withRoutes([{ ...deflt, nextHopType: 'None', nextHopIpAddress: undefined }]));
    expect(none.finding.evidence[1]).toEqual({ fact: 'route table rt-egress sends 0.0.0.0/0 (default) to nowhere (next hop None: the traffic is dropped)', source: `ARM ${RT}` });
    expect(none.finding.docs).toBe(DOCS.aksFirewall);
    const gateway = await run(withRoutes([{ ...deflt, nextHopType: 'VirtualNetworkGateway', nextHopIpAddress: undefined }]));
    expect(gateway.finding.evidence[1]!.fact).toBe('route table rt-egress sends 0.0.0.0/0 (default) to the virtual network gateway (forced tunnelling to on-premises)');
    expect(gateway.finding.summary).toBe('node pool nodepool1 sends 0.0.0.0/0 through the virtual network gateway (forced tunnelling), whose on-premises firewall pull-doctor cannot read: check that it allows HTTPS to myacr.azurecr.io, *.blob.core.windows.net');
  });

  it('names an NVA by its IP in the summary', async () => {
    const { finding } = await run({ ...withRoutes([deflt]), [FIREWALLS(HUB)]: [] });
    expect(finding.summary).toBe('node pool nodepool1 leaves through the appliance at 10.0.1.4, whose rules pull-doctor cannot read: check that it allows HTTPS to myacr.azurecr.io, *.blob.core.windows.net');
    expect(finding.evidence[0]!.fact).toBe('node pool nodepool1 is in subnet nodes (10.224.0.0/16); network security group none; route table rt-egress');
  });

  it('a tag route to an appliance is unknown; one to the internet takes the endpoint off the firewall; evidence says which', async () => {
    const routes = [deflt, { name: 'acr-nva', addressPrefix: 'AzureContainerRegistry', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.9.9' }, { name: 'storage-direct', addressPrefix: 'Storage', nextHopType: 'Internet' }];
    const { finding, asked } = await run(withRoutes(routes));
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toBe('route acr-nva (AzureContainerRegistry) of rt-egress may take HTTPS to myacr.azurecr.io past the default route');
    expect(finding.missing).toEqual({ what: 'where route acr-nva of rt-egress takes myacr.azurecr.io' });
    expect(finding.evidence.slice(2).map((e) => e.fact)).toEqual(['route acr-nva sends AzureContainerRegistry to VirtualAppliance 10.0.9.9: it holds myacr.azurecr.io', 'route storage-direct sends Storage to Internet: it holds *.blob.core.windows.net']);
    expect(asked).not.toContain(`GET ${POLICY}`);
  });

  it('a public-range route to the internet may hold an endpoint: unknown, said as may hold', async () => {
    const { finding } = await run(withRoutes([deflt, { name: 'partner', addressPrefix: '20.0.0.0/8', nextHopType: 'Internet' }], [app('acr', ['*'])]));
    expect(finding.status).toBe('unknown');
    expect(finding.evidence[2]!.fact).toBe('route partner sends 20.0.0.0/8 to Internet: it may hold myacr.azurecr.io');
  });

  it('a firewall that may decide: unknown, naming the rule; its endpoint is in the fix for another that is denied', async () => {
    const rules = [app('maybe', ['other.blob.core.windows.net'])];
    const unsure = await run(withRoutes([deflt], [...rules, app('login', ['myacr.azurecr.io'])]));
    expect(unsure.finding).toMatchObject({
      status: 'unknown',
      summary: 'application rule rcg-aks/registries/maybe of fw-hub may decide HTTPS to *.blob.core.windows.net: pull-doctor cannot tell from ARM whether its addresses cover the node or the registry',
      missing: { what: 'what application rule rcg-aks/registries/maybe of fw-hub covers' },
    });
    const { finding } = await run(withRoutes([deflt], rules));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("Azure Firewall fw-hub (the route table's next hop for node pool nodepool1) does not allow HTTPS to myacr.azurecr.io: no rule allows it");
    expect(finding.fixes[0]!.command).toContain("--target-fqdns myacr.azurecr.io '*.blob.core.windows.net' --subscription");
    expect(finding.evidence.map((e) => [e.fact, e.source])).toContainEqual(['fw-hub (policy fwpol): HTTPS to myacr.azurecr.io (login server) → deny by no rule (the default deny)', `ARM ${POLICY}/ruleCollectionGroups`]);
  });

  it('a denying rule is named in the summary and the fix goes below it', async () => {
    const groupsWithDeny = [{ name: 'rcg-aks', priority: 200, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'block', priority: 300, action: { type: 'Deny' }, rules: [app('acr', ['*.azurecr.io'])] }, { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'ok', priority: 400, action: { type: 'Allow' }, rules: [app('blob', ['*.blob.core.windows.net'])] }] }];
    const { finding } = await run({ ...withRoutes([deflt]), [`LIST ${POLICY}/ruleCollectionGroups`]: groupsWithDeny });
    expect(finding.summary).toBe("Azure Firewall fw-hub (the route table's next hop for node pool nodepool1) does not allow HTTPS to myacr.azurecr.io");
    expect(finding.fixes[0]!.text).toBe("Allow HTTPS from the node subnet to myacr.azurecr.io on fw-hub's policy fwpol (rule collection group rcg-aks, priority 299).");
  });

  it('a classic firewall: evidence from the firewall itself, no policy named', async () => {
    const classic = firewall({ firewallPolicy: undefined, applicationRuleCollections: [{ name: 'acr', priority: 100, action: { type: 'Allow' }, rules: [{ name: 'all', sourceAddresses: ['*'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: ['*'] }] }] });
    const { finding } = await run(withRoutes([deflt], [], undefined, classic));
    expect(finding).toMatchObject({ status: 'pass', summary: 'Azure Firewall fw-hub allows HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
    expect(finding.evidence[1]!.fact).toBe('route table rt-egress sends 0.0.0.0/0 (default) to 10.0.1.4, the private IP of Azure Firewall fw-hub');
    expect(finding.evidence[2]).toEqual({ fact: 'fw-hub: HTTPS to myacr.azurecr.io (login server) → allow by application rule acr/all', source: `ARM ${FW}` });
  });

  it('an NSG and a firewall that both allow pass together; an NSG deny and a firewall deny fail together, NSG docs', async () => {
    const both = await run(withRoutes([deflt], [app('acr', ['*'])], [allow('AllowAll', 100, '*')]));
    expect(both.finding).toMatchObject({ status: 'pass', summary: 'network security group nsg-nodes and Azure Firewall fw-hub allow HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
    const fails = await run(withRoutes([deflt], [], [deny('DenyInternet', 200)]));
    expect(fails.finding.fixes.map((f) => f.command?.split(' --')[0])).toEqual(['az network nsg rule create', 'az network firewall policy rule-collection-group collection add-filter-collection']);
    expect(fails.finding.docs).toBe(DOCS.nsgRules);
  });

  it('a private path leaves the route table and its firewall unread and unnamed', async () => {
    const { finding, asked } = await run(withRoutes([deflt], [], [allow('AllowVnet', 100, 'VirtualNetwork')]), { publicNetworkAccess: 'Disabled' });
    expect(finding).toMatchObject({ status: 'pass', summary: 'network security group nsg-nodes allows HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
    expect(finding.evidence).toHaveLength(3);
    expect(asked).not.toContain(`GET ${POLICY}`);
  });

  // The login rule that misses only the data endpoints is named (estates8's near-miss rule, tundra-fw-registry-rule-only-dr-data-endpoint).
  it('data endpoints: each judged on the firewall, denied ones joined', async () => {
    const { finding } = await run(withRoutes([deflt], [app('login', ['myacr.azurecr.io'])]), DATA);
    expect(finding.summary).toBe("Azure Firewall fw-hub (the route table's next hop for node pool nodepool1) does not allow HTTPS to myacr.westeurope.data.azurecr.io and myacr.northeurope.data.azurecr.io: rule rcg-aks/registries/login allows myacr.azurecr.io, not myacr.westeurope.data.azurecr.io, myacr.northeurope.data.azurecr.io");
  });

  it('an NSG range the registry may be in is unknown (its public addresses are not in ARM); unknowns of two kinds are each asked for', async () => {
    const range = await run(withNsg([deny('DenyRange', 200, { destinationAddressPrefix: '20.0.0.0/8' })]));
    expect(range.finding).toMatchObject({ status: 'unknown', missing: { what: 'what rule DenyRange of nsg-nodes covers' } });
    const both = await run(withRoutes([{ ...deflt, nextHopType: 'VirtualNetworkGateway' }], [], [deny('DenyRange', 200, { destinationAddressPrefix: '20.0.0.0/8' })]));
    expect(both.finding.missing).toEqual({ what: 'what rule DenyRange of nsg-nodes covers; the on-premises egress behind the gateway (route table rt-egress)' });
  });
});
