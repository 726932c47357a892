import { createRegistryClientFactory } from '../../lib/registry/oci-registry-client';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { RegistryEgressDenied, RegistryError } from '../../lib/registry/registry-client';
import { json, RecordingCredential, startTestRegistry, tinyImage, type TestRegistryServer } from '../security/egress-hostile-registry';
import { armGrant, listedGrant } from './grants';

/**
 * The registry client under its egress grant, against recording servers on 127.0.0.1 (hostRewrite
 * maps the logical hosts there): the Entra path (@azure/container-registry) is taken only with an
 * `entra` grant, it follows no redirect and sends nothing to another host, and no grant means no client.
 */

/** A JWT-shaped ACR refresh token (the SDK reads its `exp`). */
function jwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
}
describe('registry client under an egress grant', () => {
  const servers: TestRegistryServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  /**
   * Speaks ACR's flow as @azure/container-registry meets it: 401 with the login server's challenge,
   * `/oauth2/exchange`, `/oauth2/token`, then the metadata API — with whatever `hostile` answers for
   * the manifest properties and the second tag page (a redirect, a Link to another host).
   */
  async function fakeAcr(host: string, hostile: { manifestProperties?: (res: ServerResponse) => void; tagsLink?: string } = {}) {
    const image = tinyImage();
    const digest = `sha256:${createHash('sha256').update(image.manifest).digest('hex')}`;
    const times = { createdTime: '2026-11-01T00:00:00Z', lastUpdateTime: '2026-11-02T00:00:00Z' };
    const acr = await startTestRegistry((req, res) => {
      const path = decodeURIComponent(req.path.split('?')[0]!);
      if (path === '/oauth2/exchange') return json(res, 200, { refresh_token: jwt() });
      if (path === '/oauth2/token') return json(res, 200, { access_token: 'acr-access' });
      if (req.authorization !== 'Bearer acr-access') {
        return json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="https://${host}/oauth2/token",service="${host}",scope="repository:app:metadata_read"` });
      }
      if (path === '/acr/v1/app/_tags/v1') return json(res, 200, { registry: host, imageName: 'app', tag: { name: 'v1', digest, ...times } });
      if (path === '/acr/v1/app/_tags') {
        return json(res, 200, { registry: host, imageName: 'app', tags: [{ name: 'v1', digest, ...times }] }, hostile.tagsLink ? { link: `<${hostile.tagsLink}>; rel="next"` } : {});
      }
      if (path === `/acr/v1/app/_manifests/${digest}`) {
        if (hostile.manifestProperties) return hostile.manifestProperties(res);
        return json(res, 200, { registry: host, imageName: 'app', manifest: { digest, imageSize: 4321, ...times, architecture: 'amd64', os: 'linux', tags: ['v1'] } });
      }
      if (path === `/v2/app/manifests/${digest}`) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': digest });
        return res.end(image.manifest);
      }
      return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
    });
    const elsewhere = await startTestRegistry((_req, res) => json(res, 200, {}));
    servers.push(acr, elsewhere);
    return { acr, elsewhere };
  }

  it('reads an ARM-resolved ACR through the SDK: the Entra token goes only to its /oauth2/exchange', async () => {
    const { acr, elsewhere } = await fakeAcr('myacr.azurecr.io');
    const credential = new RecordingCredential();
    const factory = createRegistryClientFactory({ credential, hostRewrite: (h) => (h === 'myacr.azurecr.io' ? acr.url : elsewhere.url), retry: { maxRetries: 0 } });

    const facts = await factory.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io')).resolve('app', 'v1');

    expect(facts.platforms).toEqual(['linux/amd64']);
    expect(facts.sizeBytesByPlatform).toEqual({ 'linux/amd64': 4321 });
    expect(new Set(credential.scopes)).toEqual(new Set(['https://containerregistry.azure.net/.default']));
    const carrying = acr.requests.filter((r) => r.body.includes(RecordingCredential.TOKEN) || r.authorization?.includes(RecordingCredential.TOKEN));
    // Once: the registry client and the content client share one ACR token flow.
    expect(carrying.map((r) => r.path.split('?')[0])).toEqual(['/oauth2/exchange']);
    expect(elsewhere.requests).toEqual([]);
  });

  it("an ACR's redirect is not followed: the target gets no request and the check sees the 3xx", async () => {
    const dataHost = 'myacr.westeurope.data.azurecr.io';
    const { acr, elsewhere } = await fakeAcr('myacr.azurecr.io', {
      manifestProperties: (res) => {
        res.writeHead(307, { location: `https://${dataHost}/steal` });
        res.end();
      },
    });
    const factory = createRegistryClientFactory({ credential: new RecordingCredential(), hostRewrite: (h) => (h === 'myacr.azurecr.io' ? acr.url : elsewhere.url), retry: { maxRetries: 0 } });
    const err = await factory.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io', [dataHost])).resolve('app', 'v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ statusCode: 307 });
    expect(elsewhere.requests).toEqual([]);
  });

  it('a paging Link to another host is refused before anything is sent there (the ACR token would go with it)', async () => {
    const { acr, elsewhere } = await fakeAcr('myacr.azurecr.io', { tagsLink: 'https://collector.example/acr/v1/app/_tags?last=v1' });
    const factory = createRegistryClientFactory({ credential: new RecordingCredential(), hostRewrite: (h) => (h === 'myacr.azurecr.io' ? acr.url : elsewhere.url), retry: { maxRetries: 0 } });
    const err = await factory.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io')).listTags('app').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryEgressDenied);
    expect((err as Error).message).toContain('https://collector.example');
    expect(elsewhere.requests).toEqual([]);
  });

  it('an anonymous grant never asks the credential, even for an ACR host', async () => {
    const { acr } = await fakeAcr('anonacr.azurecr.io');
    const credential = new RecordingCredential();
    const factory = createRegistryClientFactory({ credential, hostRewrite: () => acr.url, retry: { maxRetries: 0 } });
    const before = acr.requests.length;
    // The generic OCI path: /v2/ probe, an anonymous token from the registry's own realm, tags/list.
    await expect(factory.forHost('anonacr.azurecr.io', listedGrant('anonacr.azurecr.io')).listTags('app')).rejects.toMatchObject({ statusCode: 404 });
    expect(credential.scopes).toEqual([]);
    const paths = acr.requests.slice(before).map((r) => r.path.split('?')[0]);
    expect(paths).toEqual(['/v2/', '/oauth2/token', '/v2/app/tags/list']);
    expect(acr.requests.slice(before).some((r) => r.body.includes(RecordingCredential.TOKEN))).toBe(false);
  });

  it('builds no client without a grant the policy issued', () => {
    const factory = createRegistryClientFactory({ credential: new RecordingCredential() });
    const forged = { ...armGrant('myacr.azurecr.io') };
    expect(() => factory.forHost('myacr.azurecr.io', forged)).toThrow(RegistryEgressDenied);
    expect(() => factory.forHost('evil.example.com', armGrant('myacr.azurecr.io'))).toThrow(RegistryEgressDenied);
  });
});
