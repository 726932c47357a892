import { RestError } from '@azure/core-rest-pipeline';
import { SUB, clusterFacts, logicContext, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import { FIREWALLS, FW, HUB, HUBNET, NET, NODE, PIP, POLICY, RT, VNET } from '../../../test/helpers/node-egress-facts';
import { nodeEgressCheck } from './node-egress';

// A hub's firewall as the nodes' next hop, when pull-doctor cannot list the hub's firewalls (a 403 or a
// 429 on Azure Firewalls - List All), and when the policy holds a registry rule that misses only the
// node subnet or one endpoint. Answers in the SDK's shapes under the keys the check reads.
const SUBNET = `${VNET}/subnets/arm`;

const base = {
  [`GET ${VNET}`]: { subnets: [{ id: SUBNET, name: 'arm', addressPrefix: '10.61.16.0/22', routeTable: { id: RT } }] },
  [`GET ${RT}`]: { name: 'rt-egress', routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.200.0.4' }] },
  'LIST /subscriptions': [SUB, HUB],
  [FIREWALLS(SUB)]: [],
};
const run = async (answers: Record<string, unknown>) => {
  const registry = registryFacts({ dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] });
  const ctx = logicContext({ facts: { registry, cluster: clusterFacts({ nodePools: [nodePoolFacts({ vnetSubnetId: SUBNET })] }) }, failure: { node: NODE }, answers: { ...base, ...answers } });
  return (await nodeEgressCheck.run(ctx)).finding;
};

describe('node-egress: a next hop in a subscription whose firewalls cannot be listed', () => {
  const refused = new RestError(`The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.Network/azureFirewalls/read' over scope '/subscriptions/${HUB}' or the scope is invalid.`, { statusCode: 403, code: 'AuthorizationFailed' });

  it('is unknown naming the refused read and the action, not "an appliance whose rules pull-doctor cannot read"', async () => {
    const finding = await run({ [FIREWALLS(HUB)]: refused });
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toContain('which may be an Azure Firewall pull-doctor could not read');
    expect(finding.summary).not.toContain('leaves through the appliance');
    expect(finding.missing).toEqual({ what: 'the Azure Firewall (or appliance) at 10.200.0.4 (route table rt-egress)', permission: expect.stringContaining(`Microsoft.Network/azureFirewalls/read on /subscriptions/${HUB}`) });
    expect(finding.evidence[1]!.fact).toBe('route table rt-egress sends 0.0.0.0/0 (default) to 10.200.0.4, which matches no Azure Firewall pull-doctor could list (some subscriptions refused the read)');
  });

  it('a throttled list says so too', async () => {
    const finding = await run({ [FIREWALLS(HUB)]: new RestError('Too many requests', { statusCode: 429, code: 'TooManyRequests' }) });
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toMatch(/could not read .*azureFirewalls.*429/);
  });

  it('a refusal does not matter once the firewall is found in a readable subscription', async () => {
    const fw = { id: FW, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.200.0.4', publicIPAddress: { id: PIP } }], firewallPolicy: { id: POLICY } };
    const finding = await run({ [FIREWALLS(SUB)]: [fw], [FIREWALLS(HUB)]: refused, [`GET ${PIP}`]: { ipAddress: '51.120.40.17' }, [`GET ${POLICY}`]: { id: POLICY, name: 'fwpol' }, [`LIST ${POLICY}/ruleCollectionGroups`]: [] });
    expect(finding.status).toBe('fail');
  });
});

describe('node-egress: the registry rule that misses only the node subnet or one endpoint is extended', () => {
  const fw = { id: FW, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.200.0.4', publicIPAddress: { id: PIP } }], firewallPolicy: { id: POLICY } };
  const rule = (sourceAddresses: string[], targetFqdns: string[]) => ({ ruleType: 'ApplicationRule', name: 'myacr', sourceAddresses, protocols: [{ protocolType: 'Https', port: 443 }], targetFqdns });
  const groups = (r: unknown) => [
    { name: 'rcg-aks', priority: 200, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'aks', priority: 100, action: { type: 'Allow' }, rules: [{ ruleType: 'ApplicationRule', name: 'tag', sourceAddresses: ['10.61.0.0/16'], protocols: [{ protocolType: 'Https', port: 443 }], fqdnTags: ['AzureKubernetesService'] }] }] },
    { name: 'rcg-registries', priority: 300, ruleCollections: [{ ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name: 'registries', priority: 100, action: { type: 'Allow' }, rules: [r] }] },
  ];
  const withRule = (r: unknown) => ({ [FIREWALLS(HUB)]: [fw], [`GET ${PIP}`]: { ipAddress: '51.120.40.17' }, [`GET ${POLICY}`]: { id: POLICY, name: 'fwpol' }, [`LIST ${POLICY}/ruleCollectionGroups`]: groups(r) });
  const UPDATE = `az network firewall policy rule-collection-group collection rule update --resource-group rg-hub --policy-name fwpol --rule-collection-group-name rcg-registries --collection-name registries --name myacr`;

  it('a rule for the registry from another subnet only: add the node subnet to its sources', async () => {
    const finding = await run(withRule(rule(['10.61.0.0/20'], ['myacr.azurecr.io', 'myacr.westeurope.data.azurecr.io'])));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('rule rcg-registries/registries/myacr allows it only from 10.61.0.0/20, not from 10.61.16.0/22');
    expect(finding.fixes[0]).toEqual({
      text: "Add the node subnet 10.61.16.0/22 to the sources of rule myacr (collection registries, group rcg-registries) of fw-hub's policy fwpol: it allows HTTPS to myacr.azurecr.io, myacr.westeurope.data.azurecr.io only from 10.61.0.0/20.",
      command: `${UPDATE} --source-addresses 10.61.0.0/20 10.61.16.0/22 --subscription ${HUB}`,
    });
    expect(finding.fixes[1]!.text).toMatch(/^Or allow HTTPS from the node subnet to myacr\.azurecr\.io, myacr\.westeurope\.data\.azurecr\.io on fw-hub's policy fwpol/);
  });

  it('a rule for the login server that lacks the data endpoint: add the endpoint to its target FQDNs', async () => {
    const finding = await run(withRule(rule(['10.61.0.0/16'], ['myacr.azurecr.io'])));
    expect(finding.summary).toContain('rule rcg-registries/registries/myacr allows myacr.azurecr.io, not myacr.westeurope.data.azurecr.io');
    expect(finding.fixes[0]!.command).toBe(`${UPDATE} --target-fqdns myacr.azurecr.io myacr.westeurope.data.azurecr.io --subscription ${HUB}`);
  });

  it('no rule names the registry at all: a new collection, as before', async () => {
    const finding = await run(withRule(rule(['10.61.0.0/16'], ['quay.io'])));
    expect(finding.summary).toMatch(/: no rule allows it$/);
    expect(finding.fixes).toHaveLength(1);
    expect(finding.fixes[0]!.command).toContain('collection add-filter-collection');
  });
});
