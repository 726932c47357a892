/** ARM resource id helpers. ARM ids are case-insensitive; we keep the casing we were given. */

import { isAksClusterId } from '../intake/names';

export interface ParsedArmId {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  /** `Microsoft.ContainerRegistry/registries` (child types appended: `Microsoft.Network/virtualNetworks/subnets`). */
  type: string;
  name: string;
  /** Id of the parent resource for a child resource (`…/virtualNetworks/v` for a subnet). */
  parentId?: string;
}

const ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i;

/** Parses a resource id; returns undefined for anything that is not a resource-group-level resource id. */
export function parseArmId(id: string | undefined): ParsedArmId | undefined {
  if (!id) return undefined;
  const m = ID.exec(id.trim().replace(/^\/+/, '/'));
  if (!m) return undefined;
  const [, subscriptionId, resourceGroup, namespace, rest] = m;
  const parts = rest.split('/');
  if (parts.length < 2 || parts.length % 2 !== 0 || parts.some((p) => p === '')) return undefined;
  const types: string[] = [];
  for (let i = 0; i < parts.length; i += 2) types.push(parts[i]);
  const name = parts[parts.length - 1];
  const parentId = parts.length > 2 ? id.slice(0, id.length - parts[parts.length - 2].length - name.length - 2) : undefined;
  return { id, subscriptionId, resourceGroup, type: `${namespace}/${types.join('/')}`, name, parentId };
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/** True when `scope` is `id` or one of its ancestors (management group, subscription, resource group, parent). */
export function scopeContains(scope: string, id: string): boolean {
  const s = scope.replace(/\/+$/, '').toLowerCase();
  const i = id.toLowerCase();
  if (s === '' || s === '/') return true;
  if (s.includes('/providers/microsoft.management/managementgroups/')) return true; // cannot place a subscription in a group without more reads; ARM already filtered
  return i === s || i.startsWith(`${s}/`);
}

/** `/subscriptions/<s>/resourceGroups/<rg>` of a resource id. */
export function resourceGroupId(id: ParsedArmId): string {
  return `/subscriptions/${id.subscriptionId}/resourceGroups/${id.resourceGroup}`;
}

/** Id of the virtual network that contains a subnet id. */
export function vnetIdOfSubnet(subnetId: string | undefined): string | undefined {
  if (!subnetId) return undefined;
  const i = subnetId.toLowerCase().indexOf('/subnets/');
  return i > 0 ? subnetId.slice(0, i) : undefined;
}

/** The resource id of an AKS cluster. */
export function aksClusterId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

/** Accepts a full cluster id or `resourceGroup/name` (with a subscription) as typed on the CLI. */
export function clusterIdFrom(input: string, subscriptionId?: string): string | undefined {
  // Typed input goes into ARM URLs and rendered commands: only ids that match the AKS id grammar pass.
  if (parseArmId(input)) return isAksClusterId(input) ? input : undefined;
  const m = /^([-\w._()]+)\/([a-zA-Z0-9][-_a-zA-Z0-9]{0,62})$/.exec(input);
  if (m && subscriptionId) {
    const id = aksClusterId(subscriptionId, m[1], m[2]);
    return isAksClusterId(id) ? id : undefined;
  }
  return undefined;
}
