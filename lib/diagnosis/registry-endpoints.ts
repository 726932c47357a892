import type { RegistryFacts } from './facts';

/**
 * The endpoints a pull from an ACR opens on port 443, as a network rule sees them: the login server
 * (REST API: token, manifests) and where the layers come from — the dedicated data endpoints
 * `<registry>.<region>.data.azurecr.io` when the registry has them, else the registry's storage
 * (`*.blob.core.windows.net`)
 * (https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules#about-registry-endpoints).
 * `tags` are service tags certain to hold the endpoint's public addresses (AzureCloud is every Azure
 * public range; AzureContainerRegistry the registry service's); `maybeTags` those ARM cannot settle
 * (https://learn.microsoft.com/azure/virtual-network/service-tags-overview#available-service-tags).
 */
export interface RegistryEndpoint {
  host: string;
  role: 'login server' | 'data endpoint' | 'storage';
  region: string;
  tags: string[];
  maybeTags: string[];
}

const regional = (tag: string, region: string): string[] => [tag, `${tag}.${region}`];

/**
 * `clientRegion`: where the nodes are. A geo-replicated registry answers on its login server from the
 * replica closest to the client — the one in the client's own region when there is one
 * (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication); the
 * replica regions are those of the data endpoints. With several replicas and none in the client's
 * region, the login server's region is one of theirs (the regional tags are `maybe`). Without
 * `clientRegion`, or without replica names, the home region.
 */
export function registryEndpoints(registry: Pick<RegistryFacts, 'loginServer' | 'location' | 'dataEndpointEnabled' | 'dataEndpointHostNames'>, clientRegion?: string): RegistryEndpoint[] {
  const home = registry.location.toLowerCase();
  const replicas = registry.dataEndpointEnabled ? registry.dataEndpointHostNames.map((h) => h.split('.')[1]?.toLowerCase() ?? home) : [];
  const client = clientRegion?.toLowerCase();
  const serving = !client || replicas.length <= 1 ? home : replicas.includes(client) ? client : undefined;
  const login: RegistryEndpoint = {
    host: registry.loginServer,
    role: 'login server',
    region: serving ?? home,
    tags: serving ? [...regional('AzureContainerRegistry', serving), ...regional('AzureCloud', serving)] : ['AzureContainerRegistry', 'AzureCloud'],
    maybeTags: serving ? [] : replicas.flatMap((r) => [`AzureContainerRegistry.${r}`, `AzureCloud.${r}`]),
  };
  if (registry.dataEndpointEnabled && registry.dataEndpointHostNames.length > 0) {
    return [
      login,
      ...registry.dataEndpointHostNames.map((host) => {
        // `<registry>.<region>.data.azurecr.io`: each replica's data endpoint is in its own region.
        const region = host.split('.')[1]?.toLowerCase() ?? home;
        return { host, role: 'data endpoint' as const, region, tags: regional('AzureCloud', region), maybeTags: [...regional('AzureContainerRegistry', region), ...regional('Storage', region)] };
      }),
    ];
  }
  return [login, { host: '*.blob.core.windows.net', role: 'storage', region: home, tags: [...regional('Storage', home), ...regional('AzureCloud', home)], maybeTags: [] }];
}
