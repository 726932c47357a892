import type { Change } from '../model';

/** How long a burst may last and still be one change (a cleanup pipeline deleting 500 tags). */
export const DEFAULT_DEBOUNCE_MS = 2 * 60_000;
const MAX_TAGS = 1000;
const MAX_EVENT_IDS = 5000;

/** Changes that fold together: the same kind on the same repository (ACR) or the same resource (ARM). */
export function changeKey(change: Change): string {
  if (change.registry) return `${change.kind}|${change.registry.loginServer}|${change.registry.repository}`.toLowerCase();
  return `${change.kind}|${change.resourceId ?? change.id}`.toLowerCase();
}

/** `into` with `next` folded in: tags and event ids united (bounded), the first event's id and time kept. */
export function mergeChange(into: Change, next: Change): Change {
  const registry = into.registry && {
    loginServer: into.registry.loginServer,
    repository: into.registry.repository,
    tags: [...new Set([...into.registry.tags, ...(next.registry?.tags ?? [])])].slice(0, MAX_TAGS),
    // One digest only while every folded event names the same one.
    ...(into.registry.digest && into.registry.digest === next.registry?.digest ? { digest: into.registry.digest } : {}),
  };
  return {
    ...into,
    ...(registry ? { registry } : {}),
    principal: into.principal ?? next.principal,
    eventIds: [...new Set([...into.eventIds, ...next.eventIds])].slice(0, MAX_EVENT_IDS),
    checks: [...new Set([...into.checks, ...next.checks])],
  };
}

/**
 * Debounce: changes with the same key whose time falls within `windowMs` of the first one of their
 * group become one change. Order of the result: by first event time.
 */
export function foldChanges(changes: readonly Change[], windowMs: number = DEFAULT_DEBOUNCE_MS): Change[] {
  const sorted = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const open = new Map<string, Change>();
  const out: Change[] = [];
  for (const change of sorted) {
    const key = changeKey(change);
    const current = open.get(key);
    if (current && Date.parse(change.at) - Date.parse(current.at) <= windowMs) {
      const merged = mergeChange(current, change);
      out[out.indexOf(current)] = merged;
      open.set(key, merged);
    } else {
      open.set(key, change);
      out.push(change);
    }
  }
  return out;
}
