import { isRestError } from '@azure/core-rest-pipeline';
import { describeFailure } from './describe-failure';

/** A subscription whose list ARM refused (403): what was refused and the least role that would allow it. */
export interface RefusedSubscription {
  subscriptionId: string;
  /** "could not read the list …: 403 AuthorizationFailed: pull-doctor's identity may not perform … on …" */
  summary: string;
  what: string;
  permission?: string;
  /** The refusal itself: when every subscription refused, there is nothing to search and it is rethrown. */
  error: unknown;
}

/**
 * Lists something in each subscription and keeps going when one of them refuses the read.
 *
 * Subscriptions - List returns every subscription the caller holds *any* role on
 * (https://learn.microsoft.com/rest/api/resources/subscriptions/list), so a search across them meets
 * subscriptions where pull-doctor may not read registries or zones (a Cost Management Reader, a
 * custom role): ARM answers 403 AuthorizationFailed there
 * (https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-authorization-failed).
 * Such a 403 says nothing about the other subscriptions, so it is recorded, not thrown; every other
 * error (throttling, a timeout) still fails the lookup. A search that finds nothing must then say it
 * could not look everywhere (`refused`), never "there is none".
 */
export async function listInEach<T>(
  subscriptionIds: readonly string[],
  list: (subscriptionId: string) => Promise<T[]>,
  lookupKeyOf: (subscriptionId: string) => string,
): Promise<{ items: T[]; refused: RefusedSubscription[] }> {
  const results = await Promise.all(
    subscriptionIds.map(async (subscriptionId) => {
      try {
        return { items: await list(subscriptionId) };
      } catch (error) {
        if (!isRestError(error) || error.statusCode !== 403) throw error;
        const d = describeFailure(error, lookupKeyOf(subscriptionId));
        return { items: [] as T[], refused: { subscriptionId, summary: d.summary, what: d.what, permission: d.permission, error } };
      }
    }),
  );
  return {
    items: results.flatMap((r) => r.items),
    refused: results.flatMap((r) => ('refused' in r && r.refused ? [r.refused] : [])),
  };
}

/** One evidence line for the subscriptions a search could not look in. */
export function refusedEvidence(refused: readonly RefusedSubscription[]): { fact: string; source: string } {
  return { fact: `not searched (ARM refused the read): ${refused.map((r) => r.summary).join('; ')}`, source: 'ARM 403 AuthorizationFailed' };
}

/**
 * What the refused subscriptions need, once per refused action: `<action> on /subscriptions/a,
 * /subscriptions/b (least built-in role that grants it: Reader)` rather than the same sentence per subscription.
 */
export function refusedPermission(refused: readonly RefusedSubscription[]): string {
  const byAction = new Map<string, { scopes: string[]; role: string }>();
  const other: string[] = [];
  for (const r of refused) {
    const m = /^(\S+) on (\S+)(.*)$/.exec(r.permission ?? '');
    if (!m) {
      other.push(r.permission ?? r.what);
      continue;
    }
    const key = `${m[1]}${m[3]}`;
    const entry = byAction.get(key) ?? { scopes: [], role: m[3] ?? '' };
    entry.scopes.push(m[2]!);
    byAction.set(key, entry);
  }
  return [...[...byAction.entries()].map(([key, e]) => `${key.slice(0, key.length - e.role.length)} on ${e.scopes.join(', ')}${e.role}`), ...other].join('; ');
}

/** Every subscription searched refused: nothing was read, so the lookup failed (the engine's unknown says what). */
export function throwIfNothingReadable(searched: readonly string[], refused: readonly RefusedSubscription[]): void {
  if (refused.length > 0 && refused.length >= new Set(searched.map((s) => s.toLowerCase())).size) throw refused[0]!.error;
}
