import path from 'node:path';
import { isRestError } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createAzureClients } from '../../azure/create-azure-clients';
import { AKS_SERVER_APP_ID, runClusterCommand } from '../../azure/run-command';
import { secretsScript } from '../../diagnosis/in-cluster/scripts';
import { loadWorld, WORLDS_DIR } from '../load-world';
import { startSandbox, type Sandbox } from '../start-sandbox';
import type { World } from '../world-schema';

const CLUSTER = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const world = loadWorld(path.join(WORLDS_DIR, 'pull-secret-other-host.yaml'));

async function withSandbox<T>(w: World, run: (s: Sandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox(w, { retryOptions: { maxRetries: 0 } });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

describe('sandbox AKS Run Command (through @azure/arm-containerservice)', () => {
  it('answers one of pull-doctor\'s scripts from the world: hosts only, after a 202 and a commandResults poll', async () => {
    await withSandbox(world, async (s) => {
      const result = await runClusterCommand(s.azure, CLUSTER, secretsScript({ namespace: 'shop', pod: 'web-7d9c5b8f6d-x2k8p' }).text, { pollIntervalMs: 5 });
      expect(result).toMatchObject({ provisioningState: 'succeeded', exitCode: 0 });
      expect(result.logs).toBe('pod ok\npod-pull-secrets regcred\nsecret regcred found type=kubernetes.io/dockerconfigjson hosts=https://otheracr.azurecr.io user=other apps=\n');
      const calls = s.requestLog.entries('arm').map((e) => `${e.method} ${e.status} ${e.path.split('?')[0].split('/').slice(-2).join('/')}`);
      expect(calls).toEqual([`POST 202 aks-prod/runCommand`, expect.stringMatching(/^GET 202 commandResults\/[0-9a-f]{32}$/), expect.stringMatching(/^GET 200 commandResults\/[0-9a-f]{32}$/)]);
    });
  }, 20_000);

  it('runs nothing but the scripts pull-doctor builds', async () => {
    await withSandbox(world, async (s) => {
      const result = await runClusterCommand(s.azure, CLUSTER, 'kubectl get secrets -A -o yaml', { pollIntervalMs: 5 });
      expect(result).toMatchObject({ provisioningState: 'failed', logs: '', reason: expect.stringContaining('only the scripts pull-doctor builds') });
      const edited = secretsScript({ namespace: 'shop', pod: 'web-7d9c5b8f6d-x2k8p' }).text.replace('user=$user', 'user=$cfg');
      expect((await runClusterCommand(s.azure, CLUSTER, edited, { pollIntervalMs: 5 })).provisioningState).toBe('failed');
    });
  }, 20_000);

  it('answers 403 AuthorizationFailed naming runCommand/action when the caller lacks it', async () => {
    const denied: World = { ...world, caller: { ...world.caller, deniedActions: ['Microsoft.ContainerService/managedClusters/runCommand/action'] } };
    await withSandbox(denied, async (s) => {
      const error = await runClusterCommand(s.azure, CLUSTER, secretsScript({ namespace: 'shop', pod: 'web' }).text).catch((e: unknown) => e);
      expect(isRestError(error) && error.statusCode).toBe(403);
      expect((error as Error).message).toContain("does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/runCommand/action'");
    });
  }, 20_000);

  it('sends an Entra token for the AKS server app as clusterToken only when asked (AKS-managed Entra ID clusters)', async () => {
    await withSandbox(world, async (s) => {
      const scopes: string[] = [];
      const credential: TokenCredential = {
        async getToken(scope): Promise<AccessToken> {
          scopes.push(...(Array.isArray(scope) ? scope : [scope]));
          return { token: 'sandbox-token-not-a-secret', expiresOnTimestamp: Date.now() + 3_600_000 };
        },
      };
      const azure = createAzureClients({ credential, resourceManagerEndpoint: s.arm.url, tlsCa: s.ca });
      const script = secretsScript({ namespace: 'shop', pod: 'web-7d9c5b8f6d-x2k8p' }).text;
      await runClusterCommand(azure, CLUSTER, script, { pollIntervalMs: 5 });
      expect(scopes).not.toContain(`${AKS_SERVER_APP_ID}/.default`);
      await runClusterCommand(azure, CLUSTER, script, { pollIntervalMs: 5, clusterToken: true });
      expect(scopes).toContain(`${AKS_SERVER_APP_ID}/.default`);
    });
  }, 20_000);
});
