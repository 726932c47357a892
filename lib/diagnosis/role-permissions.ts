/**
 * Evaluates Azure RBAC permission sets the way ARM does: an operation is granted when some
 * permission block's `actions` (or `dataActions`) matches it and the same block's `notActions`
 * (`notDataActions`) does not. Patterns are case-insensitive and `*` matches any run of characters
 * (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions).
 * Judging by permissions, never by role name, gets custom roles and Owner/Contributor right.
 */

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
  if (!re) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    re = new RegExp(`^${escaped}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re.test(operation);
}

export function grantsAction(blocks: readonly PermissionBlock[], action: string): boolean {
  return blocks.some(
    (b) => (b.actions ?? []).some((p) => actionMatches(p, action)) && !(b.notActions ?? []).some((p) => actionMatches(p, action)),
  );
}

export function grantsDataAction(blocks: readonly PermissionBlock[], dataAction: string): boolean {
  return blocks.some(
    (b) =>
      (b.dataActions ?? []).some((p) => actionMatches(p, dataAction)) &&
      !(b.notDataActions ?? []).some((p) => actionMatches(p, dataAction)),
  );
}

/**
 * Whether an ABAC condition on a repository role lets `repository` through. Conditions name
 * repositories with `@Resource[Microsoft.ContainerRegistry/registries/repositories:name]` and a
 * string operator; we understand equality and prefix forms and say "unclear" otherwise.
 */
export function conditionAllowsRepository(condition: string | undefined, repository: string): 'yes' | 'no' | 'unclear' {
  if (!condition || !condition.trim()) return 'yes';
  const attr = /@Resource\[Microsoft\.ContainerRegistry\/registries\/repositories:name\]\s+(StringEqualsIgnoreCase|StringEquals|StringStartsWithIgnoreCase|StringStartsWith|StringLikeIgnoreCase|StringLike)\s+'([^']*)'/gi;
  let sawAny = false;
  for (const m of condition.matchAll(attr)) {
    sawAny = true;
    const [, op, value] = m;
    const ignoreCase = /IgnoreCase/i.test(op);
    const repo = ignoreCase ? repository.toLowerCase() : repository;
    const v = ignoreCase ? value.toLowerCase() : value;
    if (/^StringEquals/i.test(op) && repo === v) return 'yes';
    if (/^StringStartsWith/i.test(op) && repo.startsWith(v)) return 'yes';
    if (/^StringLike/i.test(op) && actionMatches(v, repo)) return 'yes';
  }
  return sawAny ? 'no' : 'unclear';
}

/** The least-privilege ABAC condition for pulling one repository (used in fix commands). */
export function repositoryReadCondition(repository: string): string {
  return (
    "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})) OR " +
    `(@Resource[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase '${repository}'))`
  );
}
