import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import type { Check } from './check';
import { createEngine } from './engine';

// Unit test of the engine's scheduling with small fake checks; the real checks are tested against sandbox worlds.
const azure = { requestCounts: () => ({ arm: 0, logs: 0 }) } as unknown as AzureClients;
const registries = { forHost: () => { throw new Error('unused'); }, requestCount: () => 0 } as unknown as RegistryClientFactory;
const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli' as const, message: 'Back-off pulling image "myacr.azurecr.io/app:v1"' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function check(partial: Partial<Check> & Pick<Check, 'id'>): Check {
  return { title: partial.id, needs: [], run: async () => ({ finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } }), ...partial };
}

describe('engine', () => {
  it('runs independent checks concurrently and dependents after their facts', async () => {
    const order: string[] = [];
    const checks: Check[] = [
      check({ id: 'image-reference', provides: ['image'], run: async () => { order.push('image:start'); await sleep(30); order.push('image:end'); return { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] }, facts: { image: { original: 'x', registry: 'r', repository: 'a', registryDefaulted: false, tagDefaulted: false } } }; } }),
      check({ id: 'cluster', run: async () => { order.push('cluster:start'); await sleep(30); order.push('cluster:end'); return { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } }; } }),
      check({ id: 'repository-tag', needs: ['image'], run: async () => { order.push('tag:start'); return { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } }; } }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(order.indexOf('cluster:start')).toBeLessThan(order.indexOf('image:end'));
    expect(order.indexOf('tag:start')).toBeGreaterThan(order.indexOf('image:end'));
    expect(d.findings.map((f) => f.checkId)).toEqual(['image-reference', 'cluster', 'repository-tag']);
  });

  it('skips a check whose facts nobody established, saying why', async () => {
    const checks: Check[] = [
      check({ id: 'registry', provides: ['registry'], run: async () => ({ finding: { status: 'skipped', summary: 'docker.io is not an Azure Container Registry', evidence: [], fixes: [] } }) }),
      check({ id: 'network-rules', needs: ['registry'] }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    const skipped = d.findings.find((f) => f.checkId === 'network-rules')!;
    expect(skipped.status).toBe('skipped');
    expect(skipped.summary).toContain('not an Azure Container Registry');
  });

  it('turns an exception into unknown naming the lookup and the permission, and goes on', async () => {
    const denied = Object.assign(new Error('denied'), { statusCode: 403, code: 'AuthorizationFailed', name: 'RestError' });
    const checks: Check[] = [
      check({
        id: 'pull-permission',
        run: (ctx) => ctx.lookups.get('LIST /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr/providers/Microsoft.Authorization/roleAssignments?principalId=p', async () => { throw denied; }),
      }),
      check({ id: 'cluster' }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    const unknown = d.findings[0];
    expect(unknown.status).toBe('unknown');
    expect(unknown.missing?.what).toContain('role assignments at /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr');
    expect(d.findings[1].status).toBe('pass');
  });

  it('ends a hanging check at its budget as unknown', async () => {
    const checks: Check[] = [
      check({ id: 'geo-replication', run: (ctx) => ctx.lookups.get('LIST /x/replications', () => new Promise(() => undefined)) }),
      check({ id: 'cluster' }),
    ];
    const t0 = Date.now();
    const d = await createEngine({ azure, registries, checks, checkTimeoutMs: 100 }).diagnose(failure);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(d.findings[0].status).toBe('unknown');
    expect(d.findings[0].summary).toMatch(/timed out/);
  });

  it('shares one lookup between concurrent checks and across runs within the TTL', async () => {
    let loads = 0;
    const lookup: Check['run'] = async (ctx) => {
      await ctx.lookups.get('GET /shared', async () => { loads += 1; await sleep(20); return 1; });
      return { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } };
    };
    const engine = createEngine({ azure, registries, checks: [check({ id: 'cluster', run: lookup }), check({ id: 'registry', run: lookup })], cacheTtlMs: 60_000 });
    await engine.diagnose(failure);
    await engine.diagnose(failure);
    expect(loads).toBe(1);
    engine.clearCache();
    await engine.diagnose(failure);
    expect(loads).toBe(2);
  });

  it('reports progress after each check', async () => {
    const seen: number[] = [];
    await createEngine({ azure, registries, checks: [check({ id: 'cluster' }), check({ id: 'registry' })] }).diagnose(failure, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2]);
  });
});

describe('engine with reads one after another', () => {
  it('never has two lookups in flight when maxConcurrentLookups is 1', async () => {
    let inFlight = 0;
    let peak = 0;
    const read: Check['run'] = async (ctx) => {
      await Promise.all(
        ['a', 'b'].map((k) =>
          ctx.lookups.get(`GET /${ctx.failure.image}/${k}/${Math.random()}`, async () => {
            inFlight += 1;
            peak = Math.max(peak, inFlight);
            await sleep(10);
            inFlight -= 1;
          }),
        ),
      );
      return { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } };
    };
    const checks = [check({ id: 'cluster', run: read }), check({ id: 'registry', run: read })];
    await createEngine({ azure, registries, checks, maxConcurrentLookups: 1 }).diagnose(failure);
    expect(peak).toBe(1);
    peak = 0;
    await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(peak).toBeGreaterThan(1);
  });
});
