import { reportedClientIp } from './checks/network-rules';
import { attachAcrCommand, nodeSelectorPatchCommand, setImageCommand, sh, subscriptionArg, workloadOf } from './fix-commands';

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

  it.each([
    ['a resource in the cluster subscription needs no flag', 'S1', 's1', ''],
    ['another subscription is named (az finds names only in the current one)', 's2', 's1', ' --subscription s2'],
    ['an unknown subscription adds nothing', undefined, 's1', ''],
  ])('subscriptionArg: %s', (_why, resource, cluster, expected) => {
    expect(subscriptionArg(resource, cluster)).toBe(expected);
  });

  it('pins a workload to several node labels in one nodeSelector', () => {
    const failure = { image: 'a', source: 'cli' as const, controller: 'Deployment/worker', container: 'worker', namespace: 'orders' };
    expect(nodeSelectorPatchCommand(failure, { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' })).toBe(
      `kubectl patch deployment/worker -n orders --type merge -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}}}}}'`,
    );
  });

  it.each([
    ["403 Forbidden: client with IP '4.225.30.40' is not allowed access. Refer https://aka.ms/acr/firewall", '4.225.30.40'],
    ['403 Forbidden', undefined],
    [undefined, undefined],
  ])('reads the client IP from ACR firewall refusal %p', (message, ip) => {
    expect(reportedClientIp(message)).toBe(ip);
  });
});
