import { registryEndpoints } from './registry-endpoints';

// What a pull opens, as a network rule sees it: the login server, then each dedicated data endpoint
// in its own region (a replica's is in the replica's region), or the registry's storage without them.
describe('registryEndpoints', () => {
  const acr = { loginServer: 'myacr.azurecr.io', location: 'WestEurope' };

  it('the login server and the storage path without dedicated data endpoints', () => {
    expect(registryEndpoints({ ...acr, dataEndpointEnabled: false, dataEndpointHostNames: ['ignored.westeurope.data.azurecr.io'] })).toEqual([
      { host: 'myacr.azurecr.io', role: 'login server', region: 'westeurope', tags: ['AzureContainerRegistry', 'AzureContainerRegistry.westeurope', 'AzureCloud', 'AzureCloud.westeurope'], maybeTags: [] },
      { host: '*.blob.core.windows.net', role: 'storage', region: 'westeurope', tags: ['Storage', 'Storage.westeurope', 'AzureCloud', 'AzureCloud.westeurope'], maybeTags: [] },
    ]);
  });

  it("each dedicated data endpoint in its own region, a replica's included", () => {
    const [, home, replica] = registryEndpoints({ ...acr, dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io', 'myacr.eastus.data.azurecr.io'] });
    expect(home).toEqual({ host: 'myacr.westeurope.data.azurecr.io', role: 'data endpoint', region: 'westeurope', tags: ['AzureCloud', 'AzureCloud.westeurope'], maybeTags: ['AzureContainerRegistry', 'AzureContainerRegistry.westeurope', 'Storage', 'Storage.westeurope'] });
    expect(replica).toMatchObject({ host: 'myacr.eastus.data.azurecr.io', region: 'eastus', tags: ['AzureCloud', 'AzureCloud.eastus'] });
  });

  it('enabled data endpoints with no host names fall back to storage', () => {
    expect(registryEndpoints({ ...acr, dataEndpointEnabled: true, dataEndpointHostNames: [] }).map((e) => e.role)).toEqual(['login server', 'storage']);
  });

  it("reads a data endpoint's region from its name in any case, and keeps the registry's when the name has none", () => {
    const [, upper, bare] = registryEndpoints({ ...acr, dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.EastUS.data.azurecr.io', 'myacr'] });
    expect(upper).toMatchObject({ region: 'eastus', tags: ['AzureCloud', 'AzureCloud.eastus'], maybeTags: ['AzureContainerRegistry', 'AzureContainerRegistry.eastus', 'Storage', 'Storage.eastus'] });
    expect(bare).toMatchObject({ host: 'myacr', region: 'westeurope' });
  });
});

// The login server is answered from the replica closest to the nodes: the one in their region when there is one
// (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication).
describe('registryEndpoints: the login server of a geo-replicated registry', () => {
  const acr = { loginServer: 'wwiplatformacr.azurecr.io', location: 'norwayeast', dataEndpointEnabled: true };
  const hosts = ['wwiplatformacr.norwayeast.data.azurecr.io', 'wwiplatformacr.swedencentral.data.azurecr.io'];

  it("is in the nodes' region when a replica is there", () => {
    const [login] = registryEndpoints({ ...acr, dataEndpointHostNames: hosts }, 'SwedenCentral');
    expect(login).toMatchObject({ region: 'swedencentral', tags: ['AzureContainerRegistry', 'AzureContainerRegistry.swedencentral', 'AzureCloud', 'AzureCloud.swedencentral'], maybeTags: [] });
  });

  it('is one of the replicas, not certainly the home region, when none is in the nodes\' region', () => {
    const [login] = registryEndpoints({ ...acr, dataEndpointHostNames: hosts }, 'westeurope');
    expect(login).toMatchObject({ region: 'norwayeast', tags: ['AzureContainerRegistry', 'AzureCloud'], maybeTags: ['AzureContainerRegistry.norwayeast', 'AzureCloud.norwayeast', 'AzureContainerRegistry.swedencentral', 'AzureCloud.swedencentral'] });
  });

  it('is the home region with one replica, or without the nodes\' region', () => {
    expect(registryEndpoints({ ...acr, dataEndpointHostNames: hosts.slice(0, 1) }, 'westeurope')[0]!.tags).toContain('AzureContainerRegistry.norwayeast');
    expect(registryEndpoints({ ...acr, dataEndpointHostNames: hosts })[0]!.tags).toContain('AzureContainerRegistry.norwayeast');
  });
});
