import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { startRegistryServer, type RegistryServer } from '../../lib/sandbox/registry-server';
import { generateSandboxTls, type SandboxTls } from '../../lib/sandbox/tls';
import { WorldSchema } from '../../lib/sandbox/world-schema';

/**
 * The sandbox's ACR metadata API against the official examples of the ACR data-plane REST spec
 * (test/fixtures/acr-data-plane, SOURCES.md there): every answer has the example's property names
 * and nesting — no property missing, none invented — and the paging and ordering the SDK relies on.
 */
const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'acr-data-plane');
const example = (name: string): unknown => (JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8')) as { responses: { 200: { body: unknown } } }).responses[200].body;

/** Property names and nesting: objects by their sorted keys, arrays by their first item, leaves by JSON type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [value.length ? shape(value[0]) : 'empty'];
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
  return typeof value;
}

const world = WorldSchema.parse({
  description: 'ACR metadata API shapes',
  caller: { principalId: '00000000-0000-0000-0000-000000000001' },
  failure: { image: 'myacr.azurecr.io/team/app:v1', source: 'sandbox' },
  expect: { category: 'unknown' },
  registries: {
    'myacr.azurecr.io': {
      repositories: {
        'team/app': {
          tags: {
            v1: { platforms: ['windows/amd64'], pushedAt: '2026-10-01T00:00:00Z' },
            v2: { platforms: ['linux/amd64', 'linux/arm64'], pushedAt: '2026-11-01T00:00:00Z', createdOn: '2026-09-15T00:00:00Z' },
            v3: { platforms: ['linux/amd64'], pushedAt: '2026-09-01T00:00:00Z' },
          },
        },
        tools: { tags: { '1.0': { platforms: ['linux/amd64'] } } },
      },
    },
  },
});

describe('sandbox ACR metadata API (/acr/v1) against the REST spec examples', () => {
  let tls: SandboxTls;
  let server: RegistryServer;
  let token: string;

  function call(method: 'GET' | 'POST', route: string, form?: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
    const url = new URL(`${server.hostRewrite('myacr.azurecr.io')}${route}`);
    const body = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method, ca: tls.ca, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    tls = await generateSandboxTls();
    server = await startRegistryServer(world, { tls });
    token = '';
    // ACR's token flow, as the SDK runs it: Entra token → refresh token → access token for the scopes.
    const refresh = await call('POST', '/oauth2/exchange', { grant_type: 'access_token', service: 'myacr.azurecr.io', access_token: 'entra' });
    const access = await call('POST', '/oauth2/token', {
      grant_type: 'refresh_token',
      service: 'myacr.azurecr.io',
      refresh_token: (refresh.body as { refresh_token: string }).refresh_token,
      scope: 'registry:catalog:* repository:team/app:metadata_read repository:team/nope:metadata_read',
    });
    token = (access.body as { access_token: string }).access_token;
  });
  afterAll(() => server?.stop());

  it.each([
    ['PostRefreshToken.json', '/oauth2/exchange', { access_token: 'entra' }],
    ['PostAccessToken.json', '/oauth2/token', {}],
  ])("%s: the sandbox takes the example's form fields at %s and answers the example's shape", async (file, route, values: Record<string, string>) => {
    const params = (JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { parameters: Record<string, string> }).parameters;
    const form: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) if (name !== 'url' && name !== 'api-version') form[name] = value;
    form.service = 'myacr.azurecr.io';
    if (form.refresh_token) {
      const exchanged = await call('POST', '/oauth2/exchange', { grant_type: 'access_token', service: 'myacr.azurecr.io', access_token: 'entra' });
      form.refresh_token = (exchanged.body as { refresh_token: string }).refresh_token;
    }
    const answer = await call('POST', route, { ...form, ...values });
    expect(answer.status).toBe(200);
    expect(shape(answer.body)).toEqual(shape(example(file)));
  });

  it.each([
    ['GetRepositoryList.json', '/acr/v1/_catalog'],
    ['GetRepositoryAttributes.json', '/acr/v1/team%2Fapp'],
    ['GetTagList.json', '/acr/v1/team%2Fapp/_tags'],
    ['GetTagAttributes.json', '/acr/v1/team%2Fapp/_tags/v1'],
    ['GetManifestList.json', '/acr/v1/team%2Fapp/_manifests?orderby=timeasc&n=1'],
  ])('%s: %s has the same property names and nesting', async (file, route) => {
    const answer = await call('GET', route);
    expect(answer.status).toBe(200);
    expect(shape(answer.body)).toEqual(shape(example(file)));
  });

  it('GetManifestAttributes.json: an image has the example shape; an index has `references` instead of its own architecture/os', async () => {
    const tags = (await call('GET', '/acr/v1/team%2Fapp/_tags')).body as { tags: Array<{ name: string; digest: string }> };
    const digestOf = (tag: string) => tags.tags.find((t) => t.name === tag)!.digest;
    const image = await call('GET', `/acr/v1/team%2Fapp/_manifests/${digestOf('v1')}`);
    expect(shape(image.body)).toEqual(shape(example('GetManifestAttributes.json')));
    expect(image.body).toMatchObject({ manifest: { os: 'windows', architecture: 'amd64', tags: ['v1'] } });

    const index = (await call('GET', `/acr/v1/team%2Fapp/_manifests/${digestOf('v2')}`)).body as { manifest: Record<string, unknown> };
    const { architecture: _a, os: _o, ...indexExpected } = (example('GetManifestAttributes.json') as { manifest: Record<string, unknown> }).manifest;
    expect(shape({ ...index.manifest, references: undefined })).toEqual(shape({ ...indexExpected, references: undefined }));
    expect(index.manifest.references).toEqual([
      { digest: expect.stringMatching(/^sha256:/), architecture: 'amd64', os: 'linux' },
      { digest: expect.stringMatching(/^sha256:/), architecture: 'arm64', os: 'linux' },
    ]);
  });

  it('orders tags by last update (timedesc/timeasc), keeps createdTime, and pages through Link with orderby kept', async () => {
    const first = await call('GET', '/acr/v1/team%2Fapp/_tags?orderby=timedesc&n=2');
    const page1 = first.body as { tags: Array<{ name: string; createdTime: string; lastUpdateTime: string }> };
    expect(page1.tags.map((t) => t.name)).toEqual(['v2', 'v1']);
    expect(page1.tags[0]).toMatchObject({ createdTime: '2026-09-15T00:00:00Z', lastUpdateTime: '2026-11-01T00:00:00Z' });
    expect(first.headers.link).toBe('</acr/v1/team/app/_tags?last=v1&n=2&orderby=timedesc>; rel="next"');
    const next = /^<([^>]+)>/.exec(String(first.headers.link))![1]!;
    const second = await call('GET', next);
    expect((second.body as { tags: Array<{ name: string }> }).tags.map((t) => t.name)).toEqual(['v3']);
    expect(second.headers.link).toBeUndefined();
    const asc = (await call('GET', '/acr/v1/team%2Fapp/_tags?orderby=timeasc')).body as { tags: Array<{ name: string }> };
    expect(asc.tags.map((t) => t.name)).toEqual(['v3', 'v1', 'v2']);
  });

  it("answers ACR's errors: a missing repository, tag and manifest; metadata without the scope is a challenge naming it", async () => {
    expect(await call('GET', '/acr/v1/team%2Fnope/_tags')).toMatchObject({ status: 404, body: { errors: [{ code: 'NAME_UNKNOWN' }] } });
    expect(await call('GET', '/acr/v1/team%2Fapp/_tags/v9')).toMatchObject({ status: 404, body: { errors: [{ code: 'TAG_UNKNOWN' }] } });
    expect(await call('GET', `/acr/v1/team%2Fapp/_manifests/sha256:${'0'.repeat(64)}`)).toMatchObject({ status: 404, body: { errors: [{ code: 'MANIFEST_UNKNOWN' }] } });
    expect(await call('GET', '/acr/v1/team%2Fapp/_tags?orderby=name')).toMatchObject({ status: 400 });
    const denied = await call('GET', '/acr/v1/tools/_tags');
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer realm="https://myacr.azurecr.io/oauth2/token",service="myacr.azurecr.io",scope="repository:tools:metadata_read"');
  });
});
