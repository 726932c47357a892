import { CLUSTER_ID, SUB, clusterFacts, nodePoolFacts } from '../../test/helpers/check-logic';
import { presetLookups } from '../../test/helpers/preset-lookups';
import type { CheckContext } from './check';
import { natEgressOfNode } from './subnet-nat';

// natEgressOfNode on hand-built ARM answers (keyed as azure-lookups keys them): which node pool a node is in,
// whether that pool's subnet has a NAT gateway, and that gateway's public IPs. Its caller (network-rules) is
// covered in network-rules-logic.test.ts; this is the helper's own table.
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const NAT = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/ng-batch`;
const PIP1 = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/pip-1`;
const PIP2 = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/pip-2`;
const ANSWERS = {
  [`GET ${VNET}`]: { id: VNET, subnets: [{ id: `${VNET}/subnets/nodes`, name: 'nodes' }, { id: `${VNET}/subnets/batch`, name: 'batch', natGateway: { id: NAT } }] },
  [`GET ${NAT}`]: { id: NAT, name: 'ng-batch', publicIpAddresses: [{ id: PIP1 }, {}, { id: PIP2 }] },
  [`GET ${PIP1}`]: { id: PIP1, ipAddress: '20.108.77.9' },
  [`GET ${PIP2}`]: { id: PIP2 },
};
const BATCH = 'aks-batch-12345678-vmss000001';

async function natOf(subnetId: string | undefined, node: string | undefined) {
  const lookups = presetLookups(ANSWERS);
  const cluster = clusterFacts({ id: CLUSTER_ID, nodePools: [nodePoolFacts({ name: 'batch', vnetSubnetId: subnetId })] });
  const nat = await natEgressOfNode({ lookups } as unknown as CheckContext, cluster, node);
  return { nat, asked: lookups.asked };
}

describe('natEgressOfNode', () => {
  it('names the pool, its subnet, the NAT gateway and the public IPs it has an address for', async () => {
    expect(await natOf(`${VNET}/subnets/batch`, BATCH)).toEqual({
      nat: { pool: 'batch', subnet: 'batch', natGateway: 'ng-batch', ips: ['20.108.77.9'] },
      asked: [`GET ${VNET}`, `GET ${NAT}`, `GET ${PIP1}`, `GET ${PIP2}`],
    });
  });

  it('matches the subnet id whatever its case (ARM ids are case-insensitive)', async () => {
    const { nat } = await natOf(`${VNET}/Subnets/BATCH`, BATCH);
    expect(nat?.natGateway).toBe('ng-batch');
  });

  it.each<[string, string | undefined, string | undefined, string[]]>([
    ['a subnet without a NAT gateway', `${VNET}/subnets/nodes`, BATCH, [`GET ${VNET}`]],
    ['a subnet the VNet does not list', `${VNET}/subnets/gone`, BATCH, [`GET ${VNET}`]],
    ['a node of another pool', `${VNET}/subnets/batch`, 'aks-user-12345678-vmss000001', []],
    ['a node name that is not an AKS node', `${VNET}/subnets/batch`, 'worker-1', []],
    ['no node', `${VNET}/subnets/batch`, undefined, []],
    ['a pool on the managed VNet (no subnet id)', undefined, BATCH, []],
    ['a subnet id without /subnets/ (names no VNet)', VNET, BATCH, []],
    ['a subnet id with nothing before /subnets/', '/subnets/batch', BATCH, []],
  ])('is nothing for %s, reading only what it needs', async (_what, subnetId, node, asked) => {
    expect(await natOf(subnetId, node)).toEqual({ nat: undefined, asked });
  });
});
