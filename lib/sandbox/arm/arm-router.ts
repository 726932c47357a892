import type { RoleDefinitionSpec } from '../builtin-roles';
import { armErrors, ok, type ArmResponse } from './arm-response';
import { actionMatches, idKey, normalizePath, parseArmPath, readActionFor, scopeOf, typeAndName } from './arm-path';
import { listDenyAssignments } from './deny-assignments';
import { isAtOrAbove, listRoleAssignments, parseRoleAssignmentFilter } from './role-assignments';
import { findRoleDefinition, parseRoleDefinitionFilter, roleDefinitionResource } from './role-definitions';
import type { WorldIndex } from './world-index';

export interface ArmRouteContext {
  index: WorldIndex;
  roles: readonly RoleDefinitionSpec[];
  pageSize: number;
  /** `https://127.0.0.1:<port>`, for absolute nextLinks. */
  baseUrl: string;
}

const ROLE_ASSIGNMENTS = 'providers/microsoft.authorization/roleassignments';
const ROLE_DEFINITIONS = 'providers/microsoft.authorization/roledefinitions';
const DENY_ASSIGNMENTS = 'providers/microsoft.authorization/denyassignments';

/**
 * Answers one authenticated GET (api-version already checked). Order: the caller's denied
 * actions, then the special collections (subscriptions, role assignments, role definitions), then
 * the world's resources by id, then collections by parent and by subscription.
 */
export function routeArmGet(ctx: ArmRouteContext, url: URL): ArmResponse {
  const path = normalizePath(url.pathname);
  const key = path.toLowerCase();

  const denied = deniedAction(ctx, path);
  if (denied) return denied;

  if (key === '/subscriptions') {
    return page(ctx, url, path, ctx.index.subscriptions.map(subscriptionResource));
  }
  const parsed = parseArmPath(path);
  if (parsed.segments.length === 2 && key.startsWith('/subscriptions/')) {
    const sub = ctx.index.subscription(parsed.segments[1]!);
    return sub ? ok(subscriptionResource(sub)) : armErrors.subscriptionNotFound(parsed.segments[1]!);
  }
  if (key.endsWith('/' + ROLE_ASSIGNMENTS) || key === '/' + ROLE_ASSIGNMENTS) {
    const filterText = url.searchParams.get('$filter');
    const filter = parseRoleAssignmentFilter(filterText);
    if (!filter) return armErrors.unsupportedFilter(filterText ?? '');
    const scope = scopeOf(path);
    const missing = missingScope(ctx, scope);
    if (missing) return missing;
    const assignments = listRoleAssignments(ctx.index.ofType('Microsoft.Authorization/roleAssignments'), scope, filter);
    return page(ctx, url, path, assignments);
  }
  if (key.endsWith('/' + DENY_ASSIGNMENTS) || key === '/' + DENY_ASSIGNMENTS) {
    const filterText = url.searchParams.get('$filter');
    const scope = scopeOf(path);
    const missing = missingScope(ctx, scope);
    if (missing) return missing;
    const denies = listDenyAssignments(ctx.index.ofType('Microsoft.Authorization/denyAssignments'), scope, filterText);
    return denies ? page(ctx, url, path, denies) : armErrors.unsupportedFilter(filterText ?? '');
  }
  const defAt = key.lastIndexOf('/' + ROLE_DEFINITIONS);
  if (defAt >= 0 && key.length > defAt + ROLE_DEFINITIONS.length + 1 && parsed.isCollection === false) {
    const scope = scopeOf(path);
    const guid = parsed.names[parsed.names.length - 1] ?? '';
    const role = findRoleDefinition(ctx.roles, guid);
    return role ? ok(roleDefinitionResource(role, scope)) : armErrors.roleDefinitionNotFound(guid);
  }
  if (key.endsWith('/' + ROLE_DEFINITIONS)) {
    const filterText = url.searchParams.get('$filter');
    const filter = parseRoleDefinitionFilter(filterText);
    if (!filter) return armErrors.unsupportedFilter(filterText ?? '');
    const scope = scopeOf(path);
    const roles = ctx.roles.filter(
      (r) =>
        (filter.roleName === undefined || r.roleName.toLowerCase() === filter.roleName.toLowerCase()) &&
        (filter.roleType === undefined || r.roleType.toLowerCase() === filter.roleType.toLowerCase()),
    );
    return page(ctx, url, path, roles.map((r) => roleDefinitionResource(r, scope)));
  }

  const resource = ctx.index.get(path);
  if (resource) return ok(resource);

  // Resource groups are not world resources; ARM serves them, so derive them.
  if (parsed.providersAt < 0 && parsed.subscriptionId && parsed.segments[2]?.toLowerCase() === 'resourcegroups') {
    const missing = missingScope(ctx, `/subscriptions/${parsed.subscriptionId}`);
    if (missing) return missing;
    if (parsed.segments.length === 3) {
      return page(ctx, url, path, ctx.index.resourceGroupsOf(parsed.subscriptionId).map(resourceGroupResource));
    }
    if (parsed.segments.length === 4) {
      const rg = ctx.index.resourceGroup(parsed.subscriptionId, parsed.segments[3]!);
      return rg ? ok(resourceGroupResource(rg)) : armErrors.resourceGroupNotFound(parsed.segments[3]!);
    }
  }

  if (parsed.namespace === undefined || parsed.types.length === 0) return armErrors.noRoute(path);

  const missing = missingScope(ctx, scopeOf(path));
  if (missing) return missing;

  if (!parsed.isCollection) {
    if (parsed.types.length === 1 && parsed.types[0]!.toLowerCase() === 'roleassignments') {
      return armErrors.roleAssignmentNotFound(parsed.names[0] ?? '');
    }
    return armErrors.resourceNotFound(typeAndName(path), parsed.resourceGroup);
  }
  // A collection: by subscription and type, or under a parent (resource group scope or resource).
  const parentScope = scopeOf(path);
  if (parsed.types.length === 1 && parsed.resourceGroup === undefined && parsed.subscriptionId && idKey(parentScope) === `/subscriptions/${parsed.subscriptionId}`.toLowerCase()) {
    return page(ctx, url, path, ctx.index.bySubscriptionAndType(parsed.subscriptionId, `${parsed.namespace}/${parsed.types[0]}`));
  }
  if (parsed.types.length > 1) {
    const parentId = path.slice(0, path.lastIndexOf('/'));
    // `…/privateDnsZones/{zone}/ALL` and record-type lists hang under the zone, which must exist.
    if (!ctx.index.get(parentId)) return armErrors.resourceNotFound(typeAndName(parentId), parsed.resourceGroup);
  }
  return page(ctx, url, path, ctx.index.collection(path));
}

/** 404 for a subscription or resource group that does not exist in the world (ARM checks these first). */
function missingScope(ctx: ArmRouteContext, scope: string): ArmResponse | undefined {
  const p = parseArmPath(scope);
  if (p.subscriptionId === undefined) return undefined;
  if (!ctx.index.hasSubscription(p.subscriptionId)) return armErrors.subscriptionNotFound(p.subscriptionId);
  if (p.resourceGroup !== undefined && !ctx.index.resourceGroup(p.subscriptionId, p.resourceGroup)) {
    return armErrors.resourceGroupNotFound(p.resourceGroup);
  }
  return undefined;
}

/**
 * 403 AuthorizationFailed when the world's caller lacks the read action this path needs: everywhere
 * (`deniedActions`), or at and below one scope (`deniedAt`). A list is authorized at its parent scope,
 * so its refusal names that scope (`…/registries` listed in a subscription: `/subscriptions/<id>`),
 * as ARM's message does (https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-authorization-failed).
 */
function deniedAction(ctx: ArmRouteContext, path: string): ArmResponse | undefined {
  const caller = ctx.index.world.caller;
  if (caller.deniedActions.length === 0 && caller.deniedAt.length === 0) return undefined;
  const action = readActionFor(path);
  if (caller.deniedActions.some((pattern) => actionMatches(pattern, action))) return armErrors.authorizationFailed(caller.principalId, action, path);
  const scope = parseArmPath(path).isCollection ? scopeOf(path) : path;
  const scoped = caller.deniedAt.find((d) => isAtOrAbove(d.scope, path) && d.actions.some((pattern) => actionMatches(pattern, action)));
  return scoped ? armErrors.authorizationFailed(caller.principalId, action, scope) : undefined;
}

/** ARM list paging: `{ value, nextLink }`, nextLink an absolute URL carrying `$skiptoken`. */
function page(ctx: ArmRouteContext, url: URL, path: string, items: readonly unknown[]): ArmResponse {
  const token = url.searchParams.get('$skiptoken');
  let skip = 0;
  if (token !== null) {
    skip = Number(token);
    if (!Number.isInteger(skip) || skip < 0) return armErrors.invalidSkipToken(token);
  }
  const value = items.slice(skip, skip + ctx.pageSize);
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (skip + ctx.pageSize < items.length) {
    const next = new URL(path, ctx.baseUrl);
    url.searchParams.forEach((v, k) => {
      if (k !== '$skiptoken') next.searchParams.set(k, v);
    });
    next.searchParams.set('$skiptoken', String(skip + ctx.pageSize));
    body.nextLink = next.toString();
  }
  return ok(body);
}

function subscriptionResource(s: { subscriptionId: string; displayName: string; tenantId?: string }): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    subscriptionId: s.subscriptionId,
    displayName: s.displayName,
    tenantId: s.tenantId,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    authorizationSource: 'RoleBased',
  };
}

function resourceGroupResource(g: { subscriptionId: string; name: string; location?: string }): Record<string, unknown> {
  return {
    id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location ?? 'eastus',
    properties: { provisioningState: 'Succeeded' },
  };
}
