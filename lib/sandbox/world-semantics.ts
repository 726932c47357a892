import { CONTAINER_INSIGHTS_TABLES } from '../logs/container-insights-tables';
import type { World } from './world-schema';

/**
 * Checks a schema-valid world for what the schema cannot see: the relations between resources that
 * Azure itself guarantees (unique ids, names and types derived from ids, role assignment scopes)
 * and the references the sandbox servers and the engine follow.
 */

export interface WorldProblem {
  path: Array<string | number>;
  problem: string;
}

const ROLE_ASSIGNMENTS = '/providers/Microsoft.Authorization/roleAssignments/';
const ROLE_DEFINITION_ID = /\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/;

/** `Provider.Namespace/type[/childType…]` as ARM derives it from an id (segments after the last `/providers/`). */
export function typeFromId(id: string): string | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const segments = id.slice(at + '/providers/'.length).split('/');
  if (segments.length < 3 || segments.length % 2 === 0) return undefined;
  const types = segments.filter((_, i) => i % 2 === 1 && i < segments.length - 1);
  return [segments[0], ...types].join('/');
}

export function checkWorldSemantics(world: World): WorldProblem[] {
  const problems: WorldProblem[] = [];
  const firstIndexById = new Map<string, number>();

  world.resources.forEach((resource, i) => {
    const key = resource.id.toLowerCase();
    const first = firstIndexById.get(key);
    if (first !== undefined) problems.push({ path: ['resources', i, 'id'], problem: `duplicate of resources[${first}].id (ids are case-insensitive)` });
    else firstIndexById.set(key, i);

    if (resource.id.endsWith('/')) problems.push({ path: ['resources', i, 'id'], problem: 'must not end with /' });
    const lastSegment = resource.id.split('/').pop();
    if (resource.name !== lastSegment) problems.push({ path: ['resources', i, 'name'], problem: `must equal the last segment of the id ("${lastSegment}")` });

    const derived = typeFromId(resource.id);
    if (!derived) problems.push({ path: ['resources', i, 'id'], problem: 'must be a full ARM resource id (…/providers/<Namespace>/<type>/<name>)' });
    else if (derived.toLowerCase() !== resource.type.toLowerCase()) problems.push({ path: ['resources', i, 'type'], problem: `does not match the id, which says ${derived}` });

    if (resource.type.toLowerCase() === 'microsoft.authorization/roleassignments') problems.push(...checkRoleAssignment(resource, i));
  });

  const cluster = world.failure.cluster;
  if (!cluster) problems.push({ path: ['failure', 'cluster'], problem: 'is required in a world (the AKS cluster resource id the failure happened on)' });
  else {
    const at = firstIndexById.get(cluster.toLowerCase());
    if (at === undefined) problems.push({ path: ['failure', 'cluster'], problem: `no resource with id ${cluster}` });
    else if (world.resources[at]!.type.toLowerCase() !== 'microsoft.containerservice/managedclusters') {
      problems.push({ path: ['failure', 'cluster'], problem: `resources[${at}] is a ${world.resources[at]!.type}, not a managed cluster` });
    }
  }

  world.roleDefinitions.forEach((role, i) => {
    if (!ROLE_DEFINITION_ID.test(role.id)) problems.push({ path: ['roleDefinitions', i, 'id'], problem: 'must be …/providers/Microsoft.Authorization/roleDefinitions/<guid>' });
    if (role.id.split('/').pop() !== role.name) problems.push({ path: ['roleDefinitions', i, 'name'], problem: 'must equal the guid at the end of the id' });
  });

  const workspaces = new Set(
    world.resources
      .filter((r) => r.type.toLowerCase() === 'microsoft.operationalinsights/workspaces')
      .map((r) => String(r.properties?.customerId ?? '').toLowerCase()),
  );
  for (const [workspaceId, tables] of Object.entries(world.logs)) {
    if (!workspaces.has(workspaceId.toLowerCase())) {
      problems.push({ path: ['logs', workspaceId], problem: 'no Microsoft.OperationalInsights/workspaces resource has this properties.customerId' });
    }
    // Rows are what Log Analytics would hold: a misspelt column would be a row no query matches.
    for (const [table, rows] of Object.entries(tables)) {
      const columns = CONTAINER_INSIGHTS_TABLES[table];
      if (!columns) {
        problems.push({ path: ['logs', workspaceId, table], problem: `not a Container insights table pull-doctor reads (${Object.keys(CONTAINER_INSIGHTS_TABLES).join(', ')})` });
        continue;
      }
      rows.forEach((row, i) => {
        for (const column of Object.keys(row)) {
          if (!(column in columns)) problems.push({ path: ['logs', workspaceId, table, i, column], problem: `not a column of ${table} (Azure Monitor Logs table reference)` });
        }
      });
    }
  }

  for (const host of Object.keys(world.registries)) {
    if (!HOST.test(host)) problems.push({ path: ['registries', host], problem: 'must be a lowercase registry host name (login server), without scheme or path' });
  }
  return problems;
}

function checkRoleAssignment(resource: World['resources'][number], i: number): WorldProblem[] {
  const problems: WorldProblem[] = [];
  const at = resource.id.toLowerCase().lastIndexOf(ROLE_ASSIGNMENTS.toLowerCase());
  const scope = at >= 0 ? resource.id.slice(0, at) || '/' : undefined;
  const properties = resource.properties ?? {};
  if (typeof properties.scope !== 'string' || !scope || properties.scope.toLowerCase() !== scope.toLowerCase()) {
    problems.push({ path: ['resources', i, 'properties', 'scope'], problem: `must equal the id's prefix before ${ROLE_ASSIGNMENTS} ("${scope}")` });
  }
  if (typeof properties.roleDefinitionId !== 'string' || !ROLE_DEFINITION_ID.test(properties.roleDefinitionId)) {
    problems.push({ path: ['resources', i, 'properties', 'roleDefinitionId'], problem: 'must be /subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>' });
  }
  if (typeof properties.principalId !== 'string' || !GUID.test(properties.principalId)) {
    problems.push({ path: ['resources', i, 'properties', 'principalId'], problem: 'must be the object id (guid) of a user, group or service principal' });
  }
  if (!GUID.test(resource.name)) problems.push({ path: ['resources', i, 'name'], problem: 'a role assignment name is a guid' });
  return problems;
}
