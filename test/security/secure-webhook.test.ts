import { HttpRequest, InvocationContext } from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { createServices } from '../../lib/app/create-services';
import { AZURE_MONITOR_ACTION_GROUP_APP_ID, SecureWebhookAuth } from '../../lib/http/secure-webhook-auth';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { RecordingLogger } from '../commands/command-fixtures';
import { startLocalJwks, type LocalJwks } from '../helpers/local-jwks';

/**
 * Attack: the alert webhook was protected by the host key in its URL only (a key that opens every
 * function-level route). As an Azure Monitor secure webhook it also needs the action group's Entra
 * token: signed by the tenant, for our app registration, issued to Azure Monitor's app.
 */
const TENANT = '72f988bf-0000-4000-8000-000000000001';
const APP_ID = '0d3c1f2a-0000-4000-8000-00000000a1e7';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const alertBody = readFileSync(join(__dirname, '..', 'fixtures', 'alerts', 'log-v2-dimensions-fired.json'), 'utf8');

let jwks: LocalJwks;
beforeAll(async () => {
  jwks = await startLocalJwks({ issuer: ISSUER });
});
afterAll(() => jwks.close());

const now = Math.floor(Date.now() / 1000);
const good = (): Record<string, unknown> => ({
  iss: ISSUER,
  aud: APP_ID,
  tid: TENANT,
  azp: AZURE_MONITOR_ACTION_GROUP_APP_ID,
  roles: ['ActionGroupsSecureWebhook'],
  iat: now - 60,
  nbf: now - 60,
  exp: now + 3600,
  ver: '2.0',
});

function harness(env: Record<string, string> = {}, secure = true) {
  const queue = new MemoryJobQueue();
  const alertAuth = secure ? new SecureWebhookAuth({ appId: APP_ID, tenantId: TENANT, authorityHost: 'https://login.microsoftonline.com', openIdConfigurationUrl: jwks.metadataUrl }) : undefined;
  const services = createServices(env, { store: new MemoryIncidentStore(), queue, log: new RecordingLogger(), ...(alertAuth ? { alertAuth } : {}) });
  const lines: string[] = [];
  const context = new InvocationContext({ functionName: 'alertWebhook', invocationId: 'test', logHandler: (level, ...args) => lines.push(`${level} ${args.join(' ')}`) });
  const post = (authorization?: string) =>
    alertWebhookHandler(() => services)(
      new HttpRequest({ method: 'POST', url: 'https://pull-doctor.example.net/api/alerts?code=k', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: { string: alertBody } }),
      context,
    );
  return { post, log: { text: () => lines.join('\n') }, queue };
}

describe('alert webhook: Azure Monitor secure webhook (Entra token) besides the function key', () => {
  it('accepts the action group token', async () => {
    const { post } = harness();
    expect((await post(`Bearer ${jwks.sign(good())}`)).status).toBe(202);
  });

  it.each([
    ['no token (key only)', () => undefined],
    ['a token signed by a key the tenant never published', () => `Bearer ${jwks.sign(good(), { forgeWith: jwks.strangerKey })}`],
    ['another audience', () => `Bearer ${jwks.sign({ ...good(), aud: 'https://management.azure.com' })}`],
    ['another issuer', () => `Bearer ${jwks.sign({ ...good(), iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0' })}`],
    ['issued to another app (not Azure Monitor)', () => `Bearer ${jwks.sign({ ...good(), azp: '11111111-1111-1111-1111-111111111111' })}`],
    ['without the ActionGroupsSecureWebhook role', () => `Bearer ${jwks.sign({ ...good(), roles: [] })}`],
    ['expired', () => `Bearer ${jwks.sign({ ...good(), exp: now - 3600 })}`],
    ['alg none', () => `Bearer ${Buffer.from('{"alg":"none","kid":"local-test-key-1"}').toString('base64url')}.${Buffer.from(JSON.stringify(good())).toString('base64url')}.x`],
  ])('refuses %s with 401 and queues nothing', async (_what, header) => {
    const { post, log, queue } = harness();
    const response = await post(header());
    expect(response.status).toBe(401);
    expect(queue.sent).toBe(0);
    expect(log.text()).toMatch(/alert webhook: 401 secure webhook token refused/);
  });

  it('in Azure without the app registration configured, every alert is refused (503), never key-only', async () => {
    const { post } = harness({ WEBSITE_SITE_NAME: 'func-pull-doctor-x' }, false);
    const response = await post(`Bearer ${jwks.sign(good())}`);
    expect(response.status).toBe(503);
  });
});
