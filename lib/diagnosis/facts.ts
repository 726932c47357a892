/** Plain summaries of Azure resources, established by one check and read by others. */

export interface ArmId {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface RegistryFacts extends ArmId {
  loginServer: string;
  location: string;
  sku: string;
  provisioningState?: string;
  adminUserEnabled: boolean;
  anonymousPullEnabled: boolean;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  /** `Allow` or `Deny`; Basic/Standard registries have no firewall (always Allow). */
  defaultAction: 'Allow' | 'Deny';
  ipRules: Array<{ value: string; action?: string }>;
  /** `AzureServices` or `None`. */
  networkRuleBypassOptions?: string;
  dataEndpointEnabled: boolean;
  /** `<name>.<region>.data.azurecr.io` for the home region and every replica. */
  dataEndpointHostNames: string[];
  /** `AbacRepositoryPermissions` (ABAC) or `LegacyRegistryPermissions`. */
  roleAssignmentMode?: string;
  azureADAuthenticationAsArmPolicy?: 'enabled' | 'disabled';
  privateEndpointConnections: Array<{ id: string; privateEndpointId?: string; status?: string }>;
  tenantId?: string;
}

export interface NodePoolFacts {
  name: string;
  osType: 'Linux' | 'Windows';
  /** amd64 or arm64, from the VM size (`p` in the size name means Ampere arm64). */
  architecture: 'amd64' | 'arm64';
  vmSize: string;
  count?: number;
  mode?: string;
  vnetSubnetId?: string;
  nodeLabels?: Record<string, string>;
  nodeTaints?: string[];
  /** `Windows2022`, `Ubuntu`, …: a Windows pool's SKU fixes the Windows build its nodes run. */
  osSku?: string;
  nodeImageVersion?: string;
  /** Each node has its own public IP (instance-level), used for outbound instead of the load balancer. */
  enableNodePublicIP?: boolean;
  /** The public IP prefix those node IPs are drawn from, when one is set. */
  nodePublicIPPrefixId?: string;
}

export interface ClusterFacts extends ArmId {
  location: string;
  /** Managed identity (kubelet identity) or legacy service principal. */
  identityModel: 'managedIdentity' | 'servicePrincipal';
  kubelet?: { objectId: string; clientId?: string; resourceId?: string };
  servicePrincipalClientId?: string;
  tenantId?: string;
  nodeResourceGroup?: string;
  nodePools: NodePoolFacts[];
  /** VNets the nodes live in (from node pool subnets; the managed VNet in the node resource group otherwise). */
  vnetIds: string[];
  outboundType?: string;
  /** Public IPs the nodes egress from, when they could be established. */
  egressIps: string[];
  /** Why egress IPs are missing or uncertain (e.g. userDefinedRouting through a firewall). */
  egressNote?: string;
  /** Custom DNS servers on a node VNet; private DNS zone links are then not what resolves names. */
  customDnsServers: string[];
}

export interface PrivateEndpointFacts {
  id: string;
  name: string;
  subnetId: string;
  vnetId: string;
  connectionStatus?: string;
  /** FQDN → private IPs, from the endpoint's customDnsConfigs / NIC. */
  ipsByFqdn: Record<string, string[]>;
}

export interface ManifestFacts {
  /** The digest the reference resolved to. */
  digest: string;
  mediaType: string;
  /** `os/arch[/variant]` offered; a single-arch manifest lists its config's platform. */
  platforms: string[];
  /** Compressed size per platform (config + layers). */
  sizeBytesByPlatform: Record<string, number>;
  /** The index entries' `os.version` per platform, where they carry one (Windows images: `10.0.20348.2966`). */
  osVersionsByPlatform?: Record<string, string[]>;
}
