import type { RoleAssignment, RoleDefinition } from '@azure/arm-authorization';
import { parseArmId, scopeContains } from '../../azure/arm-id';
import { ownPrincipalId } from '../../azure/own-principal';
import type { Evidence } from '../../model';
import { getManagedCluster, getRoleDefinition, listDenyAssignmentsAt, listRoleAssignmentsAt, listRoleAssignmentsFor } from '../azure-lookups';
import { denyFixes, denyName, pullDenials } from '../deny-assignments';
import { groupGrantOutcome, groupGrantsOf, type GroupGrant } from '../group-grants';
import { misplacedPullGrants, strandedPullGrants } from '../misplaced-grants';
import type { Check, CheckContext, CheckOutcome } from '../check';
import type { RegistryFacts } from '../facts';
import { pullIdentityOf } from './cluster';
import { attachAcrCommand, roleAssignmentCommand } from '../fix-commands';
import {
  ACR_PULL_ACTION,
  ACR_REPOSITORY_READ_DATA_ACTION,
  conditionAllowsRepository,
  grantsAction,
  grantsDataAction,
  repositoryReadCondition,
} from '../role-permissions';
import { DOCS } from './docs';

const ABAC_MODE = 'AbacRepositoryPermissions';
const REPOSITORY_READER = 'Container Registry Repository Reader';

interface Grant {
  assignment: RoleAssignment;
  role: RoleDefinition;
  grants: boolean;
  note?: string;
  /** The condition could not be evaluated: neither a grant nor a refusal. */
  unclear?: { condition: string; reason?: string };
}

/**
 * Whether the identity that pulls holds, at the registry or above it, a role whose permissions
 * include the pull (judged from the role definition, not its name). ABAC-mode registries honour
 * only repository roles' data actions, and their conditions must let the repository through.
 */
export const pullPermissionCheck: Check = {
  id: 'pull-permission',
  title: 'pull permission',
  // Needs only who pulls, not the cluster's network: it reads the cluster itself (the same cached
  // lookup the cluster check makes) instead of waiting for the egress and VNet reads.
  needs: ['registry', 'image'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const repository = ctx.facts.image!.repository;
    const clusterId = parseArmId(ctx.failure.cluster);
    if (!clusterId) return { finding: { status: 'skipped', summary: 'no AKS cluster given', evidence: [], fixes: [] } };
    const cluster = { ...clusterId, ...pullIdentityOf(await getManagedCluster(ctx, clusterId.id)) };
    const abac = registry.roleAssignmentMode === ABAC_MODE;

    if (registry.anonymousPullEnabled) {
      return {
        finding: {
          status: 'pass',
          summary: `Registry ${registry.name} allows anonymous pull: no role is needed`,
          evidence: [{ fact: 'anonymousPullEnabled is true', source: `ARM ${registry.id}` }],
          fixes: [],
        },
      };
    }
    if (cluster.servicePrincipalClientId) return servicePrincipalOutcome(ctx, registry, cluster.servicePrincipalClientId, repository, abac);
    if (!cluster.kubelet) {
      return { finding: { status: 'skipped', summary: 'the cluster profile names no kubelet identity', evidence: [], fixes: [] } };
    }

    const principalId = cluster.kubelet.objectId;
    const assignments = (await listRoleAssignmentsFor(ctx, registry.id, principalId)).filter(
      (a) => a.principalId?.toLowerCase() === principalId.toLowerCase() && a.scope && scopeContains(a.scope, registry.id),
    );
    const grants = await evaluate(ctx, assignments, registry, repository, abac);
    const evidence: Evidence[] = grants.map((g) => ({
      // A condition that could not be evaluated neither grants nor refuses: "may not", never "does not".
      fact: `${g.role.roleName ?? g.assignment.roleDefinitionId} at ${g.assignment.scope}${g.grants ? ' grants the pull' : ` ${g.unclear ? 'may not grant' : 'does not grant'} the pull${g.note ? ` (${g.note})` : ''}`}`,
      source: `ARM role assignments of ${principalId}`,
    }));
    const granting = grants.filter((g) => g.grants);
    if (granting.length > 0) {
      // A deny assignment wins over every role assignment; one that cannot be read leaves the check
      // unknown (the lookup's 403 names Microsoft.Authorization/denyAssignments/read), never a pass.
      const denied = await deniedOutcome(ctx, registry, principalId, abac, evidence);
      if (denied) return denied;
      return {
        finding: {
          status: 'pass',
          summary: `The kubelet identity can pull from ${registry.name}: ${granting[0].role.roleName} at ${scopeName(granting[0].assignment.scope!, registry)}`,
          evidence,
          fixes: [],
        },
      };
    }
    const unclear = grants.filter((g) => g.unclear);
    if (unclear.length > 0) return unclearConditionOutcome(unclear, evidence, registry, principalId, repository);
    evidence.unshift({
      fact: `kubelet identity ${principalId} has ${assignments.length ? `${assignments.length} role assignment(s)` : 'no role assignment'} at or above ${registry.name}`,
      source: `ARM ${registry.id}/providers/Microsoft.Authorization/roleAssignments`,
    });
    const direct = abac
      ? abacFixes(registry, { assigneeObjectId: principalId }, repository)[0]!
      : { text: 'AcrPull on the registry.', command: roleAssignmentCommand({ assigneeObjectId: principalId, role: 'AcrPull', scope: registry.id }) };
    // A group holding a pull role may carry the identity (group-grants.ts); a list that cannot be read adds nothing.
    const groups = await groupsThatGrant(ctx, registry, repository, abac).catch(() => []);
    if (groups.length > 0) return groupGrantOutcome(groups, { label: `the kubelet identity of ${cluster.name}`, objectId: principalId }, registry.name, evidence, direct);
    // A pull role given to another identity of the team (a pod's workload identity) is said, not acted on; unreadable adds nothing.
    const grantingOf = async (a: RoleAssignment[]) => (await evaluate(ctx, a, registry, repository, abac)).filter((g) => g.grants).map((g) => ({ assignment: g.assignment, roleName: g.role.roleName }));
    evidence.push(...(await misplacedPullGrants(ctx, registry, principalId, cluster.subscriptionId, grantingOf).catch(() => [])));
    evidence.push(...(await strandedPullGrants(ctx, registry, principalId, grantingOf).catch(() => [])));
    return {
      finding: {
        status: 'fail',
        summary: abac
          ? `The kubelet identity of ${cluster.name} has no repository role that lets it pull ${repository} from ${registry.name} (ABAC mode: AcrPull is not honoured)`
          : `The kubelet identity of ${cluster.name} has no role that lets it pull from ${registry.name}`,
        evidence,
        fixes: abac
          ? abacFixes(registry, { assigneeObjectId: principalId }, repository)
          : [
              {
                text: `Attach ${registry.name} to ${cluster.name}: this grants AcrPull to the kubelet identity on the registry only (run it as someone who may assign roles on ${registry.name}: Owner, User Access Administrator or Role Based Access Control Administrator).`,
                command: attachAcrCommand(cluster, registry),
              },
              {
                text: 'Or grant AcrPull directly (same effect, for pipelines that manage role assignments):',
                command: roleAssignmentCommand({ assigneeObjectId: principalId, role: 'AcrPull', scope: registry.id }),
              },
            ],
        docs: abac ? DOCS.abac : DOCS.attachAcr,
      },
    };
  },
};

/** Groups whose role assignment at or above the registry grants the pull (judged as the identity's own would be). */
async function groupsThatGrant(ctx: CheckContext, registry: RegistryFacts, repository: string, abac: boolean): Promise<GroupGrant[]> {
  const toGroups = (await listRoleAssignmentsAt(ctx, registry.id)).filter((a) => a.principalType === 'Group' && a.scope && scopeContains(a.scope, registry.id));
  const grants = await evaluate(ctx, toGroups, registry, repository, abac);
  return groupGrantsOf(grants.filter((g) => g.grants).map((g) => ({ assignment: g.assignment, roleName: g.role.roleName })));
}

async function evaluate(ctx: CheckContext, assignments: RoleAssignment[], registry: RegistryFacts, repository: string, abac: boolean): Promise<Grant[]> {
  return Promise.all(
    assignments.map(async (assignment) => {
      const role = await getRoleDefinition(ctx, assignment.roleDefinitionId!, registry.subscriptionId);
      // Stryker disable next-line ArrayDeclaration: a placeholder block has no actions or data actions, so it grants nothing, like no block
      const permissions = role.permissions ?? [];
      if (abac) {
        if (!grantsDataAction(permissions, ACR_REPOSITORY_READ_DATA_ACTION)) {
          const legacy = grantsAction(permissions, ACR_PULL_ACTION);
          return { assignment, role, grants: false, note: legacy ? 'registry-wide pull roles are not honoured in ABAC mode' : 'no repository read data action' };
        }
        const { allowed, reason } = conditionAllowsRepository(assignment.condition, repository);
        if (allowed === 'no') return { assignment, role, grants: false, note: `its condition does not let the repository ${repository} through` };
        // A condition we cannot evaluate is never counted as a grant (nor as a refusal).
        if (allowed === 'unclear') {
          // Stryker disable next-line StringLiteral: evaluateCondition gives a reason with every 'unknown' (abac-condition.ts); the fallback only satisfies the type
          return { assignment, role, grants: false, note: `its condition could not be evaluated: ${reason ?? 'unknown form'}`, unclear: { condition: assignment.condition!, reason } };
        }
        return { assignment, role, grants: true };
      }
      return { assignment, role, grants: grantsAction(permissions, ACR_PULL_ACTION) };
    }),
  );
}

/**
 * A service principal's app id cannot be matched to the object id in role assignments without
 * Microsoft Graph, so we judge the assignments granted to service principals at the registry.
 */
async function servicePrincipalOutcome(ctx: CheckContext, registry: RegistryFacts, clientId: string, repository: string, abac: boolean): Promise<CheckOutcome> {
  // pull-doctor's own identity reads the registry (Reader includes pull): it is not the cluster's.
  const self = await ctx.lookups.get('self oid', (signal) => ownPrincipalId(ctx.azure.credential, `${ctx.azure.resourceManagerEndpoint}/.default`, signal));
  const all = (await listRoleAssignmentsAt(ctx, registry.id)).filter(
    (a) => a.principalType === 'ServicePrincipal' && a.scope && scopeContains(a.scope, registry.id) && a.principalId !== self,
  );
  const grants = (await evaluate(ctx, all, registry, repository, abac)).filter((g) => g.grants);
  const fixes = abac
    ? abacFixes(registry, { assignee: clientId }, repository)
    : [
        {
          text: `Grant AcrPull on ${registry.name} to the cluster's service principal (az accepts its app id).`,
          command: roleAssignmentCommand({ assignee: clientId, role: 'AcrPull', scope: registry.id }),
        },
      ];
  if (grants.length === 0) {
    return {
      finding: {
        status: 'fail',
        summary: `No service principal holds a pull role on ${registry.name}, so the cluster's service principal ${clientId} cannot pull`,
        evidence: [{ fact: `${all.length} role assignment(s) for service principals at or above ${registry.name}; none grants the pull`, source: `ARM ${registry.id}/providers/Microsoft.Authorization/roleAssignments` }],
        fixes,
        docs: DOCS.attachAcr,
      },
    };
  }
  return {
    finding: {
      status: 'unknown',
      summary: `Service principals hold pull roles on ${registry.name}, but pull-doctor cannot tell whether one is ${clientId} (matching an app id to an object id needs Microsoft Graph)`,
      evidence: grants.map((g) => ({ fact: `${g.role.roleName} at ${g.assignment.scope} for object ${g.assignment.principalId}`, source: 'ARM role assignments' })),
      fixes: [{ text: `Compare with the service principal's object id: az ad sp show --id ${clientId} --query id -o tsv` }, ...fixes],
      missing: { what: `the object id of service principal ${clientId}`, permission: 'Microsoft Graph Application.Read.All (not requested by pull-doctor)' },
    },
  };
}

function abacFixes(registry: RegistryFacts, who: { assigneeObjectId?: string; assignee?: string }, repository: string) {
  return [
    {
      text: `${registry.name} uses ABAC repository permissions: grant the "${REPOSITORY_READER}" role, limited to the repository ${repository} (content/read and metadata/read) by the documented condition ${repositoryReadCondition(repository)} (AcrPull and az aks update --attach-acr are not honoured in this mode).`,
      command: roleAssignmentCommand({ ...who, role: REPOSITORY_READER, scope: registry.id, condition: repositoryReadCondition(repository) }),
    },
  ];
}

/**
 * A repository role whose condition pull-doctor cannot evaluate may or may not let the pull through:
 * a warning with the condition text, never a pass.
 */
function unclearConditionOutcome(unclear: Grant[], evidence: Evidence[], registry: RegistryFacts, principalId: string, repository: string): CheckOutcome {
  return {
    finding: {
      status: 'warn',
      summary: `Could not evaluate the ABAC condition of ${unclear[0].role.roleName} on ${registry.name}: the kubelet identity may not be allowed to pull ${repository}`,
      evidence: [
        ...unclear.map((g) => ({ fact: `condition of ${g.role.roleName} at ${g.assignment.scope}: ${g.unclear!.condition}`, source: `ARM ${g.assignment.id ?? 'role assignment'}` })),
        ...evidence,
      ],
      fixes: [
        ...unclear.map((g) => ({
          // Stryker disable next-line StringLiteral: as above, the reason is always there
          text: `Check that the condition of ${g.role.roleName} (${g.unclear!.reason ?? 'not evaluated'}) lets ${repository} through for Microsoft.ContainerRegistry/registries/repositories/content/read: ${g.unclear!.condition}`,
        })),
        ...abacFixes(registry, { assigneeObjectId: principalId }, repository).map((fix) => ({ ...fix, text: `Or replace it: ${fix.text}` })),
      ],
      docs: DOCS.abac,
    },
  };
}

/** A deny assignment that blocks (fail) or may block (warn) the kubelet identity's pull; undefined when none applies. */
async function deniedOutcome(ctx: CheckContext, registry: RegistryFacts, principalId: string, abac: boolean, evidence: Evidence[]): Promise<CheckOutcome | undefined> {
  const denials = pullDenials(await listDenyAssignmentsAt(ctx, registry.id), { registryId: registry.id, principalId, abac });
  if (denials.length === 0) return undefined;
  const certain = denials.filter((d) => d.applies === 'yes');
  const shown = certain.length ? certain : denials;
  const first = shown[0]!;
  return {
    finding: {
      status: certain.length ? 'fail' : 'warn',
      summary: `Deny assignment "${denyName(first.deny)}" ${certain.length ? 'blocks' : 'may block'} the kubelet identity's pull from ${registry.name} (a deny assignment overrides its role assignments)`,
      evidence: [
        ...shown.map((d) => ({ fact: `deny assignment "${denyName(d.deny)}" at ${d.deny.scope} ${d.applies === 'yes' ? 'applies' : 'may apply'}: ${d.why}`, source: `ARM ${d.deny.id ?? `${registry.id}/providers/Microsoft.Authorization/denyAssignments`}` })),
        ...evidence,
      ],
      fixes: shown.flatMap((d) => denyFixes(d, principalId)),
      docs: DOCS.denyAssignments,
    },
  };
}

function scopeName(scope: string, registry: RegistryFacts): string {
  if (scope.toLowerCase() === registry.id.toLowerCase()) return 'the registry';
  return scope;
}
