import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from './registry-reply';
import { parseScopes, type Grant, type SandboxTokenIssuer } from './registry-tokens';
import type { SandboxRegistry } from './registry-content';

/** How a sandbox registry authenticates: ACR's token flow, Docker Hub's, or a generic token server. */
export interface RegistryAuthScheme {
  /** ACR: `/oauth2/exchange` + `/oauth2/token` on the login server. */
  acr: boolean;
  realm: string;
  service: string;
  /** Anonymous tokens with pull access are handed out (ACR: anonymous pull enabled; public registries: always). */
  anonymousPull: boolean;
  /** Repositories anonymous tokens never grant (private repositories of a public registry). */
  privateRepositories: ReadonlySet<string>;
}

export function authSchemeFor(registry: SandboxRegistry, isAcr: boolean): RegistryAuthScheme {
  const host = registry.loginServer;
  const privateRepositories = new Set(Object.entries(registry.content.repositories).filter(([, r]) => r.private).map(([name]) => name));
  if (isAcr) return { acr: true, realm: `https://${host}/oauth2/token`, service: host, anonymousPull: registry.content.anonymousPull, privateRepositories };
  // Docker Hub's token server and service name (what registry-1.docker.io sends in its challenge).
  if (host === 'docker.io') return { acr: false, realm: 'https://auth.docker.io/token', service: 'registry.docker.io', anonymousPull: true, privateRepositories };
  return { acr: false, realm: `https://${host}/token`, service: host, anonymousPull: true, privateRepositories };
}

export function challengeHeader(scheme: RegistryAuthScheme, scope?: string): string {
  return `Bearer realm="${scheme.realm}",service="${scheme.service}"${scope ? `,scope="${scope}"` : ''}`;
}

/** ACR's words for a missing or insufficient token. */
export function sendUnauthorized(res: ServerResponse, scheme: RegistryAuthScheme, scope?: string, detail: unknown = null): void {
  const message = scheme.acr ? 'authentication required, visit https://aka.ms/acr/authorization for more information.' : 'authentication required';
  sendError(res, 401, 'UNAUTHORIZED', message, detail, { 'www-authenticate': challengeHeader(scheme, scope) });
}

/**
 * `POST /oauth2/exchange` (Entra access token → refresh token), `POST /oauth2/token` (refresh token →
 * access token for a scope) and `GET /oauth2/token` / `GET /token` (anonymous). The Entra token is
 * not validated: the sandbox models permission on the ARM side, not here.
 */
export async function handleTokenRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  scheme: RegistryAuthScheme,
  issuer: SandboxTokenIssuer,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (scheme.acr && path === '/oauth2/exchange' && method === 'POST') {
    const form = await readForm(req);
    if (!form) return tooLarge(res);
    if (form.get('grant_type') !== 'access_token' || !form.get('access_token')) {
      sendError(res, 400, 'UNSUPPORTED', 'grant_type must be access_token and access_token must be set');
    } else if (form.get('service') !== scheme.service) {
      sendError(res, 400, 'UNSUPPORTED', `service must be ${scheme.service}`);
    } else {
      sendJson(res, 200, { refresh_token: issuer.issueRefresh(scheme.service).token });
    }
    return true;
  }
  if (scheme.acr && path === '/oauth2/token' && method === 'POST') {
    const form = await readForm(req);
    if (!form) return tooLarge(res);
    const refresh = form.get('refresh_token') ?? '';
    if (form.get('grant_type') !== 'refresh_token' || form.get('service') !== scheme.service || !issuer.isRefreshToken(refresh, scheme.service)) {
      sendUnauthorized(res, scheme);
    } else {
      sendJson(res, 200, { access_token: issuer.issueAccess(scheme.service, parseScopes(form.get('scope'))).token });
    }
    return true;
  }
  const tokenPath = scheme.acr ? '/oauth2/token' : '/token';
  if (path === tokenPath && method === 'GET') {
    // Basic credentials (ACR admin user, Docker Hub accounts) are not modelled: refuse them rather than pretend.
    if (!scheme.anonymousPull || req.headers.authorization) {
      sendUnauthorized(res, scheme);
      return true;
    }
    const pullOnly: Grant[] = parseScopes(query.getAll('scope').join(' '))
      // Docker Hub hands an anonymous client a token for a private repository too, with no access in it.
      .filter((g) => g.type === 'repository' && g.actions.includes('pull') && !scheme.privateRepositories.has(g.name))
      .map((g) => ({ ...g, actions: ['pull'] }));
    const { token, expiresIn } = issuer.issueAccess(scheme.service, pullOnly);
    sendJson(res, 200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() });
    return true;
  }
  return false;
}

const MAX_FORM_BYTES = 64 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function tooLarge(res: ServerResponse): true {
  sendError(res, 413, 'SIZE_INVALID', 'request body too large');
  return true;
}
