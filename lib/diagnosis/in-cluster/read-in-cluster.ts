import type { CheckContext } from '../check';
import type { ClusterCommandResult } from '../../azure/run-command';
import { getManagedCluster } from '../azure-lookups';
import { InClusterNotAllowed } from './in-cluster-access';
import type { ClusterScript } from './scripts';

/**
 * Runs a script once per diagnosis run and cluster (the run's single-flight lookups), so checks
 * that need the same in-cluster read share one Run Command.
 */
export function readInCluster(ctx: CheckContext, clusterId: string, script: ClusterScript): Promise<ClusterCommandResult> {
  const access = ctx.inCluster;
  if (!access) return Promise.reject(new InClusterNotAllowed('in-cluster evidence is not configured (PULL_DOCTOR_IN_CLUSTER)'));
  return ctx.lookups.get(`RUNCOMMAND ${clusterId} ${script.text.split('\n', 1)[0]}`, async (signal) => {
    // AKS-managed Entra ID: the command must carry our Entra token to run as us (the cluster GET is the cluster check's, cached).
    const cluster = await getManagedCluster(ctx, clusterId);
    return access.run(clusterId, script, signal, { clusterToken: cluster.aadProfile?.managed === true });
  });
}

/** docker.io, index.docker.io and registry-1.docker.io are one registry to the kubelet's keyring. */
export function sameRegistryHost(a: string, b: string): boolean {
  const norm = (h: string) => {
    const x = h.toLowerCase();
    return x === 'index.docker.io' || x === 'registry-1.docker.io' ? 'docker.io' : x;
  };
  return norm(a) === norm(b);
}
