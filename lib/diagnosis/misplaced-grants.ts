import type { RoleAssignment } from '@azure/arm-authorization';
import { parseArmId } from '../azure/arm-id';
import type { Evidence } from '../model';
import { identitiesKey, listRoleAssignmentsAt, listRoleAssignmentsFor, listUserAssignedIdentities } from './azure-lookups';
import type { CheckContext } from './check';
import type { RegistryFacts } from './facts';
import { listInEach } from './search-subscriptions';

/**
 * Pull roles that a user-assigned identity other than the kubelet's holds on the registry or its
 * resource group: the grant a team made to the pod's workload identity or to the control plane's,
 * believing it pulls. Images are pulled with the kubelet identity
 * (https://learn.microsoft.com/azure/aks/cluster-container-registry-integration); Microsoft Entra
 * Workload ID gives the application's own code a token (https://learn.microsoft.com/azure/aks/workload-identity-overview).
 * Only identities found in the cluster's or the registry's subscription are named (pull-doctor's
 * own identity or a pipeline's service principal are not identities there); an unreadable list names none.
 */
export async function misplacedPullGrants(
  ctx: CheckContext,
  registry: RegistryFacts,
  kubeletObjectId: string,
  clusterSubscriptionId: string,
  grantingOf: (assignments: RoleAssignment[]) => Promise<Array<{ assignment: RoleAssignment; roleName?: string }>>,
): Promise<Evidence[]> {
  const rg = parseArmId(registry.id);
  // A registry id that names no resource group has no grant near it (ARM's ids always name one).
  if (!rg) return [];
  const group = `/subscriptions/${registry.subscriptionId}/resourceGroups/${rg.resourceGroup}`.toLowerCase();
  const near = (await listRoleAssignmentsAt(ctx, registry.id)).filter(
    (a) => a.principalType === 'ServicePrincipal' && a.principalId?.toLowerCase() !== kubeletObjectId.toLowerCase() && !!a.scope && (a.scope.toLowerCase() + '/').startsWith(group + '/'),
  );
  // Stryker disable next-line ConditionalExpression: a guard that saves the evaluation; with no assignment near the registry grantingOf grants nothing and the next line returns
  if (near.length === 0) return [];
  const granting = await grantingOf(near);
  if (granting.length === 0) return [];
  // Stryker disable next-line MethodExpression: ARM reads a subscription id in either case; the set only drops the registry's when it is the cluster's
  const subscriptions = [...new Set([clusterSubscriptionId, registry.subscriptionId].map((s) => s.toLowerCase()))];
  const { items } = await listInEach(subscriptions, (s) => listUserAssignedIdentities(ctx, s), identitiesKey);
  return granting.flatMap(({ assignment, roleName }) => {
    const identity = items.find((i) => i.principalId?.toLowerCase() === assignment.principalId?.toLowerCase());
    if (!identity) return [];
    return [
      {
        fact: `${roleName ?? 'a pull role'} at ${assignment.scope === registry.id ? 'the registry' : assignment.scope} is held by ${identity.name} (${assignment.principalId}), not by the kubelet identity: images are pulled as the kubelet identity, never as a pod's workload identity or the control plane's`,
        source: `ARM ${identity.id}`,
      },
    ];
  });
}

/**
 * Pull roles the kubelet identity itself holds on a resource group of the registry's subscription that
 * does not contain the registry: the group the registry was moved out of, or another one. A role assignment applies at its scope and below only
 * (https://learn.microsoft.com/azure/role-based-access-control/scope-overview), and moving a resource
 * carries no inherited assignment with it
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/move-resource-group-and-subscription).
 * An unreadable list names none.
 */
export async function strandedPullGrants(
  ctx: CheckContext,
  registry: RegistryFacts,
  kubeletObjectId: string,
  grantingOf: (assignments: RoleAssignment[]) => Promise<Array<{ assignment: RoleAssignment; roleName?: string }>>,
): Promise<Evidence[]> {
  const inside = (scope: string) => (registry.id.toLowerCase() + '/').startsWith(scope.toLowerCase().replace(/\/$/, '') + '/');
  const elsewhere = (await listRoleAssignmentsFor(ctx, `/subscriptions/${registry.subscriptionId}`, kubeletObjectId)).filter(
    // A resource group's grant only: one on another registry is that registry's, not a stranded one.
    (a) => a.principalId?.toLowerCase() === kubeletObjectId.toLowerCase() && !!a.scope && /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i.test(a.scope) && !inside(a.scope),
  );
  if (elsewhere.length === 0) return [];
  return (await grantingOf(elsewhere)).map(({ assignment, roleName }) => ({
    fact: `the kubelet identity holds ${roleName ?? 'a pull role'} at ${assignment.scope}, which does not contain ${registry.name} (${registry.id}): a role assignment applies only at its scope and below — a registry moved out of that resource group no longer inherits it`,
    source: `ARM role assignments of ${kubeletObjectId} in subscription ${registry.subscriptionId}`,
  }));
}
