import { createPublicKey, verify as verifySignature, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Azure Monitor action group "secure webhook": the action group's service principal (the AzNS
 * Microsoft Entra Webhook app, app id 461e8683-5575-4561-ac7f-899cc907d62a) sends an Entra access
 * token for our app registration in `Authorization: Bearer`. We check the signature against the
 * tenant's published keys (OpenID metadata → jwks_uri), the issuer, the audience (our app), the
 * caller (azp/appid = Azure Monitor), the app role the setup script assigns, and the lifetime.
 * https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups#secure-webhook
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens
 */
export const AZURE_MONITOR_ACTION_GROUP_APP_ID = '461e8683-5575-4561-ac7f-899cc907d62a';
export const SECURE_WEBHOOK_ROLE = 'ActionGroupsSecureWebhook';

export interface Refusal {
  status: 401 | 503;
  error: string;
}

export interface WebhookAuth {
  /** undefined = let the request through; otherwise the answer. */
  check(authorization: string | null): Promise<Refusal | undefined>;
}

export interface SecureWebhookOptions {
  /** Client id of our app registration (PULL_DOCTOR_ALERT_AUTH_APP_ID). */
  appId: string;
  tenantId: string;
  /** https://login.microsoftonline.com (or the national cloud's). */
  authorityHost: string;
  /** Only tests point this elsewhere (a local JWKS on 127.0.0.1). */
  openIdConfigurationUrl?: string;
  nowSeconds?: () => number;
  fetch?: typeof fetch;
}

const Metadata = z.object({ issuer: z.string().url(), jwks_uri: z.string().url() });
const Jwks = z.object({ keys: z.array(z.object({ kid: z.string(), kty: z.string() }).passthrough()).max(100) });
const Header = z.object({ alg: z.literal('RS256'), kid: z.string().min(1).max(200) }).passthrough();
const Claims = z
  .object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number(),
    nbf: z.number().optional(),
    tid: z.string().optional(),
    azp: z.string().optional(),
    appid: z.string().optional(),
    roles: z.array(z.string()).optional(),
  })
  .passthrough();

const CLOCK_SKEW_SECONDS = 300;
const KEYS_TTL_MS = 24 * 3600_000;
const REFRESH_AT_MOST_EVERY_MS = 5 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

export class SecureWebhookAuth implements WebhookAuth {
  private keys = new Map<string, KeyObject>();
  private issuer: string | undefined;
  private fetchedAt = 0;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: SecureWebhookOptions) {}

  private get metadataUrl(): string {
    return this.options.openIdConfigurationUrl ?? `${this.options.authorityHost.replace(/\/+$/, '')}/${this.options.tenantId}/v2.0/.well-known/openid-configuration`;
  }

  private async refreshKeys(): Promise<void> {
    const get = this.options.fetch ?? fetch;
    const json = async (url: string) => {
      const response = await get(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return (await response.json()) as unknown;
    };
    const metadata = Metadata.parse(await json(this.metadataUrl));
    const jwks = Jwks.parse(await json(metadata.jwks_uri));
    const keys = new Map<string, KeyObject>();
    for (const jwk of jwks.keys) {
      if (jwk.kty !== 'RSA') continue;
      keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
    }
    this.keys = keys;
    this.issuer = metadata.issuer.replace('{tenantid}', this.options.tenantId);
    this.fetchedAt = Date.now();
  }

  /** The key for `kid`, fetching the tenant's keys when they are old or the kid is new (rate-limited). */
  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    const age = Date.now() - this.fetchedAt;
    if (age > KEYS_TTL_MS || (!this.keys.has(kid) && age > REFRESH_AT_MOST_EVERY_MS)) {
      this.inFlight ??= this.refreshKeys().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
    return this.keys.get(kid);
  }

  async check(authorization: string | null): Promise<Refusal | undefined> {
    const refuse = (error: string): Refusal => ({ status: 401, error: `secure webhook token refused: ${error}` });
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
    if (!match) return refuse('no Entra bearer token (the action group must use the secure webhook, useAadAuth)');
    const [, headerPart, payloadPart, signaturePart] = match as unknown as [string, string, string, string];
    let header: z.infer<typeof Header>;
    let claims: z.infer<typeof Claims>;
    try {
      header = Header.parse(decodeSegment(headerPart));
      claims = Claims.parse(decodeSegment(payloadPart));
    } catch {
      return refuse('not a JWT with RS256 signature and the access token claims');
    }
    let key: KeyObject | undefined;
    try {
      key = await this.keyFor(header.kid);
    } catch (error) {
      return { status: 503, error: `could not read the tenant's signing keys: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!key) return refuse(`signing key ${header.kid} is not one of the tenant's`);
    const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
    if (!verifySignature('RSA-SHA256', signed, key, Buffer.from(signaturePart, 'base64url'))) return refuse('bad signature');
    const now = this.options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
    if (claims.iss !== this.issuer) return refuse('wrong issuer');
    if (claims.tid !== undefined && claims.tid !== this.options.tenantId) return refuse('wrong tenant');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => a === this.options.appId || a === `api://${this.options.appId}`)) return refuse('wrong audience');
    if ((claims.azp ?? claims.appid) !== AZURE_MONITOR_ACTION_GROUP_APP_ID) return refuse('not issued to Azure Monitor action groups');
    if (!claims.roles?.includes(SECURE_WEBHOOK_ROLE)) return refuse(`no ${SECURE_WEBHOOK_ROLE} role`);
    if (claims.exp < now - CLOCK_SKEW_SECONDS) return refuse('expired');
    if (claims.nbf !== undefined && claims.nbf > now + CLOCK_SKEW_SECONDS) return refuse('not valid yet');
    return undefined;
  }
}

/** Function key only (outside Azure, no app registration configured). */
export const FUNCTION_KEY_ONLY: WebhookAuth = { check: async () => undefined };

/** In Azure without the app registration: refuse, never fall back to the key alone. */
export const SECURE_WEBHOOK_NOT_CONFIGURED: WebhookAuth = {
  check: async () => ({ status: 503, error: 'the alert webhook requires the secure webhook: set PULL_DOCTOR_ALERT_AUTH_APP_ID (see docs/security.md)' }),
};
