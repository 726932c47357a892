import type { Registry } from '@azure/arm-containerregistry';
import { parseArmId } from '../azure/arm-id';
import type { ImageRef } from '../model';
import { listRegistries, listSubscriptionIds, registriesKey } from './azure-lookups';
import type { CheckContext } from './check';
import { listInEach } from './search-subscriptions';

/** At most this many other registries are asked (the cluster's and the registry's subscriptions first). */
const MAX_SIBLINGS = 6;

/**
 * The other ACRs of the tenant that hold the same repository and reference. A platform with several
 * registries (one per product, one for models) gets images addressed to the wrong one — a chart's
 * global registry value, a copied manifest — and ACR answers NAME_UNKNOWN for a repository it does not
 * hold (https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access):
 * the fix is the other registry's name, not a push. Only registries found through ARM in the
 * subscriptions pull-doctor reads are asked, and each is declared to the egress policy first, as the
 * image's own registry is. Every failure (a refusal, a missing image, an unreadable list) means "not there".
 */
export async function registriesHolding(ctx: CheckContext, image: ImageRef, host: string, reference: string): Promise<string[]> {
  let registries: Registry[];
  try {
    const subscriptions = await listSubscriptionIds(ctx, ctx.subscriptions);
    registries = (await listInEach(subscriptions, (s) => listRegistries(ctx, s), registriesKey)).items;
  } catch {
    return [];
  }
  const own = registries.find((r) => r.loginServer?.toLowerCase() === host.toLowerCase());
  const near = new Set(
    [parseArmId(ctx.failure.cluster)?.subscriptionId, parseArmId(own?.id)?.subscriptionId].filter((s): s is string => !!s).map((s) => s.toLowerCase()),
  );
  const rank = (r: Registry) => {
    const subscription = parseArmId(r.id)?.subscriptionId;
    return subscription && near.has(subscription.toLowerCase()) ? 0 : 1;
  };
  const siblings = registries
    .filter((r) => !!r.loginServer && r.loginServer.toLowerCase() !== host.toLowerCase())
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, MAX_SIBLINGS);
  const found = await Promise.all(
    siblings.map((r) => {
      const other = r.loginServer!.toLowerCase();
      ctx.registries.alsoFoundByArm?.({ loginServer: other, dataEndpointHostNames: r.dataEndpointHostNames ?? [] });
      const key = `registry ${other} manifest ${image.repository}:${reference}`;
      return ctx.lookups.get(key, (signal) => ctx.registries.forHost(other).resolve(image.repository, reference, { signal })).then(
        () => other,
        () => undefined,
      );
    }),
  );
  return found.filter((h): h is string => !!h);
}
