import type { DenyAssignment } from '@azure/arm-authorization';
import { denyFixes, denyName, EVERYONE_PRINCIPAL, pullDenials } from './deny-assignments';

// Deny assignments as Deny Assignments - List For Scope returns them (api-version 2024-07-01-preview), evaluated for a
// kubelet identity's pull the way Azure RBAC does (https://learn.microsoft.com/azure/role-based-access-control/deny-assignments).
const SUB = '/subscriptions/6f1e2d3c-0000-4000-8000-00000000aa01';
const RG = `${SUB}/resourceGroups/rg-lifts`;
const REGISTRY = `${RG}/providers/Microsoft.ContainerRegistry/registries/ashcoreacr`;
const KUBELET = '5a4b3c2d-1111-4222-8333-444455556666';
const OTHER_USER = '9e8d7c6b-aaaa-4bbb-8ccc-ddddeeeeffff';
const GROUP = '0a0b0c0d-2222-4333-8444-555566667777';
const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';
const READ_DATA = 'Microsoft.ContainerRegistry/registries/repositories/content/read';

const deny = (over: Partial<DenyAssignment>): DenyAssignment => ({
  id: `${RG}/providers/Microsoft.Authorization/denyAssignments/0f0e0d0c-3333-4444-8555-666677778888`,
  denyAssignmentName: 'stack-deny',
  scope: RG,
  permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
  principals: [{ id: EVERYONE_PRINCIPAL, type: 'SystemDefined' }],
  excludePrincipals: [],
  ...over,
});
const target = { registryId: REGISTRY, principalId: KUBELET, abac: false };

const ROWS: Array<[string, DenyAssignment, typeof target, Array<{ applies: 'yes' | 'maybe'; why: string; operation: string }>]> = [
  ['everyone at the resource group', deny({}), target, [{ applies: 'yes', operation: PULL, why: `it denies ${PULL} to everyone without excluding it` }]],
  ['the identity named (upper case), beside another user', deny({ principals: [{ id: OTHER_USER, type: 'User' }, { id: KUBELET.toUpperCase(), type: 'ServicePrincipal' }] }), target, [{ applies: 'yes', operation: PULL, why: `it denies ${PULL} to the identity without excluding it` }]],
  ['another user only', deny({ principals: [{ id: OTHER_USER, type: 'User' }] }), target, []],
  ['the identity excluded', deny({ excludePrincipals: [{ id: KUBELET, type: 'ServicePrincipal' }] }), target, []],
  ['a group named', deny({ principals: [{ id: GROUP, type: 'Group' }] }), target, [{ applies: 'maybe', operation: PULL, why: `it names group ${GROUP}, and whether the identity is a member needs Microsoft Graph` }]],
  ['everyone but a user and a group', deny({ excludePrincipals: [{ id: OTHER_USER, type: 'User' }, { id: GROUP, type: 'group' }] }), target, [{ applies: 'maybe', operation: PULL, why: `it excludes group ${GROUP}, which the identity may belong to` }]],
  ['a condition', deny({ condition: "@Resource[x] StringEquals 'y'" }), target, [{ applies: 'maybe', operation: PULL, why: "its condition is not evaluated: @Resource[x] StringEquals 'y'" }]],
  ['not below its scope (doNotApplyToChildScopes)', deny({ doNotApplyToChildScopes: true }), target, []],
  ['doNotApplyToChildScopes at the registry itself (trailing slashes, other case)', deny({ doNotApplyToChildScopes: true, scope: `${REGISTRY.toUpperCase()}//` }), target, [{ applies: 'yes', operation: PULL, why: `it denies ${PULL} to everyone without excluding it` }]],
  ['another registry', deny({ scope: `${RG}/providers/Microsoft.ContainerRegistry/registries/other` }), target, []],
  ['no scope', deny({ scope: undefined }), target, []],
  ['pull left out by notActions', deny({ permissions: [{ actions: ['*'], notActions: ['Microsoft.ContainerRegistry/registries/pull/read'] }] }), target, []],
  ['ABAC mode: the read data action denied', deny({ permissions: [{ actions: [], dataActions: ['Microsoft.ContainerRegistry/*'] }] }), { ...target, abac: true }, [{ applies: 'yes', operation: READ_DATA, why: `it denies ${READ_DATA} to everyone without excluding it` }]],
  ['ABAC mode: actions only deny nothing of the data plane', deny({}), { ...target, abac: true }, []],
];

describe('pullDenials', () => {
  test.each(ROWS)('%s', (_case, assignment, forTarget, expected) => {
    expect(pullDenials([assignment], forTarget).map(({ applies, operation, why }) => ({ applies, operation, why }))).toEqual(expected);
  });
});

describe('denyName', () => {
  test.each([
    [{ denyAssignmentName: 'a', name: 'b', id: 'c' }, 'a'],
    [{ name: 'b', id: 'c' }, 'b'],
    [{ id: 'c' }, 'c'],
    [{}, 'deny assignment'],
  ] as Array<[DenyAssignment, string]>)('%j → %s', (assignment, name) => {
    expect(denyName(assignment)).toBe(name);
  });
});

describe('denyFixes', () => {
  const [userDeny] = pullDenials([deny({ description: 'frozen by platform team', principals: [{ id: GROUP, type: 'Group' }], excludePrincipals: [{ id: 'ex-group', type: 'Group' }, { id: OTHER_USER, type: 'User' }] })], target);

  test('a user-assigned deny assignment: group checks, the exclusion, its deletion', () => {
    expect(denyFixes(userDeny, KUBELET)).toEqual([
      { text: `Check whether the kubelet identity ${KUBELET} is a member of group ${GROUP}, which "stack-deny" denies:`, command: `az ad group member check --group ${GROUP} --member-id ${KUBELET}` },
      { text: `Check whether the kubelet identity ${KUBELET} is a member of group ex-group, which "stack-deny" excludes:`, command: `az ad group member check --group ex-group --member-id ${KUBELET}` },
      { text: `Deny assignment "stack-deny" at ${RG} denies ${PULL} ("frozen by platform team"); granting AcrPull again changes nothing. Exclude the kubelet identity ${KUBELET} from it or remove it, if it is no longer wanted.` },
      {
        text: `"stack-deny" is a user-assigned deny assignment: delete it once it is no longer needed (or recreate it with ${KUBELET} in excludePrincipals).`,
        command: `az rest --method delete --url "https://management.azure.com${userDeny.deny.id}?api-version=2024-07-01-preview"`,
      },
    ]);
  });

  test('a system-protected one changes where it was created; one without an id gets no delete command', () => {
    const [stack] = pullDenials([deny({ isSystemProtected: true })], target);
    expect(denyFixes(stack, KUBELET).map((fix) => fix.text)).toEqual([
      `Deny assignment "stack-deny" at ${RG} denies ${PULL}; granting AcrPull again changes nothing. Exclude the kubelet identity ${KUBELET} from it or remove it, if it is no longer wanted.`,
      `"stack-deny" is system-protected: change it where it was created (the deployment stack's deny settings, the managed application or the Blueprint assignment), e.g. add ${KUBELET} to the stack's --deny-settings-excluded-principals.`,
    ]);
    const [noId] = pullDenials([deny({ id: undefined })], target);
    expect(denyFixes(noId, KUBELET)).toHaveLength(1);
  });
});
