import type { ArmResource } from '../world-schema';
import { normalizePath } from './arm-path';
import { isAtOrAbove } from './role-assignments';

/**
 * Deny Assignments - List For Scope (`GET {scope}/providers/Microsoft.Authorization/denyAssignments`,
 * https://learn.microsoft.com/rest/api/authorization/deny-assignments/list-for-scope): without a filter,
 * the deny assignments at, above and below the scope; `atScope()` only at and above it;
 * `principalId eq '{id}'` narrows to assignments naming that principal (or Everyone). Returns
 * undefined for any other filter (the server answers 400). Shapes: GetDenyAssignmentByScope.json.
 */
export function listDenyAssignments(all: readonly ArmResource[], scope: string, filterText: string | null): ArmResource[] | undefined {
  let atScope = false;
  let principalId: string | undefined;
  for (const term of (filterText ?? '').trim() === '' ? [] : filterText!.trim().split(/\s+and\s+/i)) {
    const m = /^principalId\s+eq\s+'([^']*)'$/i.exec(term.trim());
    if (/^atScope\(\s*\)$/i.test(term.trim())) atScope = true;
    else if (m) principalId = m[1]!.toLowerCase();
    else return undefined;
  }
  return all
    .filter((d) => {
      const s = denyScope(d);
      if (!(isAtOrAbove(s, scope) || (!atScope && isAtOrAbove(scope, s)))) return false;
      if (principalId === undefined) return true;
      const principals = (d.properties?.['principals'] as Array<{ id?: string }> | undefined) ?? [];
      return principals.some((p) => p.id?.toLowerCase() === principalId || p.id === EVERYONE);
    })
    .map((d) => (typeof d.properties?.['scope'] === 'string' ? d : { ...d, properties: { ...(d.properties ?? {}), scope: denyScope(d) } }));
}

/** The SystemDefined principal that stands for every user, group and service principal. */
const EVERYONE = '00000000-0000-0000-0000-000000000000';

function denyScope(d: ArmResource): string {
  const declared = d.properties?.['scope'];
  if (typeof declared === 'string' && declared.length > 0) return normalizePath(declared);
  const id = normalizePath(d.id);
  const at = id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/denyassignments/');
  return at <= 0 ? '/' : id.slice(0, at);
}
