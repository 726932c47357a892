import { RegistryContentSchema } from '../world-schema';
import { buildSandboxRegistry } from './registry-content';

const content = RegistryContentSchema.parse({
  repositories: {
    app: {
      tags: {
        v1: { platforms: ['linux/amd64'], sizeBytes: 123_456_789 },
        multi: { platforms: ['linux/amd64', 'linux/arm64'], sizeBytes: 2_000 },
        tiny: { platforms: ['linux/amd64'], sizeBytes: 10 },
      },
    },
  },
});

function manifestOf(tag: string) {
  const repo = buildSandboxRegistry('myacr.azurecr.io', content).repositories.get('app')!;
  const digest = repo.tags.get(tag)!;
  return { repo, digest, doc: JSON.parse(repo.manifests.get(digest)!.body.toString('utf8')) };
}

describe('buildSandboxRegistry', () => {
  it('is deterministic: the same world gives the same digests', () => {
    const a = buildSandboxRegistry('myacr.azurecr.io', content).repositories.get('app')!;
    const b = buildSandboxRegistry('myacr.azurecr.io', content).repositories.get('app')!;
    expect([...a.tags]).toEqual([...b.tags]);
    // Another registry holding the same tags gets other digests (the image name is in the config).
    const other = buildSandboxRegistry('other.azurecr.io', content).repositories.get('app')!;
    expect(other.tags.get('v1')).not.toBe(a.tags.get('v1'));
  });

  it('makes config + layers add up to sizeBytes, with the config blob served', () => {
    const { repo, doc } = manifestOf('v1');
    expect(doc.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const total = doc.config.size + doc.layers.reduce((s: number, l: { size: number }) => s + l.size, 0);
    expect(total).toBe(123_456_789);
    const config = JSON.parse(repo.blobs.get(doc.config.digest)!.content!.toString('utf8'));
    expect(config).toMatchObject({ os: 'linux', architecture: 'amd64' });
    expect(repo.blobs.get(doc.layers[0].digest)!.content).toBeUndefined();
  });

  it('makes an OCI index for more than one platform', () => {
    const { repo, doc } = manifestOf('multi');
    expect(doc.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(doc.manifests.map((m: { platform: object }) => m.platform)).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ]);
    for (const m of doc.manifests) expect(repo.manifests.get(m.digest)!.body.length).toBe(m.size);
  });

  it('keeps an image smaller than its config valid (no negative layers)', () => {
    const { doc } = manifestOf('tiny');
    expect(doc.layers.every((l: { size: number }) => l.size >= 0)).toBe(true);
  });
});
