import { ROLE_IDS } from '../../lib/sandbox/builtin-roles';
import { WorldSchema, type World, type WorldInput } from '../../lib/sandbox/world-schema';

/** A small estate for the ARM sandbox tests; every list the tests page through has ≥ 3 items. */
export const S = '11111111-1111-1111-1111-111111111111';
export const S2 = '77777777-7777-7777-7777-777777777777';
export const CALLER = '44444444-4444-4444-4444-444444444444';
export const KUBELET = '22222222-2222-2222-2222-222222222222';
export const OTHER = '99999999-9999-9999-9999-999999999999';
export const MG = '/providers/Microsoft.Management/managementGroups/mg-root';

const rg = (name: string, sub = S) => `/subscriptions/${sub}/resourceGroups/${name}`;
export const CLUSTER_ID = `${rg('rg-aks')}/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
export const REGISTRY_ID = `${rg('rg-registry')}/providers/Microsoft.ContainerRegistry/registries/myacr`;
export const OTHER_REGISTRY_ID = `${rg('rg-registry')}/providers/Microsoft.ContainerRegistry/registries/otheracr`;
export const VNET_ID = `${rg('rg-aks')}/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
export const ZONE_ID = `${rg('rg-dns')}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;

const registry = (id: string, name: string, location = 'westeurope') => ({
  id,
  name,
  type: 'Microsoft.ContainerRegistry/registries',
  location,
  sku: { name: 'Premium', tier: 'Premium' },
  properties: { loginServer: `${name}.azurecr.io`, publicNetworkAccess: 'Enabled', adminUserEnabled: false, provisioningState: 'Succeeded' },
});
const replication = (location: string) => ({
  id: `${REGISTRY_ID}/replications/${location}`,
  name: location,
  type: 'Microsoft.ContainerRegistry/registries/replications',
  location,
  properties: { provisioningState: 'Succeeded', status: { displayStatus: 'Ready' }, regionEndpointEnabled: true },
});
const assignment = (scope: string, guid: string, role: string, principalId: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
  name: guid,
  type: 'Microsoft.Authorization/roleAssignments',
  properties: {
    roleDefinitionId: `/subscriptions/${S}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId,
    principalType: 'ServicePrincipal',
    scope,
  },
});
const record = (name: string, ip: string) => ({
  id: `${ZONE_ID}/A/${name}`,
  name,
  type: 'Microsoft.Network/privateDnsZones/A',
  properties: { ttl: 10, fqdn: `${name}.privatelink.azurecr.io.`, aRecords: [{ ipv4Address: ip }] },
});

/** Role assignment GUIDs, named for where they sit. */
export const RA = {
  acrPullAtRegistry: 'a0000000-0000-4000-8000-000000000001',
  readerAtRegistryRg: 'a0000000-0000-4000-8000-000000000002',
  readerAtSubscription: 'a0000000-0000-4000-8000-000000000003',
  readerAtManagementGroup: 'a0000000-0000-4000-8000-000000000004',
  acrPushAtOtherRegistry: 'a0000000-0000-4000-8000-000000000005',
  readerInOtherSubscription: 'a0000000-0000-4000-8000-000000000006',
} as const;

export const CUSTOM_ROLE_ID = 'c0000000-0000-4000-8000-00000000c0de';

export function armTestWorld(overrides: Partial<WorldInput> = {}): World {
  const input: WorldInput = {
    description: 'ARM sandbox test estate',
    caller: { principalId: CALLER, tenantId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', deniedActions: [] },
    subscriptions: [
      { subscriptionId: S, displayName: 'contoso-prod' },
      { subscriptionId: S2, displayName: 'contoso-shared' },
    ],
    resources: [
      {
        id: CLUSTER_ID,
        name: 'aks-prod',
        type: 'Microsoft.ContainerService/ManagedClusters',
        location: 'westeurope',
        identity: { type: 'SystemAssigned', principalId: '88888888-8888-8888-8888-888888888888' },
        properties: {
          provisioningState: 'Succeeded',
          kubernetesVersion: '1.32.7',
          agentPoolProfiles: [
            { name: 'system', count: 2, vmSize: 'Standard_D4s_v5', osType: 'Linux', mode: 'System' },
            { name: 'arm64pool', count: 1, vmSize: 'Standard_D4ps_v5', osType: 'Linux', mode: 'User' },
            { name: 'win', count: 1, vmSize: 'Standard_D4s_v5', osType: 'Windows', mode: 'User' },
          ],
          identityProfile: { kubeletidentity: { clientId: '33333333-3333-3333-3333-333333333333', objectId: KUBELET } },
          networkProfile: { outboundType: 'loadBalancer' },
        },
      },
      registry(REGISTRY_ID, 'myacr'),
      registry(OTHER_REGISTRY_ID, 'otheracr'),
      registry(`${rg('rg-shared')}/providers/Microsoft.ContainerRegistry/registries/sharedacr`, 'sharedacr', 'eastus'),
      registry(`${rg('rg-elsewhere', S2)}/providers/Microsoft.ContainerRegistry/registries/elsewhereacr`, 'elsewhereacr'),
      replication('westeurope'),
      replication('eastus'),
      replication('northeurope'),
      {
        id: VNET_ID,
        name: 'vnet-aks',
        type: 'Microsoft.Network/virtualNetworks',
        location: 'westeurope',
        properties: {
          addressSpace: { addressPrefixes: ['10.224.0.0/12'] },
          subnets: [{ id: `${VNET_ID}/subnets/snet-nodes`, name: 'snet-nodes', properties: { addressPrefix: '10.224.0.0/16' } }],
          virtualNetworkPeerings: [
            {
              id: `${VNET_ID}/virtualNetworkPeerings/to-hub`,
              name: 'to-hub',
              properties: { peeringState: 'Disconnected', remoteVirtualNetwork: { id: `${rg('rg-hub')}/providers/Microsoft.Network/virtualNetworks/vnet-hub` } },
            },
          ],
        },
      },
      {
        id: `${rg('rg-aks')}/providers/Microsoft.Network/privateEndpoints/pe-myacr`,
        name: 'pe-myacr',
        type: 'Microsoft.Network/privateEndpoints',
        location: 'westeurope',
        properties: { subnet: { id: `${VNET_ID}/subnets/snet-nodes` }, customDnsConfigs: [{ fqdn: 'myacr.azurecr.io', ipAddresses: ['10.224.0.7'] }] },
      },
      {
        id: `${rg('rg-aks')}/providers/Microsoft.Network/publicIPAddresses/pip-egress`,
        name: 'pip-egress',
        type: 'Microsoft.Network/publicIPAddresses',
        location: 'westeurope',
        properties: { ipAddress: '20.1.2.3', publicIPAllocationMethod: 'Static' },
      },
      {
        id: `${rg('rg-aks')}/providers/Microsoft.Network/loadBalancers/kubernetes`,
        name: 'kubernetes',
        type: 'Microsoft.Network/loadBalancers',
        location: 'westeurope',
        properties: { outboundRules: [{ name: 'aksOutboundRule', properties: { frontendIPConfigurations: [] } }] },
      },
      { id: ZONE_ID, name: 'privatelink.azurecr.io', type: 'Microsoft.Network/privateDnsZones', location: 'global', properties: {} },
      {
        id: `${rg('rg-dns')}/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`,
        name: 'privatelink.blob.core.windows.net',
        type: 'Microsoft.Network/privateDnsZones',
        location: 'global',
        properties: {},
      },
      {
        id: `${rg('rg-dns2')}/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
        name: 'privatelink.vaultcore.azure.net',
        type: 'Microsoft.Network/privateDnsZones',
        location: 'global',
        properties: {},
      },
      ...['link-aks', 'link-hub', 'link-spoke'].map((name) => ({
        id: `${ZONE_ID}/virtualNetworkLinks/${name}`,
        name,
        type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
        location: 'global',
        properties: { virtualNetwork: { id: VNET_ID }, registrationEnabled: false, virtualNetworkLinkState: 'Completed' },
      })),
      record('myacr', '10.224.0.7'),
      record('myacr.westeurope.data', '10.224.0.8'),
      record('otheracr', '10.224.0.9'),
      {
        id: `${ZONE_ID}/CNAME/alias`,
        name: 'alias',
        type: 'Microsoft.Network/privateDnsZones/CNAME',
        properties: { ttl: 10, cnameRecord: { cname: 'myacr.privatelink.azurecr.io' } },
      },
      assignment(REGISTRY_ID, RA.acrPullAtRegistry, ROLE_IDS.acrPull, KUBELET),
      assignment(rg('rg-registry'), RA.readerAtRegistryRg, ROLE_IDS.reader, CALLER),
      assignment(`/subscriptions/${S}`, RA.readerAtSubscription, ROLE_IDS.reader, OTHER),
      assignment(MG, RA.readerAtManagementGroup, ROLE_IDS.reader, CALLER),
      assignment(OTHER_REGISTRY_ID, RA.acrPushAtOtherRegistry, ROLE_IDS.acrPush, KUBELET),
      assignment(`/subscriptions/${S2}`, RA.readerInOtherSubscription, ROLE_IDS.reader, KUBELET),
    ],
    roleDefinitions: [
      {
        id: `/subscriptions/${S}/providers/Microsoft.Authorization/roleDefinitions/${CUSTOM_ROLE_ID}`,
        name: CUSTOM_ROLE_ID,
        roleName: 'Image Puller (custom)',
        actions: ['Microsoft.ContainerRegistry/registries/pull/read'],
        assignableScopes: [`/subscriptions/${S}`],
      },
    ],
    failure: { image: 'myacr.azurecr.io/app:v1', source: 'sandbox' },
    expect: { category: 'unknown' },
    ...overrides,
  };
  return WorldSchema.parse(input);
}
