import { z } from 'zod';

/**
 * Wire shapes of the OCI distribution API and of registry token servers, parsed once at the edge.
 * Sources: OCI distribution-spec v1.1 and image-spec v1.1 (manifest, index, config, descriptor),
 * Docker registry token spec (https://distribution.github.io/distribution/spec/auth/token/).
 */

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList];
export const IMAGE_MANIFEST_MEDIA_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];
/** What `resolve` accepts, most specific first (registries without index support fall back to a single manifest). */
export const MANIFEST_ACCEPT = [...INDEX_MEDIA_TYPES, ...IMAGE_MANIFEST_MEDIA_TYPES].join(', ');

/** `algorithm:encoded`, e.g. `sha256:…` (OCI image-spec descriptor digest grammar). */
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** Tag grammar from the distribution spec. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Repository name grammar from the distribution spec (path components separated by `/`). */
export const REPOSITORY_PATTERN = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

export const PlatformWireSchema = z
  .object({ os: z.string(), architecture: z.string(), variant: z.string().optional() })
  .passthrough();

export const DescriptorSchema = z
  .object({
    mediaType: z.string().optional(),
    digest: z.string().regex(DIGEST_PATTERN, 'not a digest'),
    size: z.number().int().nonnegative(),
    platform: PlatformWireSchema.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();
export type Descriptor = z.infer<typeof DescriptorSchema>;

export const ImageIndexSchema = z
  .object({ schemaVersion: z.literal(2), mediaType: z.string().optional(), manifests: z.array(DescriptorSchema) })
  .passthrough();
export type ImageIndex = z.infer<typeof ImageIndexSchema>;

export const ImageManifestSchema = z
  .object({
    schemaVersion: z.literal(2),
    mediaType: z.string().optional(),
    config: DescriptorSchema,
    layers: z.array(DescriptorSchema).default([]),
  })
  .passthrough();
export type ImageManifest = z.infer<typeof ImageManifestSchema>;

/** The part of an image config that says where the image runs. */
export const ImageConfigSchema = PlatformWireSchema;

export const ErrorBodySchema = z.object({
  errors: z
    .array(z.object({ code: z.string(), message: z.string().optional(), detail: z.unknown().optional() }).passthrough())
    .min(1),
});

export const CatalogSchema = z.object({ repositories: z.array(z.string()).nullable().default([]) });
export const TagListSchema = z.object({ name: z.string().optional(), tags: z.array(z.string()).nullable().default([]) });

/** Docker token spec: `token` and/or `access_token`; `expires_in` seconds, default 60. */
export const BearerTokenResponseSchema = z
  .object({ token: z.string().min(1).optional(), access_token: z.string().min(1).optional(), expires_in: z.number().positive().optional() })
  .refine((t) => t.token !== undefined || t.access_token !== undefined, 'no token in the token response');

/** Entries of an index that are not runnable images (BuildKit attestations, `unknown/unknown`). */
export function isRunnablePlatform(d: Descriptor): boolean {
  if (!d.platform) return false;
  if (d.platform.os === 'unknown' || d.platform.architecture === 'unknown') return false;
  return d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest';
}

/**
 * The `os.version` of every runnable entry, by platform, for the platforms where some entry carries one
 * (Windows images name their build there); an entry without it counts as '' (it matches any host).
 */
export function osVersionsOf(entries: readonly Descriptor[]): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const d of entries) {
    const v = d.platform?.['os.version'];
    (out[platformString(d.platform!)] ??= []).push(typeof v === 'string' ? v : '');
  }
  for (const [platform, versions] of Object.entries(out)) if (versions.every((v) => v === '')) delete out[platform];
  return Object.keys(out).length ? out : undefined;
}

export function platformString(p: { os: string; architecture: string; variant?: string }): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
