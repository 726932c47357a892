import { parseArmId, scopeContains } from '../azure/arm-id';
import { formatImageRef, type Fix, type ImageRef } from '../model';
import type { CheckContext } from './check';
import { getManagedCluster, getRoleDefinition, listRegistries, listRoleAssignmentsFor, listSubscriptionIds } from './azure-lookups';
import { ACR_PULL_ACTION, grantsAction } from './role-permissions';
import { describeFailure } from './describe-failure';
import { setImageCommand, sh, subscriptionArg } from './fix-commands';
import { pullIdentityOf } from './checks/cluster';

/**
 * The Azure Container Registry the cluster already pulls from: a registry covered by a role assignment
 * of its kubelet identity whose role grants the pull. Azure RBAC applies an assignment to its scope and
 * everything below it (https://learn.microsoft.com/azure/role-based-access-control/scope-overview), so
 * AcrPull on a resource group, a subscription or a management group covers every registry there, not
 * only an assignment made on the registry itself; the role is judged by its permissions
 * (Microsoft.ContainerRegistry/registries/pull/read), not its name. ARM lists a principal's
 * assignments at, above and below a scope. The cluster's subscription is searched first, then every
 * other readable one: landing zones keep shared registries in their own subscription, and a role
 * assignment lives in the subscription of the resource it is on. `note` says why none could be named.
 */
export async function knownRegistryOf(ctx: CheckContext): Promise<{ name?: string; subscriptionId?: string; note?: string }> {
  const clusterId = parseArmId(ctx.failure.cluster);
  if (!clusterId) return { note: 'no AKS cluster given' };
  try {
    const identity = pullIdentityOf(await getManagedCluster(ctx, clusterId.id));
    if (!identity.kubelet) return { note: 'the cluster has no kubelet identity' };
    const registriesIn = async (subscriptionId: string): Promise<string[]> => {
      const assignments = await listRoleAssignmentsFor(ctx, `/subscriptions/${subscriptionId}`, identity.kubelet!.objectId);
      const pulling = (
        await Promise.all(
          assignments.map(async (a) => {
            if (!a.scope || !a.roleDefinitionId) return undefined;
            const role = await getRoleDefinition(ctx, a.roleDefinitionId, subscriptionId).catch(() => undefined);
            return role && grantsAction(role.permissions ?? [], ACR_PULL_ACTION) ? a.scope : undefined;
          }),
        )
      ).filter((scope): scope is string => !!scope);
      if (pulling.length === 0) return [];
      // A subscription whose registries pull-doctor may not list names none (another may answer).
      const registries = await listRegistries(ctx, subscriptionId).catch(() => []);
      const covered = registries.filter((r) => r.id && r.name && pulling.some((scope) => scopeContains(scope, r.id!)));
      return [...new Set(covered.map((r) => r.name!))].sort();
    };
    const own = await registriesIn(clusterId.subscriptionId);
    if (own.length) return { name: own[0], subscriptionId: clusterId.subscriptionId };
    const others = (await listSubscriptionIds(ctx, ctx.subscriptions)).filter((s) => s.toLowerCase() !== clusterId.subscriptionId.toLowerCase()).sort();
    for (const subscriptionId of others) {
      // A subscription pull-doctor cannot read the assignments of is skipped, not fatal: another may answer.
      const names = await registriesIn(subscriptionId).catch(() => []);
      if (names.length) return { name: names[0], subscriptionId };
    }
    return { note: 'the kubelet identity holds no pull role covering a registry in any subscription pull-doctor can read' };
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
