import { grantsAction, grantsDataAction, type PermissionBlock } from './role-permissions';

/**
 * Read-only built-in roles pull-doctor may need, narrowest first, with their permissions as Azure
 * publishes them (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles;
 * ACR's: https://learn.microsoft.com/azure/container-registry/container-registry-rbac-built-in-roles-directory-reference).
 * Only roles without write, delete or credential-listing actions are offered: "least" means the
 * role that grants the denied read and nothing that changes anything.
 */
const READ_ONLY_ROLES: ReadonlyArray<{ roleName: string; permissions: PermissionBlock }> = [
  { roleName: 'AcrPull', permissions: { actions: ['Microsoft.ContainerRegistry/registries/pull/read'] } },
  { roleName: 'Container Registry Repository Catalog Lister', permissions: { dataActions: ['Microsoft.ContainerRegistry/registries/catalog/read'] } },
  {
    roleName: 'Container Registry Repository Reader',
    permissions: { dataActions: ['Microsoft.ContainerRegistry/registries/repositories/content/read', 'Microsoft.ContainerRegistry/registries/repositories/metadata/read'] },
  },
  { roleName: 'Reader', permissions: { actions: ['*/read'] } },
];

/** The narrowest read-only built-in role that grants `action`, or undefined when none does. */
export function leastRoleFor(action: string): string | undefined {
  return READ_ONLY_ROLES.find((r) => grantsAction([r.permissions], action) || grantsDataAction([r.permissions], action))?.roleName;
}
