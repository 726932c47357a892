import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import type { IncidentStore } from '../../lib/incidents/incident-store';
import type { Incident } from '../../lib/model';
import { useAzurite } from '../helpers/use-azurite';

const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const other = cluster.replace(/aks$/, 'aks-2');

function incident(id: string, status: Incident['status'], image: string, c = cluster): Incident {
  const at = new Date().toISOString();
  return { id, cluster: c, image, category: 'tag_not_found', status, pods: [], namespaces: [], controllers: [], firstSeen: at, lastSeen: at, eventCount: 1, ...(status === 'resolved' ? { resolvedAt: at } : {}) };
}

const azurite = useAzurite();

describe.each([
  ['Table Storage (Azurite)', () => TableIncidentStore.create({ connectionString: azurite.connectionString }, `retention${Date.now() % 100000}`)],
  ['memory', () => new MemoryIncidentStore()],
])('%s: cheap reads and retention', (_name, make: () => IncidentStore) => {
  it('finds open incidents within a cluster (and image), pending jobs, and sweeps only what expired', async () => {
    const store = make();
    await store.update(cluster, 'a'.repeat(32), () => incident('a'.repeat(32), 'open', 'acr.azurecr.io/app:v1'));
    await store.update(cluster, 'b'.repeat(32), () => incident('b'.repeat(32), 'resolved', 'acr.azurecr.io/app:v1'));
    await store.update(cluster, 'c'.repeat(32), () => ({
      ...incident('c'.repeat(32), 'muted', 'acr.azurecr.io/app:v2'),
      pendingJob: { id: '11111111-1111-4111-8111-111111111111', reason: 'recheck', force: true, createdAt: new Date().toISOString(), sentAt: new Date().toISOString(), sends: 0 },
    }));
    await store.update(other, 'd'.repeat(32), () => incident('d'.repeat(32), 'open', 'acr.azurecr.io/app:v1', other));
    expect((await store.openIncidents(cluster)).map((i) => i.id).sort()).toEqual(['a'.repeat(32), 'c'.repeat(32)]);
    expect((await store.openIncidents(cluster, 'acr.azurecr.io/app:v1')).map((i) => i.id)).toEqual(['a'.repeat(32)]);
    expect((await store.withPendingJobs()).map((i) => i.id)).toEqual(['c'.repeat(32)]);

    await store.indexIncident('repo|acr.azurecr.io/app', { cluster, id: 'a'.repeat(32) });
    await store.indexIncident('repo|acr.azurecr.io/app', { cluster, id: 'b'.repeat(32) });
    await store.indexIncident('repo|acr.azurecr.io/app', { cluster, id: 'a'.repeat(32) });
    expect((await store.indexedIncidents('repo|acr.azurecr.io/app')).map((e) => e.id).sort()).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(await store.indexedIncidents('repo|acr.azurecr.io/other')).toEqual([]);
    await store.markProcessed('eg|event-1');
    await store.recordPushedTag({ loginServer: 'acr.azurecr.io', repository: 'app', tag: 'v1', digest: 'sha256:' + '1'.repeat(64) });
    await store.recordJobFailure({ jobId: 'j1', incidentId: 'a'.repeat(32), cluster, attempt: 1, error: 'x', at: new Date(Date.now() - 1000).toISOString() });
    const past = new Date(Date.now() - 3_600_000);
    expect(await store.sweep({ processedBefore: past, tagsBefore: past, resolvedBefore: past, jobFailuresBefore: past })).toEqual({ processed: 0, tags: 0, incidents: 0, jobFailures: 0, indexes: 0 });
    const future = new Date(Date.now() + 60_000);
    expect(await store.sweep({ processedBefore: future, tagsBefore: future, resolvedBefore: future, jobFailuresBefore: future })).toEqual({ processed: 1, tags: 1, incidents: 1, jobFailures: 1, indexes: 1 });
    // The resolved incident's index entry went with it; the open one's stays.
    expect(await store.indexedIncidents('repo|acr.azurecr.io/app')).toEqual([{ cluster, id: 'a'.repeat(32) }]);
    expect(await store.hasProcessed('eg|event-1')).toBe(false);
    expect(await store.get(cluster, 'b'.repeat(32))).toBeUndefined();
    expect((await store.list()).map((i) => i.id).sort()).toEqual(['a'.repeat(32), 'c'.repeat(32), 'd'.repeat(32)]);
  });
});
