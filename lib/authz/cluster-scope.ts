import { aksClusterId, parseArmId } from '../azure/arm-id';
import { isAksClusterId } from '../intake/names';

/**
 * Which clusters chat may ask about: PULL_DOCTOR_ALLOWED_CLUSTERS (AKS cluster ids or resource group
 * ids). A cluster typed in chat is resolved only *within* that list, so nothing typed can make
 * pull-doctor read a cluster elsewhere; an empty list allows no cluster for chat.
 */

/** AKS cluster names: 1-63 letters, digits, `-` and `_`, starting with a letter or digit. */
const AKS_NAME = /^[A-Za-z0-9][-_A-Za-z0-9]{0,62}$/;
/** Resource group names (ARM naming rules, without a trailing period). */
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;

export type ClusterResolution = { ok: true; clusterId: string } | { ok: false; error: string; kind: 'invalid' | 'denied' | 'ambiguous' };

interface AllowedScope {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Set for a cluster id; absent for a resource group id. */
  clusterName?: string;
}

function parseScope(entry: string): AllowedScope | undefined {
  const trimmed = entry.trim().replace(/\/+$/, '');
  const rg = /^\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([^/]+)$/i.exec(trimmed);
  if (rg) return { id: trimmed, subscriptionId: rg[1]!, resourceGroup: rg[2]! };
  if (isAksClusterId(trimmed)) {
    const parsed = parseArmId(trimmed)!;
    return { id: trimmed, subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, clusterName: parsed.name };
  }
  return undefined;
}

/** True when `clusterId` is an allowed cluster id or lies in an allowed resource group. Empty list: false. */
export function clusterAllowedForChat(clusterId: string, allowed: readonly string[]): boolean {
  if (!isAksClusterId(clusterId)) return false;
  const c = clusterId.toLowerCase();
  return allowed.some((entry) => {
    const scope = parseScope(entry);
    if (!scope) return false;
    const s = scope.id.toLowerCase();
    return c === s || (!scope.clusterName && c.startsWith(`${s}/providers/microsoft.containerservice/managedclusters/`));
  });
}

function clusterIdIn(scope: AllowedScope, name: string): string {
  return aksClusterId(scope.subscriptionId, scope.resourceGroup, name);
}

function describeAllowed(scopes: AllowedScope[]): string {
  return scopes.map((s) => (s.clusterName ? `${s.resourceGroup}/${s.clusterName}` : `${s.resourceGroup}/*`)).join(', ');
}

/**
 * `--cluster` as typed in chat (a name, `resourceGroup/name` or a full id), or nothing (the only
 * allowed cluster) → an allowed cluster id.
 */
export function resolveChatCluster(input: string | undefined, allowed: readonly string[]): ClusterResolution {
  const scopes = allowed.map(parseScope).filter((s): s is AllowedScope => !!s);
  if (scopes.length === 0) {
    return { ok: false, kind: 'denied', error: 'chat may not ask about any cluster: PULL_DOCTOR_ALLOWED_CLUSTERS lists none' };
  }
  if (input === undefined) {
    const clusters = scopes.filter((s) => s.clusterName);
    if (clusters.length === 1 && scopes.length === 1) return { ok: true, clusterId: clusters[0]!.id };
    return { ok: false, kind: 'ambiguous', error: `say which cluster with --cluster <name> (allowed: ${describeAllowed(scopes)})` };
  }
  if (input.startsWith('/')) {
    if (!isAksClusterId(input)) return { ok: false, kind: 'invalid', error: 'not a valid cluster id' };
    if (!clusterAllowedForChat(input, allowed)) return { ok: false, kind: 'denied', error: `cluster ${parseArmId(input)?.name ?? input} is not in PULL_DOCTOR_ALLOWED_CLUSTERS` };
    return { ok: true, clusterId: input };
  }
  const slash = input.indexOf('/');
  const group = slash >= 0 ? input.slice(0, slash) : undefined;
  const name = slash >= 0 ? input.slice(slash + 1) : input;
  if (!AKS_NAME.test(name) || (group !== undefined && !RESOURCE_GROUP.test(group))) return { ok: false, kind: 'invalid', error: 'not a valid cluster name' };
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const inGroup = (s: AllowedScope) => group === undefined || eq(s.resourceGroup, group);
  let candidates = scopes.filter((s) => s.clusterName && eq(s.clusterName, name) && inGroup(s)).map((s) => s.id);
  if (candidates.length === 0) {
    // A resource group entry allows any cluster in it; with several groups the name alone is ambiguous.
    const groups = scopes.filter((s) => !s.clusterName && inGroup(s));
    if (groups.length > 1 && group === undefined) {
      return { ok: false, kind: 'ambiguous', error: `cluster ${name} could be in ${groups.map((g) => g.resourceGroup).join(', ')}: use --cluster <resourceGroup>/${name}` };
    }
    candidates = groups.map((g) => clusterIdIn(g, name));
  }
  // One cluster listed twice in different casing is one cluster, named as first listed.
  const unique = candidates.filter((c, i) => candidates.findIndex((d) => d.toLowerCase() === c.toLowerCase()) === i);
  if (unique.length === 1) return { ok: true, clusterId: unique[0]! };
  if (unique.length === 0) return { ok: false, kind: 'denied', error: `cluster ${input} is not in PULL_DOCTOR_ALLOWED_CLUSTERS (allowed: ${describeAllowed(scopes)})` };
  return { ok: false, kind: 'ambiguous', error: `cluster ${input} matches several allowed clusters: use the full resource id (${unique.join(', ')})` };
}
