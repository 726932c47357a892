import { editDistance } from '../../image-ref/edit-distance';
import { formatImageRef, type Evidence, type ImageRef } from '../../model';
import { RegistryError } from '../../registry/registry-client';
import type { Check, CheckContext, CheckOutcome } from '../check';
import type { ManifestFacts } from '../facts';
import { setImageCommand, sh } from '../fix-commands';
import { DOCS } from './docs';

/** The repository and the tag (or digest) exist; otherwise the closest names and the newest tags. */
export const repositoryTagCheck: Check = {
  id: 'repository-tag',
  title: 'repository and tag',
  needs: ['image'],
  provides: ['manifest'],
  async run(ctx): Promise<CheckOutcome> {
    const image = ctx.facts.image!;
    const host = image.acr?.loginServer ?? image.registry;
    const client = ctx.registries.forHost(host);
    const reference = image.digest ?? image.tag ?? 'latest';
    const source = `registry ${host}`;
    let manifest: ManifestFacts;
    try {
      manifest = await ctx.lookups.get(`registry ${host} manifest ${image.repository}:${reference}`, (signal) =>
        client.resolve(image.repository, reference, { signal }),
      );
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      if (error.code === 'NAME_UNKNOWN') return repositoryMissing(ctx, image, host);
      // Only the registry's own code says the tag is missing; a bare 404 (a proxy, a wrong endpoint) is not evidence.
      if (error.code === 'MANIFEST_UNKNOWN') return tagMissing(ctx, image, host, reference);
      throw error;
    }
    const evidence: Evidence[] = [
      { fact: `${image.repository}:${image.tag ?? ''}${image.digest ? `@${image.digest}` : ''} resolves to ${manifest.digest} (${manifest.platforms.join(', ')})`, source },
    ];
    if (image.tag && ctx.deletedTags) {
      const deleted = (await ctx.deletedTags(host, image.repository)).find((d) => d.tag === image.tag);
      if (deleted) evidence.push({ fact: `tag ${image.tag} was deleted at ${deleted.deletedAt} and has been pushed again since`, source: 'ACR ImageDeleted event' });
    }
    return {
      finding: { status: 'pass', summary: `${formatImageRef(image)} exists in ${host}`, evidence, fixes: [] },
      facts: { manifest },
    };
  },
};

async function tagMissing(ctx: CheckContext, image: ImageRef, host: string, reference: string): Promise<CheckOutcome> {
  let tags: string[];
  try {
    tags = await ctx.lookups.get(`registry ${host} tags ${image.repository}`, (signal) => ctx.registries.forHost(host).listTags(image.repository, { signal }));
  } catch (error) {
    // Distribution answers a manifest in a missing repository with MANIFEST_UNKNOWN; ACR says NAME_UNKNOWN.
    if (error instanceof RegistryError && error.code === 'NAME_UNKNOWN') return repositoryMissing(ctx, image, host);
    throw error;
  }
  const evidence: Evidence[] = [{ fact: `${image.repository} has ${tags.length} tag(s); ${reference} is not one of them`, source: `registry ${host} tags/list` }];
  if (image.tag && ctx.deletedTags) {
    const deleted = (await ctx.deletedTags(host, image.repository)).find((d) => d.tag === image.tag);
    if (deleted) evidence.push({ fact: `tag ${image.tag} was deleted at ${deleted.deletedAt}`, source: 'ACR ImageDeleted event' });
  }
  const closest = image.tag ? closestNames(image.tag, tags, normaliseTag) : [];
  const newest = newestTags(tags);
  if (closest.length) evidence.push({ fact: `closest tags: ${closest.join(', ')}`, source: 'edit distance' });
  if (newest.length) evidence.push({ fact: `newest tags: ${newest.join(', ')}`, source: 'version order' });
  const suggestion = closest[0] ?? newest[0];
  const fixes = [];
  if (suggestion) {
    const ref = formatImageRef({ registry: image.registry, repository: image.repository, tag: suggestion, digest: undefined });
    fixes.push({ text: `Point the workload at an existing tag such as ${suggestion}.`, command: setImageCommand(ctx.failure, ref) ?? `# image: ${ref}` });
  }
  if (image.acr) {
    fixes.push({
      text: `Or push the missing tag (the build pipeline may have failed or pushed elsewhere).`,
      command: `az acr build --registry ${sh(image.acr.registryName)} --image ${sh(`${image.repository}:${image.tag ?? reference}`)} .`,
    });
  }
  return {
    finding: {
      status: 'fail',
      summary: `${image.digest ? 'Digest' : 'Tag'} ${reference} does not exist in ${host}/${image.repository}${suggestion ? ` (closest: ${suggestion})` : ''}`,
      evidence,
      fixes,
      docs: DOCS.cannotPullFromAcr,
    },
  };
}

async function repositoryMissing(ctx: CheckContext, image: ImageRef, host: string): Promise<CheckOutcome> {
  const repositories = await ctx.lookups.get(`registry ${host} catalog`, (signal) => ctx.registries.forHost(host).listRepositories({ signal }));
  const closest = closestNames(image.repository, repositories, (s) => s);
  const evidence: Evidence[] = [{ fact: `${host} has no repository ${image.repository} (${repositories.length} repositories)`, source: `registry ${host} _catalog` }];
  if (closest.length) evidence.push({ fact: `closest repositories: ${closest.join(', ')}`, source: 'edit distance' });
  const fixes = closest.length
    ? [
        {
          text: `Did you mean ${closest[0]}? Point the workload at it.`,
          command:
            setImageCommand(ctx.failure, formatImageRef({ ...image, repository: closest[0] })) ?? `# image: ${formatImageRef({ ...image, repository: closest[0] })}`,
        },
      ]
    : [{ text: `Push the image to ${host}/${image.repository}, or fix the repository name in the pod spec.` }];
  return {
    finding: {
      status: 'fail',
      summary: `Repository ${image.repository} does not exist in ${host}${closest.length ? ` (did you mean ${closest[0]}?)` : ''}`,
      evidence,
      fixes,
      docs: DOCS.cannotPullFromAcr,
    },
  };
}

/** `v1.0` and `1.0` are one mistake apart, not two. */
function normaliseTag(tag: string): string {
  return tag.toLowerCase().replace(/^v(?=\d)/, '');
}

/** Up to three names within a small edit distance, closest first. */
export function closestNames(wanted: string, names: readonly string[], normalise: (s: string) => string): string[] {
  const w = normalise(wanted);
  const limit = Math.max(2, Math.floor(w.length / 3));
  return names
    .filter((n) => n !== wanted)
    .map((n) => ({ n, d: normalise(n) === w ? 0.5 : editDistance(normalise(n), w) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
}

/** Highest version-like tags first (`v1.10` after `v1.9`); `latest` and non-version tags last. */
export function newestTags(tags: readonly string[], count = 3): string[] {
  const key = (t: string) => (normaliseTag(t).match(/\d+/g) ?? []).map(Number);
  return [...tags]
    .filter((t) => /\d/.test(t))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
        const d = (kb[i] ?? -1) - (ka[i] ?? -1);
        if (d) return d;
      }
      return a.localeCompare(b);
    })
    .slice(0, count);
}
