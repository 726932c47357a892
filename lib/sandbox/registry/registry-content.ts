import { createHash } from 'node:crypto';
import type { RegistryContent } from '../world-schema';
import { MEDIA_TYPES } from '../../registry/registry-wire';

/** A manifest as stored: exact bytes (the digest is over them) and media type. */
export interface StoredManifest {
  digest: string;
  mediaType: string;
  body: Buffer;
  /** What ACR's manifest properties say: `os/arch[/variant]` of an image, the per-platform entries of an index. */
  platform?: string;
  references?: Array<{ digest: string; platform: string }>;
  /** Config + layers of an image; for an index, the size of its first platform's image. */
  imageSize: number;
  /** ISO times of the first push of these bytes (ACR `createdTime`, `lastUpdateTime`). */
  createdTime: string;
  lastUpdateTime: string;
}

/** ACR's tag times: first push and last push (a tag moved by a later push keeps its createdTime). */
export interface TagTimes {
  createdTime: string;
  lastUpdateTime: string;
}

/** A blob: config blobs carry their bytes; layers only their size (the sandbox never serves layer content). */
export interface StoredBlob {
  digest: string;
  mediaType: string;
  size: number;
  content?: Buffer;
}

export interface SandboxRepository {
  /** tag → manifest digest, tags sorted lexically (as Distribution lists them). */
  tags: Map<string, string>;
  /** tag → its push times (ACR's tag properties). */
  tagTimes: Map<string, TagTimes>;
  manifests: Map<string, StoredManifest>;
  blobs: Map<string, StoredBlob>;
}

export interface SandboxRegistry {
  loginServer: string;
  content: RegistryContent;
  /** Repository name → content, names sorted lexically. */
  repositories: Map<string, SandboxRepository>;
}

const LAYER_SHARES = [0.6, 0.3];
/** Fixed so the same world always yields the same digests (a stable `created` keeps config bytes stable). */
const DEFAULT_CREATED = '2025-01-01T00:00:00Z';

/**
 * Turns a world's registry content into OCI objects, deterministically: each tag becomes one image
 * manifest (single platform) or an image index over per-platform manifests; each platform manifest
 * has a config blob naming its os/architecture/variant and layers whose sizes, with the config,
 * add up to the tag's `sizeBytes`.
 */
export function buildSandboxRegistry(loginServer: string, content: RegistryContent): SandboxRegistry {
  const repositories = new Map<string, SandboxRepository>();
  for (const name of Object.keys(content.repositories).sort()) {
    const repo: SandboxRepository = { tags: new Map(), tagTimes: new Map(), manifests: new Map(), blobs: new Map() };
    const tags = content.repositories[name]!.tags;
    for (const tag of Object.keys(tags).sort()) {
      const spec = tags[tag]!;
      const pushed = spec.pushedAt ?? DEFAULT_CREATED;
      const times: TagTimes = { createdTime: spec.createdOn ?? pushed, lastUpdateTime: pushed };
      repo.tagTimes.set(tag, times);
      const children = spec.platforms.map((platform) => imageManifest(repo, `${loginServer}/${name}:${tag}`, platform, spec.sizeBytes, times));
      if (children.length === 1) {
        repo.tags.set(tag, children[0]!.digest);
        continue;
      }
      const index = {
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: children.map((child) => ({
          mediaType: child.mediaType,
          digest: child.digest,
          size: child.body.length,
          platform: platformObject(child.platform!),
        })),
      };
      const references = children.map((child) => ({ digest: child.digest, platform: child.platform! }));
      repo.tags.set(tag, store(repo, MEDIA_TYPES.ociIndex, index, { references, imageSize: spec.sizeBytes, ...times }).digest);
    }
    repositories.set(name, repo);
  }
  return { loginServer, content, repositories };
}

function imageManifest(repo: SandboxRepository, image: string, platform: string, sizeBytes: number, times: TagTimes) {
  const created = times.lastUpdateTime;
  const p = platformObject(platform);
  const seed = `${image}/${platform}`;
  const layerCount = LAYER_SHARES.length + 1;
  const diffIds = Array.from({ length: layerCount }, (_, i) => sha256(`${seed}/diff/${i}`));
  const config = {
    created,
    ...p,
    config: { Labels: { 'io.pull-doctor.sandbox.image': image } },
    rootfs: { type: 'layers', diff_ids: diffIds },
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256(configBytes);
  repo.blobs.set(configDigest, { digest: configDigest, mediaType: MEDIA_TYPES.ociConfig, size: configBytes.length, content: configBytes });

  const layerTotal = Math.max(0, sizeBytes - configBytes.length);
  const sizes = LAYER_SHARES.map((share) => Math.floor(layerTotal * share));
  sizes.push(layerTotal - sizes.reduce((a, b) => a + b, 0));
  const layers = sizes.map((size, i) => {
    const digest = sha256(`${seed}/layer/${i}`);
    repo.blobs.set(digest, { digest, mediaType: MEDIA_TYPES.ociLayerGzip, size });
    return { mediaType: MEDIA_TYPES.ociLayerGzip, digest, size };
  });
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: configDigest, size: configBytes.length },
    layers,
  };
  return store(repo, MEDIA_TYPES.ociManifest, manifest, { platform, imageSize: sizeBytes, ...times });
}

function store(repo: SandboxRepository, mediaType: string, document: object, properties: Omit<StoredManifest, 'digest' | 'mediaType' | 'body'>): StoredManifest {
  const body = Buffer.from(JSON.stringify(document));
  const digest = sha256(body);
  // The same bytes pushed again under another tag keep the times of their first push.
  const stored: StoredManifest = repo.manifests.get(digest) ?? { digest, mediaType, body, ...properties };
  repo.manifests.set(digest, stored);
  return stored;
}

/** `os[(os.version)]/arch[/variant]` (containerd's specifier) as an OCI platform object. */
export function platformObject(platform: string): { os: string; architecture: string; variant?: string; 'os.version'?: string } {
  const [osPart, architecture, variant] = platform.split('/');
  const m = /^([a-z0-9]+)(?:\(([0-9.]+)\))?$/.exec(osPart!)!;
  return { os: m[1]!, ...(m[2] ? { 'os.version': m[2] } : {}), architecture: architecture!, ...(variant ? { variant } : {}) };
}

/** The platform without its os.version: `windows(10.0.20348.2966)/amd64` → `windows/amd64`. */
export function plainPlatform(platform: string): string {
  return platform.replace(/\([0-9.]+\)/, '');
}

function sha256(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
