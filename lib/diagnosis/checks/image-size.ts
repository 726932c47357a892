import { formatImageRef } from '../../model';
import type { Check, CheckOutcome } from '../check';
import { sh } from '../fix-commands';
import { DOCS } from './docs';

const GiB = 1024 ** 3;
/** Above this a pull on a fresh node takes minutes and containerd's defaults start to bite. */
export const LARGE_IMAGE_BYTES = 1 * GiB;

/** Compressed image size; large images get size and streaming advice. */
export const imageSizeCheck: Check = {
  id: 'image-size',
  title: 'image size',
  needs: ['manifest', 'image'],
  async run(ctx): Promise<CheckOutcome> {
    const { manifest, image } = ctx.facts as Required<typeof ctx.facts>;
    const sizes = Object.entries(manifest.sizeBytesByPlatform);
    if (sizes.length === 0) return { finding: { status: 'skipped', summary: 'the registry did not report layer sizes', evidence: [], fixes: [] } };
    const [platform, largest] = sizes.sort((a, b) => b[1] - a[1])[0];
    const human = `${(largest / GiB).toFixed(2)} GiB`;
    const evidence = sizes.map(([p, s]) => ({ fact: `${p}: ${(s / 1024 ** 2).toFixed(0)} MiB compressed`, source: `registry manifest ${manifest.digest}` }));
    if (largest <= LARGE_IMAGE_BYTES) {
      return { finding: { status: 'pass', summary: `${formatImageRef(image)} is ${human} compressed`, evidence, fixes: [] } };
    }
    const fixes = [
      { text: 'Shrink the image: a multi-stage build that copies only the build output into a slim or distroless base, and no package caches in layers.' },
    ];
    // AKS streams only linux/amd64 images pulled by tag: not Windows or arm64 builds, not a digest
    // pull (https://learn.microsoft.com/azure/aks/artifact-streaming#limitations ,
    // https://learn.microsoft.com/azure/aks/artifact-streaming-overview).
    const amd64 = sizes.find(([p]) => p === 'linux/amd64' || p.startsWith('linux/amd64/'));
    if (image.acr && !image.digest && amd64 && amd64[1] > LARGE_IMAGE_BYTES) {
      fixes.push({
        text: `Or stream it: ACR artifact streaming (Premium) lets pods start before the whole image is downloaded.`,
        command: `az acr artifact-streaming create --name ${sh(image.acr.registryName)} --image ${sh(`${image.repository}:${image.tag ?? 'latest'}`)}`,
      } as { text: string; command: string });
    }
    return {
      finding: {
        status: 'warn',
        summary: `${formatImageRef(image)} is ${human} compressed (${platform}); pulls this large often hit the kubelet's timeouts on new nodes`,
        evidence,
        fixes,
        docs: DOCS.artifactStreaming,
      },
    };
  },
};
