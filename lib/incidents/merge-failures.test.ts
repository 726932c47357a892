import type { PullFailure } from '../model';
import { LIST_CAP, mergeFailures, type IncidentIdentity } from './merge-failures';

const identity: IncidentIdentity = {
  id: 'a'.repeat(32),
  cluster: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
  image: 'pdacr.azurecr.io/shop/web:v1.2',
  category: 'tag_not_found',
};
const policy = { debounceMs: 10 * 60_000, coalesceMs: 60_000 };
const at = (min: number) => new Date(Date.UTC(2026, 10, 25, 21, min));
const failure = (pod: string, min: number, extra: Partial<PullFailure> = {}): PullFailure => ({
  image: identity.image,
  namespace: 'shop',
  pod,
  controller: 'Deployment/web',
  lastSeen: at(min).toISOString(),
  source: 'k8s-event',
  ...extra,
});

describe('mergeFailures', () => {
  it('creates an open incident and asks for one job', () => {
    const r = mergeFailures(undefined, identity, [failure('web-1', 0), failure('web-2', 1)], { now: at(1), policy, alertId: 'alert-1' });
    expect(r).toMatchObject({ created: true, enqueue: 'new', newPods: 2 });
    expect(r.next).toMatchObject({ status: 'open', pods: ['shop/web-1', 'shop/web-2'], namespaces: ['shop'], controllers: ['shop/Deployment/web'], eventCount: 2, alertIds: ['alert-1'], podCount: 2 });
    expect(r.next?.sample?.pod).toBe('web-2');
  });

  it('is idempotent: the same failure again writes nothing and enqueues nothing', () => {
    const first = mergeFailures(undefined, identity, [failure('web-1', 0)], { now: at(0), policy }).next!;
    expect(mergeFailures(first, identity, [failure('web-1', 0)], { now: at(0), policy })).toMatchObject({ next: undefined, enqueue: undefined });
  });

  it('writes new pods but debounces their job; after the debounce a job is asked for', () => {
    const first = mergeFailures(undefined, identity, [failure('web-1', 0)], { now: at(0), policy }).next!;
    const soon = mergeFailures(first, identity, [failure('web-2', 2)], { now: at(2), policy });
    expect(soon.next?.pods).toEqual(['shop/web-1', 'shop/web-2']);
    expect(soon.enqueue).toBeUndefined();
    const later = mergeFailures(soon.next, identity, [failure('web-3', 11)], { now: at(11), policy });
    expect(later.enqueue).toBe('pods-added');
    expect(later.next?.lastEnqueuedAt).toBe(at(11).toISOString());
  });

  it('writes when only lastSeen moved past the coalesce window, folding pending counts', () => {
    const first = mergeFailures(undefined, identity, [failure('web-1', 0)], { now: at(0), policy }).next!;
    expect(mergeFailures(first, identity, [failure('web-1', 0.5)], { now: at(0.5), policy }).next).toBeUndefined();
    const moved = mergeFailures(first, identity, [failure('web-1', 2)], { now: at(2), policy, pendingEvents: 5 });
    expect(moved.next).toMatchObject({ lastSeen: at(2).toISOString(), eventCount: 1 + 1 + 5 });
  });

  it('reopens a resolved incident on a later failure, in the same thread, and ignores stale ones', () => {
    const open = mergeFailures(undefined, identity, [failure('web-1', 0)], { now: at(0), policy }).next!;
    const resolved = { ...open, status: 'resolved' as const, resolvedAt: at(10).toISOString(), resolvedReason: 'image pushed', chat: { platform: 'slack' as const, channel: 'C1', ts: '1.2' } };
    expect(mergeFailures(resolved, identity, [failure('web-1', 5)], { now: at(12), policy }).next).toBeUndefined();
    const again = mergeFailures(resolved, identity, [failure('web-1', 15)], { now: at(15), policy });
    expect(again).toMatchObject({ reopened: true, enqueue: 'reopened', next: { status: 'open', chat: { ts: '1.2' } } });
    expect(again.next?.resolvedAt).toBeUndefined();
  });

  it('keeps a muted incident quiet until the mute runs out', () => {
    const open = mergeFailures(undefined, identity, [failure('web-1', 0)], { now: at(0), policy }).next!;
    const muted = { ...open, status: 'muted' as const, mutedUntil: at(30).toISOString(), lastEnqueuedAt: at(0).toISOString() };
    expect(mergeFailures(muted, identity, [failure('web-9', 20)], { now: at(20), policy })).toMatchObject({ enqueue: undefined, next: { status: 'muted' } });
    expect(mergeFailures(muted, identity, [failure('web-9', 31)], { now: at(31), policy })).toMatchObject({ enqueue: 'pods-added', next: { status: 'open' } });
  });

  it(`caps the stored pod list at ${LIST_CAP} and keeps counting`, () => {
    const many = Array.from({ length: LIST_CAP + 20 }, (_, i) => failure(`web-${i}`, 0));
    const r = mergeFailures(undefined, identity, many, { now: at(0), policy });
    expect(r.next?.pods.length).toBe(LIST_CAP);
    expect(r.next?.podCount).toBe(LIST_CAP + 20);
  });
});
