import { owningWorkload, type PullFailure } from '../model';

/**
 * Builders for the commands in fix steps. Every value comes from Azure or a validated reference,
 * and is still quoted for POSIX shells so a command can be pasted as it is.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one shell word (single quotes, with embedded quotes escaped). */
export function sh(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * ` --subscription <id>` when a resource lives in another subscription than the cluster: whoever
 * answers the incident works in the cluster's subscription, and `az acr …`/`az network …` find a
 * resource by name only in the current one.
 */
export function subscriptionArg(resourceSubscriptionId: string | undefined, clusterSubscriptionId: string | undefined): string {
  if (!resourceSubscriptionId || !clusterSubscriptionId || resourceSubscriptionId.toLowerCase() === clusterSubscriptionId.toLowerCase()) return '';
  return ` --subscription ${sh(resourceSubscriptionId)}`;
}

/** `az aks update … --attach-acr`: grants AcrPull to the kubelet identity (same or other subscription). */
export function attachAcrCommand(cluster: { resourceGroup: string; name: string; subscriptionId: string }, registry: { id: string; name: string; subscriptionId: string }): string {
  const acr = cluster.subscriptionId.toLowerCase() === registry.subscriptionId.toLowerCase() ? registry.name : registry.id;
  return `az aks update --resource-group ${sh(cluster.resourceGroup)} --name ${sh(cluster.name)} --attach-acr ${sh(acr)}`;
}

export function roleAssignmentCommand(args: { assigneeObjectId?: string; assignee?: string; role: string; scope: string; condition?: string }): string {
  const who = args.assigneeObjectId
    ? `--assignee-object-id ${sh(args.assigneeObjectId)} --assignee-principal-type ServicePrincipal`
    : `--assignee ${sh(args.assignee ?? '')}`;
  const condition = args.condition ? ` --condition ${sh(args.condition)} --condition-version 2.0` : '';
  return `az role assignment create ${who} --role ${sh(args.role)} --scope ${sh(args.scope)}${condition}`;
}

/** `kubectl set image` for the failing workload, when the controller and container are known. */
export function setImageCommand(failure: PullFailure, image: string): string | undefined {
  if (!failure.container) return undefined;
  const workload = workloadOf(failure);
  if (!workload) return undefined;
  const ns = failure.namespace ? ` -n ${sh(failure.namespace)}` : '';
  return `kubectl set image ${workload} ${sh(`${failure.container}=${image}`)}${ns}`;
}

/** `deployment/web` for kubectl, from the failure's controller (a ReplicaSet stands for its Deployment). */
export function workloadOf(failure: PullFailure): string | undefined {
  const m = /^([A-Za-z]+)\/([a-z0-9][-a-z0-9.]*)$/.exec(owningWorkload(failure.controller) ?? '');
  return m ? `${m[1].toLowerCase()}/${m[2]}` : undefined;
}

/** Pins the failing workload's pods to nodes with these labels (e.g. `kubernetes.io/os=linux`, `kubernetes.io/arch=amd64`). */
export function nodeSelectorPatchCommand(failure: PullFailure, labels: Record<string, string>): string {
  const workload = workloadOf(failure) ?? 'deployment/<name>';
  const ns = failure.namespace ? ` -n ${sh(failure.namespace)}` : '';
  const patch = JSON.stringify({ spec: { template: { spec: { nodeSelector: labels } } } });
  return `kubectl patch ${workload}${ns} --type merge -p ${sh(patch)}`;
}
