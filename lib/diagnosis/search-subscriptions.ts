import { isRestError } from '@azure/core-rest-pipeline';
import { describeFailure } from './describe-failure';

/** A subscription whose list ARM refused (403): what was refused and the least role that would allow it. */
export interface RefusedSubscription {
  subscriptionId: string;
  /** "could not read the list …: 403 AuthorizationFailed: pull-doctor's identity may not perform … on …" */
  summary: string;
  what: string;
  permission?: string;
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
        return { items: [] as T[], refused: { subscriptionId, summary: d.summary, what: d.what, permission: d.permission } };
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
