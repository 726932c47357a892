import type { TokenCredential } from '@azure/core-auth';
import { redirectProblem, tokenRealmProblem, type EgressGrant } from './egress-policy';
import { RegistryEgressDenied, RegistryError } from './registry-client';
import { acrEntraScope } from './registry-hosts';
import { displayUrl, errorFromResponse, type RegistryResponse, type RegistryTransport } from './registry-transport';
import { BearerTokenResponseSchema, RefreshTokenResponseSchema } from './registry-wire';
import { parseChallenge, type Challenge } from './www-authenticate';

export interface BasicCredentials {
  username: string;
  password: string;
}

export interface RegistryAuthOptions {
  /** Entra credential; exchanged for an ACR refresh token, only with hosts the egress grant says `entra`. */
  credential?: TokenCredential;
  /** Entra tenant sent to ACR's exchange (multi-tenant identities). */
  tenantId?: string;
  /** Username/password for Basic registries and Docker-style token servers (never logged). */
  basicAuth?: (host: string) => BasicCredentials | undefined;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Refresh tokens live 3 h and access tokens 75 min on ACR; renew a minute early. */
const EXPIRY_SKEW_MS = 60_000;
const DEFAULT_TOKEN_LIFETIME_S = 60;

/**
 * Authorization for one registry host under its egress grant. An `entra` grant (an ACR that ARM
 * resolved) exchanges the Entra token at the login server's own `/oauth2/exchange` and never asks
 * the host where to send it. Any other grant is anonymous: it discovers the scheme with `GET /v2/`
 * and asks a Docker-style token server only when the challenge's realm is the registry's own host or
 * its documented token service (or uses Basic credentials the wiring configured for that host).
 * Tokens are cached per scope until they expire and fetched single-flight. Token values never
 * appear in errors.
 */
export class RegistryAuthenticator {
  private challenge?: Promise<Challenge | undefined>;
  private readonly tokens = new Map<string, Promise<CachedToken | undefined>>();
  private refreshToken?: Promise<CachedToken>;

  constructor(
    private readonly host: string,
    private readonly baseUrl: string,
    private readonly transport: RegistryTransport,
    private readonly options: RegistryAuthOptions,
    private readonly grant: EgressGrant,
  ) {}

  private get entra(): boolean {
    return this.grant.auth === 'entra' && this.options.credential !== undefined;
  }

  /** ACR's documented, fixed challenge: realm `https://<login server>/oauth2/token`, service = login server. */
  private acrChallenge(): Extract<Challenge, { scheme: 'bearer' }> {
    return { scheme: 'bearer', realm: `${this.baseUrl}/oauth2/token`, service: this.host };
  }

  /** The header to send for a request needing `scope`, or undefined when none is needed or known. */
  async authorization(scope: string, signal?: AbortSignal): Promise<string | undefined> {
    // An ACR resolved through ARM: skip the `GET /v2/` round trip and exchange at once.
    if (!this.challenge && this.entra) this.challenge = Promise.resolve(this.acrChallenge());
    this.challenge ??= this.probe(signal).catch((err: unknown) => {
      this.challenge = undefined;
      throw err;
    });
    const challenge = await this.challenge;
    return this.headerFor(challenge, scope, signal);
  }

  /**
   * After a 401 on a request: learn the challenge it carried, forget the token used, and return a
   * header to retry with once — undefined when there is nothing new to try.
   */
  async retryAuthorization(wwwAuthenticate: string | undefined, scope: string, signal?: AbortSignal): Promise<string | undefined> {
    const parsed = parseChallenge(wwwAuthenticate);
    if (!parsed) return undefined;
    // With Entra, only the scope of the host's challenge is used: never its realm or service.
    const challenge: Challenge = this.entra ? { ...this.acrChallenge(), scope: parsed.scheme === 'bearer' ? parsed.scope : undefined } : parsed;
    this.challenge = Promise.resolve(challenge);
    const wanted = challenge.scheme === 'bearer' && challenge.scope ? challenge.scope : scope;
    this.tokens.delete(wanted);
    return this.headerFor(challenge, wanted, signal);
  }

  private async probe(signal?: AbortSignal): Promise<Challenge | undefined> {
    const response = await this.transport.send({ method: 'GET', url: `${this.baseUrl}/v2/`, signal, redirect: (to) => redirectProblem(this.grant, to) });
    if (response.status === 401) return parseChallenge(response.headers.get('www-authenticate'));
    if (response.status >= 200 && response.status < 300) return undefined;
    throw errorFromResponse(response, `GET ${this.baseUrl}/v2/`);
  }

  private async headerFor(challenge: Challenge | undefined, scope: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      const basic = this.options.basicAuth?.(this.host);
      return basic ? basicHeader(basic) : undefined;
    }
    let pending = this.tokens.get(scope);
    if (!pending) {
      pending = this.fetchToken(challenge, scope, signal);
      this.tokens.set(scope, pending);
      pending.catch(() => this.tokens.delete(scope));
    }
    const token = await pending;
    if (token && token.expiresAt <= Date.now()) {
      this.tokens.delete(scope);
      return this.headerFor(challenge, scope, signal);
    }
    return token ? `Bearer ${token.value}` : undefined;
  }

  private async fetchToken(
    challenge: Extract<Challenge, { scheme: 'bearer' }>,
    scope: string,
    signal?: AbortSignal,
  ): Promise<CachedToken | undefined> {
    const service = challenge.service ?? this.host;
    if (this.entra) {
      const refresh = await this.acrRefreshToken(this.host, signal);
      const url = `${this.baseUrl}/oauth2/token`;
      const response = await this.transport.send({
        method: 'POST',
        url,
        form: { grant_type: 'refresh_token', service, scope, refresh_token: refresh.value },
        signal,
      });
      return parseAccessToken(response, `POST ${displayUrl(url)}`);
    }
    const refused = tokenRealmProblem(this.grant, challenge.realm);
    if (refused) throw new RegistryEgressDenied(refused, this.host);
    const url = new URL(challenge.realm);
    url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const basic = this.options.basicAuth?.(this.host);
    const response = await this.transport.send({
      method: 'GET',
      url: url.toString(),
      headers: basic ? { Authorization: basicHeader(basic) } : undefined,
      signal,
      redirect: (to) => redirectProblem(this.grant, to),
    });
    return parseAccessToken(response, `GET ${displayUrl(url.toString())}`);
  }

  /** The ACR refresh token for the login server, from `/oauth2/exchange` on that same host (ARM-resolved: see the grant). */
  private acrRefreshToken(service: string, signal?: AbortSignal): Promise<CachedToken> {
    const current = this.refreshToken;
    if (current) {
      return current.then((t) => {
        if (t.expiresAt > Date.now()) return t;
        this.refreshToken = undefined;
        return this.acrRefreshToken(service, signal);
      });
    }
    const pending = (async () => {
      const credential = this.options.credential!;
      const entra = await credential.getToken(acrEntraScope(this.host), { abortSignal: signal });
      if (!entra) throw new RegistryError(`no Entra token for ${acrEntraScope(this.host)}`, 401, 'UNAUTHORIZED');
      const url = `${this.baseUrl}/oauth2/exchange`;
      const form: Record<string, string> = { grant_type: 'access_token', service, access_token: entra.token };
      if (this.options.tenantId) form.tenant = this.options.tenantId;
      const what = `POST ${displayUrl(url)}`;
      const response = await this.transport.send({ method: 'POST', url, form, signal });
      if (response.status !== 200) throw errorFromResponse(response, what);
      const parsed = RefreshTokenResponseSchema.safeParse(safeJson(response.body));
      if (!parsed.success) throw new RegistryError(`${what} → unexpected response (no refresh_token)`, response.status, 'INVALID_RESPONSE', what);
      const value = parsed.data.refresh_token;
      const expiresAt = jwtExpiry(value) ?? Math.min(entra.expiresOnTimestamp, Date.now() + 3 * 3600_000);
      return { value, expiresAt: Math.max(expiresAt - EXPIRY_SKEW_MS, Date.now() + 1000) };
    })();
    this.refreshToken = pending;
    pending.catch(() => {
      if (this.refreshToken === pending) this.refreshToken = undefined;
    });
    return pending;
  }
}

function parseAccessToken(response: RegistryResponse, what: string): CachedToken {
  if (response.status !== 200) throw errorFromResponse(response, what);
  const parsed = BearerTokenResponseSchema.safeParse(safeJson(response.body));
  if (!parsed.success) throw new RegistryError(`${what} → unexpected token response`, response.status, 'INVALID_RESPONSE', what);
  const value = (parsed.data.access_token ?? parsed.data.token)!;
  const expiresAt = jwtExpiry(value) ?? Date.now() + (parsed.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
  return { value, expiresAt: Math.max(expiresAt - EXPIRY_SKEW_MS, Date.now() + 1000) };
}

function basicHeader({ username, password }: BasicCredentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `exp` of a JWT, in ms; undefined for opaque tokens. The token is not verified: only its lifetime is read. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  const claims = safeJson(Buffer.from(payload, 'base64url').toString('utf8'));
  const exp = claims && typeof claims === 'object' ? (claims as { exp?: unknown }).exp : undefined;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}
