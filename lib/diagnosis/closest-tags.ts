import { editDistance } from '../image-ref/edit-distance';

/** What is known of one existing tag. Push time comes from the registry when it says (ACR's tag metadata). */
export interface TagFacts {
  name: string;
  /** ISO time of the last push, when known. */
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

/** Highest version-like tags first (`v1.10` after `v1.9`); `latest` and non-version tags last. */
export function newestTags(tags: readonly string[], count = 3): string[] {
  return [...tags]
    .filter((t) => /\d/.test(t))
    .sort((a, b) => compareVersions(b, a) || a.localeCompare(b))
    .slice(0, count);
}
