import { MemoryJobQueue } from '../queue/job-queue';
import { muteIncident, requestRecheck, resolveIncident } from './incident-actions';
import { MemoryIncidentStore } from './memory-incident-store';
import { mergeFailures } from './merge-failures';

const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const id = 'a'.repeat(32);

async function store() {
  const s = new MemoryIncidentStore();
  await s.update(cluster, id, () =>
    mergeFailures(undefined, { id, cluster, image: 'nginx:1.27', category: 'rate_limited' }, [{ image: 'nginx:1.27', namespace: 'web', pod: 'p', source: 'k8s-event' }], {
      now: new Date('2026-11-25T21:00:00Z'),
      policy: { debounceMs: 0, coalesceMs: 0 },
    }).next,
  );
  return s;
}

describe('incident actions', () => {
  it('mutes, then resolves by hand, and refuses to act twice', async () => {
    const s = await store();
    expect(await muteIncident(s, cluster, id, new Date('2026-11-25T22:00:00Z'))).toMatchObject({ ok: true, incident: { status: 'muted', mutedUntil: '2026-11-25T22:00:00.000Z' } });
    const resolved = await resolveIncident(s, cluster, id, 'resolved by @ana', new Date('2026-11-25T21:30:00Z'));
    expect(resolved).toMatchObject({ ok: true, incident: { status: 'resolved', resolvedReason: 'resolved by @ana' } });
    expect(resolved.ok && resolved.incident.mutedUntil).toBeUndefined();
    expect(await resolveIncident(s, cluster, id, 'again')).toEqual({ ok: false, reason: 'the incident is already resolved' });
    expect(await muteIncident(s, cluster, id, new Date())).toEqual({ ok: false, reason: 'the incident is resolved' });
    expect(await muteIncident(s, cluster, 'b'.repeat(32), new Date())).toEqual({ ok: false, reason: 'no such incident' });
  });

  it('queues a forced re-check that resolves when it passes', async () => {
    const s = await store();
    const q = new MemoryJobQueue();
    expect(await requestRecheck(s, q, cluster, id, '@ana')).toMatchObject({ ok: true });
    expect(q.pending[0]?.job).toMatchObject({ reason: 'recheck', force: true, requestedBy: '@ana', resolveIfPasses: 're-check requested by @ana passed' });
  });
});
