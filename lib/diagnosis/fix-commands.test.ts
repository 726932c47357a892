import { attachAcrCommand, setImageCommand, sh, workloadOf } from './fix-commands';

describe('fix commands', () => {
  it.each([
    ['myacr', 'myacr'],
    ['/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/a', '/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/a'],
    ['Container Registry Repository Reader', `'Container Registry Repository Reader'`],
    [`it's; rm -rf /`, `'it'\\''s; rm -rf /'`],
    ['', `''`],
  ])('quotes %p as %p', (input, expected) => {
    expect(sh(input)).toBe(expected);
  });

  it('attaches by name in the same subscription and by id across subscriptions', () => {
    const cluster = { resourceGroup: 'rg-aks', name: 'aks', subscriptionId: 'S1' };
    expect(attachAcrCommand(cluster, { id: '/subscriptions/s1/x', name: 'myacr', subscriptionId: 's1' })).toBe(
      'az aks update --resource-group rg-aks --name aks --attach-acr myacr',
    );
    expect(attachAcrCommand(cluster, { id: '/subscriptions/s2/x', name: 'myacr', subscriptionId: 's2' })).toContain('--attach-acr /subscriptions/s2/x');
  });

  it('names the workload for kubectl set image', () => {
    const failure = { image: 'a', source: 'cli' as const, controller: 'ReplicaSet/web-7d9f8c6b5d', container: 'web', namespace: 'shop' };
    expect(workloadOf(failure)).toBe('deployment/web');
    expect(setImageCommand(failure, 'myacr.azurecr.io/web:v2')).toBe('kubectl set image deployment/web web=myacr.azurecr.io/web:v2 -n shop');
    expect(setImageCommand({ ...failure, container: undefined }, 'x')).toBeUndefined();
  });
});
