import { editDistance } from '../image-ref/edit-distance';

/**
 * The candidate closest to what was typed, when it is close enough to be a typo (at most a third of
 * the word, at least one edit) — `diagnoes` → `diagnose`, `--clustr` → `--cluster`.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(typed.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}
