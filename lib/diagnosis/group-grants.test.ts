import type { RoleAssignment } from '@azure/arm-authorization';
import { groupGrantOutcome, groupGrantsOf } from './group-grants';

// A pull role held by a group reaches only its members; pull-doctor does not read membership, so the
// identity "may pull": a warning that names the group and the membership commands, never a pass.
const SCOPE = '/subscriptions/s/resourceGroups/rg-acr';
const GROUP = '5b5b5b5b-0000-4000-8000-0000000000e1';
const KUBELET = '2d2d2d2d-0000-4000-8000-000000000001';
const assignment = (over: Partial<RoleAssignment>): RoleAssignment => ({ principalId: GROUP, principalType: 'Group', scope: SCOPE, roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/7f951dda', ...over });

describe('groupGrantsOf', () => {
  it.each<[string, RoleAssignment, string | undefined, unknown[]]>([
    ['a group’s grant, with its role name and description', assignment({ description: 'sg-acr-pullers' }), 'AcrPull', [{ groupId: GROUP, roleName: 'AcrPull', scope: SCOPE, description: 'sg-acr-pullers' }]],
    ['the role definition id when the role has no name', assignment({}), undefined, [{ groupId: GROUP, roleName: '/providers/Microsoft.Authorization/roleDefinitions/7f951dda', scope: SCOPE }]],
    ['nothing for a service principal', assignment({ principalType: 'ServicePrincipal' }), 'AcrPull', []],
    ['nothing for a user', assignment({ principalType: 'User' }), 'AcrPull', []],
    ['nothing without a principal id', assignment({ principalId: undefined }), 'AcrPull', []],
    ['nothing without a scope', assignment({ scope: undefined }), 'AcrPull', []],
  ])('%s', (_what, a, roleName, expected) => {
    expect(groupGrantsOf([{ assignment: a, roleName }])).toEqual(expected);
  });

  it('falls back to "a pull role" when neither name nor definition id is known', () => {
    expect(groupGrantsOf([{ assignment: assignment({ roleDefinitionId: undefined }) }])[0]!.roleName).toBe('a pull role');
  });
});

describe('groupGrantOutcome', () => {
  const direct = { text: 'AcrPull on the registry.', command: 'az role assignment create --role AcrPull' };
  const evidence = [{ fact: 'kubelet identity has no role assignment at or above myacr', source: 'ARM roleAssignments' }];
  const grant = { groupId: GROUP, roleName: 'AcrPull', scope: SCOPE, description: 'sg-acr-pullers' };

  it('warns, naming the group, the membership commands and the direct grant', () => {
    expect(groupGrantOutcome([grant, { ...grant, groupId: 'g2', description: undefined }], { label: 'the kubelet identity of aks', objectId: KUBELET }, 'myacr', evidence, direct)).toEqual({
      finding: {
        status: 'warn',
        summary: `The kubelet identity of aks holds no pull role of its own on myacr; group ${GROUP} holds AcrPull at ${SCOPE}, which lets it pull only if it is a member (pull-doctor does not read group membership)`,
        evidence: [
          { fact: `AcrPull at ${SCOPE} is assigned to group ${GROUP} ("sg-acr-pullers")`, source: `ARM ${SCOPE}/providers/Microsoft.Authorization/roleAssignments` },
          { fact: `AcrPull at ${SCOPE} is assigned to group g2`, source: `ARM ${SCOPE}/providers/Microsoft.Authorization/roleAssignments` },
          ...evidence,
        ],
        fixes: [
          { text: `Check whether the kubelet identity of aks (object id ${KUBELET}) is a member of group ${GROUP}:`, command: `az ad group member check --group ${GROUP} --member-id ${KUBELET}` },
          { text: 'If it is not, add it (the next token it gets carries the role):', command: `az ad group member add --group ${GROUP} --member-id ${KUBELET}` },
          { text: 'Check whether the kubelet identity of aks (object id 2d2d2d2d-0000-4000-8000-000000000001) is a member of group g2:', command: `az ad group member check --group g2 --member-id ${KUBELET}` },
          { text: 'If it is not, add it (the next token it gets carries the role):', command: `az ad group member add --group g2 --member-id ${KUBELET}` },
          { text: 'Or grant the role to it directly: AcrPull on the registry.', command: 'az role assignment create --role AcrPull' },
        ],
      },
    });
  });
});
