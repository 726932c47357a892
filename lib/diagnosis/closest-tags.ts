import { editDistance } from '../image-ref/edit-distance';

/** What is known of one existing tag. Push time comes from the registry when it says (ACR's tag properties). */
export interface TagFacts {
  name: string;
  /** ISO time of the last push (ACR `lastUpdatedOn`), when known. */
  pushedAt?: string;
}

export interface ClosestTagOptions {
  /** The tag the workload ran before (previous ReplicaSet / Container insights image), when known. */
  previousTag?: string;
  count?: number;
}

/** `v1.0` and `1.0` are one mistake apart, not two. */
export function normaliseTag(tag: string): string {
  return tag.toLowerCase().replace(/^v(?=\d)/, '');
}

/**
 * An existing tag that differs from the wanted one only by a leading `v` or letter case (`v3.8.0` for
 * `3.8.0`): a chart or template that adds or drops the prefix, not a missing build. Tags are matched
 * exactly (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 */
export function respelledTag(wanted: string, tags: readonly TagFacts[]): string | undefined {
  return tags.find((t) => t.name !== wanted && normaliseTag(t.name) === normaliseTag(wanted))?.name;
}

const versionKey = (t: string) => (normaliseTag(t).match(/\d+/g) ?? []).map(Number);

/** Positive when `a` is the higher version (`v1.10` above `v1.9`). */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? -1) - (kb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

/**
 * The tags to suggest for a missing one, best first: the tag the workload ran before (it is known to
 * have worked), then by edit distance to the wanted tag, then the newest push, then the highest
 * version — so `v1.9` missing among `v1.0 … v1.8` suggests `v1.8`, never the oldest.
 */
export function closestTags(wanted: string, tags: readonly TagFacts[], options: ClosestTagOptions = {}): string[] {
  const w = normaliseTag(wanted);
  const limit = Math.max(2, Math.floor(w.length / 3));
  const previous = options.previousTag && options.previousTag !== wanted ? tags.find((t) => t.name === options.previousTag) : undefined;
  const ranked = tags
    .filter((t) => t.name !== wanted && t !== previous)
    .map((t) => ({ t, d: normaliseTag(t.name) === w ? 0.5 : editDistance(normaliseTag(t.name), w) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || pushedLater(a.t, b.t) || compareVersions(b.t.name, a.t.name) || a.t.name.localeCompare(b.t.name))
    .map((x) => x.t.name);
  return [...(previous ? [previous.name] : []), ...ranked].slice(0, options.count ?? 3);
}

/** Negative when `a` was pushed after `b`; 0 when either time is unknown. */
function pushedLater(a: TagFacts, b: TagFacts): number {
  if (!a.pushedAt || !b.pushedAt) return 0;
  return Date.parse(b.pushedAt) - Date.parse(a.pushedAt);
}

/**
 * The newest tags: by push time where the registry says (ACR), so SHA-style and date tags rank
 * right; otherwise the highest version-like tags (`v1.10` after `v1.9`). `latest` is never one of them
 * (it names whatever was pushed last, not a release to pin).
 */
export function newestTags(tags: readonly (string | TagFacts)[], count = 3): string[] {
  const facts = tags.map((t) => (typeof t === 'string' ? { name: t } : t)).filter((t) => t.name !== 'latest');
  const timed = facts.filter((t) => t.pushedAt && !Number.isNaN(Date.parse(t.pushedAt)));
  if (timed.length > 0) {
    return timed
      .sort((a, b) => pushedLater(a, b) || compareVersions(b.name, a.name) || a.name.localeCompare(b.name))
      .slice(0, count)
      .map((t) => t.name);
  }
  return facts
    .map((t) => t.name)
    .filter((t) => /\d/.test(t))
    .sort((a, b) => compareVersions(b, a) || a.localeCompare(b))
    .slice(0, count);
}
