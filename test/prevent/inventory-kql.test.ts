import { runningImagesQuery } from '../../lib/prevent/inventory-kql';
import { workloadsFromRows } from '../../lib/prevent/running-workloads';
import { kustoDiagnostics } from '../helpers/kusto';

const window = { start: new Date('2026-11-25T20:50:00Z'), end: new Date('2026-11-25T21:50:00Z') };
const cluster = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('the running-images inventory query', () => {
  it.each([
    ['every running image', runningImagesQuery(window)],
    ['one cluster', runningImagesQuery({ ...window, cluster })],
    ['one repository and its tags', runningImagesQuery({ ...window, registries: ['myacr.azurecr.io'], repository: 'team/app', tags: ['v1.2', '2026.11.1'] })],
  ])('%s: no syntax or semantic errors against the Container insights schema', (_name, query) => {
    expect(kustoDiagnostics(query)).toEqual([]);
  });

  it('the validation sees a broken template (unknown column)', () => {
    expect(kustoDiagnostics(runningImagesQuery(window).replace('ImageTag', 'ImageLabel')).join('\n')).toMatch(/ImageLabel/);
  });

  it.each([
    ['cluster', { cluster: "/subscriptions/x' or 1==1" }],
    ['registry', { registries: ["myacr.azurecr.io' | take 1"] }],
    ['repository', { repository: 'App Name' }],
    ['tag', { tags: ["v1'"] }],
  ])('refuses a %s outside its grammar', (_what, filter) => {
    expect(() => runningImagesQuery({ ...window, ...filter })).toThrow(/not a valid/);
  });

  it('adds up the ReplicaSets of one Deployment and names the Deployment', () => {
    const row = { ClusterId: cluster, Namespace: 'shop', Container: 'web', Repository: 'myacr.azurecr.io', Image: 'app', ImageTag: 'v1.2' };
    const workloads = workloadsFromRows([
      { ...row, Workload: 'ReplicaSet/web-7d9c5b8f6d', Pods: 3, NodePools: '["userpool"]' },
      { ...row, Workload: 'ReplicaSet/web-5c4b3a2f1e', Pods: 1, NodePools: ['system'] },
    ]);
    expect(workloads).toEqual([{ cluster, namespace: 'shop', workload: 'Deployment/web', container: 'web', pods: 4, image: 'myacr.azurecr.io/app:v1.2', nodePools: ['system', 'userpool'] }]);
  });

  it('refuses a row Log Analytics should never return', () => {
    expect(() => workloadsFromRows([{ ClusterId: cluster, Namespace: 'shop', Workload: 'Deployment/web', Image: 'app', Pods: -1 }])).toThrow(/inventory row 0/);
  });
});
