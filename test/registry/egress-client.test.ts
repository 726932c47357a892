import { createRegistryClientFactory } from '../../lib/registry/oci-registry-client';
import { RegistryEgressDenied } from '../../lib/registry/registry-client';
import { json, RecordingCredential, startTestRegistry, tinyImage, type TestRegistryServer } from '../security/egress-hostile-registry';
import { armGrant, listedGrant } from './grants';

/**
 * The registry client under its egress grant, against recording servers on 127.0.0.1 (hostRewrite
 * maps the logical hosts there): the Entra path is taken only with an `entra` grant, a documented
 * data endpoint redirect is followed without the registry's token, and no grant means no client.
 */
describe('registry client under an egress grant', () => {
  const servers: TestRegistryServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  async function fakeAcr(dataEndpoint: string) {
    const image = tinyImage();
    const acr = await startTestRegistry((req, res) => {
      if (req.path === '/oauth2/exchange') return json(res, 200, { refresh_token: 'acr-refresh' });
      if (req.path === '/oauth2/token') return json(res, 200, { access_token: 'acr-access' });
      if (req.authorization !== 'Bearer acr-access') return json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] });
      if (req.path.includes('/manifests/')) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
        return res.end(image.manifest);
      }
      // Blobs are served from the registry's data endpoint (ACR with dedicated data endpoints).
      res.writeHead(307, { location: `https://${dataEndpoint}${req.path}?sig=signed` });
      res.end();
    });
    const data = await startTestRegistry((_req, res) => json(res, 200, JSON.parse(image.config)));
    servers.push(acr, data);
    return { acr, data };
  }

  it('exchanges the Entra token with an ARM-resolved ACR and follows its data endpoint redirect without the token', async () => {
    const dataHost = 'myacr.westeurope.data.azurecr.io';
    const { acr, data } = await fakeAcr(dataHost);
    const credential = new RecordingCredential();
    const hosts: Record<string, string> = { 'myacr.azurecr.io': acr.url, [dataHost]: data.url };
    const factory = createRegistryClientFactory({ credential, hostRewrite: (h) => hosts[h], retry: { maxRetries: 0 } });

    const facts = await factory.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io', [dataHost])).resolve('app', 'v1');

    expect(facts.platforms).toEqual(['linux/amd64']);
    expect(credential.scopes).toEqual(['https://containerregistry.azure.net/.default']);
    expect(acr.requests.find((r) => r.path === '/oauth2/exchange')?.body).toContain(`access_token=${RecordingCredential.TOKEN}`);
    expect(data.requests).toHaveLength(1);
    expect(data.requests[0]!.authorization).toBeUndefined();
  });

  it('an anonymous grant never asks the credential, even for an ACR host', async () => {
    const { acr } = await fakeAcr('anon.westeurope.data.azurecr.io');
    const credential = new RecordingCredential();
    const factory = createRegistryClientFactory({ credential, hostRewrite: () => acr.url, retry: { maxRetries: 0 } });
    const before = acr.requests.length;
    await expect(factory.forHost('anonacr.azurecr.io', listedGrant('anonacr.azurecr.io')).listTags('app')).rejects.toMatchObject({ statusCode: 401 });
    expect(credential.scopes).toEqual([]);
    expect(acr.requests.slice(before).map((r) => r.path)).not.toContain('/oauth2/exchange');
  });

  it('builds no client without a grant the policy issued', () => {
    const factory = createRegistryClientFactory({ credential: new RecordingCredential() });
    const forged = { ...armGrant('myacr.azurecr.io') };
    expect(() => factory.forHost('myacr.azurecr.io', forged)).toThrow(RegistryEgressDenied);
    expect(() => factory.forHost('evil.example.com', armGrant('myacr.azurecr.io'))).toThrow(RegistryEgressDenied);
  });
});
