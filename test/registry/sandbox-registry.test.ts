import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRegistryClientFactory, type RegistryRequestInfo } from '../../lib/registry/oci-registry-client';
import { RegistryError } from '../../lib/registry/registry-client';
import { startRegistryServer, type RegistryServer } from '../../lib/sandbox/registry-server';
import { RequestLog } from '../../lib/sandbox/request-log';
import { generateSandboxTls, type SandboxTls } from '../../lib/sandbox/tls';
import { WorldSchema, type WorldInput } from '../../lib/sandbox/world-schema';
import { armGrant, listedGrant, publicGrant, withGrants } from './grants';

/** A static Entra credential that records the scopes it was asked for (the token itself is opaque). */
class FakeEntraCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: 'entra-token-for-tests', expiresOnTimestamp: Date.now() + 3600_000 };
  }
}

const worldInput: WorldInput = {
  description: 'registry data plane test world',
  caller: { principalId: '00000000-0000-0000-0000-000000000001' },
  failure: { image: 'myacr.azurecr.io/team/app:v1', source: 'sandbox' },
  expect: { category: 'unknown' },
  registries: {
    'myacr.azurecr.io': {
      repositories: {
        'team/app': {
          tags: {
            v1: { platforms: ['linux/amd64'], sizeBytes: 187_000_000 },
            v2: { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], sizeBytes: 90_000_000, pushedAt: '2026-11-02T12:00:00Z' },
            v3: { platforms: ['linux/amd64'], sizeBytes: 1000, pushedAt: '2026-11-20T08:00:00Z' },
            latest: { platforms: ['windows/amd64'], sizeBytes: 4_000_000_000 },
            'v1.1': { platforms: ['linux/amd64'], pushedAt: '2026-10-01T00:00:00Z', createdOn: '2026-09-01T00:00:00Z' },
          },
        },
        base: { tags: { '1.0': { platforms: ['linux/amd64'] } } },
        tools: { tags: { '1.0': { platforms: ['linux/amd64'] } } },
      },
    },
    'public.azurecr.io': { anonymousPull: true, repositories: { web: { tags: { stable: { platforms: ['linux/arm64'], sizeBytes: 5_000_000 } } } } },
    'docker.io': {
      repositories: { 'library/nginx': { tags: { latest: { platforms: ['linux/amd64'] } } } },
      failWith: { status: 429, code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' },
    },
  },
};

describe('sandbox registry server with the registry clients (ACR SDK and generic OCI)', () => {
  let tls: SandboxTls;
  let server: RegistryServer;
  const log = new RequestLog();

  beforeAll(async () => {
    tls = await generateSandboxTls();
    server = await startRegistryServer(WorldSchema.parse(worldInput), { tls, requestLog: log });
  });
  afterAll(() => server?.stop());
  beforeEach(() => log.clear());

  function factory(extra: Parameters<typeof createRegistryClientFactory>[0] = {}) {
    const requests: RegistryRequestInfo[] = [];
    const credential = new FakeEntraCredential();
    // myacr is what ARM resolves in these tests; Docker Hub is public; any other host is on the allowed list.
    const grantFor = (host: string) => (host === 'myacr.azurecr.io' ? armGrant(host) : host === 'docker.io' ? publicGrant(host) : listedGrant(host));
    const raw = createRegistryClientFactory({
      credential,
      tlsCa: tls.ca,
      hostRewrite: server.hostRewrite,
      onRequest: (info) => requests.push(info),
      retry: { maxRetries: 2, retryDelayInMs: 10 },
      ...extra,
    });
    return { f: withGrants(raw, grantFor), raw, requests, credential };
  }

  it('reads an ARM-resolved ACR through @azure/container-registry: one Entra exchange shared by both clients, tag and manifest properties, manifest', async () => {
    const { f, requests, credential } = factory();
    const facts = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v1');
    // One Entra exchange for the registry client and the content client together, before the first request (no 401 round trip).
    expect(credential.scopes).toEqual(['https://containerregistry.azure.net/.default']);
    const lines = requests.map((r) => `${r.method} ${new URL(r.url).pathname.replace(/sha256:[0-9a-f]{64}/, '<digest>')} ${r.status}`);
    expect(lines).toEqual([
      'POST /oauth2/exchange 200',
      'POST /oauth2/token 200',
      'GET /acr/v1/team/app/_tags/v1 200',
      'GET /acr/v1/team/app/_manifests/<digest> 200',
      'GET /v2/team/app/manifests/<digest> 200',
    ]);
    expect(facts.platforms).toEqual(['linux/amd64']);
    expect(facts.sizeBytesByPlatform).toEqual({ 'linux/amd64': 187_000_000 });
    expect(facts.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(facts.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(f.requestCount()).toBe(5);
    // The server saw the same requests, under the routing prefix, and never a token in a path.
    expect(log.entries('registry').map((e) => e.path.split('?')[0])[0]).toBe('/_host/myacr.azurecr.io/oauth2/exchange');
    expect(log.entries().some((e) => e.path.includes('entra-token'))).toBe(false);
  });

  it('reuses the cached ACR token for the next request of the same client', async () => {
    const { f, requests } = factory();
    const client = f.forHost('myacr.azurecr.io');
    await client.resolve('team/app', 'v1');
    const before = requests.length;
    await client.listTags('team/app');
    expect(requests.slice(before).map((r) => `${new URL(r.url).pathname} ${r.status}`)).toEqual(['/acr/v1/team/app/_tags 200']);
  });

  it('reads every platform of an index (variants from the index) with per-platform sizes from the manifest properties', async () => {
    const { f } = factory();
    const facts = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v2');
    expect(facts.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(facts.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(Object.values(facts.sizeBytesByPlatform)).toEqual([90_000_000, 90_000_000, 90_000_000]);
    // Resolving by the digest gives the same answer: digests are stable content addresses.
    const again = await f.forHost('myacr.azurecr.io').resolve('team/app', facts.digest);
    expect(again).toEqual(facts);
  });

  it("reads the os of a Windows image from ACR's manifest properties", async () => {
    const { f } = factory();
    const facts = await f.forHost('myacr.azurecr.io').resolve('team/app', 'latest');
    expect(facts.sizeBytesByPlatform).toEqual({ 'windows/amd64': 4_000_000_000 });
  });

  it('lists tags newest push first, paging with n=2 through Link headers (orderby kept)', async () => {
    const { f } = factory({ pageSize: 2 });
    const tags = await f.forHost('myacr.azurecr.io').listTags('team/app');
    expect(tags.map((t) => `${t.name} ${t.lastUpdatedOn}`)).toEqual([
      'v3 2026-11-20T08:00:00.000Z',
      'v2 2026-11-02T12:00:00.000Z',
      'v1.1 2026-10-01T00:00:00.000Z',
      'latest 2025-01-01T00:00:00.000Z',
      'v1 2025-01-01T00:00:00.000Z',
    ]);
    expect(tags.find((t) => t.name === 'v1.1')?.createdOn).toBe('2026-09-01T00:00:00.000Z');
    expect(log.matching(/_tags(\?|$)/).filter((e) => e.status === 200).map((e) => e.path.split('?')[1])).toEqual([
      'n=2&api-version=2021-07-01&orderby=timedesc',
      'last=v2&n=2&orderby=timedesc',
      'last=latest&n=2&orderby=timedesc',
    ]);
  });

  it('lists repositories with the catalog scope', async () => {
    const { f } = factory({ pageSize: 2 });
    expect(await f.forHost('myacr.azurecr.io').listRepositories()).toEqual(['base', 'team/app', 'tools']);
  });

  it("reports ACR's codes: a missing tag TAG_UNKNOWN, a missing digest MANIFEST_UNKNOWN, a missing repository NAME_UNKNOWN", async () => {
    const { f } = factory();
    const client = f.forHost('myacr.azurecr.io');
    const missingTag = await client.resolve('team/app', 'v9').catch((e: unknown) => e);
    expect(missingTag).toBeInstanceOf(RegistryError);
    expect(missingTag).toMatchObject({ statusCode: 404, code: 'TAG_UNKNOWN' });
    expect((missingTag as RegistryError).request).toBe('GET https://myacr.azurecr.io/acr/v1/team/app/_tags/v9');
    await expect(client.resolve('team/app', `sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({ statusCode: 404, code: 'MANIFEST_UNKNOWN' });
    await expect(client.listTags('team/ap')).rejects.toMatchObject({ statusCode: 404, code: 'NAME_UNKNOWN' });
    await expect(client.resolve('team/ap', 'v1')).rejects.toMatchObject({ statusCode: 404, code: 'NAME_UNKNOWN' });
  });

  it('without a credential, a private ACR answers UNAUTHORIZED and no token leaks into the error', async () => {
    const { f } = factory({ credential: undefined });
    const err = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v1').catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(String((err as Error).message)).not.toMatch(/eyJ|Bearer /);
  });

  it('pulls anonymously from an ACR with anonymous pull enabled, but not its catalog', async () => {
    const { f, credential } = factory({ credential: undefined });
    const facts = await f.forHost('public.azurecr.io').resolve('web', 'stable');
    expect(facts.sizeBytesByPlatform).toEqual({ 'linux/arm64': 5_000_000 });
    expect(credential.scopes).toEqual([]);
    expect(log.matching(/GET \/_host\/public\.azurecr\.io\/oauth2\/token\?/)).toHaveLength(1);
    await expect(f.forHost('public.azurecr.io').listRepositories()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('retries a rate-limited Docker Hub after Retry-After, then surfaces TOOMANYREQUESTS', async () => {
    const { f } = factory({ credential: undefined });
    const err = await f.forHost('docker.io').resolve('library/nginx', 'latest').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ statusCode: 429, code: 'TOOMANYREQUESTS' });
    // Docker Hub's API host and token server, one try plus two retries of the manifest.
    expect(log.matching(/GET \/_host\/auth\.docker\.io\/token\?/)).toHaveLength(1);
    expect(log.matching(/GET \/_host\/registry-1\.docker\.io\/v2\/library\/nginx\/manifests\/latest/)).toHaveLength(3);
  });

  it('retries an injected 503 and then succeeds', async () => {
    const flaky = await startRegistryServer(WorldSchema.parse(worldInput), {
      tls,
      requestLog: log,
      faults: () => faults,
    });
    const faults = [{ route: '_tags/v3$', server: 'registry' as const, status: 503, retryAfterSeconds: 0, times: 1 }];
    try {
      const { f } = factory({ hostRewrite: flaky.hostRewrite });
      const facts = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v3');
      expect(facts.sizeBytesByPlatform['linux/amd64']).toBe(1000);
      expect(log.matching(/_tags\/v3(\?|$)/).map((e) => e.status)).toEqual([503, 200]);
    } finally {
      await flaky.stop();
    }
  });

  it("when the shared token flow fails, the SDK's own challenge flow still gets the answer", async () => {
    const flaky = await startRegistryServer(WorldSchema.parse(worldInput), { tls, requestLog: log, faults: () => faults });
    const faults = [{ route: 'oauth2/exchange$', server: 'registry' as const, status: 503, retryAfterSeconds: 0, times: 1 }];
    try {
      const { f, requests } = factory({ hostRewrite: flaky.hostRewrite });
      const facts = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v1');
      expect(facts.platforms).toEqual(['linux/amd64']);
      const lines = requests.map((r) => `${r.method} ${new URL(r.url).pathname.replace(/sha256:[0-9a-f]{64}/, '<digest>')} ${r.status}`);
      // Ours fails once (not retried: it sits below the retry policy); the SDK then challenges and exchanges itself.
      expect(lines.slice(0, 5)).toEqual(['POST /oauth2/exchange 503', 'GET /acr/v1/team/app/_tags/v1 401', 'POST /oauth2/exchange 200', 'POST /oauth2/token 200', 'GET /acr/v1/team/app/_tags/v1 200']);
    } finally {
      await flaky.stop();
    }
  });

  it.each([
    [429, 'TOOMANYREQUESTS', 3],
    [403, 'DENIED', 1],
    [500, 'UNKNOWN', 3],
  ])('maps an ACR %i from the metadata API to a RegistryError (%s) after %i tries', async (status, code, tries) => {
    const faults = [{ route: '_tags/v1$', server: 'registry' as const, status, retryAfterSeconds: 0 }];
    const failing = await startRegistryServer(WorldSchema.parse(worldInput), { tls, requestLog: log, faults: () => faults });
    try {
      const { f } = factory({ hostRewrite: failing.hostRewrite });
      const err = await f.forHost('myacr.azurecr.io').resolve('team/app', 'v1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistryError);
      expect(err).toMatchObject({ statusCode: status, code, request: 'GET https://myacr.azurecr.io/acr/v1/team/app/_tags/v1' });
      expect(log.matching(/_tags\/v1(\?|$)/)).toHaveLength(tries);
    } finally {
      await failing.stop();
    }
  });

  it('maps a refused connection to statusCode 0 with the errno', async () => {
    const { f } = factory({ hostRewrite: () => 'https://127.0.0.1:9', retry: { maxRetries: 0 } });
    await expect(f.forHost('myacr.azurecr.io').resolve('team/app', 'v1')).rejects.toMatchObject({ statusCode: 0, code: 'ECONNREFUSED' });
  });

  it('rejects a host the world does not know, and bad names before any request', async () => {
    const { f, requests } = factory({ retry: { maxRetries: 0 } });
    await expect(f.forHost('other.example.com').resolve('a', 'b')).rejects.toMatchObject({ statusCode: 421 });
    const count = requests.length;
    await expect(f.forHost('myacr.azurecr.io').resolve('../etc', 'v1')).rejects.toMatchObject({ code: 'NAME_INVALID' });
    await expect(f.forHost('myacr.azurecr.io').resolve('team/app', 'v1/../x')).rejects.toMatchObject({ code: 'TAG_INVALID' });
    expect(() => f.forHost('https://x/y')).toThrow(RegistryError);
    expect(requests.length).toBe(count);
  });

  it('refuses to follow a paging Link to another origin (the token would go with it)', async () => {
    const fake = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      res.writeHead(200, { 'content-type': 'application/json', link: '<https://elsewhere.example/v2/_catalog?last=a>; rel="next"' });
      res.end(JSON.stringify({ repositories: ['a'] }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const base = `https://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    try {
      const { f, requests } = factory({ hostRewrite: () => base });
      await expect(f.forHost('registry.example').listRepositories()).rejects.toMatchObject({ code: 'INVALID_LINK' });
      expect(requests.some((r) => r.url.includes('elsewhere'))).toBe(false);
    } finally {
      fake.closeAllConnections();
      await new Promise((resolve) => fake.close(resolve));
    }
  });

  it('honours an AbortSignal', async () => {
    const { f } = factory();
    const controller = new AbortController();
    controller.abort();
    await expect(f.forHost('myacr.azurecr.io').resolve('team/app', 'v1', { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
