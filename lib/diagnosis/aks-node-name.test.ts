import { poolOfNode } from './aks-node-name';

// AKS node names: Linux VMSS instances `aks-<pool>-<8 digits>-vmss<6 hex>`, Windows `aks<pool><6 digits>` (pool names ≤ 6 chars).
test.each([
  ['aks-nodepool1-12345678-vmss000000', 'nodepool1'],
  ['aks-arm64-40213658-vmss00000a', 'arm64'],
  ['akswin22000002', 'win22'],
  ['aksnpwin000000', 'npwin'],
  ['aks-nodepool1-12345678', undefined],
  ['worker-1', undefined],
  ['', undefined],
  [undefined, undefined],
] as Array<[string | undefined, string | undefined]>)('%s → %s', (node, pool) => {
  expect(poolOfNode(node)).toBe(pool);
});
