import type { RoleAssignment } from '@azure/arm-authorization';
import type { CheckOutcome } from './check';
import type { Evidence, Fix } from '../model';
import { sh } from './fix-commands';

/**
 * A role assigned to a group applies to the group's members
 * (https://learn.microsoft.com/azure/role-based-access-control/overview#how-azure-rbac-determines-if-a-user-has-access-to-a-resource),
 * and ARM's role assignments for a principal (`principalId eq`) list only its own. pull-doctor does not
 * read group membership, so an identity with no pull role of its own but a group holding one at or above
 * the registry may pull or not: a warning naming the group, never "no role", never a pass.
 */
export interface GroupGrant {
  /** The group's object id (ARM names groups by id only). */
  groupId: string;
  roleName: string;
  scope: string;
  description?: string;
}

/** The groups whose assignment grants the pull (already judged from the role definition and any condition). */
export function groupGrantsOf(granting: Array<{ assignment: RoleAssignment; roleName?: string }>): GroupGrant[] {
  return granting
    .filter(({ assignment }) => assignment.principalType === 'Group' && assignment.principalId && assignment.scope)
    .map(({ assignment, roleName }) => ({
      groupId: assignment.principalId!,
      roleName: roleName ?? assignment.roleDefinitionId ?? 'a pull role',
      scope: assignment.scope!,
      ...(assignment.description ? { description: assignment.description } : {}),
    }));
}

/** The warning for an identity that can pull only through a group's membership; `directFix` grants the role to the identity itself. */
export function groupGrantOutcome(grants: GroupGrant[], who: { label: string; objectId: string }, registryName: string, evidence: Evidence[], directFix: Fix): CheckOutcome {
  const first = grants[0]!;
  return {
    finding: {
      status: 'warn',
      summary: `${who.label[0]!.toUpperCase()}${who.label.slice(1)} holds no pull role of its own on ${registryName}; group ${first.groupId} holds ${first.roleName} at ${first.scope}, which lets it pull only if it is a member (pull-doctor does not read group membership)`,
      evidence: [
        ...grants.map((g) => ({ fact: `${g.roleName} at ${g.scope} is assigned to group ${g.groupId}${g.description ? ` ("${g.description}")` : ''}`, source: `ARM ${g.scope}/providers/Microsoft.Authorization/roleAssignments` })),
        ...evidence,
      ],
      fixes: [
        ...grants.flatMap((g) => [
          { text: `Check whether ${who.label} (object id ${who.objectId}) is a member of group ${g.groupId}:`, command: `az ad group member check --group ${sh(g.groupId)} --member-id ${sh(who.objectId)}` },
          { text: `If it is not, add it (the next token it gets carries the role):`, command: `az ad group member add --group ${sh(g.groupId)} --member-id ${sh(who.objectId)}` },
        ]),
        { ...directFix, text: `Or grant the role to it directly: ${directFix.text}` },
      ],
    },
  };
}
