import path from 'node:path';
import { loadWorld, WORLDS_DIR } from '../sandbox/load-world';
import { startSandbox } from '../sandbox/start-sandbox';
import type { World } from '../sandbox/world-schema';
import { GraphRequestError } from './entra-directory';

const base = loadWorld(path.join(WORLDS_DIR, 'pull-secret-sp-expired.yaml'));
const APP_ID = '88888888-8888-4888-8888-888888888888';

async function withSandbox<T>(world: World, run: (s: Awaited<ReturnType<typeof startSandbox>>) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox(world);
  try {
    return await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

describe('EntraDirectory (Microsoft Graph SDK against the sandbox Graph)', () => {
  it('reads the app registration and service principal secret dates with $select, and keeps no hint', async () => {
    const world: World = {
      ...base,
      servicePrincipals: [{ ...base.servicePrincipals[0], secretExpiresAt: undefined, applicationSecrets: [{ endDateTime: '2026-10-01T00:00:00Z', displayName: 'rbac' }], servicePrincipalSecrets: [{ endsInDays: 30 }] }],
    };
    await withSandbox(world, async (s) => {
      const read = await s.azure.directory().clientSecretDates(APP_ID.toUpperCase());
      expect(read).toEqual({
        appId: APP_ID,
        displayName: 'aks-pull-sp',
        application: [{ keyId: expect.any(String), displayName: 'rbac', startDateTime: expect.any(String), endDateTime: '2026-10-01T00:00:00.000Z' }],
        servicePrincipal: [{ keyId: expect.any(String), displayName: 'rbac', startDateTime: expect.any(String), endDateTime: expect.any(String) }],
      });
      expect(JSON.stringify(read)).not.toContain('Sbx');
      const paths = s.requestLog.entries('graph').map((e) => decodeURIComponent(e.path)).sort();
      expect(paths).toEqual([
        `/v1.0/applications(appId='${APP_ID}')?$select=id,appId,displayName,passwordCredentials`,
        `/v1.0/servicePrincipals(appId='${APP_ID}')?$select=id,appId,displayName,passwordCredentials`,
      ]);
    });
  }, 30_000);

  it('404 Request_ResourceNotFound is "notfound"; 403 Authorization_RequestDenied is a typed error; a non-GUID is refused before any request', async () => {
    await withSandbox(base, async (s) => {
      const other = await s.azure.directory().clientSecretDates('12345678-1234-4234-8234-123456789abc');
      expect(other).toMatchObject({ application: 'notfound', servicePrincipal: 'notfound' });
      await expect(s.azure.directory().clientSecretDates("x') or true")).rejects.toThrow(TypeError);
      expect(s.requestLog.entries('graph')).toHaveLength(2);
    });
    await withSandbox({ ...base, graph: { denied: true } }, async (s) => {
      const denied = await s.azure.directory().clientSecretDates(APP_ID).catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(GraphRequestError);
      expect(denied).toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
    });
  }, 30_000);
});
