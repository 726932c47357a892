import path from 'node:path';
import { describeCheckTable } from '../../../test/helpers/check-table';
import { diagnoseInSandbox } from '../../sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../sandbox/load-world';
import type { World } from '../../sandbox/world-schema';

describeCheckTable('node-pull', [
  ['node-pull-failing', 'warn', /node pool userpool also fails .* at "Validating image pull permission"; the node's token exchange was refused \(401\)/],
  ['pull-secret-other-host', 'pass', /canipull pod on node pool userpool authenticated to myacr\.azurecr\.io, and a HEAD of app:v1\.2 from the node answered 200 \(digest sha256:[0-9a-f]{64}\)/],
]);

describe('node-pull: the manifest HEAD from the node is its own evidence', () => {
  const probeWorld = loadWorld(path.join(WORLDS_DIR, 'pull-secret-other-host.yaml'));
  const nodePull = async (world: World) => (await diagnoseInSandbox(world, { checkTimeoutMs: 8000 })).findings.find((f) => f.checkId === 'node-pull')!;

  it('reports the token result and the manifest result (status, digest) as separate facts', async () => {
    const f = await nodePull(probeWorld);
    const facts = f.evidence.map((e) => e.fact);
    expect(facts).toEqual(
      expect.arrayContaining([
        'token exchange POST https://myacr.azurecr.io/oauth2/exchange with the kubelet identity: 200',
        'repository token POST https://myacr.azurecr.io/oauth2/token (repository:app:pull): 200',
        expect.stringMatching(/^manifest HEAD https:\/\/myacr\.azurecr\.io\/v2\/app\/manifests\/v1\.2: 200, Docker-Content-Digest sha256:[0-9a-f]{64}$/),
      ]),
    );
  }, 30_000);

  it('warns when the node authenticates but the manifest is missing (HEAD 404), and when the pull token is refused', async () => {
    const missing = await nodePull({ ...probeWorld, failure: { ...probeWorld.failure, image: 'myacr.azurecr.io/app:v9.9' } });
    expect(missing.status).toBe('warn');
    expect(missing.summary).toMatch(/accepts the node's identity, but a HEAD of app:v9\.9 from the node answered 404 \(no such manifest\)/);
    const refused = await nodePull({ ...probeWorld, cluster: { ...probeWorld.cluster!, nodePull: { ...probeWorld.cluster!.nodePull!, head: { identity: 'ok', exchange: 200, token: 401 } } } });
    expect(refused.status).toBe('warn');
    expect(refused.summary).toMatch(/but a pull token for app was refused \(401\)/);
    expect(refused.evidence.map((e) => e.fact).some((x) => x.startsWith('manifest HEAD'))).toBe(false);
  }, 30_000);
});
