import { RestError } from '@azure/core-rest-pipeline';
import { SUB, clusterFacts, logicContext, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import { nodeEgressCheck } from './node-egress';

// A hub's firewall as the nodes' next hop, when pull-doctor cannot list the hub's firewalls (a 403 or a
// 429 on Azure Firewalls - List All), and when the policy holds a registry rule that misses only the
// node subnet or one endpoint. Answers in the SDK's shapes under the keys the check reads.
const HUB = '00000000-0000-0000-0000-00000000000b';
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const HUBNET = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network`;
const VNET = `${NET}/virtualNetworks/vnet-aks`;
const SUBNET = `${VNET}/subnets/arm`;
const RT = `${NET}/routeTables/rt-egress`;
const FW = `${HUBNET}/azureFirewalls/fw-hub`;
const PIP = `${HUBNET}/publicIPAddresses/pip-fw`;
const POLICY = `${HUBNET}/firewallPolicies/fwpol`;
const FIREWALLS = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.Network/azureFirewalls`;
const NODE = 'aks-nodepool1-12345678-vmss000000';

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
