import type { DenyAssignment } from '@azure/arm-authorization';
import { scopeContains } from '../azure/arm-id';
import type { Fix } from '../model';
import { ACR_PULL_ACTION, ACR_REPOSITORY_READ_DATA_ACTION, grantsAction, grantsDataAction } from './role-permissions';

/**
 * Whether a deny assignment blocks an identity's pull, the way Azure RBAC evaluates deny
 * assignments (https://learn.microsoft.com/azure/role-based-access-control/deny-assignments): it
 * applies at its scope and below (not below when `doNotApplyToChildScopes`), to its `principals`
 * (the SystemDefined principal 00000000-0000-0000-0000-000000000000 is everyone) minus its
 * `excludePrincipals`, and denies what its permissions' actions/dataActions match minus
 * notActions/notDataActions. A deny assignment wins over every role assignment. A group principal
 * (membership needs Microsoft Graph) or a condition pull-doctor does not evaluate makes it a "maybe".
 */

/** The SystemDefined principal that stands for every user, group, service principal and managed identity. */
export const EVERYONE_PRINCIPAL = '00000000-0000-0000-0000-000000000000';

export interface PullDenial {
  deny: DenyAssignment;
  /** `yes`: it names the identity (or everyone); `maybe`: through a group or a condition pull-doctor cannot resolve. */
  applies: 'yes' | 'maybe';
  /** The operation it denies: the pull action, or the repository read data action in ABAC mode. */
  operation: string;
  why: string;
}

export function pullDenials(denies: readonly DenyAssignment[], target: { registryId: string; principalId: string; abac: boolean }): PullDenial[] {
  const me = target.principalId.toLowerCase();
  const operation = target.abac ? ACR_REPOSITORY_READ_DATA_ACTION : ACR_PULL_ACTION;
  const out: PullDenial[] = [];
  for (const deny of denies) {
    const scope = deny.scope;
    if (!scope || !scopeContains(scope, target.registryId)) continue;
    if (deny.doNotApplyToChildScopes && scope.replace(/\/+$/, '').toLowerCase() !== target.registryId.toLowerCase()) continue;
    const permissions = deny.permissions ?? [];
    if (!(target.abac ? grantsDataAction(permissions, operation) : grantsAction(permissions, operation))) continue;
    const excluded = deny.excludePrincipals ?? [];
    if (excluded.some((p) => p.id?.toLowerCase() === me)) continue;
    const principals = deny.principals ?? [];
    const direct = principals.some((p) => p.id?.toLowerCase() === me || p.id === EVERYONE_PRINCIPAL);
    const groups = principals.filter((p) => p.type?.toLowerCase() === 'group');
    const excludedGroups = excluded.filter((p) => p.type?.toLowerCase() === 'group');
    if (!direct && groups.length === 0) continue;
    const doubts: string[] = [];
    if (!direct) doubts.push(`it names group ${groups.map((g) => g.id).join(', ')}, and whether the identity is a member needs Microsoft Graph`);
    if (excludedGroups.length > 0) doubts.push(`it excludes group ${excludedGroups.map((g) => g.id).join(', ')}, which the identity may belong to`);
    if (deny.condition) doubts.push(`its condition is not evaluated: ${deny.condition}`);
    out.push({
      deny,
      applies: doubts.length ? 'maybe' : 'yes',
      operation,
      why: doubts.length ? doubts.join('; ') : `it denies ${operation} to ${principals.some((p) => p.id === EVERYONE_PRINCIPAL) ? 'everyone' : 'the identity'} without excluding it`,
    });
  }
  return out;
}

/** A deny assignment's display name, else its id. */
export function denyName(deny: DenyAssignment): string {
  return deny.denyAssignmentName ?? deny.name ?? deny.id ?? 'deny assignment';
}

/**
 * What to do about a deny assignment: a role assignment cannot override it. One created by Azure for
 * a managed application, Blueprint or deployment stack (`isSystemProtected`) changes only where it was
 * created (e.g. a stack's deny settings); a user-assigned one can be deleted or given an exclusion
 * (Deny Assignments - Delete, api-version 2024-07-01-preview).
 */
export function denyFixes(denial: PullDenial, principalId: string): Fix[] {
  const name = denyName(denial.deny);
  // Whether the identity is in a group the deny assignment names (or excludes) is Graph's to say.
  const groups = [...(denial.deny.principals ?? []), ...(denial.deny.excludePrincipals ?? [])].filter((p) => p.type?.toLowerCase() === 'group' && p.id);
  const fixes: Fix[] = groups.map((g) => ({
    text: `Check whether the kubelet identity ${principalId} is a member of group ${g.id}, which "${name}" ${(denial.deny.principals ?? []).includes(g) ? 'denies' : 'excludes'}:`,
    command: `az ad group member check --group ${g.id} --member-id ${principalId}`,
  }));
  fixes.push(
    {
      text: `Deny assignment "${name}" at ${denial.deny.scope} denies ${denial.operation}${denial.deny.description ? ` ("${denial.deny.description}")` : ''}; granting AcrPull again changes nothing. Exclude the kubelet identity ${principalId} from it or remove it, if it is no longer wanted.`,
    });
  if (denial.deny.isSystemProtected) {
    fixes.push({ text: `"${name}" is system-protected: change it where it was created (the deployment stack's deny settings, the managed application or the Blueprint assignment), e.g. add ${principalId} to the stack's --deny-settings-excluded-principals.` });
  } else if (denial.deny.id) {
    fixes.push({
      text: `"${name}" is a user-assigned deny assignment: delete it once it is no longer needed (or recreate it with ${principalId} in excludePrincipals).`,
      command: `az rest --method delete --url "https://management.azure.com${denial.deny.id}?api-version=2024-07-01-preview"`,
    });
  }
  return fixes;
}
