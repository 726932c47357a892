import { parseArmId } from '../azure/arm-id';
import { formatImageRef, type Fix, type ImageRef } from '../model';
import type { CheckContext } from './check';
import { getManagedCluster, listRoleAssignmentsFor, listSubscriptionIds } from './azure-lookups';
import { describeFailure } from './describe-failure';
import { setImageCommand, sh, subscriptionArg } from './fix-commands';
import { pullIdentityOf } from './checks/cluster';

const REGISTRY_SCOPE = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)$/i;

/**
 * The Azure Container Registry the cluster already pulls from: a registry on which its kubelet
 * identity holds a role assignment (ARM lists a principal's assignments at, above and below a scope).
 * The cluster's subscription is searched first, then every other readable one: landing zones keep
 * shared registries in their own subscription, and a role assignment lives in the subscription of
 * the resource it is on (https://learn.microsoft.com/azure/role-based-access-control/scope-overview).
 * `note` says why none could be named.
 */
export async function knownRegistryOf(ctx: CheckContext): Promise<{ name?: string; subscriptionId?: string; note?: string }> {
  const clusterId = parseArmId(ctx.failure.cluster);
  if (!clusterId) return { note: 'no AKS cluster given' };
  try {
    const identity = pullIdentityOf(await getManagedCluster(ctx, clusterId.id));
    if (!identity.kubelet) return { note: 'the cluster has no kubelet identity' };
    const registriesIn = async (subscriptionId: string): Promise<string[]> => {
      const assignments = await listRoleAssignmentsFor(ctx, `/subscriptions/${subscriptionId}`, identity.kubelet!.objectId);
      return [...new Set(assignments.map((a) => REGISTRY_SCOPE.exec(a.scope ?? '')?.[1]).filter((n): n is string => Boolean(n)))].sort();
    };
    const own = await registriesIn(clusterId.subscriptionId);
    if (own.length) return { name: own[0], subscriptionId: clusterId.subscriptionId };
    const others = (await listSubscriptionIds(ctx, ctx.subscriptions)).filter((s) => s.toLowerCase() !== clusterId.subscriptionId.toLowerCase()).sort();
    for (const subscriptionId of others) {
      // A subscription pull-doctor cannot read the assignments of is skipped, not fatal: another may answer.
      const names = await registriesIn(subscriptionId).catch(() => []);
      if (names.length) return { name: names[0], subscriptionId };
    }
    return { note: 'the kubelet identity holds no role on a registry in any subscription pull-doctor can read' };
  } catch (error) {
    return { note: describeFailure(error, undefined).summary.replace(/^could not read a lookup: /, 'could not read the kubelet identity’s registries: ') };
  }
}

/** `az acr import` into the cluster's registry, then point the workload at the imported copy. */
export function importFixes(ctx: CheckContext, ref: ImageRef, registry: { name?: string; subscriptionId?: string; note?: string }): Fix[] {
  const target = `${ref.repository.replace(/^library\//, '')}:${ref.tag ?? 'latest'}`;
  const source = formatImageRef(ref);
  if (!registry.name) {
    return [
      {
        text: `Import the image into your Azure Container Registry once and pull it from there (replace <registry> with your registry name; ${registry.note ?? 'the cluster’s registry is not known'}).`,
        command: `az acr import --name <registry> --source ${sh(source)} --image ${sh(target)}`,
      },
    ];
  }
  const imported = `${registry.name}.azurecr.io/${target}`;
  return [
    {
      text: `Import the image into ${registry.name}, the registry the cluster already pulls from, once (Docker Hub is not asked again).`,
      command: `az acr import --name ${sh(registry.name)} --source ${sh(source)} --image ${sh(target)}${subscriptionArg(registry.subscriptionId, parseArmId(ctx.failure.cluster)?.subscriptionId)}`,
    },
    { text: `Then point the workload at ${imported}.`, command: setImageCommand(ctx.failure, imported) ?? `# image: ${imported}` },
  ];
}
