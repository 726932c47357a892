import { getEventListeners } from 'node:events';
import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import type { Check, CheckOutcome } from './check';
import { createEngine } from './engine';

// What the engine leaves behind and passes on: no timer or abort listener outlives a diagnosis (a
// CLI run would otherwise wait out every check's budget before it exits), in-cluster checks exist
// only when in-cluster evidence is on, a provider still running holds its dependants, and the
// times and reasons it reports are the real ones.
const azure = { requestCounts: () => ({ arm: 0, logs: 0 }) } as unknown as AzureClients;
const registries = { forHost: () => { throw new Error('unused'); }, requestCount: () => 0 } as unknown as RegistryClientFactory;
const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli' as const, message: 'Back-off pulling image "myacr.azurecr.io/app:v1"' };
const pass: CheckOutcome = { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const check = (partial: Partial<Check> & Pick<Check, 'id'>): Check => ({ title: partial.id, needs: [], run: async () => pass, ...partial });
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('engine: nothing outlives a diagnosis', () => {
  it('clears every check budget timer when the checks end', async () => {
    const before = timers();
    await createEngine({ azure, registries, checks: [check({ id: 'cluster' }), check({ id: 'registry' })], checkTimeoutMs: 60_000 }).diagnose(failure);
    expect(timers()).toBe(before);
  });

  it('removes its abort listeners from the run signal, and a later abort changes nothing', async () => {
    const run = new AbortController();
    const d = await createEngine({ azure, registries, checks: [check({ id: 'cluster' }), check({ id: 'registry' })] }).diagnose(failure, { signal: run.signal });
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    run.abort(new Error('too late'));
    expect(d.findings.map((f) => f.status)).toEqual(['pass', 'pass']);
  });

  it('names the run signal reason in what a cancelled check says', async () => {
    const run = new AbortController();
    const hang = check({ id: 'cluster', run: (ctx) => ctx.lookups.get(`GET /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/${Math.random()}`, () => new Promise(() => undefined)) });
    setTimeout(() => run.abort(new Error('user pressed cancel')), 20);
    const [finding] = (await createEngine({ azure, registries, checks: [hang], checkTimeoutMs: 60_000 }).diagnose(failure, { signal: run.signal })).findings;
    expect(finding).toMatchObject({ status: 'unknown', summary: expect.stringContaining('user pressed cancel') });
  });
});

describe('engine: what checks get and what a diagnosis reports', () => {
  it('runs an in-cluster check only when in-cluster evidence allows it (off by default)', async () => {
    const inCluster = check({ id: 'pull-secret', inCluster: 'read' });
    const off = await createEngine({ azure, registries, checks: [check({ id: 'cluster' }), inCluster] }).diagnose(failure);
    expect(off.findings.map((f) => f.checkId)).toEqual(['cluster']);
    const on = await createEngine({ azure, registries, checks: [check({ id: 'cluster' }), inCluster], inCluster: { mode: 'read', onCommand: () => undefined } }).diagnose(failure);
    expect(on.findings.map((f) => f.checkId)).toEqual(['cluster', 'pull-secret']);
  });

  it('gives checks the configured subscriptions, and none (all it can see) by default', async () => {
    const seen: Array<readonly string[]> = [];
    const reads = check({ id: 'registry', run: async (ctx) => { seen.push(ctx.subscriptions); return pass; } });
    await createEngine({ azure, registries, checks: [reads] }).diagnose(failure);
    await createEngine({ azure, registries, checks: [reads], subscriptions: ['11111111-1111-1111-1111-111111111111'] }).diagnose(failure);
    expect(seen).toEqual([[], ['11111111-1111-1111-1111-111111111111']]);
  });

  it('holds a dependant while its provider is still running, whichever check runs first', async () => {
    const checks: Check[] = [
      check({ id: 'cluster', run: async () => { await sleep(10); return pass; } }),
      check({ id: 'image-reference', provides: ['image'], run: async () => { await sleep(40); return { ...pass, facts: { image: { original: 'x', registry: 'r', repository: 'a', registryDefaulted: false, tagDefaulted: false } } }; } }),
      check({ id: 'repository-tag', needs: ['image'] }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(d.findings.map((f) => [f.checkId, f.status])).toEqual([['cluster', 'pass'], ['image-reference', 'pass'], ['repository-tag', 'pass']]);
  });

  it('reports real durations: the diagnosis and an unknown finding take milliseconds, not epochs', async () => {
    const t0 = Date.now();
    const d = await createEngine({ azure, registries, checks: [check({ id: 'cluster', run: async () => { await sleep(5); throw new Error('boom'); } })] }).diagnose(failure);
    const elapsed = Date.now() - t0;
    expect(d.timings.totalMs).toBeLessThanOrEqual(elapsed);
    expect(d.findings[0]!.durationMs).toBeGreaterThanOrEqual(4);
    expect(d.findings[0]!.durationMs).toBeLessThanOrEqual(elapsed);
  });

  it('names the lookup a check was waiting on when its budget ran out', async () => {
    const key = 'LIST /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr/replications';
    const [finding] = (await createEngine({ azure, registries, checks: [check({ id: 'geo-replication', run: (ctx) => ctx.lookups.get(key, () => new Promise(() => undefined)) })], checkTimeoutMs: 50 }).diagnose(failure)).findings;
    expect(finding!.summary).toMatch(/timed out/);
    expect(finding!.missing?.what).not.toBe('a lookup');
    expect(finding!.missing?.what).toContain('myacr');
  });

  it('names a lookup still in flight when the check failed for another reason', async () => {
    const key = 'LIST /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr/replications';
    const run: Check['run'] = async (ctx) => {
      await Promise.all([ctx.lookups.get(key, () => new Promise(() => undefined)), Promise.reject(new Error('boom'))]);
      return pass;
    };
    const [finding] = (await createEngine({ azure, registries, checks: [check({ id: 'geo-replication', run })], checkTimeoutMs: 5000 }).diagnose(failure)).findings;
    expect(finding!.status).toBe('unknown');
    expect(finding!.missing?.what).toContain('myacr');
  });
});
