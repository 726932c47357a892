import type { ContainerRegistryClient, ContainerRegistryContentClient } from '@azure/container-registry';
import type { TokenCredential } from '@azure/core-auth';
import { isRestError, type PipelinePolicy, type PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { ManifestFacts } from '../diagnosis/facts';
import { normaliseHost, type EgressGrant } from './egress-policy';
import { RegistryEgressDenied, RegistryError, type CallOptions, type RegistryClient, type RegistryTag } from './registry-client';
import { acrAudience } from './registry-hosts';
import { AcrSharedTokens } from './acr-shared-token';
import { displayUrl, errorFromResponse } from './registry-transport';
import { DIGEST_PATTERN, ImageIndexSchema, ImageManifestSchema, INDEX_MEDIA_TYPES, isRunnablePlatform, osVersionsOf, platformString, REPOSITORY_PATTERN, TAG_PATTERN } from './registry-wire';

type Sdk = typeof import('@azure/container-registry');
let sdk: Sdk | undefined;
/** Loaded on the first ACR call, never at import: commands that contact no registry stay small (issue 16). */
function loadSdk(): Sdk {
  sdk ??= require('@azure/container-registry') as Sdk;
  return sdk;
}

export interface AcrSdkClientOptions {
  credential: TokenCredential;
  /** PEM of a CA trusted by these clients only (never process-wide). */
  tlsCa?: string;
  retry?: PipelineRetryOptions;
  /** `n` for catalog and tag pages; the registry's default (ACR: 100) when absent. */
  pageSize?: number;
  /** The innermost policy: host rewrite (the sandbox) and request accounting (registryWirePolicy). */
  wirePolicy: PipelinePolicy;
}

/**
 * An ACR that ARM resolved for this diagnosis, read through the official `@azure/container-registry`
 * clients with the Entra credential: the SDK runs ACR's `/oauth2/exchange` + `/oauth2/token` itself,
 * at its endpoint — the login server of the grant, never a host named by a challenge. Metadata comes
 * from ACR's `/acr/v1/` API (tag and manifest properties, ordered by last update); the manifest body
 * (media type, index entries with variants) from the content client. Blobs are never read, and no
 * redirect is followed: a request to any host other than the grant's is refused before it is sent.
 */
export class AcrSdkRegistryClient implements RegistryClient {
  private readonly endpoint: string;
  private registryClient?: ContainerRegistryClient;
  private readonly contentClients = new Map<string, ContainerRegistryContentClient>();
  /** One ACR token flow for the registry client and every content client (acr-shared-token.ts). */
  private readonly tokens: AcrSharedTokens;

  constructor(
    readonly host: string,
    private readonly grant: EgressGrant,
    private readonly options: AcrSdkClientOptions,
  ) {
    this.endpoint = `https://${host}`;
    this.tokens = new AcrSharedTokens(host, options.credential, acrAudience(host), options.tlsCa);
  }

  async listRepositories(options: CallOptions = {}): Promise<string[]> {
    return this.call('GET /acr/v1/_catalog', async () => {
      const names: string[] = [];
      for await (const page of this.registry().listRepositoryNames({ abortSignal: options.signal }).byPage({ maxPageSize: this.options.pageSize })) names.push(...page);
      return names;
    });
  }

  /** Every tag with its push time, newest first (ACR's `orderby=timedesc`). */
  async listTags(repository: string, options: CallOptions = {}): Promise<RegistryTag[]> {
    checkRepository(repository);
    return this.call(`GET /acr/v1/${repository}/_tags`, async () => {
      const tags: RegistryTag[] = [];
      // listTagProperties lives on an artifact but lists the whole repository (the SDK sends no digest filter).
      const artifact = this.registry().getArtifact(repository, 'latest');
      const pages = artifact.listTagProperties({ order: 'LastUpdatedOnDescending', abortSignal: options.signal }).byPage({ maxPageSize: this.options.pageSize });
      for await (const page of pages) {
        for (const t of page) tags.push({ name: t.name, digest: t.digest, lastUpdatedOn: isoOf(t.lastUpdatedOn), createdOn: isoOf(t.createdOn) });
      }
      return tags;
    });
  }

  async resolve(repository: string, reference: string, options: CallOptions = {}): Promise<ManifestFacts> {
    checkRepository(repository);
    if (!TAG_PATTERN.test(reference) && !DIGEST_PATTERN.test(reference)) throw new RegistryError(`not a tag or digest: "${reference}"`, 0, 'TAG_INVALID');
    const abortSignal = options.signal;
    // A tag is resolved here, not by getManifestProperties: the SDK resolves it without the caller's abortSignal.
    const digest = DIGEST_PATTERN.test(reference)
      ? reference
      : (await this.call(`GET /acr/v1/${repository}/_tags/${reference}`, () => this.registry().getArtifact(repository, reference).getTagProperties(reference, { abortSignal })))
          .digest;
    const props = await this.call(`GET /acr/v1/${repository}/_manifests/${digest}`, () => this.registry().getArtifact(repository, digest).getManifestProperties({ abortSignal }));
    const manifest = await this.call(`GET /v2/${repository}/manifests/${props.digest}`, () => this.content(repository).getManifest(props.digest, { abortSignal }));
    if (!INDEX_MEDIA_TYPES.includes(manifest.mediaType)) {
      const platform = props.operatingSystem && props.architecture ? `${props.operatingSystem}/${props.architecture}` : undefined;
      return {
        digest: props.digest,
        mediaType: manifest.mediaType,
        // An artifact (Helm chart, signature) has no runnable platform.
        platforms: platform ? [platform] : [],
        sizeBytesByPlatform: platform ? { [platform]: props.sizeInBytes ?? layersSize(manifest.manifest) } : {},
      };
    }
    const index = ImageIndexSchema.safeParse(manifest.manifest);
    if (!index.success) throw new RegistryError(`${this.host}: index ${repository}@${props.digest} is malformed: ${index.error.message}`, 200, 'MANIFEST_INVALID');
    // The index carries variants and attestation annotations; ACR's related artifacts only os/architecture.
    const runnable = index.data.manifests.filter(isRunnablePlatform);
    const sizes = await Promise.all(
      runnable.map((d) =>
        this.call(`GET /acr/v1/${repository}/_manifests/${d.digest}`, () => this.registry().getArtifact(repository, d.digest).getManifestProperties({ abortSignal })).then(
          (child) => child.sizeInBytes ?? d.size,
        ),
      ),
    );
    const sizeBytesByPlatform: Record<string, number> = {};
    runnable.forEach((d, i) => (sizeBytesByPlatform[platformString(d.platform!)] = sizes[i]!));
    const osVersionsByPlatform = osVersionsOf(runnable);
    return { digest: props.digest, mediaType: manifest.mediaType, platforms: Object.keys(sizeBytesByPlatform), sizeBytesByPlatform, ...(osVersionsByPlatform ? { osVersionsByPlatform } : {}) };
  }

  private registry(): ContainerRegistryClient {
    this.registryClient ??= new (loadSdk().ContainerRegistryClient)(this.endpoint, this.options.credential, this.clientOptions());
    return this.registryClient;
  }

  /** The content client is per repository in the SDK: one per repository, created once. */
  private content(repository: string): ContainerRegistryContentClient {
    let client = this.contentClients.get(repository);
    if (!client) {
      client = new (loadSdk().ContainerRegistryContentClient)(this.endpoint, repository, this.options.credential, this.clientOptions());
      this.contentClients.set(repository, client);
    }
    return client;
  }

  private clientOptions() {
    return {
      audience: acrAudience(this.host),
      tlsOptions: this.options.tlsCa ? { ca: this.options.tlsCa } : undefined,
      retryOptions: this.options.retry,
      // Metadata and manifests are answered in place; a redirect is never followed (blobs are not read).
      redirectOptions: { maxRetries: 0 },
      userAgentOptions: { userAgentPrefix: 'pull-doctor' },
      // In this order: the shared token's own requests pass the egress guard and the accounting too.
      additionalPolicies: [
        { policy: this.tokens.policy(), position: 'perRetry' as const },
        { policy: egressGuardPolicy(this.grant), position: 'perRetry' as const },
        { policy: this.options.wirePolicy, position: 'perRetry' as const },
      ],
    };
  }

  /** Runs one SDK call; its failures become the RegistryError vocabulary the checks read. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toRegistryError(err, `${what.split(' ')[0]} ${this.endpoint}${what.slice(what.indexOf(' ') + 1)}`);
    }
  }
}

/**
 * Refuses, before it is sent, any request of an ACR client to a host other than its grant's: the SDK
 * sends the Entra token to its endpoint and ACR tokens with every request, so nothing may leave for
 * another host — whatever a Link header, a redirect or a future SDK version asks for.
 */
export function egressGuardPolicy(grant: EgressGrant): PipelinePolicy {
  return {
    name: 'pullDoctorAcrEgressGuard',
    sendRequest: async (request, next) => {
      const url = new URL(request.url);
      if (url.protocol !== 'https:' || normaliseHost(url.host) !== grant.host) {
        throw new RegistryEgressDenied(`${grant.host}'s client was asked to send a request to ${url.origin}; refused`, url.host);
      }
      return next(request);
    },
  };
}

function toRegistryError(err: unknown, what: string): unknown {
  if (err instanceof RegistryError) return err;
  if (err instanceof Error && err.name === 'AbortError') return err;
  if (isRestError(err)) {
    const request = err.request ? `${err.request.method} ${displayUrl(err.request.url)}` : what;
    if (err.statusCode) return errorFromResponse({ status: err.statusCode, body: err.response?.bodyAsText ?? '' }, request);
    return new RegistryError(`${request} failed: ${err.code ?? 'network error'} (${err.message})`, 0, err.code, request);
  }
  if (err instanceof Error && err.name === 'DigestMismatchError') return new RegistryError(`${what}: ${err.message}`, 200, 'DIGEST_INVALID', what);
  const reason = err instanceof Error ? err.message : String(err);
  return new RegistryError(`${what} failed: ${reason}`, 0, (err as NodeJS.ErrnoException)?.code, what);
}

/** Config + layers from the manifest body, for a registry that leaves `imageSize` out. */
function layersSize(body: unknown): number {
  const parsed = ImageManifestSchema.safeParse(body);
  return parsed.success ? parsed.data.config.size + parsed.data.layers.reduce((sum, layer) => sum + layer.size, 0) : 0;
}

function isoOf(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function checkRepository(repository: string): void {
  if (!REPOSITORY_PATTERN.test(repository)) throw new RegistryError(`not a repository name: "${repository}"`, 0, 'NAME_INVALID');
}
