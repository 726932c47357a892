import { redirectProblem, tokenRealmProblem, type EgressGrant } from './egress-policy';
import { RegistryEgressDenied, RegistryError } from './registry-client';
import { displayUrl, errorFromResponse, type RegistryResponse, type RegistryTransport } from './registry-transport';
import { BearerTokenResponseSchema } from './registry-wire';
import { parseChallenge, type Challenge } from './www-authenticate';

export interface BasicCredentials {
  username: string;
  password: string;
}

export interface RegistryAuthOptions {
  /** Username/password for Basic registries and Docker-style token servers (never logged). */
  basicAuth?: (host: string) => BasicCredentials | undefined;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Renew a minute before a token expires. */
const EXPIRY_SKEW_MS = 60_000;
const DEFAULT_TOKEN_LIFETIME_S = 60;

/**
 * Authorization for one registry host on the generic OCI path — never an identity token (an ACR that
 * ARM resolved is read through @azure/container-registry instead: lib/registry/acr-sdk-client.ts).
 * It discovers the scheme with `GET /v2/` and asks a Docker-style token server only when the
 * challenge's realm is the registry's own host or its documented token service (or uses Basic
 * credentials the wiring configured for that host). Tokens are cached per scope until they expire
 * and fetched single-flight. Token values never appear in errors.
 */
export class RegistryAuthenticator {
  private challenge?: Promise<Challenge | undefined>;
  private readonly tokens = new Map<string, Promise<CachedToken | undefined>>();

  constructor(
    private readonly host: string,
    private readonly baseUrl: string,
    private readonly transport: RegistryTransport,
    private readonly options: RegistryAuthOptions,
    private readonly grant: EgressGrant,
  ) {}

  /** The header to send for a request needing `scope`, or undefined when none is needed or known. */
  async authorization(scope: string, signal?: AbortSignal): Promise<string | undefined> {
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
    const challenge = parseChallenge(wwwAuthenticate);
    if (!challenge) return undefined;
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
