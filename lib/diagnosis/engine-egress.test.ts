import type { AzureClients } from '../azure/clients';
import type { EgressGrant } from '../registry/egress-policy';
import type { RegistryClient, RegistryClientFactory } from '../registry/registry-client';
import type { Check, CheckOutcome } from './check';
import type { RegistryFacts } from './facts';
import { createEngine } from './engine';

// When the engine lets registry calls go (lib/registry/diagnosis-registries.ts): a call to an ACR
// host waits for the registry fact, goes with Entra only to the registry ARM resolved, and is
// refused — at once, not at the check's budget — when no check is left that could resolve it.
const azure = { requestCounts: () => ({ arm: 0, logs: 0 }) } as unknown as AzureClients;
const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli' as const, message: 'Back-off pulling image "myacr.azurecr.io/app:v1"' };
const pass: CheckOutcome = { finding: { status: 'pass', summary: 'ok', evidence: [], fixes: [] } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const REGISTRY = { loginServer: 'myacr.azurecr.io', dataEndpointHostNames: [] as string[] } as unknown as RegistryFacts;

/** A factory that records which grant each host was reached with, and answers one tag. */
function recordingFactory(): { factory: RegistryClientFactory; grants: EgressGrant[] } {
  const grants: EgressGrant[] = [];
  const factory = {
    forHost: (host: string, grant: EgressGrant) => {
      grants.push(grant);
      return { host, listTags: async () => [{ name: 'v1' }], listRepositories: async () => [], resolve: async () => { throw new Error('unused'); } } as unknown as RegistryClient;
    },
    requestCount: () => 0,
  } as unknown as RegistryClientFactory;
  return { factory, grants };
}

const listsTags = (id: Check['id'] = 'repository-tag'): Check => ({
  id,
  title: id,
  needs: [],
  run: async (ctx) => {
    const tags = await ctx.registries.forHost('myacr.azurecr.io').listTags('app', { signal: ctx.signal });
    return { finding: { status: 'pass', summary: `tags: ${tags.map((t) => t.name).join(',')}`, evidence: [], fixes: [] } };
  },
});
const providesRegistry = (registry: RegistryFacts | undefined, delayMs = 30): Check => ({
  id: 'registry',
  title: 'registry',
  needs: [],
  provides: ['registry'],
  run: async () => {
    await sleep(delayMs);
    return registry ? { ...pass, facts: { registry } } : { finding: { status: 'fail', summary: 'no registry myacr', evidence: [], fixes: [] } };
  },
});

describe('engine: registry calls and the registry fact', () => {
  it('holds an ACR call until the registry check resolved it, then sends it with Entra', async () => {
    const { factory, grants } = recordingFactory();
    const d = await createEngine({ azure, registries: factory, checks: [listsTags(), providesRegistry(REGISTRY)], checkTimeoutMs: 5000 }).diagnose(failure);
    expect(d.findings.map((f) => [f.checkId, f.status, f.summary])).toEqual([
      ['repository-tag', 'pass', 'tags: v1'],
      ['registry', 'pass', 'ok'],
    ]);
    expect(grants).toEqual([expect.objectContaining({ host: 'myacr.azurecr.io', auth: 'entra', basis: 'arm' })]);
  });

  it('refuses the call once the registry check found no registry, saying which setting would allow it', async () => {
    const { factory, grants } = recordingFactory();
    const d = await createEngine({ azure, registries: factory, checks: [listsTags(), providesRegistry(undefined)], checkTimeoutMs: 5000 }).diagnose(failure);
    const tag = d.findings[0]!;
    expect(tag.status).toBe('unknown');
    expect(tag.summary).not.toMatch(/timed out/);
    expect(tag.fixes).toEqual([{ text: expect.stringMatching(/^If myacr\.azurecr\.io is a registry you trust, add it to PULL_DOCTOR_ALLOWED_REGISTRIES/) }]);
    expect(tag.missing?.permission).toBeUndefined();
    expect(grants).toEqual([]);
  });

  it('refuses at once when no check can resolve a registry at all', async () => {
    const { factory, grants } = recordingFactory();
    const t0 = Date.now();
    const d = await createEngine({ azure, registries: factory, checks: [listsTags()], checkTimeoutMs: 10_000 }).diagnose(failure);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.findings[0]).toMatchObject({ status: 'unknown', fixes: [{ text: expect.stringContaining('PULL_DOCTOR_ALLOWED_REGISTRIES') }] });
    expect(grants).toEqual([]);
  });

  it('settles when the registry check is skipped for want of its own facts', async () => {
    const { factory } = recordingFactory();
    const registry: Check = { ...providesRegistry(REGISTRY, 0), needs: ['cluster'] };
    const t0 = Date.now();
    const d = await createEngine({ azure, registries: factory, checks: [listsTags(), registry], checkTimeoutMs: 10_000 }).diagnose(failure);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.findings.map((f) => [f.checkId, f.status])).toEqual([
      ['repository-tag', 'unknown'],
      ['registry', 'skipped'],
    ]);
  });
});
