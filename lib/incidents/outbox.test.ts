import { MemoryJobQueue } from '../queue/job-queue';
import type { Incident } from '../model';
import { MemoryIncidentStore } from './memory-incident-store';
import { acknowledge, CLAIM_TIMEOUT_MS, OUTBOX_ACK_MS, OUTBOX_MAX_SENDS, requestJob, resendIfDue } from './outbox';

const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const id = 'c'.repeat(32);
const T0 = Date.parse('2026-11-25T21:00:00Z');

async function setup() {
  const store = new MemoryIncidentStore();
  const queue = new MemoryJobQueue();
  let clock = T0;
  const incident: Incident = {
    id,
    cluster,
    image: 'myacr.azurecr.io/app:v1',
    category: 'tag_not_found',
    status: 'open',
    pods: [],
    namespaces: [],
    controllers: [],
    firstSeen: new Date(T0).toISOString(),
    lastSeen: new Date(T0).toISOString(),
    eventCount: 1,
  };
  await store.update(cluster, id, () => incident);
  const deps = { store, queue, now: () => new Date(clock) };
  return { store, queue, deps, advance: (ms: number) => (clock += ms) };
}

describe('outbox', () => {
  it('writes the intent with the change and sends it; the job carries the intent id', async () => {
    const { store, queue, deps } = await setup();
    const stored = await requestJob(deps, cluster, id, { reason: 'recheck', force: true, requestedBy: '@oncall' });
    expect(stored?.pendingJob).toMatchObject({ reason: 'recheck', force: true, sends: 0 });
    expect(queue.pending.map((p) => p.job.jobId)).toEqual([stored!.pendingJob!.id]);
    expect((await store.get(cluster, id))?.pendingJob?.id).toBe(stored!.pendingJob!.id);
  });

  it('keeps the intent when the send fails, and re-sends it once it is overdue, once per bound', async () => {
    const { store, queue, deps, advance } = await setup();
    const failing = { ...deps, queue: { enqueue: async () => Promise.reject(new Error('queue down')), peekPoison: async () => [] } };
    await expect(requestJob(failing, cluster, id, { reason: 'new' })).rejects.toThrow('queue down');
    const pending = (await store.get(cluster, id))!;
    expect(await resendIfDue(deps, pending, CLAIM_TIMEOUT_MS)).toBe('not-due');
    advance(OUTBOX_ACK_MS);
    expect(await resendIfDue(deps, pending, CLAIM_TIMEOUT_MS)).toBe('sent');
    // A second instance holding the same stale copy sends nothing: the bump was ETag-guarded.
    expect(await resendIfDue(deps, pending, CLAIM_TIMEOUT_MS)).toBe('not-due');
    expect(queue.pending).toHaveLength(1);
    expect((await store.get(cluster, id))?.pendingJob?.sends).toBe(1);
  });

  it('does not re-send a job a runner has claimed, and forgets it once acknowledged', async () => {
    const { store, queue, deps, advance } = await setup();
    const stored = (await requestJob(deps, cluster, id, { reason: 'new' }))!;
    const jobId = stored.pendingJob!.id;
    await store.update(cluster, id, (c) => c && { ...c, job: { id: jobId, startedAt: new Date(T0).toISOString() } });
    advance(OUTBOX_ACK_MS);
    expect(await resendIfDue(deps, (await store.get(cluster, id))!, CLAIM_TIMEOUT_MS)).toBe('not-due');
    await store.update(cluster, id, (c) => c && acknowledge(c, jobId));
    const done = (await store.get(cluster, id))!;
    expect(done.pendingJob).toBeUndefined();
    expect(done.job).toBeUndefined();
    expect(done.doneJobs).toEqual([jobId]);
    expect(queue.pending).toHaveLength(1);
  });

  it('gives up after the last send and records why', async () => {
    const { store, deps, advance } = await setup();
    await requestJob(deps, cluster, id, { reason: 'new' });
    for (let i = 0; i < OUTBOX_MAX_SENDS; i++) {
      advance(OUTBOX_ACK_MS);
      expect(await resendIfDue(deps, (await store.get(cluster, id))!, CLAIM_TIMEOUT_MS)).toBe('sent');
    }
    advance(OUTBOX_ACK_MS);
    expect(await resendIfDue(deps, (await store.get(cluster, id))!, CLAIM_TIMEOUT_MS)).toBe('given-up');
    const incident = (await store.get(cluster, id))!;
    expect(incident.pendingJob).toBeUndefined();
    expect(incident.deliveryFailed).toMatchObject({ permanent: false, reason: expect.stringMatching(/never picked up/) });
  });
});
