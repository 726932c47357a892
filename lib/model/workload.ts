/**
 * The workload a pod belongs to, as `Kind/name`. Kubernetes and Container insights report a
 * Deployment's pods as owned by the ReplicaSet `<deployment>-<pod-template-hash>`; the workload to
 * change (`kubectl set image deployment/…`) is the Deployment. Other kinds are returned as given.
 */
export function owningWorkload(controller: string | undefined): string | undefined {
  if (!controller) return undefined;
  const m = /^ReplicaSet\/(.+)-[a-z0-9]{5,10}$/.exec(controller);
  return m ? `Deployment/${m[1]}` : controller;
}
