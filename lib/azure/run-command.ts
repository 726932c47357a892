import { parseArmId } from './arm-id';
import type { AzureClients } from './clients';

/** What AKS Run Command returned for one command (RunCommandResult, flattened). */
export interface ClusterCommandResult {
  commandId?: string;
  /** `succeeded` or `failed` (lower case on the wire). */
  provisioningState: string;
  exitCode?: number;
  /** The command pod's output. Never logged or rendered as is: parsers read only what they validate. */
  logs: string;
  /** Why provisioningState is failed. */
  reason?: string;
}

export interface RunClusterCommandOptions {
  abortSignal?: AbortSignal;
  /** How often the command result is polled (default: the SDK's, honouring Retry-After). */
  pollIntervalMs?: number;
}

/**
 * Runs one shell command in the pod AKS Run Command creates (POST managedClusters/{name}/runCommand,
 * then polling commandResults/{id}) through the existing ContainerServiceClient. Works for private
 * clusters: the command runs inside the cluster, pull-doctor never holds a kubeconfig.
 */
export async function runClusterCommand(azure: AzureClients, clusterId: string, command: string, options: RunClusterCommandOptions = {}): Promise<ClusterCommandResult> {
  const id = parseArmId(clusterId);
  if (!id) throw new TypeError(`not an AKS cluster id: ${clusterId}`);
  const result = await azure
    .containerService(id.subscriptionId)
    .managedClusters.runCommand(id.resourceGroup, id.name, { command }, { abortSignal: options.abortSignal, updateIntervalInMs: options.pollIntervalMs });
  return {
    commandId: result.id,
    provisioningState: (result.provisioningState ?? 'unknown').toLowerCase(),
    exitCode: result.exitCode,
    logs: result.logs ?? '',
    reason: result.reason,
  };
}
