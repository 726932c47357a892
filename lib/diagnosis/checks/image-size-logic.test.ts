import type { ImageRef } from '../../model';
import type { CheckContext } from '../check';
import type { ManifestFacts } from '../facts';
import { DOCS } from './docs';
import { imageSizeCheck, LARGE_IMAGE_BYTES } from './image-size';

// The image-size check's decisions on facts alone (the sandbox worlds in image-size.test.ts cover
// the registry reads): which platform is the largest, the 1 GiB line, and the streaming fix for ACR images.
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const ACR_IMAGE: ImageRef = {
  original: 'myacr.azurecr.io/team/app:v1',
  registry: 'myacr.azurecr.io',
  repository: 'team/app',
  tag: 'v1',
  registryDefaulted: false,
  tagDefaulted: false,
  acr: { registryName: 'myacr', cloud: 'AzureCloud', kind: 'login', loginServer: 'myacr.azurecr.io' },
};
const SOURCE = 'registry manifest sha256:abc';
const SHRINK = { text: 'Shrink the image: a multi-stage build that copies only the build output into a slim or distroless base, and no package caches in layers.' };

async function run(sizeBytesByPlatform: Record<string, number>, image: ImageRef = ACR_IMAGE) {
  const manifest: ManifestFacts = { digest: 'sha256:abc', mediaType: 'application/vnd.oci.image.index.v1+json', platforms: Object.keys(sizeBytesByPlatform), sizeBytesByPlatform };
  const ctx = { facts: { manifest, image }, failure: { image: image.original, source: 'cli' } } as unknown as CheckContext;
  return (await imageSizeCheck.run(ctx)).finding;
}

describe('the declaration the engine schedules by', () => {
  it('names the check and the facts it needs', () => {
    const { run: _run, ...declaration } = imageSizeCheck;
    expect(declaration).toEqual({ id: 'image-size', title: 'image size', needs: ['manifest', 'image'] });
  });
});

describe('image-size check on facts', () => {
  it('is skipped when the registry reported no sizes', async () => {
    expect(await run({})).toEqual({ status: 'skipped', summary: 'the registry did not report layer sizes', evidence: [], fixes: [] });
  });

  it('passes an image of at most 1 GiB, listing every platform largest first', async () => {
    const finding = await run({ 'linux/amd64': 300 * MiB, 'linux/arm64': 700.4 * MiB, 'linux/arm/v7': 100 * MiB });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'myacr.azurecr.io/team/app:v1 is 0.68 GiB compressed',
      evidence: [
        { fact: 'linux/arm64: 700 MiB compressed', source: SOURCE },
        { fact: 'linux/amd64: 300 MiB compressed', source: SOURCE },
        { fact: 'linux/arm/v7: 100 MiB compressed', source: SOURCE },
      ],
      fixes: [],
    });
  });

  it.each<[string, number, 'pass' | 'warn']>([
    ['exactly 1 GiB', LARGE_IMAGE_BYTES, 'pass'],
    ['one byte more', LARGE_IMAGE_BYTES + 1, 'warn'],
  ])('draws the line at 1 GiB: %s (%d bytes) → %s', async (_what, bytes, status) => {
    expect(LARGE_IMAGE_BYTES).toBe(GiB);
    expect((await run({ 'linux/amd64': bytes })).status).toBe(status);
  });

  it('warns about a large ACR image with its largest platform, a smaller build and artifact streaming', async () => {
    const finding = await run({ 'linux/amd64': 1.5 * GiB, 'linux/arm64': 4.257 * GiB, 'windows/amd64': 2 * GiB });
    expect(finding).toEqual({
      status: 'warn',
      summary: "myacr.azurecr.io/team/app:v1 is 4.26 GiB compressed (linux/arm64); pulls this large often hit the kubelet's timeouts on new nodes",
      evidence: [
        { fact: 'linux/arm64: 4359 MiB compressed', source: SOURCE },
        { fact: 'windows/amd64: 2048 MiB compressed', source: SOURCE },
        { fact: 'linux/amd64: 1536 MiB compressed', source: SOURCE },
      ],
      fixes: [
        SHRINK,
        {
          text: 'Or stream it: ACR artifact streaming (Premium) lets pods start before the whole image is downloaded.',
          command: 'az acr artifact-streaming create --name myacr --image team/app:v1',
        },
      ],
      docs: DOCS.artifactStreaming,
    });
  });

  it('streams the tag, quoting what the shell would split', async () => {
    const image: ImageRef = { ...ACR_IMAGE, tag: 'v1 rc', acr: { ...ACR_IMAGE.acr!, registryName: 'my acr' } };
    const finding = await run({ 'linux/amd64': 2 * GiB }, image);
    expect(finding.fixes[1]!.command).toBe("az acr artifact-streaming create --name 'my acr' --image 'team/app:v1 rc'");
  });

  // AKS streams only linux/amd64 images pulled by tag (https://learn.microsoft.com/azure/aks/artifact-streaming#limitations).
  it.each<[string, Record<string, number>, ImageRef]>([
    ['a Windows build', { 'windows/amd64': 1.38 * GiB }, ACR_IMAGE],
    ['an arm64 build, the amd64 one small', { 'linux/arm64': 2 * GiB, 'linux/amd64': 0.9 * GiB }, ACR_IMAGE],
    ['a digest pull', { 'linux/amd64': 2 * GiB }, { ...ACR_IMAGE, original: 'myacr.azurecr.io/team/app@sha256:abc', tag: undefined, digest: 'sha256:abc' }],
  ])('offers no streaming for %s: only a smaller image', async (_name, sizes, image) => {
    const finding = await run(sizes, image);
    expect(finding).toMatchObject({ status: 'warn', fixes: [SHRINK] });
  });

  it('only advises a smaller image when the registry is not an ACR', async () => {
    const image: ImageRef = { original: 'ghcr.io/team/app:v1', registry: 'ghcr.io', repository: 'team/app', tag: 'v1', registryDefaulted: false, tagDefaulted: false };
    const finding = await run({ 'linux/amd64': 3 * GiB }, image);
    expect(finding).toMatchObject({ status: 'warn', fixes: [SHRINK], docs: DOCS.artifactStreaming });
  });
});
