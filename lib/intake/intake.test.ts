import { MemoryIncidentStore } from '../incidents/memory-incident-store';
import type { PullFailure } from '../model';
import { MemoryJobQueue } from '../queue/job-queue';
import { imageMatches, inScope, Intake } from './intake';
import { silentLogger } from './logger';

const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const image = 'pdacr.azurecr.io/shop/web:v1.2';
const failed = (pod: string, minute: number): PullFailure => ({
  cluster,
  namespace: 'shop',
  pod,
  image,
  reason: 'Failed',
  message: `Failed to pull image "${image}": not found`,
  lastSeen: new Date(Date.UTC(2026, 10, 25, 21, minute)).toISOString(),
  source: 'k8s-event',
});
const backOff = (pod: string, minute: number): PullFailure => ({ ...failed(pod, minute), reason: 'BackOff', message: `Back-off pulling image "${image}"` });

function setup() {
  const store = new MemoryIncidentStore();
  const queue = new MemoryJobQueue();
  const intake = new Intake({
    store,
    queue,
    classify: (f) => (f.reason === 'BackOff' ? 'unknown' : 'tag_not_found'),
    log: silentLogger,
    settings: { debounceMinutes: 10, allowedClusters: [], allowedRegistries: [] },
    now: () => new Date(Date.UTC(2026, 10, 25, 21, 10)),
  });
  return { store, queue, intake };
}

describe('Intake', () => {
  it('puts cause-less BackOff events into the incident that knows the cause, keeping its sample', async () => {
    const { store, queue, intake } = setup();
    await intake.ingest([failed('web-1', 0)]);
    await intake.ingest([backOff('web-2', 1)]);
    const incidents = await store.list();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ category: 'tag_not_found', pods: ['shop/web-1', 'shop/web-2'], sample: { reason: 'Failed' } });
    expect(queue.pending.map((p) => p.job.reason)).toEqual(['new']);
  });

  it('gives an incident opened by BackOff events the cause when it arrives, in the same incident, with a forced job', async () => {
    const { store, queue, intake } = setup();
    await intake.ingest([backOff('web-1', 0)]);
    await intake.ingest([failed('web-1', 1)]);
    await intake.ingest([failed('web-2', 2)]);
    const incidents = await store.list();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ category: 'tag_not_found', pods: ['shop/web-1', 'shop/web-2'], sample: { reason: 'Failed' } });
    expect(queue.pending.map((p) => [p.job.reason, p.job.force])).toEqual([
      ['new', false],
      ['cause-known', true],
    ]);
  });

  it('groups one batch into one update per incident and drops invalid or out-of-scope failures', async () => {
    const { store, intake } = setup();
    const result = await intake.ingest([failed('web-1', 0), failed('web-2', 0), { ...failed('web-3', 0), pod: 'Web_3' }, { ...failed('web-4', 0), cluster: undefined }]);
    expect(result).toMatchObject({ created: 1, writes: 1, enqueued: 1, ignored: ['not a valid pod name', 'no cluster id'] });
    expect((await store.list())[0]?.pods).toEqual(['shop/web-1', 'shop/web-2']);
  });

  it('matches scopes and pushed images exactly', () => {
    expect(inScope(cluster, ['/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-AKS'])).toBe(true);
    expect(inScope(cluster, ['/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ak'])).toBe(false);
    expect(inScope(cluster, [])).toBe(true);
    expect(imageMatches({ image }, { loginServer: 'PDACR.azurecr.io', repository: 'shop/web', tag: 'v1.2' })).toBe(true);
    expect(imageMatches({ image }, { loginServer: 'pdacr.azurecr.io', repository: 'shop/web', tag: 'v1.3' })).toBe(false);
    expect(imageMatches({ image: 'pdacr.azurecr.io/shop/web@sha256:' + 'a'.repeat(64) }, { loginServer: 'pdacr.azurecr.io', repository: 'shop/web', digest: 'sha256:' + 'a'.repeat(64) })).toBe(true);
  });
});

describe('Intake counters', () => {
  it('keeps repeat events in memory and writes their count within a minute', async () => {
    const store = new MemoryIncidentStore();
    let minute = 0;
    const intake = new Intake({
      store,
      queue: new MemoryJobQueue(),
      classify: () => 'tag_not_found',
      log: silentLogger,
      settings: { debounceMinutes: 10, allowedClusters: [], allowedRegistries: [] },
      now: () => new Date(Date.UTC(2026, 10, 25, 21, minute)),
    });
    // The same kubelet event time again and again: nothing durable changes, only the count.
    const event = failed('web-1', 0);
    await intake.ingest([event]);
    const writes = store.writes;
    await intake.ingest([event]);
    await intake.ingest([event]);
    expect(store.writes).toBe(writes);
    expect((await store.list())[0]?.eventCount).toBe(1);
    minute = 0.5;
    await intake.ingest([event]);
    expect(store.writes).toBe(writes);
    minute = 1.2;
    await intake.ingest([event]);
    expect((await store.list())[0]?.eventCount).toBe(5);
  });
});
