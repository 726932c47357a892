import type { AzureCloud } from '../model/image-ref';
import type { Change } from '../model';
import { acrLoginServer, recognizeAcrHost } from '../image-ref/acr-host';
import { ancestorId, nameAfter, roleAssignmentScope } from './change-ids';
import type { InventoryFilter } from './inventory-kql';

/**
 * Which running images a change can touch: an inventory filter (what Log Analytics narrows) and,
 * when the change names no single registry, "every image from an ACR" (decided per host here,
 * because a login server's suffix depends on the cloud). The fleet audit passes `{ filter: { cluster } }`.
 */
export interface RecheckScope {
  filter: InventoryFilter;
  /** Keep only images whose registry host is an ACR (any cloud). */
  acrOnly?: boolean;
}

/** `myacr.westeurope.data` or `myacr` (a record set of privatelink.azurecr.io) → the registry name. */
function registryOfRecord(resourceId: string): string | undefined {
  const record = nameAfter(resourceId, 'A');
  const name = record?.split('.')[0]?.toLowerCase();
  return name && /^[a-z0-9]{5,50}$/.test(name) ? name : undefined;
}

function oneRegistry(name: string | undefined, cloud: AzureCloud): RecheckScope | undefined {
  return name && /^[A-Za-z0-9]{5,50}$/.test(name) ? { filter: { registries: [acrLoginServer(name, cloud)] } } : undefined;
}

export function scopeForChange(change: Change, cloud: AzureCloud = 'AzureCloud'): RecheckScope {
  if (change.registry) {
    const { loginServer, repository, tags } = change.registry;
    // A deletion re-checks every running tag of the repository: a burst folded across deliveries, or
    // a manifest deleted by digest (no tag in the event), takes every tag that pointed to it along.
    const byTag = change.kind === 'tag-moved' && tags.length > 0;
    return { filter: { registries: [loginServer], repository, ...(byTag ? { tags } : {}) } };
  }
  const id = change.resourceId ?? '';
  const acr: RecheckScope = { filter: {}, acrOnly: true };
  switch (change.kind) {
    case 'role-assignment-deleted':
      return oneRegistry(nameAfter(roleAssignmentScope(id) ?? '', 'registries'), cloud) ?? acr;
    case 'registry-changed':
    case 'private-endpoint-changed':
      return oneRegistry(nameAfter(id, 'registries'), cloud) ?? acr;
    case 'private-dns-changed':
      return oneRegistry(registryOfRecord(id), cloud) ?? acr;
    case 'cluster-changed': {
      // Activity events spell `resourcegroups` as the caller did; the AKS id grammar wants ARM's casing.
      const cluster = ancestorId(id, 'managedClusters')?.replace(/\/resourcegroups\//i, '/resourceGroups/');
      return cluster ? { filter: { cluster } } : { filter: {} };
    }
    default:
      return acr;
  }
}

/** Whether an image reference's registry host passes the scope's host rule. */
export function hostInScope(scope: RecheckScope, image: string): boolean {
  if (!scope.acrOnly) return true;
  const host = image.split('/')[0] ?? '';
  return image.includes('/') && recognizeAcrHost(host) !== undefined;
}
