import https from 'node:https';
import { RestError } from '@azure/core-rest-pipeline';
import { createAzureClients } from '../../lib/azure/create-azure-clients';
import { startArmServer, type ArmServer } from '../../lib/sandbox/arm-server';
import { FaultError, FaultSet } from '../../lib/sandbox/faults';
import { sandboxCredential } from '../../lib/sandbox/start-sandbox';
import { armTestWorld, S } from './arm-test-world';

// Fault injection as the SDK experiences it: its retry policies must react to what the sandbox
// sends (429 + Retry-After, 5xx, reset), and AbortSignal must end a hung request.

const REGISTRY_ROUTE = 'GET /subscriptions/[^/]+/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr$';

let arm: ArmServer;
beforeAll(async () => {
  arm = await startArmServer(armTestWorld());
});
afterAll(() => arm.stop());
beforeEach(() => {
  arm.setFaults([]);
  arm.requestLog.clear();
});

function clients(retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number }) {
  return createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: arm.url, tlsCa: arm.ca, retryOptions });
}

describe('ARM fault injection through the SDK', () => {
  it('429 with Retry-After: 1 is retried after the delay (request log shows both)', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, status: 429, retryAfterSeconds: 1, times: 1 }]);
    const azure = clients();
    const reg = await azure.containerRegistry(S).registries.get('rg-registry', 'myacr');
    expect(reg.name).toBe('myacr');
    const log = arm.requestLog.matching(/registries\/myacr\?/);
    expect(log.map((e) => e.status)).toEqual([429, 200]);
    expect(log[0]?.fault).toBe('status');
    expect(log[1]!.at - log[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(azure.requestCounts().arm).toBe(2);
  });

  it('503 then success', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, status: 503, times: 1 }]);
    const reg = await clients({ retryDelayInMs: 50 }).containerRegistry(S).registries.get('rg-registry', 'myacr');
    expect(reg.name).toBe('myacr');
    expect(arm.requestLog.matching(/registries\/myacr\?/).map((e) => e.status)).toEqual([503, 200]);
  });

  it('a persistent 500 surfaces as RestError with ARM code once retries run out', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, status: 500 }]);
    const err = await clients({ maxRetries: 1, retryDelayInMs: 10 })
      .containerRegistry(S)
      .registries.get('rg-registry', 'myacr')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestError);
    expect((err as RestError).statusCode).toBe(500);
    expect((err as RestError).code).toBe('InternalServerError');
    expect(arm.requestLog.matching(/registries\/myacr\?/).length).toBe(2);
  });

  it('a connection reset is retried', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, reset: true, times: 1 }]);
    const reg = await clients({ retryDelayInMs: 10 }).containerRegistry(S).registries.get('rg-registry', 'myacr');
    expect(reg.name).toBe('myacr');
    const log = arm.requestLog.matching(/registries\/myacr\?/);
    expect(log.map((e) => [e.status, e.fault])).toEqual([
      [0, 'reset'],
      [200, undefined],
    ]);
  });

  it('a hang is ended by the caller\'s AbortSignal', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, hang: true }]);
    const started = Date.now();
    const err = await clients()
      .containerRegistry(S)
      .registries.get('rg-registry', 'myacr', { abortSignal: AbortSignal.timeout(300) })
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(5000);
    // The server notices the client went away and logs the hung request without a status.
    await new Promise((r) => setTimeout(r, 50));
    expect(arm.requestLog.matching(/registries\/myacr\?/).map((e) => [e.status, e.fault])).toEqual([[0, 'hang']]);
  });

  it('a fixed delay shows in the logged duration; jitter stays within bounds', async () => {
    arm.setFaults([{ route: REGISTRY_ROUTE, delayMs: 150, jitterMs: 50 }]);
    await clients().containerRegistry(S).registries.get('rg-registry', 'myacr');
    const [entry] = arm.requestLog.matching(/registries\/myacr\?/);
    expect(entry?.durationMs).toBeGreaterThanOrEqual(145);
    expect(entry?.fault).toBe('delay');
  });

  it('faults can be changed at runtime and only hit their server kind', async () => {
    const azure = clients({ maxRetries: 0 });
    arm.setFaults([{ route: '.*', server: 'registry', status: 503 }]);
    await expect(azure.containerRegistry(S).registries.get('rg-registry', 'myacr')).resolves.toMatchObject({ name: 'myacr' });
    arm.setFaults([{ route: REGISTRY_ROUTE, server: 'arm', status: 503 }]);
    await expect(azure.containerRegistry(S).registries.get('rg-registry', 'myacr')).rejects.toMatchObject({ statusCode: 503 });
    arm.setFaults([]);
    await expect(azure.containerRegistry(S).registries.get('rg-registry', 'myacr')).resolves.toMatchObject({ name: 'myacr' });
  });

  it('world faults apply from the start', async () => {
    const world = armTestWorld({ faults: [{ route: REGISTRY_ROUTE, status: 429, retryAfterSeconds: 0, times: 1 }] });
    const server = await startArmServer(world);
    try {
      const azure = createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: server.url, tlsCa: server.ca });
      await azure.containerRegistry(S).registries.get('rg-registry', 'myacr');
      expect(server.requestLog.entries().map((e) => e.status)).toEqual([429, 200]);
    } finally {
      await server.stop();
    }
  });
});

describe('hang and stop()', () => {
  it('stop() ends a hung request that nobody aborts', async () => {
    const server = await startArmServer(armTestWorld(), { faults: [{ route: '.*', hang: true }] });
    const outcome = new Promise<string>((resolve) => {
      const req = https.get(`${server.url}/subscriptions?api-version=2022-12-01`, { ca: server.ca, headers: { authorization: 'Bearer t' } }, (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    await new Promise((r) => setTimeout(r, 100));
    const stopping = Date.now();
    await server.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(await outcome).toBe('ECONNRESET');
  });
});

describe('FaultSet', () => {
  it('rejects a bad route regex and a bad field with the fault index', () => {
    expect(() => new FaultSet([{ route: 'GET (' }])).toThrow(FaultError);
    expect(() => new FaultSet([{ route: 'GET (' }])).toThrow(/faults\[0\]\.route/);
    expect(() => new FaultSet([{}, { status: 200 }])).toThrow(/faults\[1\.status\]|faults\[1/);
  });

  it('counts `times` per fault and stops applying after it', () => {
    const set = new FaultSet([{ route: '^GET /x$', status: 503, times: 2 }]);
    expect(set.take('GET', '/x', 'arm')).toHaveLength(1);
    expect(set.take('GET', '/x', 'arm')).toHaveLength(1);
    expect(set.take('GET', '/x', 'arm')).toHaveLength(0);
    expect(set.take('GET', '/y', 'arm')).toHaveLength(0);
  });

  it('accumulates delays and stops at the first fault that ends the request', () => {
    const set = new FaultSet([
      { route: '.*', delayMs: 10 },
      { route: '.*', status: 429 },
      { route: '.*', status: 500 },
    ]);
    expect(set.take('GET', '/a', 'registry').map((f) => f.status ?? 'delay')).toEqual(['delay', 429]);
  });
});
