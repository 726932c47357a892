import type { Change } from '../model';
import { composeWorld, type RawWorld } from '../sandbox/world-compose';
import { WorldSchema, type World } from '../sandbox/world-schema';
import { WorldError } from '../sandbox/world-error';

/**
 * The sandbox side of a change: the world as it is once the change happened, so the re-check reads
 * the new state through the same servers. A deleted tag leaves the registry (and is remembered as
 * deleted, as the ImageDeleted handler does); a deleted resource leaves ARM (embedded children —
 * agent pools, private endpoint connections — leave their parent); a write's new state is the
 * world's `afterChange`, applied with the composition grammar.
 */
export function applyChangesToWorld(world: World, changes: readonly Change[], file = 'world'): World {
  const next = structuredClone(world);
  for (const change of changes) {
    if (change.kind === 'tag-deleted' && change.registry) deleteTags(next, change);
    else if (change.operation?.toLowerCase().endsWith('/delete') && change.resourceId) deleteResource(next, change.resourceId);
  }
  if (!world.afterChange) return next;
  const own: RawWorld = { extends: 'world-before-change', description: world.description, ...world.afterChange };
  const { raw } = composeWorld(own, `${file} (afterChange)`, { baseDir: '/', load: () => next as unknown as RawWorld });
  const parsed = WorldSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorldError(file, `afterChange → ${issue.path.join('.')}`, issue.message);
  }
  return parsed.data;
}

function deleteTags(world: World, change: Change): void {
  const { loginServer, repository, tags } = change.registry!;
  const repo = world.registries[loginServer]?.repositories[repository];
  if (!repo) return;
  for (const tag of tags) {
    if (!repo.tags[tag]) continue;
    delete repo.tags[tag];
    world.registries[loginServer]!.deletedTags.push({ repository, tag, deletedAt: change.at });
  }
}

function deleteResource(world: World, id: string): void {
  const lower = id.toLowerCase();
  const at = world.resources.findIndex((r) => r.id.toLowerCase() === lower);
  if (at >= 0) {
    world.resources.splice(at, 1);
    return;
  }
  // Children ARM serves from inside their parent (agent pools, endpoint connections).
  for (const resource of world.resources) {
    const props = resource.properties as Record<string, unknown> | undefined;
    if (!props || !lower.startsWith(`${resource.id.toLowerCase()}/`)) continue;
    const name = id.split('/').pop()!.toLowerCase();
    for (const key of ['agentPoolProfiles', 'privateEndpointConnections']) {
      const list = props[key];
      if (Array.isArray(list)) props[key] = list.filter((c: { name?: string; id?: string }) => (c.id ?? c.name ?? '').toLowerCase() !== lower && (c.name ?? '').toLowerCase() !== name);
    }
  }
}
