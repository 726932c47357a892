/** Microsoft documentation each kind of finding links to. */
export const DOCS = {
  cannotPullFromAcr: 'https://learn.microsoft.com/troubleshoot/azure/azure-kubernetes/connectivity/cannot-pull-image-from-acr-to-aks-cluster',
  attachAcr: 'https://learn.microsoft.com/azure/aks/cluster-container-registry-integration',
  abac: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions',
  firewall: 'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks',
  privateLink: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link',
  privateEndpointDns: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
  geoReplication: 'https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication',
  artifactStreaming: 'https://learn.microsoft.com/azure/container-registry/container-registry-artifact-streaming',
  multiArch: 'https://learn.microsoft.com/azure/container-registry/push-multi-architecture-images',
  importImage: 'https://learn.microsoft.com/azure/container-registry/container-registry-import-images',
  dockerHubLimits: 'https://docs.docker.com/docker-hub/usage/',
  imageNames: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  servicePrincipal: 'https://learn.microsoft.com/azure/aks/update-credentials',
  vnetPeering: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering',
  nodeSelector: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector',
} as const;
