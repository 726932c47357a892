/**
 * Evaluates Azure RBAC permission sets the way ARM does: an operation is granted when some
 * permission block's `actions` (or `dataActions`) matches it and the same block's `notActions`
 * (`notDataActions`) does not. Patterns are case-insensitive and `*` matches any run of characters
 * (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions).
 * Judging by permissions, never by role name, gets custom roles and Owner/Contributor right.
 */

import { evaluateCondition } from './abac-condition';

export interface PermissionBlock {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

/** The control-plane action ACR checks for a pull in the legacy (non-ABAC) role assignment mode. */
export const ACR_PULL_ACTION = 'Microsoft.ContainerRegistry/registries/pull/read';
/** The data action repository-scoped (ABAC) registries check for a pull. */
export const ACR_REPOSITORY_READ_DATA_ACTION = 'Microsoft.ContainerRegistry/registries/repositories/content/read';

const patternCache = new Map<string, RegExp>();

export function actionMatches(pattern: string, operation: string): boolean {
  let re = patternCache.get(pattern);
  // Stryker disable next-line ConditionalExpression: the cache only saves compiling; recompiling gives the same answer
  if (!re) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    re = new RegExp(`^${escaped}$`, 'i');
    // Stryker disable next-line CallExpression: the cache only saves compiling; not caching gives the same answer
    patternCache.set(pattern, re);
  }
  return re.test(operation);
}

export function grantsAction(blocks: readonly PermissionBlock[], action: string): boolean {
  return blocks.some(
    // Stryker disable next-line ArrayDeclaration: an absent list matches nothing; a placeholder pattern matches no real action either
    (b) => (b.actions ?? []).some((p) => actionMatches(p, action)) && !(b.notActions ?? []).some((p) => actionMatches(p, action)),
  );
}

export function grantsDataAction(blocks: readonly PermissionBlock[], dataAction: string): boolean {
  return blocks.some(
    (b) =>
      // Stryker disable next-line ArrayDeclaration: an absent list matches nothing; a placeholder pattern matches no real data action either
      (b.dataActions ?? []).some((p) => actionMatches(p, dataAction)) &&
      // Stryker disable next-line ArrayDeclaration: as above
      !(b.notDataActions ?? []).some((p) => actionMatches(p, dataAction)),
  );
}

/**
 * Whether an ABAC condition on a repository role lets a pull of `repository` through: the condition
 * is evaluated (abac-condition.ts) for the content read data action, which is what a pull needs
 * (https://learn.microsoft.com/azure/container-registry/container-registry-rbac-built-in-roles-directory-reference).
 * `unclear` carries what could not be evaluated; callers must never treat it as a pass.
 */
export function conditionAllowsRepository(condition: string | undefined, repository: string): { allowed: 'yes' | 'no' | 'unclear'; reason?: string } {
  const result = evaluateCondition(condition, { action: ACR_REPOSITORY_READ_DATA_ACTION, repository }, actionMatches);
  if (result.value === 'true') return { allowed: 'yes' };
  if (result.value === 'false') return { allowed: 'no' };
  return { allowed: 'unclear', reason: result.reason };
}

/** The data action that reads a repository's tags and manifests' metadata. */
export const ACR_REPOSITORY_METADATA_READ_DATA_ACTION = 'Microsoft.ContainerRegistry/registries/repositories/metadata/read';

/**
 * The least-privilege ABAC condition for pulling one repository (used in fix commands), exactly as
 * the ACR page writes it: the request attribute, guarding both content/read and metadata/read
 * (https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions#scope-role-assignment-to-a-specific-repository).
 */
export function repositoryReadCondition(repository: string): string {
  return (
    `((!(ActionMatches{'${ACR_REPOSITORY_READ_DATA_ACTION}'}) AND !(ActionMatches{'${ACR_REPOSITORY_METADATA_READ_DATA_ACTION}'})) OR ` +
    `(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase '${repository}'))`
  );
}
