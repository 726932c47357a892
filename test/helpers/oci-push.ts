import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { MEDIA_TYPES } from '../../lib/registry/registry-wire';

/**
 * Pushes test images through the OCI distribution push API (blob upload POST + monolithic PUT with
 * the digest, manifest PUT), so tests own every byte a real registry then serves.
 */
export interface PushTarget {
  /** `https://127.0.0.1:<port>` */
  url: string;
  ca: string;
  basicAuth?: { username: string; password: string };
}

export interface PushedBlob {
  mediaType: string;
  digest: string;
  size: number;
}

export interface PushedImage {
  digest: string;
  mediaType: string;
  /** Bytes of the manifest document. */
  manifestSize: number;
  /** config.size + Σ layers[].size: what the registry client must report for the platform. */
  imageSize: number;
  platform: { os: string; architecture: string; variant?: string };
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function pushBlob(target: PushTarget, repository: string, content: Buffer, mediaType: string): Promise<PushedBlob> {
  const digest = sha256(content);
  const start = await send(target, 'POST', `/v2/${repository}/blobs/uploads/`, undefined, {});
  if (start.status !== 202 || !start.headers.location) throw new Error(`blob upload start → ${start.status} ${start.body}`);
  const location = new URL(start.headers.location, target.url);
  location.searchParams.set('digest', digest);
  const put = await send(target, 'PUT', `${location.pathname}${location.search}`, content, { 'content-type': 'application/octet-stream' });
  if (put.status !== 201) throw new Error(`blob upload PUT → ${put.status} ${put.body}`);
  return { mediaType, digest, size: content.length };
}

export async function pushManifest(target: PushTarget, repository: string, reference: string, mediaType: string, document: object): Promise<{ digest: string; size: number }> {
  const body = Buffer.from(JSON.stringify(document));
  const res = await send(target, 'PUT', `/v2/${repository}/manifests/${reference}`, body, { 'content-type': mediaType });
  if (res.status !== 201) throw new Error(`manifest PUT ${repository}:${reference} → ${res.status} ${res.body}`);
  const digest = sha256(body);
  if (res.headers['docker-content-digest'] && res.headers['docker-content-digest'] !== digest) throw new Error('registry computed another digest');
  return { digest, size: body.length };
}

/** One platform image: a config naming the platform and layers of the given sizes (deterministic bytes). */
export async function pushImage(
  target: PushTarget,
  repository: string,
  options: { tag?: string; platform: string; layerSizes: number[]; docker?: boolean },
): Promise<PushedImage> {
  const [os, architecture, variant] = options.platform.split('/') as [string, string, string | undefined];
  const layerType = options.docker ? MEDIA_TYPES.dockerLayerGzip : MEDIA_TYPES.ociLayerGzip;
  const layers = await Promise.all(
    options.layerSizes.map((size, i) => pushBlob(target, repository, pseudoRandomBytes(`${repository}/${options.platform}/${i}`, size), layerType)),
  );
  const platform = variant ? { os, architecture, variant } : { os, architecture };
  const config = Buffer.from(JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, config: {} }));
  const configBlob = await pushBlob(target, repository, config, options.docker ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig);
  const mediaType = options.docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifest = { schemaVersion: 2, mediaType, config: configBlob, layers };
  const { digest, size } = await pushManifest(target, repository, options.tag ?? sha256(JSON.stringify(manifest)), mediaType, manifest);
  return { digest, mediaType, manifestSize: size, imageSize: configBlob.size + layers.reduce((s, l) => s + l.size, 0), platform };
}

/** An index (OCI) or manifest list (Docker) over already pushed images, plus optional extra entries. */
export async function pushIndex(
  target: PushTarget,
  repository: string,
  tag: string,
  images: PushedImage[],
  options: { docker?: boolean; extraEntries?: object[] } = {},
): Promise<{ digest: string; mediaType: string }> {
  const mediaType = options.docker ? MEDIA_TYPES.dockerManifestList : MEDIA_TYPES.ociIndex;
  const index = {
    schemaVersion: 2,
    mediaType,
    manifests: [
      ...images.map((img) => ({ mediaType: img.mediaType, digest: img.digest, size: img.manifestSize, platform: img.platform })),
      ...(options.extraEntries ?? []),
    ],
  };
  const { digest } = await pushManifest(target, repository, tag, mediaType, index);
  return { digest, mediaType };
}

/** Incompressible-looking but reproducible bytes (a sha256 chain), so sizes are what the test says. */
export function pseudoRandomBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset, 0, Math.min(block.length, size - offset));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

interface RawResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

function send(target: PushTarget, method: string, pathAndQuery: string, body: Buffer | undefined, headers: Record<string, string>): Promise<RawResponse> {
  const auth = target.basicAuth
    ? { authorization: `Basic ${Buffer.from(`${target.basicAuth.username}:${target.basicAuth.password}`).toString('base64')}` }
    : {};
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(pathAndQuery, target.url),
      { method, ca: target.ca, headers: { ...headers, ...auth, 'content-length': String(body?.length ?? 0) }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const flat: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathAndQuery} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
