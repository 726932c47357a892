import { isGuid } from '../intake/names';

/**
 * The ids a Resource Manager change event names. Role assignments live at any scope (management
 * group, subscription, resource group, resource), so `resourceUri` is checked against the scoped
 * grammar here rather than the resource-group-only one of lib/intake/names.ts. Segments follow
 * ARM's name rules (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules);
 * `@` is the apex record of a DNS zone.
 */
const SEGMENT = /^[A-Za-z0-9_.()@-]{1,90}$/;
const NAMESPACE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+$/;

/** `/subscriptions/<guid>[/resourceGroups/<rg>][/providers/<ns>/<type>/<name>…]…` or a management group scope. */
export function isScopedResourceId(value: string): boolean {
  if (value.length > 1000 || !value.startsWith('/')) return false;
  const parts = value.slice(1).split('/');
  let i = 0;
  if (parts[0]?.toLowerCase() === 'subscriptions') {
    if (!isGuid(parts[1] ?? '')) return false;
    i = 2;
    if (parts[i]?.toLowerCase() === 'resourcegroups') {
      if (!SEGMENT.test(parts[i + 1] ?? '')) return false;
      i += 2;
    }
  } else if (parts[0]?.toLowerCase() !== 'providers') return false;
  while (i < parts.length) {
    if (parts[i]?.toLowerCase() !== 'providers' || !NAMESPACE.test(parts[i + 1] ?? '')) return false;
    i += 2;
    let pairs = 0;
    while (i < parts.length && parts[i]?.toLowerCase() !== 'providers') {
      if (!SEGMENT.test(parts[i] ?? '') || !SEGMENT.test(parts[i + 1] ?? '')) return false;
      i += 2;
      pairs++;
    }
    if (pairs === 0) return false;
  }
  return true;
}

/** The scope a role assignment id was created at: the part before `/providers/Microsoft.Authorization/roleAssignments/`. */
export function roleAssignmentScope(id: string): string | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/microsoft.authorization/roleassignments/');
  return at < 0 ? undefined : at === 0 ? '/' : id.slice(0, at);
}

/** The last `<type>/<name>` pair after the given type segment (`registries` → `myacr`), case-insensitively. */
export function nameAfter(id: string, typeSegment: string): string | undefined {
  const parts = id.split('/');
  const at = parts.findIndex((p) => p.toLowerCase() === typeSegment.toLowerCase());
  return at >= 0 ? parts[at + 1] : undefined;
}

/** `<id>` without its last `<type>/<name>` pairs until `typeSegment`: the AKS cluster of an agent pool id. */
export function ancestorId(id: string, typeSegment: string): string | undefined {
  const parts = id.split('/');
  const at = parts.findIndex((p) => p.toLowerCase() === typeSegment.toLowerCase());
  return at >= 0 && parts[at + 1] ? parts.slice(0, at + 2).join('/') : undefined;
}
