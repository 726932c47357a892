import { parseImageRef } from '../image-ref/parse-image-ref';
import type { Incident } from '../model';

/** True when the cluster is one of the allowed cluster or resource group ids (empty = any). */
export function inScope(cluster: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const c = cluster.toLowerCase();
  return allowed.some((a) => {
    const scope = a.toLowerCase().replace(/\/+$/, '');
    return c === scope || c.startsWith(`${scope}/`);
  });
}

/** True when the incident's image is `loginServer/repository` with the pushed tag (or digest). */
export function imageMatches(incident: Pick<Incident, 'image'>, push: { loginServer: string; repository: string; tag?: string; digest?: string }): boolean {
  const parsed = parseImageRef(incident.image);
  if (!parsed.ok) return false;
  const ref = parsed.ref;
  if (ref.registry.toLowerCase() !== push.loginServer.toLowerCase() || ref.repository !== push.repository) return false;
  if (ref.digest) return ref.digest === push.digest;
  return ref.tag === push.tag;
}

/** The index key an incident is filed under for ACR pushes to its repository (IncidentStore.indexIncident). */
export function repositoryIndexKey(loginServer: string, repository: string): string {
  return `repo|${loginServer.toLowerCase()}/${repository}`;
}

/** The index key of the incident's image repository, or undefined for an image that does not parse. */
export function imageIndexKey(image: string): string | undefined {
  const parsed = parseImageRef(image);
  return parsed.ok ? repositoryIndexKey(parsed.ref.registry, parsed.ref.repository) : undefined;
}

/** The index key of the incidents an alert reported (its `Resolved` finds them there). */
export function alertIndexKey(alertId: string): string {
  return `alert|${alertId}`;
}
