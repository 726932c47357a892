import type { TokenCredential } from '@azure/core-auth';
import type { ManifestFacts } from '../diagnosis/facts';
import { isEgressGrant, normaliseHost, redirectProblem, type EgressGrant } from './egress-policy';
import { AcrSdkRegistryClient } from './acr-sdk-client';
import { RegistryAuthenticator, type BasicCredentials } from './registry-auth';
import {
  RegistryEgressDenied,
  RegistryError,
  type CallOptions,
  type RegistryClient,
  type RegistryClientFactory,
  type RegistryTag,
} from './registry-client';
import { apiHost, isAcrHost } from './registry-hosts';
import { displayUrl, errorFromResponse, registryWirePolicy, RegistryTransport, type RegistryRequestInfo, type RegistryResponse } from './registry-transport';
import {
  CatalogSchema,
  DIGEST_PATTERN,
  IMAGE_MANIFEST_MEDIA_TYPES,
  ImageConfigSchema,
  isRunnablePlatform,
  osVersionsOf,
  ImageIndexSchema,
  ImageManifestSchema,
  INDEX_MEDIA_TYPES,
  MANIFEST_ACCEPT,
  MEDIA_TYPES,
  platformString,
  REPOSITORY_PATTERN,
  TAG_PATTERN,
  TagListSchema,
  type Descriptor,
  type ImageManifest,
} from './registry-wire';
import { nextPageUrl } from './link-header';

export type { RegistryRequestInfo } from './registry-transport';
export type { BasicCredentials } from './registry-auth';

export interface RegistryClientFactoryOptions {
  /**
   * Entra credential, used only for hosts whose egress grant is `entra` (an ACR that ARM resolved):
   * those are read through @azure/container-registry, which exchanges it at that login server.
   */
  credential?: TokenCredential;
  /** PEM of a CA trusted by these clients only (never process-wide). */
  tlsCa?: string;
  /** Username/password per host (tests, non-ACR registries, ACR admin user). Never logged. */
  basicAuth?: (host: string) => BasicCredentials | undefined;
  /**
   * Base URL to send a host's requests to instead of `https://<host>`, keeping every path; undefined =
   * no rewrite. The sandbox answers `https://127.0.0.1:PORT/_host/<host>` (see sandboxHostRewrite).
   */
  hostRewrite?: (host: string) => string | undefined;
  /** `n` for catalog and tag list pages (registries cap it: ACR at 1000; Distribution's default is 100). */
  pageSize?: number;
  /** Called once per HTTP request on the wire (retries and redirects included). */
  onRequest?: (info: RegistryRequestInfo) => void;
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

const MAX_PAGES = 10_000;

/**
 * The registry data plane port. Every client is bound to an egress grant from
 * lib/registry/egress-policy.ts: an `entra` grant for an ACR host gets the official ACR client
 * (lib/registry/acr-sdk-client.ts) with the credential; any other grant the small generic OCI client
 * below (anonymous, a Docker-style token service the grant allows, or Basic credentials).
 */
export function createRegistryClientFactory(options: RegistryClientFactoryOptions = {}): RegistryClientFactory {
  const transport = new RegistryTransport({
    tlsCa: options.tlsCa,
    hostRewrite: options.hostRewrite,
    onRequest: options.onRequest,
    retry: options.retry,
  });
  let sdkRequests = 0;
  const sdkWire = registryWirePolicy(options, () => sdkRequests++);
  const clients = new Map<string, RegistryClient>();
  return {
    forHost(host: string, grant: EgressGrant): RegistryClient {
      const name = host.trim().toLowerCase();
      if (!/^[a-z0-9.-]+(:\d+)?$/.test(name)) throw new RegistryError(`not a registry host: "${host}"`, 0, 'NAME_INVALID');
      if (!isEgressGrant(grant) || grant.host !== normaliseHost(name)) {
        throw new RegistryEgressDenied(`no egress decision for registry host ${name}: nothing is sent without one`, name);
      }
      const key = `${name} ${grant.auth} ${grant.allowLoopback} ${grant.tokenHosts.join(',')} ${grant.redirectHosts.join(',')}`;
      let client = clients.get(key);
      if (!client) {
        client =
          grant.auth === 'entra' && options.credential && isAcrHost(name)
            ? new AcrSdkRegistryClient(name, grant, { credential: options.credential, tlsCa: options.tlsCa, retry: options.retry, pageSize: options.pageSize, wirePolicy: sdkWire })
            : new OciRegistryClient(name, transport, options, grant);
        clients.set(key, client);
      }
      return client;
    },
    requestCount: () => transport.requestCount() + sdkRequests,
  };
}

class OciRegistryClient implements RegistryClient {
  private readonly baseUrl: string;
  private readonly auth: RegistryAuthenticator;
  private readonly pageSize: number;

  constructor(
    readonly host: string,
    private readonly transport: RegistryTransport,
    options: RegistryClientFactoryOptions,
    private readonly grant: EgressGrant,
  ) {
    this.baseUrl = `https://${apiHost(host)}`;
    this.auth = new RegistryAuthenticator(host, this.baseUrl, transport, options, grant);
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
  }

  listRepositories(options: CallOptions = {}): Promise<string[]> {
    return this.paged(`/v2/_catalog?n=${this.pageSize}`, 'registry:catalog:*', (body) => CatalogSchema.parse(body).repositories ?? [], options.signal);
  }

  async listTags(repository: string, options: CallOptions = {}): Promise<RegistryTag[]> {
    checkRepository(repository);
    const names = await this.paged(`/v2/${repository}/tags/list?n=${this.pageSize}`, pullScope(repository), (body) => TagListSchema.parse(body).tags ?? [], options.signal);
    return names.map((name) => ({ name }));
  }

  async resolve(repository: string, reference: string, options: CallOptions = {}): Promise<ManifestFacts> {
    checkRepository(repository);
    if (!TAG_PATTERN.test(reference) && !DIGEST_PATTERN.test(reference)) {
      throw new RegistryError(`not a tag or digest: "${reference}"`, 0, 'TAG_INVALID');
    }
    const { signal } = options;
    const { response, mediaType, json } = await this.getManifest(repository, reference, signal);
    const digest = DIGEST_PATTERN.test(reference) ? reference : (response.headers.get('docker-content-digest') ?? response.bodyDigest());

    if (INDEX_MEDIA_TYPES.includes(mediaType)) {
      const index = this.parse(ImageIndexSchema, json, response, `manifest ${repository}@${digest}`);
      const runnable = index.manifests.filter(isRunnablePlatform);
      const sizes = await Promise.all(runnable.map((d) => this.platformSize(repository, d, signal)));
      const sizeBytesByPlatform: Record<string, number> = {};
      runnable.forEach((d, i) => (sizeBytesByPlatform[platformString(d.platform!)] = sizes[i]!));
      const osVersionsByPlatform = osVersionsOf(runnable);
      return { digest, mediaType, platforms: Object.keys(sizeBytesByPlatform), sizeBytesByPlatform, ...(osVersionsByPlatform ? { osVersionsByPlatform } : {}) };
    }

    const manifest = this.parse(ImageManifestSchema, json, response, `manifest ${repository}@${digest}`);
    const platform = await this.configPlatform(repository, manifest, signal);
    return {
      digest,
      mediaType,
      // An artifact (Helm chart, signature) has no runnable platform.
      platforms: platform ? [platform] : [],
      sizeBytesByPlatform: platform ? { [platform]: imageSize(manifest) } : {},
    };
  }

  private async getManifest(repository: string, reference: string, signal?: AbortSignal) {
    const response = await this.request(`/v2/${repository}/manifests/${reference}`, pullScope(repository), MANIFEST_ACCEPT, signal);
    const json = this.json(response, `manifest ${repository}:${reference}`);
    const mediaType = manifestMediaType(response.headers.get('content-type'), json);
    if (!mediaType) {
      throw new RegistryError(
        `${this.host}: manifest ${repository}:${reference} has an unsupported media type (${response.headers.get('content-type') ?? 'none'})`,
        response.status,
        'MANIFEST_INVALID',
      );
    }
    return { response, mediaType, json };
  }

  private async platformSize(repository: string, descriptor: Descriptor, signal?: AbortSignal): Promise<number> {
    const { response, mediaType, json } = await this.getManifest(repository, descriptor.digest, signal);
    if (!IMAGE_MANIFEST_MEDIA_TYPES.includes(mediaType)) return descriptor.size;
    return imageSize(this.parse(ImageManifestSchema, json, response, `manifest ${repository}@${descriptor.digest}`));
  }

  private async configPlatform(repository: string, manifest: ImageManifest, signal?: AbortSignal): Promise<string | undefined> {
    const configType = manifest.config.mediaType;
    if (configType && configType !== MEDIA_TYPES.ociConfig && configType !== MEDIA_TYPES.dockerConfig) return undefined;
    const response = await this.request(
      `/v2/${repository}/blobs/${manifest.config.digest}`,
      pullScope(repository),
      `${MEDIA_TYPES.ociConfig}, ${MEDIA_TYPES.dockerConfig}, application/json, */*`,
      signal,
    );
    const config = ImageConfigSchema.safeParse(this.json(response, `config ${repository}@${manifest.config.digest}`));
    return config.success ? platformString(config.data) : undefined;
  }

  /** GET with the scope's authorization; one re-authorization on 401; non-2xx → RegistryError. */
  private async request(pathOrUrl: string, scope: string, accept: string, signal?: AbortSignal): Promise<RegistryResponse> {
    const url = pathOrUrl.startsWith('https://') || pathOrUrl.startsWith('http://') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const send = (authorization: string | undefined) =>
      this.transport.send({
        method: 'GET',
        url,
        headers: { Accept: accept, ...(authorization ? { Authorization: authorization } : {}) },
        signal,
        redirect: (to) => redirectProblem(this.grant, to),
      });
    const authorization = await this.auth.authorization(scope, signal);
    let response = await send(authorization);
    if (response.status === 401) {
      const retry = await this.auth.retryAuthorization(response.headers.get('www-authenticate'), scope, signal);
      if (retry && retry !== authorization) response = await send(retry);
    }
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(response, `GET ${displayUrl(url)}`);
    return response;
  }

  private async paged(firstPath: string, scope: string, pick: (body: unknown) => string[], signal?: AbortSignal): Promise<string[]> {
    const items: string[] = [];
    const seen = new Set<string>();
    let url: string | undefined = `${this.baseUrl}${firstPath}`;
    while (url) {
      if (seen.has(url) || seen.size >= MAX_PAGES) {
        throw new RegistryError(`${this.host}: paging did not end at ${displayUrl(url)}`, 0, 'PAGINATION_LOOP', `GET ${displayUrl(url)}`);
      }
      seen.add(url);
      const response = await this.request(url, scope, 'application/json', signal);
      const json = this.json(response, displayUrl(url));
      try {
        items.push(...pick(json));
      } catch {
        throw new RegistryError(`${this.host}: unexpected list body from ${displayUrl(url)}`, response.status, 'INVALID_RESPONSE', `GET ${displayUrl(url)}`);
      }
      const next = nextPageUrl(response.headers.get('link'), url);
      // The next page gets this registry's token: never follow a Link to another origin with it.
      if (next && new URL(next).origin !== new URL(url).origin) {
        throw new RegistryError(`${this.host}: paging Link points to another origin (${new URL(next).origin})`, response.status, 'INVALID_LINK', `GET ${displayUrl(url)}`);
      }
      url = next;
    }
    return items;
  }

  private json(response: RegistryResponse, what: string): unknown {
    try {
      return JSON.parse(response.body);
    } catch {
      throw new RegistryError(`${this.host}: ${what} is not JSON`, response.status, 'INVALID_RESPONSE');
    }
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, json: unknown, response: RegistryResponse, what: string): T {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RegistryError(`${this.host}: ${what} is malformed: ${parsed.error.message}`, response.status, 'MANIFEST_INVALID');
    return parsed.data;
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function checkRepository(repository: string): void {
  if (!REPOSITORY_PATTERN.test(repository)) throw new RegistryError(`not a repository name: "${repository}"`, 0, 'NAME_INVALID');
}

function manifestMediaType(contentType: string | undefined, json: unknown): string | undefined {
  const known = [...INDEX_MEDIA_TYPES, ...IMAGE_MANIFEST_MEDIA_TYPES];
  const header = contentType?.split(';')[0]?.trim().toLowerCase();
  if (header && known.includes(header)) return header;
  const body = json && typeof json === 'object' ? (json as { mediaType?: unknown; manifests?: unknown; config?: unknown }) : {};
  if (typeof body.mediaType === 'string' && known.includes(body.mediaType)) return body.mediaType;
  // OCI allows mediaType to be absent from the body; the shape then decides.
  if (Array.isArray(body.manifests)) return MEDIA_TYPES.ociIndex;
  if (body.config && typeof body.config === 'object') return MEDIA_TYPES.ociManifest;
  return undefined;
}

function imageSize(manifest: ImageManifest): number {
  return manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
}
