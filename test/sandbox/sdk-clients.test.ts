import { RestError } from '@azure/core-rest-pipeline';
import type { AzureClients } from '../../lib/azure/clients';
import { createAzureClients } from '../../lib/azure/create-azure-clients';
import { startArmServer, type ArmServer } from '../../lib/sandbox/arm-server';
import { ROLE_IDS } from '../../lib/sandbox/builtin-roles';
import { sandboxCredential } from '../../lib/sandbox/start-sandbox';
import { armTestWorld, CALLER, CLUSTER_ID, CUSTOM_ROLE_ID, KUBELET, MG, RA, REGISTRY_ID, S, S2, VNET_ID, ZONE_ID } from './arm-test-world';

// Each official SDK client the engine uses, reading the test world over HTTPS from the sandbox ARM
// server with page size 2, so every list of 3+ items proves the client followed nextLink.

async function all<T>(iter: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iter) out.push(item);
  return out;
}

function names(items: { name?: string }[]): string[] {
  return items.map((i) => i.name ?? '').sort();
}

let arm: ArmServer;
let azure: AzureClients;

beforeAll(async () => {
  arm = await startArmServer(armTestWorld(), { pageSize: 2 });
  azure = createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: arm.url, tlsCa: arm.ca });
});
afterAll(() => arm.stop());

describe('SubscriptionClient', () => {
  it('lists the world subscriptions', async () => {
    const subs = await all(azure.subscriptions().subscriptions.list());
    expect(subs.map((s) => s.subscriptionId).sort()).toEqual([S, S2].sort());
    expect(subs.find((s) => s.subscriptionId === S)?.displayName).toBe('contoso-prod');
  });
});

describe('ContainerServiceClient', () => {
  it('gets a managed cluster with its kubelet identity and pools', async () => {
    const cluster = await azure.containerService(S).managedClusters.get('rg-aks', 'aks-prod');
    expect(cluster.id).toBe(CLUSTER_ID);
    expect(cluster.identityProfile?.['kubeletidentity']?.objectId).toBe(KUBELET);
    expect(cluster.agentPoolProfiles?.map((p) => p.name)).toEqual(['system', 'arm64pool', 'win']);
  });

  it('lists agent pools derived from agentPoolProfiles, across pages', async () => {
    const pools = await all(azure.containerService(S).agentPools.list('rg-aks', 'aks-prod'));
    expect(names(pools)).toEqual(['arm64pool', 'system', 'win']);
    expect(pools.find((p) => p.name === 'win')?.osType).toBe('Windows');
    expect(arm.requestLog.matching(/agentPools\?.*skiptoken=2/i).length).toBe(1);
  });

  it('raises RestError 404 ResourceNotFound for a missing cluster', async () => {
    const err = await azure.containerService(S).managedClusters.get('rg-aks', 'nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestError);
    expect((err as RestError).statusCode).toBe(404);
    expect((err as RestError).code).toBe('ResourceNotFound');
    expect((err as RestError).message).toContain(
      "The Resource 'Microsoft.ContainerService/managedClusters/nope' under resource group 'rg-aks' was not found.",
    );
  });

  it('raises 404 ResourceGroupNotFound for a group with no resources', async () => {
    const err = await azure.containerService(S).managedClusters.get('rg-none', 'aks').catch((e: unknown) => e);
    expect((err as RestError).statusCode).toBe(404);
    expect((err as RestError).code).toBe('ResourceGroupNotFound');
  });
});

describe('ContainerRegistryManagementClient', () => {
  it('lists registries by subscription across pages, only that subscription', async () => {
    const before = arm.requestLog.matching(/registries/i).length;
    const regs = await all(azure.containerRegistry(S).registries.list());
    expect(names(regs)).toEqual(['myacr', 'otheracr', 'sharedacr']);
    expect(arm.requestLog.matching(/registries/i).length - before).toBe(2);
  });

  it('gets a registry with its login server', async () => {
    const reg = await azure.containerRegistry(S).registries.get('rg-registry', 'MYACR');
    expect(reg.id).toBe(REGISTRY_ID);
    expect(reg.loginServer).toBe('myacr.azurecr.io');
  });

  it('lists replications across pages', async () => {
    const reps = await all(azure.containerRegistry(S).replications.list('rg-registry', 'myacr'));
    expect(names(reps)).toEqual(['eastus', 'northeurope', 'westeurope']);
  });

  it('404s the replication list of a missing registry', async () => {
    const err = await all(azure.containerRegistry(S).replications.list('rg-registry', 'ghost')).catch((e: unknown) => e);
    expect((err as RestError).statusCode).toBe(404);
    expect((err as RestError).code).toBe('ResourceNotFound');
  });
});

describe('AuthorizationManagementClient', () => {
  const guids = (items: { name?: string }[]) => items.map((i) => i.name).sort();

  it('atScope() at the registry returns assignments at and above it (RG, subscription, management group)', async () => {
    const found = await all(azure.authorization(S).roleAssignments.listForScope(REGISTRY_ID, { filter: 'atScope()' }));
    expect(guids(found)).toEqual(
      [RA.acrPullAtRegistry, RA.readerAtRegistryRg, RA.readerAtSubscription, RA.readerAtManagementGroup].sort(),
    );
  });

  it('without atScope() includes assignments below the scope too', async () => {
    const found = await all(azure.authorization(S).roleAssignments.listForScope(`/subscriptions/${S}/resourceGroups/rg-registry`));
    expect(guids(found)).toEqual(
      [RA.acrPullAtRegistry, RA.readerAtRegistryRg, RA.readerAtSubscription, RA.readerAtManagementGroup, RA.acrPushAtOtherRegistry].sort(),
    );
  });

  it("assignedTo('…') narrows to one principal; inherited and below", async () => {
    const atRegistry = await all(
      azure.authorization(S).roleAssignments.listForScope(REGISTRY_ID, { filter: `atScope() and assignedTo('${KUBELET}')` }),
    );
    expect(guids(atRegistry)).toEqual([RA.acrPullAtRegistry]);
    const subWide = await all(azure.authorization(S).roleAssignments.listForScope(`/subscriptions/${S}`, { filter: `assignedTo('${KUBELET}')` }));
    expect(guids(subWide)).toEqual([RA.acrPullAtRegistry, RA.acrPushAtOtherRegistry].sort());
  });

  it("principalId eq '…' finds management-group inheritance", async () => {
    const found = await all(azure.authorization(S).roleAssignments.listForScope(REGISTRY_ID, { filter: `principalId eq '${CALLER}'` }));
    expect(guids(found)).toEqual([RA.readerAtRegistryRg, RA.readerAtManagementGroup].sort());
    expect(found.find((a) => a.name === RA.readerAtManagementGroup)?.scope).toBe(MG);
  });

  it('gets a role assignment by id', async () => {
    const a = await azure.authorization(S).roleAssignments.getById(`${REGISTRY_ID}/providers/Microsoft.Authorization/roleAssignments/${RA.acrPullAtRegistry}`);
    expect(a.principalId).toBe(KUBELET);
    expect(a.roleDefinitionId).toContain(ROLE_IDS.acrPull);
  });

  it('gets built-in and custom role definitions with their permissions', async () => {
    const acrPull = await azure.authorization(S).roleDefinitions.get(`/subscriptions/${S}`, ROLE_IDS.acrPull);
    expect(acrPull.roleName).toBe('AcrPull');
    expect(acrPull.roleType).toBe('BuiltInRole');
    expect(acrPull.permissions?.[0]?.actions).toEqual(['Microsoft.ContainerRegistry/registries/pull/read']);
    expect(acrPull.id).toBe(`/subscriptions/${S}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.acrPull}`);
    const reader = await azure.authorization(S).roleDefinitions.getById(`/subscriptions/${S}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.repositoryReader}`);
    expect(reader.roleName).toBe('Container Registry Repository Reader');
    expect(reader.permissions?.[0]?.dataActions).toContain('Microsoft.ContainerRegistry/registries/repositories/content/read');
    const custom = await azure.authorization(S).roleDefinitions.get(REGISTRY_ID, CUSTOM_ROLE_ID);
    expect(custom.roleType).toBe('CustomRole');
    expect(custom.permissions?.[0]?.actions).toEqual(['Microsoft.ContainerRegistry/registries/pull/read']);
  });

  it("lists role definitions by roleName eq '…'", async () => {
    const found = await all(azure.authorization(S).roleDefinitions.list(`/subscriptions/${S}`, { filter: "roleName eq 'AcrPush'" }));
    expect(found.map((r) => r.name)).toEqual([ROLE_IDS.acrPush]);
  });

  it('404s an unknown role definition with RoleDefinitionDoesNotExist', async () => {
    const err = await azure.authorization(S).roleDefinitions.get(`/subscriptions/${S}`, '00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestError);
    expect((err as RestError).statusCode).toBe(404);
    expect((err as RestError).code).toBe('RoleDefinitionDoesNotExist');
  });
});

describe('NetworkManagementClient', () => {
  it('gets a virtual network with its peerings inside properties', async () => {
    const vnet = await azure.network(S).virtualNetworks.get('rg-aks', 'vnet-aks');
    expect(vnet.id).toBe(VNET_ID);
    expect(vnet.virtualNetworkPeerings?.[0]?.peeringState).toBe('Disconnected');
  });

  it('lists virtual networks by resource group', async () => {
    const vnets = await all(azure.network(S).virtualNetworks.list('rg-aks'));
    expect(vnets.map((v) => v.id)).toEqual([VNET_ID]);
  });

  it('serves a peering embedded in the VNet as its own resource too', async () => {
    const peering = await azure.network(S).virtualNetworkPeerings.get('rg-aks', 'vnet-aks', 'to-hub');
    expect(peering.peeringState).toBe('Disconnected');
  });

  it('gets private endpoints, public IPs and load balancers', async () => {
    const pe = await azure.network(S).privateEndpoints.get('rg-aks', 'pe-myacr');
    expect(pe.customDnsConfigs?.[0]?.ipAddresses).toEqual(['10.224.0.7']);
    const pip = await azure.network(S).publicIPAddresses.get('rg-aks', 'pip-egress');
    expect(pip.ipAddress).toBe('20.1.2.3');
    const lb = await azure.network(S).loadBalancers.get('rg-aks', 'kubernetes');
    expect(lb.outboundRules?.[0]?.name).toBe('aksOutboundRule');
  });
});

describe('PrivateDnsManagementClient', () => {
  it('lists private zones by subscription across pages', async () => {
    const zones = await all(azure.privateDns(S).privateZones.list());
    expect(names(zones)).toEqual(['privatelink.azurecr.io', 'privatelink.blob.core.windows.net', 'privatelink.vaultcore.azure.net']);
  });

  it('lists virtual network links across pages', async () => {
    const links = await all(azure.privateDns(S).virtualNetworkLinks.list('rg-dns', 'privatelink.azurecr.io'));
    expect(names(links)).toEqual(['link-aks', 'link-hub', 'link-spoke']);
    expect(links[0]?.virtualNetwork?.id).toBe(VNET_ID);
  });

  it('lists A record sets by type (not the CNAME) and gets one', async () => {
    const records = await all(azure.privateDns(S).recordSets.listByType('rg-dns', 'privatelink.azurecr.io', 'A'));
    expect(names(records)).toEqual(['myacr', 'myacr.westeurope.data', 'otheracr']);
    const one = await azure.privateDns(S).recordSets.get('rg-dns', 'privatelink.azurecr.io', 'A', 'myacr.westeurope.data');
    expect(one.aRecords?.[0]?.ipv4Address).toBe('10.224.0.8');
    const every = await all(azure.privateDns(S).recordSets.list('rg-dns', 'privatelink.azurecr.io'));
    expect(names(every)).toEqual(['alias', 'myacr', 'myacr.westeurope.data', 'otheracr']);
    expect(ZONE_ID).toContain('privateDnsZones');
  });
});

describe('denied actions', () => {
  it('gives RestError 403 AuthorizationFailed with ARM\'s message for a denied action', async () => {
    const denied = await startArmServer(armTestWorld({ caller: { principalId: CALLER, deniedActions: ['Microsoft.Authorization/roleAssignments/*'] } }));
    try {
      const clients = createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: denied.url, tlsCa: denied.ca });
      const err = await all(clients.authorization(S).roleAssignments.listForScope(REGISTRY_ID)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestError);
      expect((err as RestError).statusCode).toBe(403);
      expect((err as RestError).code).toBe('AuthorizationFailed');
      expect((err as RestError).message).toBe(
        `The client '${CALLER}' with object id '${CALLER}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '${REGISTRY_ID}/providers/Microsoft.Authorization/roleAssignments' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      );
      // Other reads still work.
      const reg = await clients.containerRegistry(S).registries.get('rg-registry', 'myacr');
      expect(reg.name).toBe('myacr');
    } finally {
      await denied.stop();
    }
  });

  it('refuses an action only at and below a deniedAt scope', async () => {
    const world = armTestWorld({ caller: { principalId: CALLER, deniedAt: [{ scope: `/subscriptions/${S2}`, actions: ['Microsoft.ContainerRegistry/registries/read'] }] } });
    const denied = await startArmServer(world);
    try {
      const clients = createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: denied.url, tlsCa: denied.ca });
      const err = await all(clients.containerRegistry(S2).registries.list()).catch((e: unknown) => e);
      expect(err).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
      // The same action in another subscription, and another action in the denied one, still work.
      expect(names(await all(clients.containerRegistry(S).registries.list()))).toEqual(expect.arrayContaining(['myacr']));
      await expect(all(clients.network(S2).virtualNetworks.listAll())).resolves.toEqual(expect.any(Array));
    } finally {
      await denied.stop();
    }
  });
});
