import path from 'node:path';
import { createEngine } from '../../lib/diagnosis/engine';
import type { Diagnosis, PullFailure } from '../../lib/model';
import { createRegistryClientFactory } from '../../lib/registry/oci-registry-client';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { startSandbox, type Sandbox } from '../../lib/sandbox/start-sandbox';
import { acrLookalikeChallenge, json, RecordingCredential, startTestRegistry, tinyImage, type TestRegistryServer } from './egress-hostile-registry';

/**
 * Attack: a pod (or a chat `diagnose`) names an image on a host the attacker runs. pull-doctor must
 * not answer that host's challenge with its Entra identity, must not contact it at all unless an
 * operator allowed it (then anonymously), and must not follow a registry's redirect elsewhere. The
 * diagnosis still completes, with the registry checks `unknown` and the reason said.
 *
 * The Azure side is the sandbox's healthy world (ARM knows only myacr.azurecr.io); the attacker's
 * hosts are mapped to recording servers on 127.0.0.1 by the registry client's hostRewrite — a test
 * mapping, never an allowed host.
 */
describe('registry egress policy (attack: an image names an attacker-controlled registry)', () => {
  const world = loadWorld(path.join(WORLDS_DIR, 'healthy.yaml'));
  let sandbox: Sandbox;
  const servers: TestRegistryServer[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox(world, { retryOptions: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await sandbox?.stop();
  });

  async function server(handler: Parameters<typeof startTestRegistry>[0]): Promise<TestRegistryServer> {
    const s = await startTestRegistry(handler);
    servers.push(s);
    return s;
  }

  async function diagnose(image: string, hosts: Record<string, TestRegistryServer>, allowedRegistries: string[] = []) {
    const credential = new RecordingCredential();
    const registries = createRegistryClientFactory({
      credential,
      tlsCa: sandbox.ca,
      hostRewrite: (host) => hosts[host]?.url ?? sandbox.registry.hostRewrite(host),
      retry: { maxRetries: 0 },
    });
    const engine = createEngine({ azure: sandbox.azure, registries, egress: { allowedRegistries }, checkTimeoutMs: 8000, cacheTtlMs: 0 });
    const failure: PullFailure = { ...world.failure, image, message: `Failed to pull image "${image}": failed to authorize: 401 Unauthorized`, reason: 'ErrImagePull' };
    const diagnosis = await engine.diagnose(failure);
    return { diagnosis, credential };
  }

  const finding = (d: Diagnosis, id: string) => d.findings.find((f) => f.checkId === id);

  /** A registry that looks like ACR: it challenges like ACR and accepts an Entra token at /oauth2/exchange. */
  function acrLookalike(host: string) {
    const image = tinyImage();
    return server((req, res) => {
      if (req.path === '/oauth2/exchange') return json(res, 200, { refresh_token: 'attacker-refresh' });
      if (req.path.startsWith('/oauth2/token')) return json(res, 200, { access_token: 'attacker-access' });
      if (!req.authorization) return json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': acrLookalikeChallenge(host) });
      if (req.path.includes('/manifests/')) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
        return res.end(image.manifest);
      }
      if (req.path.includes('/blobs/')) return json(res, 200, JSON.parse(image.config));
      return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
    });
  }

  it.each([
    ['a host that is not a registry pull-doctor knows', 'evil.example.com'],
    ['an ACR-shaped host that ARM did not resolve for this diagnosis', 'notouracr.azurecr.io'],
  ])('%s: no token leaves the process, no request reaches it, the diagnosis completes with unknown', async (_what, host) => {
    const attacker = await acrLookalike(host);
    const { diagnosis, credential } = await diagnose(`${host}/app:v1`, { [host]: attacker });

    expect(credential.scopes).toEqual([]);
    expect(attacker.requests).toEqual([]);
    const tag = finding(diagnosis, 'repository-tag');
    expect(tag?.status).toBe('unknown');
    expect(tag?.summary).toContain('registry host not allowed: add it to PULL_DOCTOR_ALLOWED_REGISTRIES to let pull-doctor contact it anonymously');
    expect(tag?.summary).toContain(host);
    // The rest of the chain ran: the cluster was read from ARM and every check has a finding.
    expect(finding(diagnosis, 'cluster')?.status).toBe('pass');
    expect(diagnosis.findings).toHaveLength(12);
    expect(diagnosis.requests.registry).toBe(0);
  });

  it('an allowed-list host is contacted anonymously: no Entra token, no exchange, even when it challenges like ACR', async () => {
    const host = 'registry.partner.example';
    const partner = await acrLookalike(host);
    const { diagnosis, credential } = await diagnose(`${host}/app:v1`, { [host]: partner }, [host]);

    expect(credential.scopes).toEqual([]);
    expect(partner.requests.filter((r) => r.path.startsWith('/oauth2/exchange'))).toEqual([]);
    expect(partner.requests.some((r) => r.authorization?.includes(RecordingCredential.TOKEN) || r.body.includes(RecordingCredential.TOKEN))).toBe(false);
    // The token request itself is anonymous; the registry got only the token its own token service issued.
    const tokenRequests = partner.requests.filter((r) => r.path.startsWith('/oauth2/token'));
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((r) => r.method === 'GET' && r.authorization === undefined)).toBe(true);
    expect(partner.requests.every((r) => r.authorization === undefined || r.authorization === 'Bearer attacker-access')).toBe(true);
    expect(finding(diagnosis, 'repository-tag')?.status).toBe('pass');
  });

  it("a listed registry's challenge that sends the token request to another host is not followed", async () => {
    const host = 'registry.partner.example';
    const collector = await server((_req, res) => json(res, 200, { token: 'x' }));
    const partner = await server((_req, res) =>
      json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': 'Bearer realm="https://tokens.collector.example/token",service="x"' }),
    );
    const { diagnosis, credential } = await diagnose(`${host}/app:v1`, { [host]: partner, 'tokens.collector.example': collector }, [host]);

    expect(collector.requests).toEqual([]);
    expect(credential.scopes).toEqual([]);
    const tag = finding(diagnosis, 'repository-tag');
    expect(tag?.status).toBe('unknown');
    expect(tag?.summary).toContain("token service https://tokens.collector.example is neither the registry's own host nor its documented token service");
  });

  it.each([
    ['another host', 'https://collector.example/steal'],
    ['the cloud metadata address', 'https://169.254.169.254/metadata/identity/oauth2/token'],
    ['a loopback address', 'https://127.0.0.1:9/v2/'],
  ])("a registry's redirect to %s is refused: the target gets no request", async (_what, location) => {
    const host = 'registry.partner.example';
    const target = await server((_req, res) => json(res, 200, {}));
    const partner = await server((req, res) => {
      if (req.path === '/v2/') return json(res, 200, {});
      res.writeHead(302, { location });
      res.end();
    });
    const targetHost = new URL(location).host;
    const { diagnosis, credential } = await diagnose(`${host}/app:v1`, { [host]: partner, [targetHost]: target }, [host]);

    expect(target.requests).toEqual([]);
    expect(credential.scopes).toEqual([]);
    const tag = finding(diagnosis, 'repository-tag');
    expect(tag?.status).toBe('unknown');
    expect(tag?.summary).toMatch(/redirect/i);
  });
});
