import { isAtOrAbove } from './arm/role-assignments';
import type { World } from './world-schema';

/**
 * The caller's `deniedAt` entries as Log Analytics applies them: a role is evaluated at the workspace
 * resource, so actions refused at a scope at or above a workspace are refused for queries of that
 * workspace (https://learn.microsoft.com/azure/azure-monitor/logs/manage-access). Keyed by the
 * workspace's customerId (lowercase), which is what the query API is called with.
 */
export function queryDeniedAtWorkspace(world: World): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const ws of world.resources.filter((r) => r.type.toLowerCase() === 'microsoft.operationalinsights/workspaces')) {
    const customerId = ws.properties?.['customerId'];
    if (typeof customerId !== 'string') continue;
    const actions = world.caller.deniedAt.filter((d) => isAtOrAbove(d.scope, ws.id)).flatMap((d) => d.actions);
    if (actions.length) out[customerId.toLowerCase()] = actions;
  }
  return out;
}
