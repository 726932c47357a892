import { createHash } from 'node:crypto';
import type { Category } from '../model';

/**
 * One incident per cluster + image + category. The id is a hash so it is a valid Table Storage
 * row key whatever the image text holds; the root cause is recorded on the incident once a
 * diagnosis knows it (it is not known at intake, so it cannot be part of the key).
 */
export function incidentId(cluster: string, image: string, category: Category): string {
  return createHash('sha256').update(`${cluster.toLowerCase()}\n${image}\n${category}`).digest('hex').slice(0, 32);
}

/**
 * Table Storage partition of a cluster: the lowercased id with `/` (forbidden in keys) as `~`.
 * Ids are validated by isAksClusterId before they get here, so no other forbidden character occurs.
 */
export function clusterPartition(cluster: string): string {
  return cluster.toLowerCase().replace(/^\//, '').replace(/\//g, '~');
}

export function hashKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Partition of the index entries filed under `key` (indexIncident). */
export function indexPartition(key: string): string {
  return `_index~${hashKey(key)}`;
}

/** Partition of a registry repository's pushed (`_pushed`) or deleted (`_deleted`) tag rows. */
export function repositoryPartition(kind: '_pushed' | '_deleted', loginServer: string, repository: string): string {
  return `${kind}~${hashKey(`${loginServer.toLowerCase()}/${repository}`)}`;
}
