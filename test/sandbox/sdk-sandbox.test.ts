import path from 'node:path';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { startSandbox, type Sandbox } from '../../lib/sandbox/start-sandbox';
import { armGrant } from '../registry/grants';

// startSandbox end to end on the healthy world: the Azure clients and the registry clients it hands
// out reach their servers over HTTPS with the sandbox CA, share one request log, and setFaults()
// reaches both servers.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox(loadWorld(path.join(WORLDS_DIR, 'healthy.yaml')), { retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 } });
});
afterAll(() => sandbox.stop());
beforeEach(() => {
  sandbox.setFaults([]);
  sandbox.requestLog.clear();
});

const clusterId = () => sandbox.world.failure.cluster!;

describe('startSandbox', () => {
  it('hands out Azure clients that read the world over HTTPS on 127.0.0.1', async () => {
    expect(sandbox.arm.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.azure.resourceManagerEndpoint).toBe(sandbox.arm.url);
    const [, , sub, , rg, , , , name] = clusterId().split('/');
    const cluster = await sandbox.azure.containerService(sub!).managedClusters.get(rg!, name!);
    expect(cluster.id?.toLowerCase()).toBe(clusterId().toLowerCase());
    expect(sandbox.requestLog.counts().arm).toBe(1);
  });

  it('hands out registry clients that reach the sandbox registry', async () => {
    expect(sandbox.registry.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const tags = await sandbox.registry.clients.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io')).listTags('app');
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(Object.keys(sandbox.world.registries['myacr.azurecr.io']!.repositories['app']!.tags)));
    expect(sandbox.requestLog.counts().registry).toBeGreaterThan(0);
  });

  it('setFaults reaches both servers', async () => {
    sandbox.setFaults([{ route: '.*', status: 503, server: 'any' }]);
    const [, , sub] = clusterId().split('/');
    await expect(
      sandbox.azure.containerRegistry(sub!).registries.get('rg-registry', 'myacr'),
    ).rejects.toMatchObject({ statusCode: 503 });
    await expect(sandbox.registry.clients.forHost('myacr.azurecr.io', armGrant('myacr.azurecr.io')).listTags('app')).rejects.toBeDefined();
    const faulted = sandbox.requestLog.entries().filter((e) => e.fault === 'status');
    expect(new Set(faulted.map((e) => e.server))).toEqual(new Set(['arm', 'registry']));
  });
});
