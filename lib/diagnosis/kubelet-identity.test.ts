import { kubeletIdentityState } from './kubelet-identity';

// Whether the kubelet identity the cluster names is still that principal (the cluster check's fail;
// the fixes are in cluster-logic.test.ts).
const KUBELET = '2d2d2d2d-0000-4000-8000-00000000000a';

describe('kubeletIdentityState', () => {
  it.each<[string, { status?: number; principalId?: string }, string | undefined]>([
    ['deleted: GET answers 404', { status: 404 }, 'deleted'],
    ['replaced: the resource has another principal', { principalId: '9f9f9f9f-0000-4000-8000-000000000001' }, 'replaced'],
    ['the same principal', { principalId: KUBELET }, undefined],
    ['the same principal in another case', { principalId: KUBELET.toUpperCase() }, undefined],
    ['unreadable (403): not a finding', { status: 403 }, undefined],
    ['throttled (429): not a finding', { status: 429 }, undefined],
    ['no status and no principal', {}, undefined],
  ])('%s', (_what, read, expected) => {
    expect(kubeletIdentityState(KUBELET, read)).toBe(expected);
  });
});
