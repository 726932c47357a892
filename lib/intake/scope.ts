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
