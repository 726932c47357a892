import { isIP } from 'node:net';
import { recognizeAcrHost } from '../image-ref/acr-host';

/**
 * Which registry hosts pull-doctor may contact, and how. An image reference is chosen by whoever
 * creates a pod or types in chat, so the host it names is untrusted. The one rule, applied by the
 * engine before any registry request and by chat and intake for what they can decide alone:
 *
 * (a) an Azure Container Registry whose login server ARM resolved for this diagnosis → contacted,
 *     and only there is the identity's Entra token exchanged (at `https://<login server>/oauth2/exchange`);
 * (b) a host on PULL_DOCTOR_ALLOWED_REGISTRIES → contacted anonymously;
 * (c) a public registry on the built-in list below → contacted anonymously;
 * anything else → not contacted; the checks that need the registry say `unknown` with DENIED_REASON.
 *
 * Token services and redirects are held to the same rule: a bearer challenge's realm must be the
 * registry's own host or its documented token service, and a redirect may only go to the registry's
 * own host or its documented blob/data endpoints — never to a private, link-local or loopback address
 * (loopback only with `allowLoopback`, which the test and sandbox wiring set and production never does).
 */

export const DENIED_REASON = 'registry host not allowed: add it to PULL_DOCTOR_ALLOWED_REGISTRIES to let pull-doctor contact it anonymously';

/** Where a registry's anonymous token service and its blob downloads may live (sources in docs/security.md). */
interface KnownRegistry {
  /** The host image references name (`docker.io`) and the hosts its API answers on. */
  hosts: readonly string[];
  tokenHosts: readonly string[];
  /** Exact hosts or patterns (`*` = one or more DNS-label characters, never a dot). */
  redirectHosts: readonly string[];
}

export const PUBLIC_REGISTRIES: readonly KnownRegistry[] = [
  {
    // Docker Docs "Allowlist for Docker Desktop": registry-1.docker.io (pull), auth.docker.io (token),
    // production.cloudflare.docker.com / production.cloudfront.docker.com / the R2 bucket (blobs).
    hosts: ['docker.io', 'index.docker.io', 'registry-1.docker.io'],
    tokenHosts: ['auth.docker.io'],
    redirectHosts: ['production.cloudflare.docker.com', 'production.cloudfront.docker.com', 'docker-images-prod.6aa30f8b08e16409b46e0173d6de2f56.r2.cloudflarestorage.com'],
  },
  // MS Learn "AKS outbound network rules": mcr.microsoft.com and its data endpoint *.data.mcr.microsoft.com.
  { hosts: ['mcr.microsoft.com'], tokenHosts: [], redirectHosts: ['*.data.mcr.microsoft.com'] },
  // GitHub Docs (self-hosted runner communication): ghcr.io (API and /token), pkg-containers.githubusercontent.com (blobs).
  { hosts: ['ghcr.io'], tokenHosts: [], redirectHosts: ['pkg-containers.githubusercontent.com'] },
  // Red Hat OpenShift "Configuring your firewall": quay.io, CDN hosts cdn.quay.io and cdn01–03.quay.io.
  { hosts: ['quay.io'], tokenHosts: [], redirectHosts: ['cdn.quay.io', 'cdn01.quay.io', 'cdn02.quay.io', 'cdn03.quay.io'] },
  // kubernetes/registry.k8s.io docs/debugging.md: manifests redirect to <region>-docker.pkg.dev, blobs to the prod S3 buckets.
  { hosts: ['registry.k8s.io'], tokenHosts: [], redirectHosts: ['*-docker.pkg.dev', 'prod-registry-k8s-io-*.s3.dualstack.*.amazonaws.com'] },
];

/** The part of an ARM registry resource the policy needs (RegistryFacts has it). */
export interface ArmResolvedRegistry {
  loginServer: string;
  dataEndpointHostNames: readonly string[];
}

export interface RegistryEgressPolicyOptions {
  /** PULL_DOCTOR_ALLOWED_REGISTRIES: hosts (with port when not 443) contacted anonymously. */
  allowedRegistries?: readonly string[];
  /** Tests and the sandbox only: registry hosts and redirects may name loopback addresses. Never set in production. */
  allowLoopback?: boolean;
}

/** Permission to contact one registry host; only this module creates them (the registry client checks). */
export interface EgressGrant {
  readonly allowed: true;
  readonly host: string;
  /** `entra`: ACR resolved through ARM for this diagnosis. `anonymous`: never any identity token. */
  readonly auth: 'entra' | 'anonymous';
  readonly basis: 'arm' | 'allowed-list' | 'public-list';
  /** Hosts, besides the registry's own, a bearer challenge's realm may name. */
  readonly tokenHosts: readonly string[];
  /** Hosts or patterns, besides the registry's own, a redirect may go to. */
  readonly redirectHosts: readonly string[];
  readonly allowLoopback: boolean;
}

export interface EgressDenial {
  readonly allowed: false;
  readonly host: string;
  readonly reason: string;
}

/** What chat and intake can know without ARM: an ACR host may still be resolved by the diagnosis. */
export type StaticEgressDecision = EgressGrant | EgressDenial | { readonly allowed: 'if-arm-resolves'; readonly host: string };

const issued = new WeakSet<EgressGrant>();

export function isEgressGrant(value: unknown): value is EgressGrant {
  // WeakSet.prototype.has answers false for anything that is not an object (ECMA-262 §24.4.3.4), so no type guard is needed.
  return issued.has(value as EgressGrant);
}

export class RegistryEgressPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly allowLoopback: boolean;

  constructor(options: RegistryEgressPolicyOptions = {}) {
    // Stryker disable next-line ArrayDeclaration: a non-empty default differs only for the one host it would name ("Stryker was here"), which no image reference uses
    this.allowed = new Set((options.allowedRegistries ?? []).map(normaliseHost));
    this.allowLoopback = options.allowLoopback ?? false;
  }

  /** True when `host` is on PULL_DOCTOR_ALLOWED_REGISTRIES (Docker Hub's aliases count as docker.io). */
  isListed(host: string): boolean {
    const h = normaliseHost(host);
    return this.allowed.has(h) || (publicRegistryOf(h) !== undefined && publicRegistryOf(h)!.hosts.some((alias) => this.allowed.has(alias)));
  }

  /** Whether ARM could resolve `host` (an ACR host name): then the decision waits for the registry check. */
  mayBeArmResolved(host: string): boolean {
    return recognizeAcrHost(normaliseHost(host)) !== undefined;
  }

  /** The decision for a diagnosis, given the ACRs ARM resolved for it. */
  decide(host: string, armResolved: readonly ArmResolvedRegistry[]): EgressGrant | EgressDenial {
    const h = normaliseHost(host);
    const blocked = this.addressProblem(h);
    if (blocked) return { allowed: false, host: h, reason: blocked };
    const resolved = armResolved.find((r) => resolvesHost(r, h));
    if (resolved) {
      return this.grant(h, 'entra', 'arm', [], acrRedirectHosts(resolved));
    }
    const decided = this.decideWithoutArm(h);
    return decided.allowed === 'if-arm-resolves' ? denied(h, `${h} was not found through ARM for this diagnosis, so no Entra token is exchanged with it`) : decided;
  }

  /** The decision without ARM (chat, intake): an ACR host not on the list may still be resolved later. */
  decideWithoutArm(host: string): StaticEgressDecision {
    const h = normaliseHost(host);
    const blocked = this.addressProblem(h);
    if (blocked) return { allowed: false, host: h, reason: blocked };
    const known = publicRegistryOf(h);
    if (this.isListed(h)) return this.grant(h, 'anonymous', 'allowed-list', known?.tokenHosts ?? [], known?.redirectHosts ?? []);
    if (known) return this.grant(h, 'anonymous', 'public-list', known.tokenHosts, known.redirectHosts);
    if (recognizeAcrHost(h)) return { allowed: 'if-arm-resolves', host: h };
    return denied(h, `${h} is neither an Azure Container Registry found through ARM for this diagnosis nor a built-in public registry`);
  }

  private grant(host: string, auth: EgressGrant['auth'], basis: EgressGrant['basis'], tokenHosts: readonly string[], redirectHosts: readonly string[]): EgressGrant {
    const g: EgressGrant = Object.freeze({ allowed: true as const, host, auth, basis, tokenHosts, redirectHosts, allowLoopback: this.allowLoopback });
    issued.add(g);
    return g;
  }

  private addressProblem(host: string): string | undefined {
    const kind = addressKind(stripPort(host));
    if (kind === 'loopback' && this.allowLoopback) return undefined;
    if (kind === 'loopback' || kind === 'link-local') return `${host} is a ${kind} address; pull-doctor never contacts those`;
    return undefined;
  }
}

/** Why pull-doctor will not send an anonymous token request to `realm`, or undefined when it may. */
export function tokenRealmProblem(grant: EgressGrant, realm: string): string | undefined {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return `token realm "${realm.slice(0, 200)}" is not a URL`;
  }
  if (url.protocol !== 'https:') return `token realm ${url.origin} is not HTTPS`;
  const host = normaliseHost(url.host);
  if (isOwnHost(grant, host) || grant.tokenHosts.includes(host)) return undefined;
  return `${grant.host}'s token service ${url.origin} is neither the registry's own host nor its documented token service; it was not contacted`;
}

/** Why a redirect from `grant.host`'s registry to `target` is refused, or undefined when it may be followed. */
export function redirectProblem(grant: EgressGrant, target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'redirect to something that is not a URL';
  }
  const host = normaliseHost(url.host);
  const kind = addressKind(stripPort(host));
  if (kind !== 'public' && !(kind === 'loopback' && grant.allowLoopback)) return `${grant.host} redirected to ${url.origin}, a ${kind} address; redirect refused`;
  if (url.protocol !== 'https:') return `${grant.host} redirected to ${url.origin}, which is not HTTPS; redirect refused`;
  if (isOwnHost(grant, host) || grant.redirectHosts.some((p) => matchesHostPattern(p, host))) return undefined;
  return `${grant.host} redirected to ${url.origin}, which is neither the registry nor one of its documented blob/data endpoints; redirect refused`;
}

/**
 * The login server, a data endpoint ARM listed, or a geo-replica's regional endpoint
 * (`<name>.<region>.geo.azurecr.io`) of the same registry — all hosts of the registry ARM resolved.
 */
function resolvesHost(registry: ArmResolvedRegistry, host: string): boolean {
  const login = normaliseHost(registry.loginServer);
  if (host === login || registry.dataEndpointHostNames.some((d) => normaliseHost(d) === host)) return true;
  const acr = recognizeAcrHost(host);
  return acr?.kind === 'regional' && acr.loginServer === login;
}

/** ACR blobs: the registry's dedicated data endpoints, else its managed storage (MS Learn "firewall access rules"). */
function acrRedirectHosts(registry: ArmResolvedRegistry): string[] {
  const acr = recognizeAcrHost(registry.loginServer);
  const storage = acr?.cloud === 'AzureChinaCloud' ? '*.blob.core.chinacloudapi.cn' : acr?.cloud === 'AzureUSGovernment' ? '*.blob.core.usgovcloudapi.net' : '*.blob.core.windows.net';
  return [...registry.dataEndpointHostNames.map(normaliseHost), storage];
}

function isOwnHost(grant: EgressGrant, host: string): boolean {
  if (host === grant.host) return true;
  const known = publicRegistryOf(grant.host);
  return known !== undefined && known.hosts.includes(host);
}

function publicRegistryOf(host: string): KnownRegistry | undefined {
  return PUBLIC_REGISTRIES.find((r) => r.hosts.includes(host));
}

function denied(host: string, detail: string): EgressDenial {
  return { allowed: false, host, reason: `${DENIED_REASON} (${detail})` };
}

/** `*` stands for one or more characters of a single DNS label. */
export function matchesHostPattern(pattern: string, host: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[a-z0-9-]+')}$`);
  return re.test(host);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lowercase, no trailing dot, default HTTPS port dropped. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:443$/, '').replace(/\.$/, '');
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  // An unbracketed IPv6 literal has no port: `::1` is not `::` on port 1.
  if (isIP(host)) return host;
  // Stryker disable next-line Regex: without `$` the first `:digits` goes, and a host that is not an IP literal has one colon, before its port.
  return host.replace(/:\d+$/, '');
}

type AddressKind = 'public' | 'loopback' | 'link-local' | 'private' | 'unspecified';

/** IP literals by range (RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291); DNS names and other addresses are `public`, except localhost. */
export function addressKind(hostname: string): AddressKind {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return 'loopback';
  const family = isIP(h);
  if (family === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 0) return 'unspecified';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  if (family === 6) {
    // One spelling per address: the zone (`%eth0`, an interface) dropped, then the WHATWG URL parser's form, which
    // compresses zeros and writes an IPv4-mapped address in hex (`::ffff:127.0.0.1` and `0:0:0:0:0:ffff:7f00:1`
    // are both `::ffff:7f00:1`, the form a redirect's URL arrives in).
    const a6 = new URL(`http://[${h.split('%')[0]}]`).hostname.slice(1, -1);
    if (a6 === '::1') return 'loopback';
    if (a6 === '::') return 'unspecified';
    if (/^fe[89ab]/.test(a6)) return 'link-local';
    if (/^f[cd]/.test(a6)) return 'private';
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a6);
    if (mapped) {
      const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
      return addressKind(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return 'public';
  }
  return 'public';
}
