import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { createServices } from '../../lib/app/create-services';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import type { Incident } from '../../lib/model';
import { newJob, parseJobMessage } from '../../lib/queue/diagnose-job';
import { StorageJobQueue } from '../../lib/queue/storage-job-queue';
import { TableWarningStore } from '../../lib/warnings/table-warning-store';
import { useAzurite } from '../helpers/use-azurite';

// Issue 16: the incident table and the job queue are created by the first write that finds them
// missing, not by a create-if-missing call before every process's first use (in Azure the Bicep
// creates both, and that call was one more round trip in the first request after a cold start).

const azurite = useAzurite();
const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
let names = 0;
const fresh = (prefix: string) => `${prefix}${++names}x${process.pid}`;

function incident(id: string, pods: string[]): Incident {
  const at = '2026-12-07T10:00:00.000Z';
  return { id, cluster, image: 'myacr.azurecr.io/shop/web:v1.2', category: 'tag_not_found', status: 'open', pods, namespaces: ['shop'], controllers: [], firstSeen: at, lastSeen: at, eventCount: pods.length };
}

/** Every HTTP request this process sends while `run` runs (method and path), as Node's http client reports them. */
async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    seen.push(`${request.method} ${decodeURIComponent(request.path.split('?')[0]!)}`);
  };
  subscribe('http.client.request.start', onStart);
  try {
    await run();
  } finally {
    unsubscribe('http.client.request.start', onStart);
  }
  return seen;
}

async function tableExists(name: string): Promise<boolean> {
  const service = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  for await (const table of service.listTables({ queryOptions: { filter: `TableName eq '${name}'` } })) if (table.name === name) return true;
  return false;
}

describe('incident table created by the first write', () => {
  it('reads of a missing table find nothing and create nothing; the first write creates it', async () => {
    const name = fresh('provision');
    const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, name);
    const warnings = new TableWarningStore(store.client, store.table);
    const id = 'a'.repeat(32);
    expect(await store.get(cluster, id)).toBeUndefined();
    expect(await store.hasProcessed('eg|1')).toBe(false);
    expect(await warnings.forImage(cluster, 'myacr.azurecr.io/shop/web:v1.2')).toBeUndefined();
    expect(await tableExists(name)).toBe(false);

    expect((await store.update(cluster, id, () => incident(id, ['shop/web-1']))).written).toBe(true);
    expect(await tableExists(name)).toBe(true);
    expect((await store.get(cluster, id))?.pods).toEqual(['shop/web-1']);
    expect(await store.markProcessed('eg|1')).toBe(true);
    expect(await store.hasProcessed('eg|1')).toBe(true);
  });

  it('an existing table gets no create call: a first event is a read that finds nothing, then one insert', async () => {
    const name = fresh('existing');
    await TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true }).createTable();
    const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, name);
    const id = 'b'.repeat(32);
    const sent = await requestsDuring(async () => {
      expect(await store.get(cluster, id)).toBeUndefined();
      // The read found no row: the update inserts without reading again.
      await store.update(cluster, id, (current) => (current ? undefined : incident(id, ['shop/web-1'])));
    });
    expect(sent).toEqual([expect.stringMatching(new RegExp(`^GET /devstoreaccount1/${name}\\(PartitionKey='.*',RowKey='${id}'\\)$`)), `POST /devstoreaccount1/${name}`]);
    expect(store.stats).toMatchObject({ reads: 1, writes: 1, conflicts: 0 });
  });

  it('an insert that finds the row created since the read that missed it (409) reads it and re-applies the change', async () => {
    const name = fresh('absentrace');
    const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, name);
    const other = TableIncidentStore.create({ connectionString: azurite.connectionString }, name);
    const id = 'c'.repeat(32);
    expect(await store.get(cluster, id)).toBeUndefined();
    await other.update(cluster, id, () => incident(id, ['shop/other']));
    let applied = 0;
    await store.update(cluster, id, (current) => {
      applied++;
      return current ? { ...current, pods: [...current.pods, 'shop/mine'], eventCount: current.eventCount + 1 } : incident(id, ['shop/mine']);
    });
    expect(applied).toBe(2);
    expect(store.stats.conflicts).toBe(1);
    expect((await store.get(cluster, id))?.pods).toEqual(['shop/other', 'shop/mine']);
  });
});

describe('job queue created by the first send', () => {
  it('a send to a missing queue creates it and the message arrives', async () => {
    const name = fresh('missing-');
    const queue = StorageJobQueue.create({ connectionString: azurite.connectionString }, name);
    const job = newJob({ incidentId: 'a'.repeat(32), cluster, reason: 'new' });
    await queue.enqueue(job);
    const peeked = await new QueueClient(azurite.connectionString, name).peekMessages();
    expect(peeked.peekedMessageItems.map((m) => parseJobMessage(m.messageText))).toEqual([{ ok: true, job }]);
  });

  it('a send to an existing queue is one request', async () => {
    const name = fresh('existing-');
    await new QueueClient(azurite.connectionString, name).create();
    const queue = StorageJobQueue.create({ connectionString: azurite.connectionString }, name);
    const sent = await requestsDuring(() => queue.enqueue(newJob({ incidentId: 'a'.repeat(32), cluster, reason: 'new' })));
    expect(sent).toEqual([`POST /devstoreaccount1/${name}/messages`]);
  });
});

describe('preloadIntake', () => {
  const servicesFor = (table: string, queue: string) => createServices({ AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_INCIDENT_TABLE: table, PULL_DOCTOR_QUEUE_NAME: queue });

  it('loadIntake (awaited at start) builds the clients without a request', async () => {
    const services = servicesFor(fresh('load'), fresh('load-'));
    expect(await requestsDuring(() => services.loadIntake())).toEqual([]);
  });

  it('on an idle instance, loads the SDKs and then warms both pipelines with their create-if-missing calls', async () => {
    const [table, queue] = [fresh('preload'), fresh('preload-')];
    const sent = await requestsDuring(() => servicesFor(table, queue).preloadIntake());
    expect(sent.sort()).toEqual([`POST /devstoreaccount1/Tables`, `PUT /devstoreaccount1/${queue}`]);
    expect(await tableExists(table)).toBe(true);
  });

  it('when a request reaches Storage first, only loads the SDKs: the request does not compete with a warm-up', async () => {
    const [table, queue] = [fresh('preloadbusy'), fresh('preloadbusy-')];
    const services = servicesFor(table, queue);
    const sent = await requestsDuring(async () => {
      const preloaded = services.preloadIntake();
      await services.store.hasProcessed('eg|1');
      await preloaded;
    });
    expect(sent).toEqual([expect.stringMatching(new RegExp(`^GET /devstoreaccount1/${table}\\(PartitionKey='_processed'`))]);
  });
});
