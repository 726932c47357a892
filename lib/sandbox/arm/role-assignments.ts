import type { ArmResource } from '../world-schema';
import { idKey, normalizePath } from './arm-path';

/** A parsed roleAssignments `$filter`. */
export interface RoleAssignmentFilter {
  /** `atScope()`: only assignments at the scope or above it (inherited), not below. */
  atScope: boolean;
  /** From `assignedTo('{id}')` or `principalId eq '{id}'`. */
  principalId?: string;
}

/**
 * Parses the filters ARM's roleAssignments list accepts and the engine sends:
 * `atScope()`, `assignedTo('{objectId}')`, `principalId eq '{objectId}'`, joined with `and`.
 * Returns undefined for anything else (the server answers 400).
 */
export function parseRoleAssignmentFilter(filter: string | null): RoleAssignmentFilter | undefined {
  const result: RoleAssignmentFilter = { atScope: false };
  if (filter === null || filter.trim() === '') return result;
  for (const term of filter.trim().split(/\s+and\s+/i)) {
    const t = term.trim();
    let m: RegExpMatchArray | null;
    if (/^atScope\(\s*\)$/i.test(t)) result.atScope = true;
    else if ((m = t.match(/^assignedTo\(\s*'([^']*)'\s*\)$/i))) result.principalId = m[1];
    else if ((m = t.match(/^principalId\s+eq\s+'([^']*)'$/i))) result.principalId = m[1];
    else return undefined;
  }
  return result;
}

const MANAGEMENT_GROUP = /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/;

/** The scope of an assignment: `properties.scope`, else its id minus `/providers/Microsoft.Authorization/roleAssignments/{guid}`. */
export function assignmentScope(a: ArmResource): string {
  const declared = a.properties?.['scope'];
  if (typeof declared === 'string' && declared.length > 0) return normalizePath(declared);
  const id = normalizePath(a.id);
  const at = id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/');
  return at <= 0 ? '/' : id.slice(0, at);
}

/**
 * Is `outer` the same scope as `inner` or one of its ancestors? Worlds carry no management group
 * hierarchy, so every management group counts as an ancestor of every subscription (the common
 * single-tenant-root case); `/` is above everything.
 */
export function isAtOrAbove(outer: string, inner: string): boolean {
  const o = idKey(outer);
  const i = idKey(inner);
  if (o === '/' || o === i || i.startsWith(o + '/')) return true;
  return MANAGEMENT_GROUP.test(o) && i.startsWith('/subscriptions/');
}

/**
 * The assignments ARM returns for a list at `scope`: at and above (inherited) always, below too
 * unless `atScope()`; narrowed to one principal by assignedTo / principalId eq. (Real ARM's
 * assignedTo also expands group membership; worlds have no groups.)
 */
export function listRoleAssignments(all: readonly ArmResource[], scope: string, filter: RoleAssignmentFilter): ArmResource[] {
  const principal = filter.principalId?.toLowerCase();
  return all
    .filter((a) => {
      const s = assignmentScope(a);
      const related = isAtOrAbove(s, scope) || (!filter.atScope && isAtOrAbove(scope, s));
      if (!related) return false;
      if (principal === undefined) return true;
      const p = a.properties?.['principalId'];
      return typeof p === 'string' && p.toLowerCase() === principal;
    })
    .map(withScope);
}

/** ARM always returns `properties.scope`; fill it in when a world left it out. */
function withScope(a: ArmResource): ArmResource {
  if (typeof a.properties?.['scope'] === 'string') return a;
  return { ...a, properties: { ...(a.properties ?? {}), scope: assignmentScope(a) } };
}
