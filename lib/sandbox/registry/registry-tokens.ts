import { randomBytes } from 'node:crypto';

/** One access grant, as in the Docker token spec's `access` claim. */
export interface Grant {
  type: string;
  name: string;
  actions: string[];
}

interface IssuedToken {
  kind: 'refresh' | 'access';
  service: string;
  access: Grant[];
  expiresAt: number;
}

const REFRESH_LIFETIME_S = 3 * 3600;
const ACCESS_LIFETIME_S = 75 * 60;

/**
 * Tokens of the sandbox registries. They are JWT-shaped (clients read `exp` from them, as they do
 * from ACR's) but unsigned; what makes one valid is that this issuer handed it out, for this
 * service. RBAC is not evaluated here: the ARM side of the sandbox models who may pull.
 */
export class SandboxTokenIssuer {
  private readonly issued = new Map<string, IssuedToken>();

  issueRefresh(service: string): { token: string; expiresIn: number } {
    return { token: this.issue({ kind: 'refresh', service, access: [] }, REFRESH_LIFETIME_S), expiresIn: REFRESH_LIFETIME_S };
  }

  issueAccess(service: string, access: Grant[]): { token: string; expiresIn: number } {
    return { token: this.issue({ kind: 'access', service, access }, ACCESS_LIFETIME_S), expiresIn: ACCESS_LIFETIME_S };
  }

  /** True when `token` is a live refresh token this issuer gave for `service`. */
  isRefreshToken(token: string, service: string): boolean {
    const t = this.live(token);
    return t?.kind === 'refresh' && t.service === service;
  }

  /** True when the `Authorization` header carries a live access token for `service` granting `action` on `type:name`. */
  allows(authorization: string | undefined, service: string, type: string, name: string, action: string): boolean {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const t = m ? this.live(m[1]!) : undefined;
    if (!t || t.kind !== 'access' || t.service !== service) return false;
    return t.access.some((g) => g.type === type && (g.name === name || g.name === '*') && (g.actions.includes(action) || g.actions.includes('*')));
  }

  /** Any live access token for `service` (what `/v2/` checks). */
  isAccessToken(authorization: string | undefined, service: string): boolean {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const t = m ? this.live(m[1]!) : undefined;
    return t?.kind === 'access' && t.service === service;
  }

  private live(token: string): IssuedToken | undefined {
    const t = this.issued.get(token);
    return t && t.expiresAt > Date.now() ? t : undefined;
  }

  private issue(record: Omit<IssuedToken, 'expiresAt'>, lifetimeS: number): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'pull-doctor-sandbox',
      aud: record.service,
      iat: now,
      exp: now + lifetimeS,
      jti: randomBytes(8).toString('hex'),
      grant_type: record.kind === 'refresh' ? 'refresh_token' : 'access_token',
      access: record.access,
    };
    const token = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      randomBytes(16).toString('base64url'),
    ].join('.');
    this.issued.set(token, { ...record, expiresAt: (now + lifetimeS) * 1000 });
    return token;
  }
}

/** `repository:team/app:pull,push registry:catalog:*` → grants. Malformed entries are dropped. */
export function parseScopes(scope: string | null | undefined): Grant[] {
  const grants: Grant[] = [];
  for (const item of (scope ?? '').split(/\s+/).filter(Boolean)) {
    const first = item.indexOf(':');
    const last = item.lastIndexOf(':');
    if (first <= 0 || last <= first) continue;
    grants.push({ type: item.slice(0, first), name: item.slice(first + 1, last), actions: item.slice(last + 1).split(',').filter(Boolean) });
  }
  return grants;
}
