import type { TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, createPipelineRequest, type PipelinePolicy, type PipelineRequest, type SendRequest } from '@azure/core-rest-pipeline';

/** Renew a minute before a token expires; a token without a readable `exp` is kept this long. */
const EXPIRY_SKEW_MS = 60_000;
const OPAQUE_TOKEN_MS = 5 * 60_000;

interface Token {
  value: string;
  expiresAt: number;
}

/**
 * The ACR scope a request of the SDK's clients needs, read from its path (ACR's documented scopes:
 * https://learn.microsoft.com/azure/container-registry/container-registry-repository-scoped-permissions).
 * One token per repository carries both actions the clients use (`metadata_read` for `/acr/v1/`,
 * `pull` for `/v2/…/manifests`), so the registry client and the content client share it.
 */
export function acrScopeFor(path: string): string | undefined {
  if (path === '/acr/v1/_catalog') return 'registry:catalog:*';
  const repository = /^\/acr\/v1\/(.+?)\/(?:_tags|_manifests)(?:\/|$)/.exec(path)?.[1] ?? /^\/v2\/(.+?)\/manifests\//.exec(path)?.[1];
  // The SDK sends a nested repository name percent-encoded (`team%2Fapp`).
  const name = repository ? safeDecode(repository) : undefined;
  return name ? `repository:${name}:metadata_read,pull` : undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * One ACR token cache per login server, shared by the registry client and every content client of
 * it (the SDK gives each client its own challenge handler, so a first resolve ran ACR's Entra
 * exchange twice: 9 requests). It runs ACR's flow once — Entra token → `POST /oauth2/exchange` →
 * refresh token → `POST /oauth2/token` per scope — and sets the header before the request leaves, so
 * there is no 401 round trip either. Its own requests go through the rest of the pipeline (the
 * egress guard: the grant's host only, no redirect followed; the request accounting).
 *
 * It only ever adds a header: when its flow fails, or ACR refuses its token (401), the request goes
 * on (or the 401 comes back) as before, and the SDK's own challenge handler does its flow and reports
 * the error in its words. Abort errors are not swallowed.
 */
export class AcrSharedTokens {
  /** The refresh token (one entry, key ''), shared by every scope. */
  private readonly refresh = new Map<string, Promise<Token>>();
  private readonly access = new Map<string, Promise<Token>>();
  /** Scopes whose token ACR refused: left to the SDK's own handler from then on. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly host: string,
    private readonly credential: TokenCredential,
    private readonly audience: string,
    /** The clients' own CA (tlsOptions), which their requests carry only once the HTTP client reads it. */
    private readonly tlsCa?: string,
  ) {}

  policy(): PipelinePolicy {
    return {
      name: 'pullDoctorAcrSharedToken',
      sendRequest: async (request, next) => {
        const url = new URL(request.url);
        const scope = url.host === this.host && !url.pathname.startsWith('/oauth2/') ? acrScopeFor(url.pathname) : undefined;
        if (!scope || this.refused.has(scope)) return next(request);
        const token = await this.tokenFor(scope, request, next);
        if (!token) return next(request);
        request.headers.set('Authorization', `Bearer ${token}`);
        const response = await next(request);
        if (response.status === 401) {
          this.refused.add(scope);
          this.access.delete(scope);
        }
        return response;
      },
    };
  }

  private async tokenFor(scope: string, request: PipelineRequest, next: SendRequest): Promise<string | undefined> {
    try {
      return (await this.cached(this.access, scope, () => this.accessToken(scope, request, next))).value;
    } catch (error) {
      if (request.abortSignal?.aborted) throw error;
      // The SDK's challenge handler will try, and say why it failed.
      this.refused.add(scope);
      return undefined;
    }
  }

  private async cached(map: Map<string, Promise<Token>>, key: string, fetch: () => Promise<Token>): Promise<Token> {
    let pending = map.get(key);
    if (pending) {
      const token = await pending.catch(() => undefined);
      if (token && token.expiresAt > Date.now()) return token;
      if (map.get(key) === pending) map.delete(key);
    }
    pending = fetch();
    map.set(key, pending);
    pending.catch(() => map.get(key) === pending && map.delete(key));
    return pending;
  }

  private async accessToken(scope: string, request: PipelineRequest, next: SendRequest): Promise<Token> {
    const refresh = await this.cached(this.refresh, '', () => this.refreshToken(request, next));
    const body = { grant_type: 'refresh_token', service: this.host, scope, refresh_token: refresh.value };
    return this.post('/oauth2/token', body, 'access_token', request, next);
  }

  private async refreshToken(request: PipelineRequest, next: SendRequest): Promise<Token> {
    const entra = await this.credential.getToken(`${this.audience}/.default`, { abortSignal: request.abortSignal });
    if (!entra) throw new Error('no Entra token');
    return this.post('/oauth2/exchange', { grant_type: 'access_token', service: this.host, access_token: entra.token }, 'refresh_token', request, next);
  }

  private async post(path: string, form: Record<string, string>, field: 'access_token' | 'refresh_token', request: PipelineRequest, next: SendRequest): Promise<Token> {
    const tokenRequest = createPipelineRequest({
      url: `https://${this.host}${path}`,
      method: 'POST',
      headers: createHttpHeaders({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }),
      body: new URLSearchParams(form).toString(),
      abortSignal: request.abortSignal,
    });
    // Not options of createPipelineRequest: copied as the SDK's own request carries them.
    tokenRequest.tlsSettings = request.tlsSettings ?? (this.tlsCa ? { ca: this.tlsCa } : undefined);
    tokenRequest.agent = request.agent;
    const response = await next(tokenRequest);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    const value: unknown = safeJson(response.bodyAsText ?? undefined)?.[field];
    if (typeof value !== 'string' || !value) throw new Error(`${path}: no ${field}`);
    return { value, expiresAt: expiry(value) };
  }
}

function safeJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `exp` of a JWT minus the skew (the token is not verified, only its lifetime read). */
function expiry(token: string): number {
  const payload = token.split('.')[1];
  const exp = payload ? safeJson(Buffer.from(payload, 'base64url').toString('utf8'))?.exp : undefined;
  return typeof exp === 'number' ? Math.max(exp * 1000 - EXPIRY_SKEW_MS, Date.now() + 1000) : Date.now() + OPAQUE_TOKEN_MS;
}
