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
  /**
   * For AKS-managed Entra ID clusters: send an Entra token for the AKS server app as `clusterToken`,
   * so the command runs as pull-doctor's identity and Kubernetes RBAC applies to it (what
   * `az aks command invoke` does, azure-cli acs/custom.py aks_runcommand).
   */
  clusterToken?: boolean;
}

/** The AKS AAD server application, the same in every cloud (azure-cli acs/custom.py). */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * Runs one shell command in the pod AKS Run Command creates (POST managedClusters/{name}/runCommand,
 * then polling commandResults/{id}) through the existing ContainerServiceClient. Works for private
 * clusters: the command runs inside the cluster, pull-doctor never holds a kubeconfig.
 */
export async function runClusterCommand(azure: AzureClients, clusterId: string, command: string, options: RunClusterCommandOptions = {}): Promise<ClusterCommandResult> {
  const id = parseArmId(clusterId);
  if (!id) throw new TypeError(`not an AKS cluster id: ${clusterId}`);
  // The token goes only into the request body to ARM; it is never logged or kept.
  const clusterToken = options.clusterToken ? (await azure.credential.getToken(`${AKS_SERVER_APP_ID}/.default`, { abortSignal: options.abortSignal }))?.token : undefined;
  if (options.clusterToken && !clusterToken) throw new Error(`no Entra token for the AKS server app ${AKS_SERVER_APP_ID}`);
  const result = await azure
    .containerService(id.subscriptionId)
    .managedClusters.runCommand(id.resourceGroup, id.name, { command, ...(clusterToken ? { clusterToken } : {}) }, { abortSignal: options.abortSignal, updateIntervalInMs: options.pollIntervalMs });
  return {
    commandId: result.id,
    provisioningState: (result.provisioningState ?? 'unknown').toLowerCase(),
    exitCode: result.exitCode,
    logs: result.logs ?? '',
    reason: result.reason,
  };
}
