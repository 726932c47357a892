import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/**
 * The managed identity endpoint App Service and Azure Functions give an app, on 127.0.0.1: the
 * platform sets IDENTITY_ENDPOINT and IDENTITY_HEADER, and the app (here @azure/identity through
 * DefaultAzureCredential, as in Azure) asks `GET {IDENTITY_ENDPOINT}?resource=…&api-version=2019-08-01`
 * with the header `X-IDENTITY-HEADER`; the answer is `access_token`, `expires_on` (seconds since the
 * epoch), `resource`, `token_type`, `client_id`. Source: Microsoft Learn, "How to use managed
 * identities for App Service and Azure Functions", REST endpoint reference
 * (https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference).
 * The token is a JWT with the claims Azurite's `--oauth basic` checks (issuer, audience, lifetime),
 * signed with a key generated here that nothing else knows.
 */
export interface ManagedIdentityEndpoint {
  /** The environment the platform sets for the app. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** The `resource` of every token request answered, in order. */
  tokenRequests: string[];
  close(): Promise<void>;
}

const TENANT = '72f988bf-0000-4000-8000-00000000beef';
const CLIENT_ID = '0c4b1d1e-0000-4000-8000-000000000a11';

export async function startManagedIdentityEndpoint(): Promise<ManagedIdentityEndpoint> {
  const header = randomBytes(16).toString('hex');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokenRequests: string[] = [];
  const token = (resource: string) => {
    const now = Math.floor(Date.now() / 1000);
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = { aud: resource.replace(/\/$/, ''), iss: `https://sts.windows.net/${TENANT}/`, iat: now - 60, nbf: now - 60, exp: now + 3600, appid: CLIENT_ID, tid: TENANT, oid: CLIENT_ID };
    const data = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
    return { value: `${data}.${createSign('RSA-SHA256').update(data).sign(privateKey).toString('base64url')}`, expiresOn: claims.exp };
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.searchParams.get('resource');
    const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'GET' || url.pathname !== '/msi/token') return answer(404, { error: 'not_found' });
    if (req.headers['x-identity-header'] !== header) return answer(401, { error: 'invalid_request', error_description: 'X-IDENTITY-HEADER is missing or wrong' });
    if (url.searchParams.get('api-version') !== '2019-08-01' || !resource) return answer(400, { error: 'invalid_request', error_description: 'api-version=2019-08-01 and resource are required' });
    tokenRequests.push(resource);
    const t = token(resource);
    answer(200, { access_token: t.value, expires_on: String(t.expiresOn), resource, token_type: 'Bearer', client_id: CLIENT_ID });
  });
  const port = await listenOnLoopback(server);
  return {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: header },
    tokenRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
