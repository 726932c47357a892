import { editDistance } from '../../image-ref/edit-distance';
import { formatImageRef, type Evidence, type Fix, type ImageRef } from '../../model';
import { RegistryError, type RegistryTag } from '../../registry/registry-client';
import type { Check, CheckContext, CheckOutcome } from '../check';
import type { ManifestFacts } from '../facts';
import { cacheRuleFindings, cacheRuleFor, findRegistry } from '../artifact-cache';
import { closestTags, newestTags, respelledTag, type TagFacts } from '../closest-tags';
import { setImageCommand, sh } from '../fix-commands';
import { previousTag, readPreviousImage } from '../previous-tag';
import { registriesHolding } from '../sibling-registries';
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
      if (error.code === 'NAME_UNKNOWN') return behindCacheRule(ctx, image, host, repositoryMissing(ctx, image, host));
      // Only the registry's own code says the tag is missing (distribution: MANIFEST_UNKNOWN; ACR's
      // tag properties: TAG_UNKNOWN); a bare 404 (a proxy, a wrong endpoint) is not evidence.
      if (error.code === 'MANIFEST_UNKNOWN' || error.code === 'TAG_UNKNOWN') return behindCacheRule(ctx, image, host, tagMissing(ctx, image, host, reference));
      throw error;
    }
    const evidence: Evidence[] = [
      { fact: `${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''} resolves to ${manifest.digest} (${manifest.platforms.join(', ')})`, source },
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
  let listed: RegistryTag[];
  // Read beside the tag list (never fails: a failed read comes back as an answer that says so).
  const previousRead = image.digest ? undefined : readPreviousImage(ctx, image, host);
  try {
    listed = await ctx.lookups.get(`registry ${host} tags ${image.repository}`, (signal) => ctx.registries.forHost(host).listTags(image.repository, { signal }));
  } catch (error) {
    // Distribution answers a manifest in a missing repository with MANIFEST_UNKNOWN; ACR says NAME_UNKNOWN.
    if (error instanceof RegistryError && error.code === 'NAME_UNKNOWN') return repositoryMissing(ctx, image, host);
    throw error;
  }
  // ACR says when each tag was last pushed; the distribution API does not.
  const facts: TagFacts[] = listed.map((t) => ({ name: t.name, pushedAt: t.lastUpdatedOn }));
  const timed = facts.some((t) => t.pushedAt);
  const evidence: Evidence[] = [
    {
      // A digest names a manifest, not a tag: say the repository has no such manifest.
      fact: image.digest ? `${image.repository} (${listed.length} tag(s)) has no manifest ${image.digest}` : `${image.repository} has ${listed.length} tag(s); ${reference} is not one of them`,
      source: `registry ${host} ${timed ? 'tag properties' : 'tags/list'}`,
    },
  ];
  if (image.tag && ctx.deletedTags) {
    const deleted = (await ctx.deletedTags(host, image.repository)).find((d) => d.tag === image.tag);
    if (deleted) evidence.push({ fact: `tag ${image.tag} was deleted at ${deleted.deletedAt}`, source: 'ACR ImageDeleted event' });
  }
  if (image.digest) return digestMissing(ctx, image, host, facts, evidence);
  // The tag the workload ran before comes first (it worked), then edit distance, push time (ACR), version order.
  // Stryker disable next-line StringLiteral: previousRead is undefined only for a digest, which returned above
  const previous = previousTag(ctx, image, (await previousRead) ?? 'not-applicable', facts);
  if (previous.evidence) evidence.push(previous.evidence);
  const closest = image.tag ? closestTags(image.tag, facts, { previousTag: previous.tag }) : [];
  const newest = newestTags(facts);
  // Stryker disable next-line OptionalChaining: closest and newest tags are taken from facts, so find always finds one
  const pushedAt = (tag: string) => facts.find((t) => t.name === tag)?.pushedAt;
  const withTime = (tag: string) => (pushedAt(tag) ? `${tag} (pushed ${pushedAt(tag)})` : tag);
  if (closest.length) evidence.push({ fact: `closest tags: ${closest.map(withTime).join(', ')}`, source: timed ? 'edit distance, then newest push' : 'edit distance, then newest version' });
  if (newest.length) evidence.push({ fact: `newest tags: ${newest.map(withTime).join(', ')}`, source: timed ? 'push time' : 'version order' });
  const suggestion = closest[0] ?? newest[0];
  const fixes = [];
  // `v3.8.0` asked, `3.8.0` pushed: the tag that was meant exists; that comes before any rollback.
  const meant = image.tag ? respelledTag(image.tag, facts) : undefined;
  if (meant) {
    const ref = formatImageRef({ registry: image.registry, repository: image.repository, tag: meant, digest: undefined });
    evidence.push({ fact: `${withTime(meant)} exists and differs from ${image.tag} only by a leading "v" or letter case`, source: evidence[0]!.source });
    fixes.push({ text: `Point the workload at ${meant}, the tag ${image.tag} was meant to be, and fix the chart or template that writes the tag.`, command: setImageCommand(ctx.failure, ref) ?? `# image: ${ref}` });
  }
  if (previous.rollback) fixes.push(previous.rollback);
  if (suggestion && suggestion !== meant) {
    const ref = formatImageRef({ registry: image.registry, repository: image.repository, tag: suggestion, digest: undefined });
    fixes.push({
      text:
        suggestion === previous.tag
          ? `${previous.rollback ? 'Or set' : 'Set'} the image back to ${suggestion}, the tag it ran before (or another existing tag).`
          : `Point the workload at an existing tag such as ${suggestion}.`,
      command: setImageCommand(ctx.failure, ref) ?? `# image: ${ref}`,
    });
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
      summary: `Tag ${reference} does not exist in ${host}/${image.repository}${
        meant ? ` (${meant} does${previous.tag ? `; ran before: ${previous.tag}` : ''})` : previous.tag ? ` (ran before: ${previous.tag})` : suggestion ? ` (closest: ${suggestion})` : ''
      }`,
      evidence,
      fixes,
      docs: DOCS.cannotPullFromAcr,
    },
  };
}

/**
 * A digest cannot be pushed again under its name (it is the content's hash): the fix is to pin a
 * digest that exists — the one the reference's own tag points at now, or the newest tag's — or the
 * tag itself. With a digest, the runtime ignores the tag (`repo:tag@digest` pulls by digest).
 */
async function digestMissing(ctx: CheckContext, image: ImageRef, host: string, tags: TagFacts[], evidence: Evidence[]): Promise<CheckOutcome> {
  const fromTag = image.tag && tags.some((t) => t.name === image.tag) ? image.tag : newestTags(tags, 1)[0];
  const fixes: Fix[] = [];
  let pinnedDigest: string | undefined;
  if (fromTag) {
    const existing = await ctx.lookups.get(`registry ${host} manifest ${image.repository}:${fromTag}`, (signal) =>
      ctx.registries.forHost(host).resolve(image.repository, fromTag, { signal }),
    );
    evidence.push({ fact: `${image.repository}:${fromTag} points at ${existing.digest}`, source: `registry ${host}` });
    pinnedDigest = existing.digest;
    const pinned = formatImageRef({ registry: image.registry, repository: image.repository, tag: undefined, digest: existing.digest });
    const tagged = formatImageRef({ registry: image.registry, repository: image.repository, tag: fromTag, digest: undefined });
    fixes.push(
      {
        text: `Pin an existing digest: ${fromTag === image.tag ? `the one the tag ${fromTag} in the reference points at now` : `the newest tag ${fromTag}'s`}.`,
        command: setImageCommand(ctx.failure, pinned) ?? `# image: ${pinned}`,
      },
      { text: `Or use the tag ${fromTag} itself (it follows new pushes).`, command: setImageCommand(ctx.failure, tagged) ?? `# image: ${tagged}` },
    );
  } else {
    fixes.push({ text: `${image.repository} has no tags: push the image, then pin the digest the push prints.` });
  }
  // Explanatory only: a registry that cannot be read leaves the finding as the registry's content makes it.
  const retention = image.acr ? await untaggedRetention(ctx, host, image.repository).catch(() => undefined) : undefined;
  if (retention) {
    evidence.push(retention.evidence);
    fixes.push(retention.fix(pinnedDigest ?? '<digest>'));
  }
  return {
    finding: {
      status: 'fail',
      summary: `Digest ${image.digest} does not exist in ${host}/${image.repository}${fromTag ? ` (${fromTag} is an existing tag)` : ''}`,
      evidence,
      fixes,
      docs: DOCS.cannotPullFromAcr,
    },
  };
}

/**
 * ACR's retention policy deletes untagged manifests older than its days; re-pushing a tag leaves the old
 * manifest untagged, so a deployment pinned to that digest loses it. A locked manifest
 * (`--delete-enabled false`) is kept (https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy ,
 * https://learn.microsoft.com/azure/container-registry/container-registry-image-lock).
 */
async function untaggedRetention(ctx: CheckContext, host: string, repository: string): Promise<{ evidence: Evidence; fix: (digest: string) => Fix } | undefined> {
  const registry = await findRegistry(ctx, host);
  const policy = registry?.policies?.retentionPolicy;
  if (!registry?.name || policy?.status !== 'enabled') return undefined;
  const days = policy.days ?? 7;
  const name = registry.name;
  return {
    evidence: {
      fact: `${name} has a retention policy for untagged manifests: they are deleted ${days} day(s) after they lose their last tag (re-pushing a tag untags the digest it pointed at)`,
      source: `ARM ${registry.id ?? name} policies.retentionPolicy`,
    },
    fix: (digest) => ({
      text: `${name}'s retention policy deletes untagged manifests after ${days} day(s): pin digests whose tag is never re-pushed, or lock the digest you pin so the retention policy keeps it.`,
      command: `az acr repository update --name ${sh(name)} --image ${sh(`${repository}@${digest}`)} --delete-enabled false`,
    }),
  };
}

async function repositoryMissing(ctx: CheckContext, image: ImageRef, host: string): Promise<CheckOutcome> {
  const reference = image.digest ?? image.tag ?? 'latest';
  const [repositories, holding] = await Promise.all([
    ctx.lookups.get(`registry ${host} catalog`, (signal) => ctx.registries.forHost(host).listRepositories({ signal })),
    image.acr ? registriesHolding(ctx, image, host, reference) : Promise.resolve([]),
  ]);
  const closest = closestNames(image.repository, repositories, (s) => s);
  const evidence: Evidence[] = [{ fact: `${host} has no repository ${image.repository} (${repositories.length} repositories)`, source: `registry ${host} _catalog` }];
  for (const other of holding) evidence.push({ fact: `${other} has ${image.repository}${image.digest ? '@' : ':'}${reference}`, source: `registry ${other} (found through ARM)` });
  if (closest.length) evidence.push({ fact: `closest repositories: ${closest.join(', ')}`, source: 'edit distance' });
  if (holding.length) {
    const ref = formatImageRef({ ...image, registry: holding[0] });
    return {
      finding: {
        status: 'fail',
        summary: `Repository ${image.repository} does not exist in ${host}; it is in ${holding[0]}`,
        evidence,
        fixes: [
          {
            text: `The image is in ${holding[0]}, another registry of yours: point the workload at ${ref} (the kubelet identity must be able to pull from ${holding[0]}).`,
            command: setImageCommand(ctx.failure, ref) ?? `# image: ${ref}`,
          },
          { text: `Or push the image to ${host}/${image.repository} (e.g. az acr import --name ${image.acr!.registryName} --source ${ref}).` },
        ],
        docs: DOCS.cannotPullFromAcr,
      },
    };
  }
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

/**
 * A repository of an ACR artifact cache rule is filled from upstream on the first pull: a missing tag
 * or repository there is the upstream's or the credential set's, not a push that failed
 * (artifact-cache.ts). Cache rules that cannot be read leave the finding as it was, saying so.
 */
async function behindCacheRule(ctx: CheckContext, image: ImageRef, host: string, missing: Promise<CheckOutcome>): Promise<CheckOutcome> {
  // A missing tag or repository always fails (tagMissing, repositoryMissing): no status to test here.
  const outcome = await missing;
  if (!image.acr || image.digest) return outcome;
  let match;
  try {
    match = await cacheRuleFor(ctx, host, image.repository);
  } catch (error) {
    const what = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...outcome, finding: { ...outcome.finding, evidence: [...outcome.finding.evidence, { fact: `cache rules of ${image.acr.registryName} could not be read (${what})`, source: 'ARM cacheRules' }] } };
  }
  if (!match) return outcome;
  const cache = cacheRuleFindings(match, image.acr.registryName, image.tag);
  // Stryker disable next-line Regex: no fix text of this check says "Push" or "Or push" other than at its start
  const kept = outcome.finding.fixes.filter((f) => !/^(Or push|Push)\b/.test(f.text));
  return {
    ...outcome,
    finding: {
      ...outcome.finding,
      summary: cache.unhealthy ? cache.summary : outcome.finding.summary,
      evidence: cache.unhealthy ? [...cache.evidence, ...outcome.finding.evidence] : [...outcome.finding.evidence, ...cache.evidence],
      fixes: cache.unhealthy ? cache.fixes : [...kept, ...cache.fixes],
      docs: cache.unhealthy ? DOCS.artifactCache : outcome.finding.docs,
    },
  };
}

/** Up to three names within a small edit distance, closest first. */
export function closestNames(wanted: string, names: readonly string[], normalise: (s: string) => string): string[] {
  const w = normalise(wanted);
  const limit = Math.max(2, Math.floor(w.length / 3));
  return names
    .filter((n) => n !== wanted)
    // A name equal to the wanted one once normalised is at distance 0, so it ranks first.
    .map((n) => ({ n, d: editDistance(normalise(n), w) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
}

export { newestTags } from '../closest-tags';
