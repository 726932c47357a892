import { CLUSTER_ID, SUB, clusterFacts, logicContext, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import { FIREWALLS, FW, HUB, HUBNET, NET, NODE, NSG, PIP, POLICY, RT, VNET } from '../../../test/helpers/node-egress-facts';
import type { RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { nodeEgressCheck } from './node-egress';

// The node-egress check's decisions on facts alone (the egress-* sandbox worlds cover the ARM reads
// through the SDK): the pool subnet's NSG, the route table's appliance and the Azure Firewall's
// rules, each answered here in the SDK's shapes under the keys the check reads.
const SUBNET = `${VNET}/subnets/nodes`;

const subnet = (over: Record<string, unknown> = {}) => ({ id: SUBNET, name: 'nodes', addressPrefix: '10.224.0.0/16', ...over });
const deny = (name: string, priority: number, over: Record<string, unknown> = {}) => ({ name, priority, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', destinationPortRange: '443', ...over });
const allow = (name: string, priority: number, to: string) => deny(name, priority, { access: 'Allow', destinationAddressPrefix: to });
const nsg = (...securityRules: unknown[]) => ({ id: NSG, name: 'nsg-nodes', securityRules });
const app = (name: string, fqdns: string[]) => ({ ruleType: 'ApplicationRule', name, sourceAddresses: ['10.224.0.0/16'], protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns: fqdns });
const groups = (...rules: unknown[]) => [{ name: 'rcg-aks', priority: 200, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'registries', priority: 200, action: { type: 'Allow' }, rules }] }];
const firewall = (over: Record<string, unknown> = {}) => ({ id: FW, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.0.1.4', publicIPAddress: { id: PIP } }], firewallPolicy: { id: POLICY }, ...over });
const route = { routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }] };

const run = async (answers: Record<string, unknown>, registry: Partial<RegistryFacts> = {}, pool = nodePoolFacts({ vnetSubnetId: SUBNET })) => {
  const ctx = logicContext({ facts: { registry: registryFacts(registry), cluster: clusterFacts({ nodePools: [pool] }) }, failure: { node: NODE }, answers });
  return (await nodeEgressCheck.run(ctx)).finding;
};
const withNsg = (...rules: unknown[]) => ({ [`GET ${VNET}`]: { subnets: [subnet({ networkSecurityGroup: { id: NSG } })] }, [`GET ${NSG}`]: nsg(...rules) });
const withFirewall = (rules: unknown[], fw = firewall()) => ({
  [`GET ${VNET}`]: { subnets: [subnet({ routeTable: { id: RT } })] },
  [`GET ${RT}`]: { name: 'rt-egress', ...route },
  'LIST /subscriptions': [SUB, HUB],
  [FIREWALLS(SUB)]: [],
  [FIREWALLS(HUB)]: [fw],
  [`GET ${PIP}`]: { ipAddress: '4.210.10.20' },
  [`GET ${POLICY}`]: { id: POLICY, name: 'fwpol' },
  [`LIST ${POLICY}/ruleCollectionGroups`]: groups(...rules),
});

describe('node-egress check on facts', () => {
  it('declares what it needs and the title progress shows', () => {
    const { id, title, needs } = nodeEgressCheck;
    expect({ id, title, needs }).toEqual({ id: 'node-egress', title: 'node egress', needs: ['registry', 'cluster'] });
  });

  it('is skipped for a pool without its own subnet (AKS-managed VNet), reading nothing', async () => {
    const finding = await run({}, {}, nodePoolFacts());
    expect(finding).toMatchObject({ status: 'skipped', summary: expect.stringContaining('no subnet of its own') });
  });

  it('passes a subnet without NSG or route table, saying so', async () => {
    const finding = await run({ [`GET ${VNET}`]: { subnets: [subnet()] } });
    expect(finding).toEqual({
      status: 'pass',
      summary: "node pool nodepool1's subnet has no network security group and no route to an appliance",
      evidence: [{ fact: 'node pool nodepool1 is in subnet nodes (10.224.0.0/16); network security group none; route table none', source: `ARM ${SUBNET}` }],
      fixes: [],
    });
  });

  it('fails on an NSG deny that wins, with the rule, its priority and the allow rule to add before it', async () => {
    const finding = await run(withNsg(deny('DenyInternet', 200), allow('AllowAcr', 300, 'AzureContainerRegistry')));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("Network security group nsg-nodes on node pool nodepool1's subnet denies TCP 443 to myacr.azurecr.io and *.blob.core.windows.net: rule DenyInternet (priority 200) wins");
    expect(finding.evidence[1]).toEqual({ fact: 'nsg-nodes: TCP 443 to myacr.azurecr.io (login server) → deny by DenyInternet (priority 200)', source: `ARM ${NSG}` });
    expect(finding.fixes).toEqual([
      {
        text: 'On nsg-nodes, allow TCP 443 to AzureContainerRegistry, Storage.westeurope outbound at priority 199, before DenyInternet (200).',
        command: 'az network nsg rule create --resource-group rg-net --nsg-name nsg-nodes --name AllowContainerRegistryOutbound --priority 199 --direction Outbound --access Allow --protocol Tcp --source-address-prefixes VirtualNetwork --destination-address-prefixes AzureContainerRegistry Storage.westeurope --destination-port-ranges 443',
      },
    ]);
    expect(finding.docs).toBe(DOCS.nsgRules);
  });

  it('names a dedicated data endpoint by its region in the fix, and skips taken priorities', async () => {
    const finding = await run(withNsg(deny('DenyInternet', 200), deny('Deny199', 199, { destinationPortRange: '80' })), { dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] });
    expect(finding.fixes[0]!.command).toContain('--priority 198 ');
    expect(finding.fixes[0]!.command).toContain('--destination-address-prefixes AzureContainerRegistry AzureCloud.westeurope ');
  });

  it('gives no command when no priority number is free below the deny', async () => {
    const finding = await run(withNsg(deny('DenyFirst', 100)));
    expect(finding.fixes).toEqual([{ text: 'On nsg-nodes, allow TCP 443 to AzureContainerRegistry, Storage.westeurope outbound with a lower priority number than DenyFirst (100), or narrow DenyFirst.' }]);
  });

  it('passes when allows come before the deny', async () => {
    const finding = await run(withNsg(deny('DenyInternet', 200), allow('AllowAcr', 100, 'AzureContainerRegistry'), allow('AllowStorage', 110, 'Storage.westeurope')));
    expect(finding).toMatchObject({ status: 'pass', summary: 'network security group nsg-nodes allows HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
  });

  it('is unknown, naming the rule, when an application security group may decide', async () => {
    const finding = await run(withNsg(deny('DenyAsg', 150, { destinationAddressPrefix: undefined, destinationApplicationSecurityGroups: [{ id: 'asg' }] })));
    expect(finding.status).toBe('unknown');
    expect(finding.missing).toEqual({ what: 'what rule DenyAsg of nsg-nodes covers' });
    expect(finding.summary).toContain('rule DenyAsg (priority 150) of nsg-nodes may decide TCP 443 to myacr.azurecr.io: it names an application security group');
  });

  it('judges a private endpoint path as VirtualNetwork, and does not send it to the appliance', async () => {
    const answers = { ...withNsg(deny('DenyInternet', 200)), [`GET ${VNET}`]: { subnets: [subnet({ networkSecurityGroup: { id: NSG }, routeTable: { id: RT } })] }, [`GET ${RT}`]: { name: 'rt-egress', routes: [] } };
    const finding = await run(answers, { publicNetworkAccess: 'Disabled' });
    expect(finding.status).toBe('pass');
    expect(finding.evidence[1]!.fact).toBe('nsg-nodes: TCP 443 to myacr.azurecr.io (login server) → allow by AllowVnetOutBound (priority 65000, a default rule)');
  });

  it('fails on a firewall (in another subscription) that allows the login server but not the data endpoint', async () => {
    const finding = await run(withFirewall([app('login', ['myacr.azurecr.io'])]), { dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] });
    expect(finding.status).toBe('fail');
    // The rule that lets the login server through is the one to extend; a new collection is the alternative.
    expect(finding.summary).toBe("Azure Firewall fw-hub (the route table's next hop for node pool nodepool1) does not allow HTTPS to myacr.westeurope.data.azurecr.io: rule rcg-aks/registries/login allows myacr.azurecr.io, not myacr.westeurope.data.azurecr.io");
    expect(finding.evidence.map((e) => e.fact)).toContain('fw-hub (policy fwpol): HTTPS to myacr.azurecr.io (login server) → allow by application rule rcg-aks/registries/login');
    expect(finding.fixes).toEqual([
      {
        text: "Add myacr.westeurope.data.azurecr.io to the target FQDNs of rule login (collection registries, group rcg-aks) of fw-hub's policy fwpol: it allows myacr.azurecr.io but not this endpoint.",
        command: `az network firewall policy rule-collection-group collection rule update --resource-group rg-hub --policy-name fwpol --rule-collection-group-name rcg-aks --collection-name registries --name login --target-fqdns myacr.azurecr.io myacr.westeurope.data.azurecr.io --subscription ${HUB}`,
      },
      {
        text: "Or allow HTTPS from the node subnet to myacr.westeurope.data.azurecr.io on fw-hub's policy fwpol (rule collection group rcg-aks, priority 210).",
        command: `az network firewall policy rule-collection-group collection add-filter-collection --resource-group rg-hub --policy-name fwpol --rule-collection-group-name rcg-aks --name allow-container-registry --collection-priority 210 --action Allow --rule-name allow-registry-https --rule-type ApplicationRule --source-addresses 10.224.0.0/16 --protocols Https=443 --target-fqdns myacr.westeurope.data.azurecr.io --subscription ${HUB}`,
      },
    ]);
    expect(finding.docs).toBe(DOCS.aksFirewall);
  });

  it('passes a firewall that allows every endpoint', async () => {
    const finding = await run(withFirewall([app('acr', ['myacr.azurecr.io', '*.blob.core.windows.net'])]));
    expect(finding).toMatchObject({ status: 'pass', summary: 'Azure Firewall fw-hub allows HTTPS from node pool nodepool1 to myacr.azurecr.io, *.blob.core.windows.net' });
  });

  it('a classic firewall without a policy gets an application rule command', async () => {
    const classic = firewall({ firewallPolicy: undefined, applicationRuleCollections: [] });
    const finding = await run(withFirewall([], classic));
    expect(finding.fixes[0]!.command).toBe(`az network firewall application-rule create --resource-group rg-hub --firewall-name fw-hub --collection-name allow-container-registry --priority 100 --action Allow --name allow-registry-https --protocols Https=443 --source-addresses 10.224.0.0/16 --target-fqdns myacr.azurecr.io '*.blob.core.windows.net' --subscription ${HUB}`);
  });

  it('a network rule that denies first: narrow it, no application rule would help', async () => {
    const net = { ruleType: 'NetworkRule', name: 'deny-web', sourceAddresses: ['*'], ipProtocols: ['TCP'], destinationAddresses: ['*'], destinationPorts: ['443'] };
    const answers = withFirewall([]);
    answers[`LIST ${POLICY}/ruleCollectionGroups`] = [{ name: 'rcg-base', priority: 100, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'deny', priority: 100, action: { type: 'Deny' }, rules: [net] }] }];
    const finding = await run(answers);
    expect(finding.fixes).toEqual([{ text: 'Network rule rcg-base/deny/deny-web on fw-hub denies TCP 443 before any application rule is read: narrow it so it does not cover myacr.azurecr.io, *.blob.core.windows.net.' }]);
  });

  it('is unknown for an appliance that is no Azure Firewall, naming its IP and route table', async () => {
    const answers = withFirewall([]);
    answers[FIREWALLS(HUB)] = [];
    const finding = await run(answers);
    expect(finding.status).toBe('unknown');
    expect(finding.missing).toEqual({ what: 'the rules of the appliance at 10.0.1.4 (route table rt-egress)' });
    expect(finding.evidence[1]!.fact).toBe('route table rt-egress sends 0.0.0.0/0 (default) to 10.0.1.4, which is no Azure Firewall pull-doctor can read (an NVA)');
  });

  it('an NSG deny wins over an appliance it cannot read', async () => {
    const answers = { ...withFirewall([]), [`GET ${VNET}`]: { subnets: [subnet({ networkSecurityGroup: { id: NSG }, routeTable: { id: RT } })] }, [`GET ${NSG}`]: nsg(deny('DenyInternet', 200)), [FIREWALLS(HUB)]: [] };
    expect((await run(answers)).status).toBe('fail');
  });

  describe('the route table beyond the default route to a firewall', () => {
    const table = (...routes: unknown[]) => ({ ...withFirewall([app('login', ['myacr.azurecr.io'])]), [`GET ${RT}`]: { name: 'rt-egress', routes } });
    const deflt = (over: Record<string, unknown>) => ({ name: 'default', addressPrefix: '0.0.0.0/0', ...over });

    it('fails a default route that drops everything (next hop None), with the command that removes it', async () => {
      const finding = await run(table(deflt({ nextHopType: 'None' })));
      expect(finding.status).toBe('fail');
      expect(finding.summary).toBe("Route table rt-egress on node pool nodepool1's subnet drops 0.0.0.0/0 (route default, next hop None): HTTPS to myacr.azurecr.io, *.blob.core.windows.net goes nowhere");
      expect(finding.fixes[0]!.command).toBe('az network route-table route delete --resource-group rg-net --route-table-name rt-egress --name default');
    });

    it('is unknown when 0.0.0.0/0 is tunnelled to the virtual network gateway', async () => {
      const finding = await run(table(deflt({ nextHopType: 'VirtualNetworkGateway' })));
      expect(finding).toMatchObject({ status: 'unknown', missing: { what: 'the on-premises egress behind the gateway (route table rt-egress)' } });
    });

    it('leaves the firewall out for an endpoint a service-tag route sends to the internet', async () => {
      const finding = await run(table(deflt({ nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }), { name: 'storage-direct', addressPrefix: 'Storage.westeurope', nextHopType: 'Internet' }));
      expect(finding.status).toBe('pass');
      expect(finding.evidence.map((e) => e.fact)).toContain('route storage-direct sends Storage.westeurope to Internet: it holds *.blob.core.windows.net');
    });

    it('is unknown for a route to a public range that may hold the registry', async () => {
      const finding = await run(table(deflt({ nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }), { name: 'partner', addressPrefix: '20.0.0.0/8', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.9.9.9' }));
      expect(finding.status).toBe('unknown');
      expect(finding.summary).toContain('route partner (20.0.0.0/8) of rt-egress may take HTTPS to myacr.azurecr.io past the default route');
    });

    it('ignores routes to private ranges (on-premises, peered VNets)', async () => {
      const finding = await run(table(deflt({ nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }), { name: 'onprem', addressPrefix: '10.0.0.0/8', nextHopType: 'VirtualNetworkGateway' }));
      expect(finding.status).toBe('fail');
    });

    it('fails an endpoint a service-tag route drops', async () => {
      const answers = { ...table(deflt({ nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.1.4' }), { name: 'no-acr', addressPrefix: 'AzureContainerRegistry', nextHopType: 'None' }) };
      answers[`LIST ${POLICY}/ruleCollectionGroups`] = groups(app('acr', ['myacr.azurecr.io', '*.blob.core.windows.net']));
      const finding = await run(answers);
      expect(finding.status).toBe('fail');
      expect(finding.summary).toBe("Route no-acr of rt-egress on node pool nodepool1's subnet drops AzureContainerRegistry (next hop None): HTTPS to myacr.azurecr.io goes nowhere");
      expect(finding.fixes[0]!.command).toBe('az network route-table route delete --resource-group rg-net --route-table-name rt-egress --name no-acr');
    });
  });

  it('lets a refused read throw (the engine reports it as unknown with the permission)', async () => {
    await expect(run({ [`GET ${VNET}`]: { subnets: [subnet({ networkSecurityGroup: { id: NSG } })] }, [`GET ${NSG}`]: new Error('403 AuthorizationFailed') })).rejects.toThrow('403');
  });

  it('takes the only pool subnet when the node is not named', async () => {
    const ctx = logicContext({ facts: { registry: registryFacts(), cluster: clusterFacts({ id: CLUSTER_ID, nodePools: [nodePoolFacts({ vnetSubnetId: SUBNET })] }) }, answers: { [`GET ${VNET}`]: { subnets: [subnet()] } } });
    expect((await nodeEgressCheck.run(ctx)).finding.status).toBe('pass');
  });
});
