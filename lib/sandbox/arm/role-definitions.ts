import { BUILTIN_ROLES, type RoleDefinitionSpec } from '../builtin-roles';
import type { World } from '../world-schema';
import { normalizePath, parseArmPath } from './arm-path';

/** All role definitions a world can see: the built-ins plus the world's custom roles. */
export function roleDefinitionsOf(world: World): RoleDefinitionSpec[] {
  const custom: RoleDefinitionSpec[] = world.roleDefinitions.map((r) => ({
    name: r.name,
    roleName: r.roleName,
    description: '',
    roleType: 'CustomRole',
    assignableScopes: r.assignableScopes,
    permissions: [{ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions }],
  }));
  return [...BUILTIN_ROLES, ...custom, ...world.resources.filter(isRoleDefinitionResource).map(fromArmResource)];
}

function isRoleDefinitionResource(r: World['resources'][number]): boolean {
  return r.type.toLowerCase() === 'microsoft.authorization/roledefinitions';
}

/**
 * A custom role written as ARM returns it (REST "Role Definitions - Get": properties.roleName, type,
 * description, permissions[], assignableScopes), as a Bicep/ARM template declares it.
 */
function fromArmResource(r: World['resources'][number]): RoleDefinitionSpec {
  const p = (r.properties ?? {}) as {
    roleName?: string;
    type?: string;
    description?: string;
    permissions?: RoleDefinitionSpec['permissions'];
    assignableScopes?: string[];
  };
  return {
    name: r.name,
    roleName: p.roleName ?? r.name,
    description: p.description ?? '',
    roleType: p.type === 'BuiltInRole' ? 'BuiltInRole' : 'CustomRole',
    assignableScopes: p.assignableScopes ?? [],
    permissions: p.permissions ?? [],
  };
}

/**
 * The role definition as ARM's GET returns it. ARM ids a definition under the subscription of the
 * scope it was read at (`/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}`),
 * or tenant-level for management group and root scopes.
 */
export function roleDefinitionResource(role: RoleDefinitionSpec, scope: string): Record<string, unknown> {
  const sub = parseArmPath(scope).subscriptionId;
  const prefix = sub ? `/subscriptions/${sub}` : '';
  return {
    id: `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
    name: role.name,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: role.roleType,
      description: role.description,
      assignableScopes: role.assignableScopes,
      permissions: role.permissions,
      createdOn: '2018-02-01T00:00:00.0000000Z',
      updatedOn: '2024-01-01T00:00:00.0000000Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}

/** Finds a definition by GUID or by any id ending in it (custom roles may be listed with full ids). */
export function findRoleDefinition(all: readonly RoleDefinitionSpec[], idOrGuid: string): RoleDefinitionSpec | undefined {
  const guid = normalizePath(idOrGuid).split('/').pop()?.toLowerCase() ?? '';
  return all.find((r) => r.name.toLowerCase() === guid);
}

/** `roleName eq '…'` or `type eq 'BuiltInRole|CustomRole'` (ARM's documented filters); undefined when unsupported. */
export function parseRoleDefinitionFilter(filter: string | null): { roleName?: string; roleType?: string } | undefined {
  if (filter === null || filter.trim() === '') return {};
  const byName = filter.trim().match(/^roleName\s+eq\s+'([^']*)'$/i);
  if (byName) return { roleName: byName[1] };
  const byType = filter.trim().match(/^type\s+eq\s+'(BuiltInRole|CustomRole)'$/i);
  if (byType) return { roleType: byType[1] };
  return undefined;
}
