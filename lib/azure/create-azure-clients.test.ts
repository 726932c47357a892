import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { startArmServer, type ArmServer } from '../sandbox/arm-server';
import { WorldSchema } from '../sandbox/world-schema';
import { createAzureClients, createDefaultAzureClients, type AzureRequestInfo } from './create-azure-clients';

const S = '11111111-1111-1111-1111-111111111111';
const REGISTRY_ID = `/subscriptions/${S}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr`;

/** Records the scopes each client asks a token for. */
class RecordingCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

let arm: ArmServer;
beforeAll(async () => {
  const world = WorldSchema.parse({
    description: 'one registry',
    caller: { principalId: '44444444-4444-4444-4444-444444444444' },
    // ACR always returns sku; the SDK's deserializer throws a TypeError without it.
    resources: [{ id: REGISTRY_ID, name: 'myacr', type: 'Microsoft.ContainerRegistry/registries', location: 'westeurope', sku: { name: 'Premium', tier: 'Premium' }, properties: { loginServer: 'myacr.azurecr.io' } }],
    failure: { image: 'myacr.azurecr.io/a:1', source: 'sandbox' },
    expect: { category: 'unknown' },
  });
  arm = await startArmServer(world);
});
afterAll(() => arm.stop());

describe('createAzureClients', () => {
  it('creates each client once per subscription', () => {
    const azure = createAzureClients({ credential: new RecordingCredential(), resourceManagerEndpoint: arm.url, tlsCa: arm.ca });
    expect(azure.containerRegistry(S)).toBe(azure.containerRegistry(S));
    expect(azure.containerRegistry(S)).not.toBe(azure.containerRegistry('22222222-2222-2222-2222-222222222222'));
    expect(azure.authorization(S)).toBe(azure.authorization(S));
    expect(azure.subscriptions()).toBe(azure.subscriptions());
    expect(azure.logs()).toBe(azure.logs());
  });

  it('asks for the Resource Manager audience, not `<sandbox url>/.default` (modular and core-client SDKs)', async () => {
    const credential = new RecordingCredential();
    const azure = createAzureClients({ credential, resourceManagerEndpoint: arm.url, tlsCa: arm.ca });
    await azure.containerRegistry(S).registries.get('rg', 'myacr');
    await azure.authorization(S).roleDefinitions.get(`/subscriptions/${S}`, '7f951dda-4ed3-4680-a7ca-43fe172d538d');
    expect(new Set(credential.scopes)).toEqual(new Set(['https://management.azure.com/.default']));
    expect(azure.resourceManagerEndpoint).toBe(arm.url);
  });

  it('counts every request, retries included, and reports each to onRequest', async () => {
    const seen: AzureRequestInfo[] = [];
    const azure = createAzureClients({
      credential: new RecordingCredential(),
      resourceManagerEndpoint: arm.url,
      tlsCa: arm.ca,
      retryOptions: { retryDelayInMs: 10 },
      onRequest: (i) => seen.push(i),
    });
    arm.setFaults([{ route: 'registries/myacr$', status: 503, times: 1 }]);
    try {
      await azure.containerRegistry(S).registries.get('rg', 'myacr');
    } finally {
      arm.setFaults([]);
    }
    expect(azure.requestCounts()).toEqual({ arm: 2, logs: 0 });
    expect(seen.map((s) => [s.kind, s.method, s.status])).toEqual([
      ['arm', 'GET', 503],
      ['arm', 'GET', 200],
    ]);
    expect(seen[0]?.url.startsWith(`${arm.url}${REGISTRY_ID}?api-version=`)).toBe(true);
  });

  it('fails TLS without the sandbox CA (the CA is per client, never global)', async () => {
    const azure = createAzureClients({ credential: new RecordingCredential(), resourceManagerEndpoint: arm.url, retryOptions: { maxRetries: 0 } });
    const err = await azure.containerRegistry(S).registries.get('rg', 'myacr').catch((e: unknown) => e);
    expect(String((err as { code?: string }).code ?? (err as Error).message)).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });
});

describe('createDefaultAzureClients', () => {
  it('builds on DefaultAzureCredential with public endpoints and no network at construction', () => {
    const azure = createDefaultAzureClients({ AZURE_CLIENT_ID: '00000000-0000-4000-8000-000000000001' });
    expect(azure.resourceManagerEndpoint).toBe('https://management.azure.com');
    expect(azure.credential.constructor.name).toBe('DefaultAzureCredential');
    expect(azure.requestCounts()).toEqual({ arm: 0, logs: 0 });
    expect(azure.network(S)).toBeDefined();
  });
});

describe('createDefaultAzureClients per cloud', () => {
  it.each([
    ['AzureCloud', 'https://management.azure.com'],
    ['AzureChinaCloud', 'https://management.chinacloudapi.cn'],
    ['AzureUSGovernment', 'https://management.usgovcloudapi.net'],
  ] as const)('%s talks to %s', (cloud, endpoint) => {
    expect(createDefaultAzureClients({ AZURE_CLIENT_ID: undefined, PULL_DOCTOR_AZURE_CLOUD: cloud }).resourceManagerEndpoint).toBe(endpoint);
  });
});
