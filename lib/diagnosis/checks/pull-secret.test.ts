import path from 'node:path';
import { describeCheckTable } from '../../../test/helpers/check-table';
import { diagnoseInSandbox } from '../../sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../sandbox/load-world';
import type { World } from '../../sandbox/world-schema';

describeCheckTable('pull-secret', [
  ['pull-secret-missing', 'fail', /secret acr-pull does not exist in namespace shop/],
  ['pull-secret-other-host', 'fail', /secret regcred is for otheracr\.azurecr\.io, not myacr\.azurecr\.io/],
  ['pull-secret-sp-expired', 'fail', /secret acr-sp authenticates as service principal aks-pull-sp \(88888888-8888-4888-8888-888888888888\), whose client secrets all expired \(the last on 2026-10-01\)/],
  ['pull-secret-sp-expiring', 'warn', /whose valid client secret expires on \d{4}-\d{2}-\d{2} \(in 5 days\); 1 other client secret ended \(last on 2026-10-01\) — if acr-sp holds that one, the registry refuses it/],
  ['pull-secret-sp-graph-denied', 'unknown', /secret acr-sp uses service principal 88888888-8888-4888-8888-888888888888; its client secret expiry could not be read from Microsoft Graph \(403 Authorization_RequestDenied\) — .*Application\.Read\.All/],
  ['run-command-denied', 'unknown', /Microsoft\.ContainerService\/managedClusters\/runCommand\/action/],
  ['node-pull-failing', 'pass', /has no imagePullSecrets/],
  ['spoke-dockerhub-private-no-secret', 'fail', /no imagePullSecrets, so the kubelet pulls fabrikamlabs\/ledger-sync from docker\.io anonymously, and docker\.io refused it/],
]);

describe('pull-secret: a service principal secret read through Microsoft Graph', () => {
  const expired = loadWorld(path.join(WORLDS_DIR, 'pull-secret-sp-expired.yaml'));
  const finding = async (world: World, faults: World['faults'] = []) => (await diagnoseInSandbox(world, { checkTimeoutMs: 8000, faults })).findings.find((f) => f.checkId === 'pull-secret')!;
  const withSecrets = (applicationSecrets: World['servicePrincipals'][number]['applicationSecrets'], servicePrincipalSecrets: typeof applicationSecrets = []): World => ({
    ...expired,
    servicePrincipals: [{ ...expired.servicePrincipals[0], applicationSecrets, servicePrincipalSecrets }],
  });

  it('passes with the nearest expiry when a secret is valid (one on the service principal object counts too)', async () => {
    const f = await finding(withSecrets([{ endsInDays: 200 }], [{ endsInDays: 90.5 }]));
    expect(f.status).toBe('pass');
    expect(f.summary).toMatch(/service principal aks-pull-sp \(88888888-8888-4888-8888-888888888888\) in secret acr-sp has a valid client secret \(the nearest expiry is \d{4}-\d{2}-\d{2}\)$/);
    expect(f.evidence.map((e) => e.fact)).toEqual(expect.arrayContaining([expect.stringMatching(/^service principal aks-pull-sp .*valid until/), expect.stringMatching(/^app registration aks-pull-sp .*valid until/)]));
  }, 30_000);

  it('fails when the app has no client secret at all, and never renders a secret hint', async () => {
    const f = await finding(withSecrets([]));
    expect(f.status).toBe('fail');
    expect(f.summary).toMatch(/which has no client secret/);
    expect(JSON.stringify(f)).not.toContain('Sbx');
  }, 30_000);

  it('is unknown, naming Application.Read.All and what it could not read, when Graph is unreachable', async () => {
    const f = await finding(expired, [{ route: 'GET /v1\\.0/.*', reset: true, server: 'any' }]);
    expect(f.status).toBe('unknown');
    expect(f.summary).toMatch(/could not be read from Microsoft Graph \(Graph unreachable\)/);
    expect(f.missing).toEqual({ what: 'the client secret expiry of service principal 88888888-8888-4888-8888-888888888888 (pull secret shop/acr-sp)', permission: expect.stringContaining('Application.Read.All') });
  }, 30_000);
});
