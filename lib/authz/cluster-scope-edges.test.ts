import { clusterAllowedForChat, resolveChatCluster } from './cluster-scope';

/** Edges of the chat cluster scope that mutation testing showed nothing else pinned (issue #20). */
const SUB = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const id = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const PROD = id(SUB, 'rg-aks-prod', 'aks-prod');
const RG_DEV = `/subscriptions/${SUB}/resourceGroups/rg-dev`;

describe('cluster scope edges', () => {
  const rgB = `/subscriptions/${OTHER}/resourceGroups/rg-b`;

  it('reads allowed entries with spaces and trailing slashes, and ignores what is not a scope', () => {
    expect(clusterAllowedForChat(PROD, [` ${PROD}/ `])).toBe(true);
    expect(clusterAllowedForChat(id(SUB, 'rg-dev', 'x'), [`${RG_DEV}//`])).toBe(true);
    expect(clusterAllowedForChat(PROD, ['aks-prod', `/subscriptions/${SUB}`, 'not an id'])).toBe(false);
    expect(clusterAllowedForChat(PROD, [`/subscriptions/not-a-guid/resourceGroups/rg-aks-prod`])).toBe(false);
    expect(clusterAllowedForChat(id(SUB, 'RG-AKS-PROD', 'AKS-PROD'), [PROD])).toBe(true);
    expect(clusterAllowedForChat(`${RG_DEV}/providers/Microsoft.Storage/storageAccounts/x`, [RG_DEV])).toBe(false);
    expect(resolveChatCluster('aks-prod', ['not an id'])).toEqual({ ok: false, kind: 'denied', error: 'chat may not ask about any cluster: PULL_DOCTOR_ALLOWED_CLUSTERS lists none' });
  });

  it('a resource group scope names its subscription', () => {
    expect(resolveChatCluster('aks-b', [rgB])).toEqual({ ok: true, clusterId: id(OTHER, 'rg-b', 'aks-b') });
    expect(clusterAllowedForChat(id(SUB, 'rg-b', 'aks-b'), [rgB])).toBe(false);
  });

  it('without --cluster resolves only a single cluster entry', () => {
    expect(resolveChatCluster(undefined, [RG_DEV])).toEqual({ ok: false, kind: 'ambiguous', error: 'say which cluster with --cluster <name> (allowed: rg-dev/*)' });
    expect(resolveChatCluster(undefined, [PROD, RG_DEV])).toEqual({ ok: false, kind: 'ambiguous', error: 'say which cluster with --cluster <name> (allowed: rg-aks-prod/aks-prod, rg-dev/*)' });
    const other = id(SUB, 'rg-aks-prod', 'aks-b');
    expect(resolveChatCluster(undefined, [PROD, other])).toMatchObject({ ok: false, kind: 'ambiguous' });
  });

  it('explains a full id that is not allowed, or not a cluster', () => {
    expect(resolveChatCluster(id(OTHER, 'rg', 'aks-z'), [PROD])).toEqual({ ok: false, kind: 'denied', error: 'cluster aks-z is not in PULL_DOCTOR_ALLOWED_CLUSTERS' });
    expect(resolveChatCluster(`${RG_DEV}/providers/Microsoft.Storage/storageAccounts/x`, [RG_DEV])).toEqual({ ok: false, kind: 'invalid', error: 'not a valid cluster id' });
  });

  it('explains a name that is not allowed', () => {
    expect(resolveChatCluster('aks-other', [PROD, RG_DEV].slice(0, 1))).toEqual({ ok: false, kind: 'denied', error: 'cluster aks-other is not in PULL_DOCTOR_ALLOWED_CLUSTERS (allowed: rg-aks-prod/aks-prod)' });
  });

  it('names the groups a bare name could be in, and resolves it once the group is given', () => {
    expect(resolveChatCluster('aks-x', [RG_DEV, rgB])).toEqual({ ok: false, kind: 'ambiguous', error: 'cluster aks-x could be in rg-dev, rg-b: use --cluster <resourceGroup>/aks-x' });
    expect(resolveChatCluster('RG-B/aks-x', [RG_DEV, rgB])).toEqual({ ok: true, clusterId: id(OTHER, 'rg-b', 'aks-x') });
  });

  it('lists the candidates when a name matches clusters in two subscriptions', () => {
    const twin = id(OTHER, 'rg-aks-prod', 'aks-prod');
    expect(resolveChatCluster('rg-aks-prod/aks-prod', [PROD, twin])).toEqual({ ok: false, kind: 'ambiguous', error: `cluster rg-aks-prod/aks-prod matches several allowed clusters: use the full resource id (${PROD}, ${twin})` });
  });

  it('the same cluster listed twice (different casing) is one cluster', () => {
    expect(resolveChatCluster('aks-prod', [PROD, PROD.toLowerCase()])).toEqual({ ok: true, clusterId: PROD });
  });

  it.each([
    ['a', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-aks', false],
    ['_aks', false],
    ['aks_prod-1', true],
    ['aks.prod', false],
    ['', false],
    ['rg.with.dots/aks', true],
    ['rg(x)/aks', true],
    ['rg./aks', false],
    [`${'r'.repeat(90)}/aks`, true],
    [`${'r'.repeat(91)}/aks`, false],
    ['rg x/aks', false],
    ['/aks', false],
  ])('cluster name %j is well-formed: %s', (input, valid) => {
    const result = resolveChatCluster(input, [RG_DEV]);
    if (valid) expect(result).not.toMatchObject({ kind: 'invalid' });
    else expect(result).toEqual({ ok: false, kind: 'invalid', error: input.startsWith('/') ? 'not a valid cluster id' : 'not a valid cluster name' });
  });
});
