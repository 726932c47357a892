import { SUB, clusterFacts, nodePoolFacts } from '../../test/helpers/check-logic';
import { presetLookups } from '../../test/helpers/preset-lookups';
import type { CheckContext } from './check';
import type { NodePoolFacts } from './facts';
import { poolEgressOfNode } from './pool-egress';

// Which egress a node pool's traffic takes: its subnet's NAT gateway first, then its nodes' own public
// IPs, the cluster's outbound path otherwise (undefined).
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const VNET = `${NET}/virtualNetworks/vnet-aks`;
const NAT = `${NET}/natGateways/ng-edge`;
const PIP = `${NET}/publicIPAddresses/pip-ng-edge`;
const NAT_PREFIX = `${NET}/publicIPPrefixes/ippre-ng-edge`;
const NODE_PREFIX = `${NET}/publicIPPrefixes/ippre-nodes`;
const NODE = 'aks-edge-12345678-vmss000000';

const vnet = (nat: boolean) => ({ id: VNET, subnets: [{ id: `${VNET}/subnets/other`, name: 'other', natGateway: { id: `${NET}/natGateways/ng-other` } }, { id: `${VNET}/subnets/edge`, name: 'edge', ...(nat ? { natGateway: { id: NAT } } : {}) }] });
const answers = (nat: boolean) => ({
  [`GET ${VNET}`]: vnet(nat),
  [`GET ${NAT}`]: { id: NAT, name: 'ng-edge', publicIpAddresses: [{ id: PIP }], publicIpPrefixes: [{ id: NAT_PREFIX }] },
  [`GET ${PIP}`]: { id: PIP, ipAddress: '20.9.9.9' },
  [`GET ${NAT_PREFIX}`]: { id: NAT_PREFIX, ipPrefix: '20.9.8.0/30' },
  [`GET ${NODE_PREFIX}`]: { id: NODE_PREFIX, name: 'ippre-nodes', ipPrefix: '20.7.7.16/28' },
});
const edge = (over: Partial<NodePoolFacts>) => nodePoolFacts({ name: 'edge', vnetSubnetId: `${VNET}/subnets/edge`, ...over });
const egress = (pool: NodePoolFacts, nat: boolean, node: string | undefined) =>
  poolEgressOfNode({ lookups: presetLookups(answers(nat)) } as unknown as CheckContext, clusterFacts({ nodePools: [nodePoolFacts({ name: 'user' }), pool] }), node);

describe('poolEgressOfNode', () => {
  it.each<[string, NodePoolFacts, boolean, unknown]>([
    ['its subnet’s NAT gateway, public IPs and prefixes', edge({}), true, { pool: 'edge', kind: 'nat-gateway', subnet: 'edge', natGateway: 'ng-edge', addresses: ['20.9.9.9', '20.9.8.0/30'] }],
    ['the NAT gateway before the nodes’ own public IPs', edge({ enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX }), true, { pool: 'edge', kind: 'nat-gateway', subnet: 'edge', natGateway: 'ng-edge', addresses: ['20.9.9.9', '20.9.8.0/30'] }],
    ['the nodes’ public IP prefix without a NAT gateway', edge({ enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX }), false, { pool: 'edge', kind: 'node-public-ip', prefix: 'ippre-nodes', addresses: ['20.7.7.16/28'] }],
    ['node public IPs without a prefix: each its own, not in ARM', edge({ enableNodePublicIP: true }), false, { pool: 'edge', kind: 'node-public-ip', addresses: [] }],
    ['node public IPs on a pool without a custom subnet', edge({ vnetSubnetId: undefined, enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX }), false, { pool: 'edge', kind: 'node-public-ip', prefix: 'ippre-nodes', addresses: ['20.7.7.16/28'] }],
    ['the cluster’s path: no NAT gateway, no node public IPs', edge({}), false, undefined],
    ['the cluster’s path: a prefix id without node public IPs', edge({ nodePublicIPPrefixId: NODE_PREFIX }), false, undefined],
    ['the cluster’s path: a subnet id without /subnets/', edge({ vnetSubnetId: VNET }), true, undefined],
    ['node public IPs when the subnet id is only /subnets/…: no VNet to read', edge({ vnetSubnetId: '/subnets/edge', enableNodePublicIP: true }), true, { pool: 'edge', kind: 'node-public-ip', addresses: [] }],
  ])('%s', async (_what, pool, nat, expected) => {
    expect(await egress(pool, nat, NODE)).toEqual(expected);
  });

  it('has no address for a node prefix ARM shows without its range, and names it by id without a name', async () => {
    const ctx = { lookups: presetLookups({ [`GET ${NODE_PREFIX}`]: { id: NODE_PREFIX } }) } as unknown as CheckContext;
    const pool = edge({ vnetSubnetId: undefined, enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX });
    expect(await poolEgressOfNode(ctx, clusterFacts({ nodePools: [pool] }), NODE)).toEqual({ pool: 'edge', kind: 'node-public-ip', prefix: NODE_PREFIX, addresses: [] });
  });

  it.each([['a node of another pool', 'aks-user-12345678-vmss000000'], ['no node', undefined], ['a node name that is not AKS’s', 'worker-1']])('is the cluster’s path for %s', async (_what, node) => {
    expect(await egress(edge({ enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX }), true, node)).toBeUndefined();
  });
});

// A route table sending 0.0.0.0/0 to an Azure Firewall: the firewall's public IPs are what the registry
// sees, before the subnet's NAT gateway (a UDR to an appliance takes precedence).
describe('poolEgressOfNode behind an Azure Firewall', () => {
  const RT = `${NET}/routeTables/rt-edge`;
  const FW_PIP = `${NET}/publicIPAddresses/pip-fw`;
  const FIREWALLS = `LIST /subscriptions/${SUB}/providers/Microsoft.Network/azureFirewalls`;
  const udr = (nextHop: string, firewalls: unknown[]) => ({
    ...answers(true),
    [`GET ${VNET}`]: { id: VNET, subnets: [{ id: `${VNET}/subnets/edge`, name: 'edge', natGateway: { id: NAT }, routeTable: { id: RT } }] },
    [`GET ${RT}`]: { name: 'rt-edge', routes: [{ name: 'to-fw', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: nextHop }] },
    [FIREWALLS]: firewalls,
    [`GET ${FW_PIP}`]: { id: FW_PIP, ipAddress: '4.210.10.20' },
  });
  const run = (a: Record<string, unknown>) => poolEgressOfNode({ lookups: presetLookups(a), subscriptions: [SUB] } as unknown as CheckContext, clusterFacts({ nodePools: [edge({})] }), NODE);
  const fw = { id: `${NET}/azureFirewalls/fw-hub`, name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.0.1.4', publicIPAddress: { id: FW_PIP } }], hubIPAddresses: { publicIPs: { addresses: [{ address: '4.210.10.21' }] } } };

  it("counts the firewall's public IPs (its IP configurations' and a hub firewall's) as the pool's egress", async () => {
    expect(await run(udr('10.0.1.4', [fw]))).toEqual({ pool: 'edge', kind: 'azure-firewall', subnet: 'edge', routeTable: 'rt-edge', firewall: 'fw-hub', addresses: ['4.210.10.20', '4.210.10.21'] });
  });

  it('finds a virtual hub firewall by its hub private IP', async () => {
    const hub = { id: fw.id, name: 'fw-vhub', hubIPAddresses: { privateIPAddress: '10.100.64.4', publicIPs: { addresses: [{ address: '4.210.10.30' }] } } };
    expect(await run(udr('10.100.64.4', [hub]))).toMatchObject({ kind: 'azure-firewall', firewall: 'fw-vhub', addresses: ['4.210.10.30'] });
  });

  it('falls back to the NAT gateway when the next hop is no Azure Firewall (an NVA)', async () => {
    expect(await run(udr('10.0.9.9', [fw]))).toMatchObject({ kind: 'nat-gateway', natGateway: 'ng-edge' });
  });
});

