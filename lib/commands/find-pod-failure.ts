import { clusterAllowedForChat } from '../authz/cluster-scope';
import type { ContainerInsightsPort } from '../logs/container-insights';
import { owningWorkload, type PullFailure } from '../model';

export type PodLookup = { ok: true; failure: PullFailure } | { ok: false; error: string };

/**
 * The pod's most recent image pull failure (image, kubelet message, node) and its workload, read
 * from Container insights for allowed clusters only. Names were validated by the command grammar;
 * the KQL templates validate and quote them again.
 */
export async function findPodFailure(
  insights: ContainerInsightsPort,
  query: { workspaceId: string; pod: string; namespace?: string; cluster?: string; allowedClusters: readonly string[]; start: Date; end: Date },
  signal?: AbortSignal,
): Promise<PodLookup> {
  const rows = await insights.failingPods(
    { workspaceId: query.workspaceId, start: query.start, end: query.end, cluster: query.cluster, namespace: query.namespace, limit: 500 },
    { signal },
  );
  const matches = rows.filter(
    (r) => r.pod === query.pod && (!query.namespace || r.namespace === query.namespace) && !!r.cluster && clusterAllowedForChat(r.cluster, query.allowedClusters),
  );
  const where = `${query.namespace ? ` in namespace ${query.namespace}` : ''}${query.cluster ? ` on ${query.cluster.split('/').pop()}` : ''}`;
  if (matches.length === 0) return { ok: false, error: `no image pull failure of pod ${query.pod}${where} in Container insights since ${query.start.toISOString()}` };
  const places = new Set(matches.map((m) => `${m.cluster!.split('/').pop()}/${m.namespace}`));
  if (places.size > 1) return { ok: false, error: `pod ${query.pod} failed in several places (${[...places].join(', ')}): add -n <namespace> and --cluster <name>` };
  const latest = matches.reduce((a, b) => ((b.lastSeen ?? '') > (a.lastSeen ?? '') ? b : a));
  const details = await insights.podDetails(
    { workspaceId: query.workspaceId, cluster: latest.cluster!, namespace: latest.namespace!, pod: latest.pod!, start: query.start, end: query.end },
    { signal },
  );
  const container = details?.containers.find((c) => c.image === latest.image) ?? (details?.containers.length === 1 ? details.containers[0] : undefined);
  const controller = owningWorkload(details?.controller);
  return {
    ok: true,
    failure: {
      ...latest,
      source: 'chat',
      ...(container ? { container: container.name } : {}),
      ...(controller ? { controller } : {}),
      ...(details?.node && !latest.node ? { node: details.node } : {}),
    },
  };
}
