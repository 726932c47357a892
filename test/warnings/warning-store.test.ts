import { createServices } from '../../lib/app/create-services';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { TableWarningStore } from '../../lib/warnings/table-warning-store';
import { WARNING_DOC_MAX_CHARS, fitWarningDoc } from '../../lib/warnings/warning-doc';
import type { WarningStore } from '../../lib/warnings/warning-store';
import { useAzurite } from '../helpers/use-azurite';
import { CLUSTER, hugeReport, report, warningOf } from './fixtures';

const azurite = useAzurite();

function tableStore(): { store: TableWarningStore; incidents: TableIncidentStore } {
  const incidents = TableIncidentStore.create({ connectionString: azurite.connectionString }, `warnings${Math.random().toString(36).slice(2, 10)}`);
  return { store: new TableWarningStore(incidents.client), incidents };
}

describe.each([
  ['TableWarningStore (Azurite)', () => tableStore().store],
  ['MemoryWarningStore', () => new MemoryWarningStore()],
])('%s', (_name, make: () => WarningStore) => {
  let store: WarningStore;
  beforeEach(() => {
    store = make();
  });

  it('creates one warning per change, updates it in place, lists the unresolved ones', async () => {
    const w = warningOf(report());
    expect(await store.get(w.id)).toBeUndefined();
    expect((await store.update(w.id, () => w)).written).toBe(true);
    await store.update(w.id, (c) => c && { ...c, status: 'acknowledged', actedBy: 'ana' });
    expect(await store.get(w.id)).toMatchObject({ id: w.id, status: 'acknowledged', actedBy: 'ana', totals: { workloads: 2, pods: 4 } });
    expect((await store.unresolved()).map((x) => x.id)).toEqual([w.id]);
    await store.update(w.id, (c) => c && { ...c, status: 'resolved', resolvedAt: '2026-11-25T22:00:00.000Z', resolvedReason: 'tag pushed again' });
    expect(await store.unresolved()).toEqual([]);
    expect(await store.update(w.id, () => undefined)).toMatchObject({ written: false, warning: { status: 'resolved' } });
  });

  it('finds the warning of a (cluster, image) by key, whatever the cluster id casing', async () => {
    const w = warningOf(report());
    await store.update(w.id, () => w);
    expect((await store.forImage(CLUSTER.toUpperCase(), 'myacr.azurecr.io/shop/web:v1.2'))?.id).toBe(w.id);
    expect(await store.forImage(CLUSTER, 'myacr.azurecr.io/shop/web:v9')).toBeUndefined();
  });

  it('loses no update when 10 writers change one warning at once', async () => {
    const w = warningOf(report({ atRisk: [] }));
    await store.update(w.id, () => w);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.update(w.id, (c) => c && { ...c, keys: [...c.keys, { cluster: CLUSTER, image: `myacr.azurecr.io/x:${i}`, workloads: [] }] }),
      ),
    );
    expect((await store.get(w.id))?.keys).toHaveLength(10);
  });

  it('stores a report of 5,000 workloads, shortened to fit, with the real totals kept', async () => {
    const big = hugeReport(5_000);
    const w = warningOf(big);
    const stored = (await store.update(w.id, () => w)).warning!;
    expect(stored.totals).toEqual({ workloads: 5_000, pods: 5_000, undecided: 0 });
    expect(stored.report.atRisk.length).toBeGreaterThan(0);
    expect(stored.report.atRisk.length).toBeLessThan(5_000);
    // Largest blast radius first is what survives the halving.
    expect(stored.report.atRisk[0]!.namespace).toBe('team-0');
    expect((await store.get(w.id))?.totals.workloads).toBe(5_000);
  });
});

describe('warning retention', () => {
  it('sweeps resolved warnings older than the cut-off and keeps open ones (Azurite)', async () => {
    const { store } = tableStore();
    const open = warningOf(report());
    const resolved = warningOf(report({ change: { ...report().change, id: 'other-change' } }), { status: 'resolved', resolvedAt: '2026-11-25T22:00:00.000Z' });
    await store.update(open.id, () => open);
    await store.update(resolved.id, () => resolved);
    expect(await store.sweep(new Date(Date.now() - 60_000))).toBe(0);
    expect(await store.sweep(new Date(Date.now() + 60_000))).toBe(1);
    expect(await store.get(resolved.id)).toBeUndefined();
    expect((await store.get(open.id))?.status).toBe('open');
  });

  it('leaves the incident rows of the same table alone', async () => {
    const { store, incidents } = tableStore();
    const w = warningOf(report());
    await store.update(w.id, () => w);
    expect(await incidents.list()).toEqual([]);
  });
});

describe('fitWarningDoc', () => {
  it('keeps every warning doc under the Table property limit', () => {
    for (const n of [1, 50, 500, 5_000]) expect(fitWarningDoc(warningOf(hugeReport(n))).length).toBeLessThanOrEqual(WARNING_DOC_MAX_CHARS);
  });
});

describe('the composition root', () => {
  it('keeps warnings in the incident table when Storage is configured, never silently in memory', async () => {
    const table = `warnsvc${Math.random().toString(36).slice(2, 10)}`;
    const services = createServices({ AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_INCIDENT_TABLE: table }, { log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    // The table exists once incidents have touched it (intake always does before a warning).
    await services.store.list({ status: ['open'] });
    const w = warningOf(report());
    await services.warnings.store.update(w.id, () => w);
    const direct = new TableWarningStore(TableIncidentStore.create({ connectionString: azurite.connectionString }, table).client);
    expect((await direct.get(w.id))?.id).toBe(w.id);
  });
});
