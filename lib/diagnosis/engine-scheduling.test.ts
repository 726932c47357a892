import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import type { Check, CheckOutcome } from './check';
import type { DiagnosisProgress } from './diagnoser';
import { createEngine } from './engine';

// The engine's contract beyond the basics in engine.test.ts: how many checks run at once, what a
// skipped check says, what an unknown finding offers, cancellation, per-check budgets, what the
// diagnosis counts and reports. Small fake checks; the real checks are tested against sandbox worlds.
let counts = { arm: 0, logs: 0, registry: 0 };
const azure = { requestCounts: () => ({ arm: counts.arm, logs: counts.logs }) } as unknown as AzureClients;
const registries = { forHost: () => { throw new Error('unused'); }, requestCount: () => counts.registry } as unknown as RegistryClientFactory;
const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli' as const, message: 'Back-off pulling image "myacr.azurecr.io/app:v1"' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pass: CheckOutcome = { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } };
const IMAGE = { original: 'myacr.azurecr.io/app:v1', registry: 'myacr.azurecr.io', repository: 'app', tag: 'v1', registryDefaulted: false, tagDefaulted: false };

function check(partial: Partial<Check> & Pick<Check, 'id'>): Check {
  return { title: `title of ${partial.id}`, needs: [], run: async () => pass, ...partial };
}

describe('how many checks run at once', () => {
  const tracked = (ids: Check['id'][]) => {
    let now = 0;
    const peak = { value: 0 };
    const checks = ids.map((id) =>
      check({
        id,
        run: async () => {
          now += 1;
          peak.value = Math.max(peak.value, now);
          await sleep(15);
          now -= 1;
          return pass;
        },
      }),
    );
    return { checks, peak };
  };

  it('runs one after another with maxConcurrency 1, in check order', async () => {
    const { checks, peak } = tracked(['cluster', 'registry', 'platform']);
    const d = await createEngine({ azure, registries, checks, maxConcurrency: 1 }).diagnose(failure);
    expect(peak.value).toBe(1);
    expect(d.findings.map((f) => f.checkId)).toEqual(['cluster', 'registry', 'platform']);
  });

  it('runs at most two with maxConcurrency 2, and all ready ones by default', async () => {
    const two = tracked(['cluster', 'registry', 'platform', 'image-size']);
    await createEngine({ azure, registries, checks: two.checks, maxConcurrency: 2 }).diagnose(failure);
    expect(two.peak.value).toBe(2);
    const all = tracked(['cluster', 'registry', 'platform', 'image-size']);
    await createEngine({ azure, registries, checks: all.checks }).diagnose(failure);
    expect(all.peak.value).toBe(4);
  });
});

describe('skipped checks', () => {
  it('names each missing fact, with what its provider found, and a fact no check provides by itself', async () => {
    const checks: Check[] = [
      check({ id: 'image-reference', provides: ['image'], run: async () => ({ finding: { status: 'fail', summary: 'not a reference', evidence: [], fixes: [] } }) }),
      check({ id: 'platform', needs: ['image', 'manifest'] }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(d.findings[1]).toEqual({
      checkId: 'platform',
      status: 'skipped',
      summary: 'not checked: needs a valid image reference (image-reference: not a reference); the image manifest',
      evidence: [],
      fixes: [],
      durationMs: 0,
    });
    expect(d.timings.checks.platform).toBe(0);
  });

  it.each<[string, string]>([
    ['registry', 'the registry resource'],
    ['cluster', 'the AKS cluster'],
  ])('words the %s fact', async (fact, words) => {
    const d = await createEngine({ azure, registries, checks: [check({ id: 'network-rules', needs: [fact as 'registry'] })] }).diagnose(failure);
    expect(d.findings[0]!.summary).toBe(`not checked: needs ${words}`);
  });

  it('waits for a provider that is still running instead of skipping', async () => {
    const checks: Check[] = [
      check({ id: 'network-rules', needs: ['image'] }),
      check({ id: 'image-reference', provides: ['image'], run: async () => { await sleep(20); return { ...pass, facts: { image: IMAGE } }; } }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(d.findings.map((f) => [f.checkId, f.status])).toEqual([['network-rules', 'pass'], ['image-reference', 'pass']]);
    expect(d.image).toEqual(IMAGE);
  });

  it('gives a check the facts established before it started', async () => {
    let seen: unknown;
    const checks: Check[] = [
      check({ id: 'image-reference', provides: ['image'], run: async () => ({ ...pass, facts: { image: IMAGE } }) }),
      check({ id: 'repository-tag', needs: ['image'], run: async (ctx) => { seen = ctx.facts.image; return pass; } }),
    ];
    await createEngine({ azure, registries, checks }).diagnose(failure);
    expect(seen).toEqual(IMAGE);
  });
});

describe('unknown findings', () => {
  it('offers the permission that would let pull-doctor read what it could not', async () => {
    const denied = Object.assign(new Error('denied'), { statusCode: 403, code: 'AuthorizationFailed', name: 'RestError' });
    const checks: Check[] = [check({ id: 'pull-permission', run: (ctx) => ctx.lookups.get('LIST /subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr/providers/Microsoft.Authorization/roleAssignments', async () => { throw denied; }) })];
    const [finding] = (await createEngine({ azure, registries, checks }).diagnose(failure)).findings;
    expect(finding!.status).toBe('unknown');
    expect(finding!.evidence).toEqual([]);
    expect(finding!.missing?.permission).toBeTruthy();
    expect(finding!.fixes).toEqual([{ text: `Let pull-doctor read it: grant its identity ${finding!.missing!.permission}.` }]);
    expect(finding!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('offers no fix for a plain exception and says what failed', async () => {
    const [finding] = (await createEngine({ azure, registries, checks: [check({ id: 'cluster', run: async () => { throw new Error('boom'); } })] }).diagnose(failure)).findings;
    expect(finding).toMatchObject({ checkId: 'cluster', status: 'unknown', evidence: [] });
    expect(finding!.fixes).toEqual([]);
  });

  it('keeps a check to its own budget when it has one', async () => {
    const checks: Check[] = [
      check({ id: 'node-pull', timeoutMs: 300, run: async () => { await sleep(150); return pass; } }),
      check({ id: 'cluster', run: (ctx) => ctx.lookups.get('GET /hang', () => new Promise(() => undefined)) }),
    ];
    const d = await createEngine({ azure, registries, checks, checkTimeoutMs: 50 }).diagnose(failure);
    expect(d.findings.map((f) => f.status)).toEqual(['pass', 'unknown']);
  });

  it('ends every check when the run is cancelled, before or during the run', async () => {
    const hang = check({ id: 'cluster', run: (ctx) => ctx.lookups.get(`GET /hang/${Math.random()}`, () => new Promise(() => undefined)) });
    const cancelled = new AbortController();
    cancelled.abort(new Error('user cancelled'));
    const before = await createEngine({ azure, registries, checks: [hang], checkTimeoutMs: 60_000 }).diagnose(failure, { signal: cancelled.signal });
    expect(before.findings[0]!.status).toBe('unknown');

    const during = new AbortController();
    setTimeout(() => during.abort(new Error('user cancelled')), 30);
    const t0 = Date.now();
    const d = await createEngine({ azure, registries, checks: [hang], checkTimeoutMs: 60_000 }).diagnose(failure, { signal: during.signal });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.findings[0]!.status).toBe('unknown');
  });
});

describe('what a diagnosis reports', () => {
  it('counts the ARM, Log Analytics and registry requests of this run only', async () => {
    counts = { arm: 10, logs: 5, registry: 7 };
    const run: Check['run'] = async () => {
      counts.arm += 3;
      counts.logs += 1;
      counts.registry += 2;
      return pass;
    };
    const d = await createEngine({ azure, registries, checks: [check({ id: 'cluster', run })] }).diagnose(failure);
    expect(d.requests).toEqual({ arm: 3, registry: 2, logs: 1, total: 6 });
  });

  it('classifies the message, decides the verdict from the findings in check order, and times each check', async () => {
    const checks: Check[] = [
      check({ id: 'cluster', run: async () => { await sleep(30); return pass; } }),
      check({ id: 'image-size', run: async () => ({ finding: { status: 'fail', summary: 'image is 9 GB', evidence: [], fixes: [] } }) }),
    ];
    const d = await createEngine({ azure, registries, checks }).diagnose({ ...failure, message: 'Failed to pull image "x": context deadline exceeded', reason: 'Failed' });
    expect(d.classification.category).not.toBe('unknown');
    expect(d.findings.map((f) => f.checkId)).toEqual(['cluster', 'image-size']);
    expect(d.verdict).toMatchObject({ outcome: 'cause_found', summary: 'image is 9 GB' });
    expect(d.image).toBeNull();
    expect(d.timings.checks.cluster).toBeGreaterThanOrEqual(20);
    expect(Date.parse(d.timings.startedAt)).not.toBeNaN();
    expect(d.timings.totalMs).toBeGreaterThanOrEqual(d.timings.checks.cluster!);
  });

  it('reports progress with the running titles and the last finding', async () => {
    const seen: DiagnosisProgress[] = [];
    const checks: Check[] = [check({ id: 'cluster' }), check({ id: 'registry', run: async () => { await sleep(20); return pass; } }), check({ id: 'platform', needs: ['manifest'] })];
    await createEngine({ azure, registries, checks }).diagnose(failure, { onProgress: (p) => seen.push(structuredClone(p)) });
    expect(seen).toEqual([
      { done: 1, total: 3, running: ['title of cluster', 'title of registry'], last: { checkId: 'platform', title: 'title of platform', status: 'skipped' } },
      { done: 2, total: 3, running: ['title of registry'], last: { checkId: 'cluster', title: 'title of cluster', status: 'pass' } },
      { done: 3, total: 3, running: [], last: { checkId: 'registry', title: 'title of registry', status: 'pass' } },
    ]);
  });
});
