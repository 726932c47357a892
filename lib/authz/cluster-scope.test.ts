import { clusterAllowedForChat, resolveChatCluster } from './cluster-scope';

const SUB = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const id = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const PROD = id(SUB, 'rg-aks-prod', 'aks-prod');
const RG_DEV = `/subscriptions/${SUB}/resourceGroups/rg-dev`;

describe('cluster scope for chat', () => {
  it('allows nothing when the list is empty', () => {
    expect(clusterAllowedForChat(PROD, [])).toBe(false);
    expect(resolveChatCluster('aks-prod', [])).toMatchObject({ ok: false, kind: 'denied' });
  });

  it('resolves a name, rg/name and a full id within the list', () => {
    const allowed = [PROD, RG_DEV];
    expect(resolveChatCluster('aks-prod', allowed)).toEqual({ ok: true, clusterId: PROD });
    expect(resolveChatCluster('AKS-PROD', allowed)).toEqual({ ok: true, clusterId: PROD });
    expect(resolveChatCluster('rg-aks-prod/aks-prod', allowed)).toEqual({ ok: true, clusterId: PROD });
    expect(resolveChatCluster('rg-dev/aks-dev', allowed)).toEqual({ ok: true, clusterId: id(SUB, 'rg-dev', 'aks-dev') });
    expect(resolveChatCluster(id(SUB, 'rg-dev', 'aks-x'), allowed)).toEqual({ ok: true, clusterId: id(SUB, 'rg-dev', 'aks-x') });
  });

  it('a name in the only allowed resource group resolves there', () => {
    expect(resolveChatCluster('aks-dev', [RG_DEV])).toEqual({ ok: true, clusterId: id(SUB, 'rg-dev', 'aks-dev') });
  });

  it('never resolves outside the list', () => {
    const allowed = [PROD];
    expect(resolveChatCluster('aks-other', allowed)).toMatchObject({ ok: false, kind: 'denied' });
    expect(resolveChatCluster('rg-other/aks-prod', allowed)).toMatchObject({ ok: false, kind: 'denied' });
    expect(resolveChatCluster(id(OTHER, 'rg-aks-prod', 'aks-prod'), allowed)).toMatchObject({ ok: false, kind: 'denied' });
    expect(clusterAllowedForChat(id(SUB, 'rg-aks-prod', 'aks-prod2'), allowed)).toBe(false);
    // A resource group entry does not allow a same-prefix group.
    expect(clusterAllowedForChat(id(SUB, 'rg-dev2', 'x'), [RG_DEV])).toBe(false);
  });

  it('rejects text that is no cluster name', () => {
    expect(resolveChatCluster('aks;prod', [PROD])).toMatchObject({ ok: false, kind: 'invalid', error: 'not a valid cluster name' });
    expect(resolveChatCluster('/subscriptions/x/../../', [PROD])).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('asks when a name is ambiguous or missing', () => {
    const rgB = `/subscriptions/${OTHER}/resourceGroups/rg-b`;
    expect(resolveChatCluster('aks-x', [RG_DEV, rgB])).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(resolveChatCluster(undefined, [PROD, RG_DEV])).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(resolveChatCluster(undefined, [PROD])).toEqual({ ok: true, clusterId: PROD });
    expect(resolveChatCluster('aks-prod', [PROD, id(OTHER, 'rg-aks-prod', 'aks-prod')])).toMatchObject({ ok: false, kind: 'ambiguous' });
  });
});
