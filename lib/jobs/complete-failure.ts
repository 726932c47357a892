import type { ContainerInsightsPort } from '../logs/container-insights';
import { owningWorkload, type PullFailure } from '../model';

const HOUR = 3_600_000;

/**
 * Fills in what an alert's dimensions do not carry — the container, its workload and the node —
 * from KubePodInventory, so fix commands name them (`kubectl set image deployment/web web=…`).
 * Done in the queued job, not the webhook, which must answer fast. A failed read changes nothing.
 */
export function podDetailsCompleter(insights: () => ContainerInsightsPort, workspaceIds: readonly string[]) {
  return async (failure: PullFailure, signal?: AbortSignal): Promise<PullFailure> => {
    if ((failure.container && failure.controller) || !failure.cluster || !failure.namespace || !failure.pod || !workspaceIds[0]) return failure;
    const last = Date.parse(failure.lastSeen ?? '') || Date.now();
    const first = Date.parse(failure.firstSeen ?? '') || last - HOUR;
    const details = await insights().podDetails(
      { workspaceId: workspaceIds[0], cluster: failure.cluster, namespace: failure.namespace, pod: failure.pod, start: new Date(first - HOUR), end: new Date(last + 10 * 60_000) },
      { signal },
    );
    if (!details) return failure;
    const failing = details.containers.find((c) => c.image === failure.image) ?? details.containers.find((c) => /ImagePull|ErrImage/i.test(c.reason ?? ''));
    return {
      ...failure,
      container: failure.container ?? failing?.name,
      controller: failure.controller ?? owningWorkload(details.controller),
      node: failure.node ?? details.node,
    };
  };
}
