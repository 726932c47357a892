import type { DenyAssignment, RoleAssignment, RoleDefinition } from '@azure/arm-authorization';
import type { Registry, Replication } from '@azure/arm-containerregistry';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { Identity } from '@azure/arm-msi';
import type { NatGateway, PrivateEndpoint, PublicIPAddress, PublicIPPrefix, Subnet, VirtualNetwork } from '@azure/arm-network';
import type { PrivateZone, RecordSet, VirtualNetworkLink } from '@azure/arm-privatedns';
import { parseArmId, vnetIdOfSubnet, type ParsedArmId } from '../azure/arm-id';
import type { CheckContext } from './check';

/**
 * Every Azure read the checks make, each behind a cache key. Keys start with the HTTP verb and the
 * resource id or scope, so an `unknown` finding can name what could not be read (see
 * describe-failure.ts). Lists are collected into arrays (the SDKs page through nextLink).
 */

type Ctx = Pick<CheckContext, 'azure' | 'lookups'>;

/** A paged SDK list collected into an array. */
export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

/** A resource id the reads need parsed; a malformed one is a bug upstream (ids come from ARM). */
export function must(id: string): ParsedArmId {
  const parsed = parseArmId(id);
  if (!parsed) throw new Error(`not a resource id: ${id}`);
  return parsed;
}

export function listSubscriptionIds(ctx: Ctx, configured: readonly string[]): Promise<string[]> {
  if (configured.length > 0) return Promise.resolve([...configured]);
  return ctx.lookups.get('LIST /subscriptions', async (abortSignal) => {
    const subs = await collect(ctx.azure.subscriptions().subscriptions.list({ abortSignal }));
    return subs.map((s) => s.subscriptionId).filter((s): s is string => !!s);
  });
}

/** The lookup key of a subscription's registry list (also what a refusal of it names). */
export const registriesKey = (subscriptionId: string): string => `LIST /subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries`;

export function listRegistries(ctx: Ctx, subscriptionId: string): Promise<Registry[]> {
  return ctx.lookups.get(registriesKey(subscriptionId), (abortSignal) =>
    collect(ctx.azure.containerRegistry(subscriptionId).registries.list({ abortSignal })),
  );
}

export function listReplications(ctx: Ctx, registryId: string): Promise<Replication[]> {
  const r = must(registryId);
  return ctx.lookups.get(`LIST ${registryId}/replications`, (abortSignal) =>
    collect(ctx.azure.containerRegistry(r.subscriptionId).replications.list(r.resourceGroup, r.name, { abortSignal })),
  );
}

export function getManagedCluster(ctx: Ctx, clusterId: string): Promise<ManagedCluster> {
  const c = must(clusterId);
  return ctx.lookups.get(`GET ${clusterId}`, (abortSignal) =>
    ctx.azure.containerService(c.subscriptionId).managedClusters.get(c.resourceGroup, c.name, { abortSignal }),
  );
}

export function getVirtualNetwork(ctx: Ctx, vnetId: string): Promise<VirtualNetwork> {
  const v = must(vnetId);
  return ctx.lookups.get(`GET ${vnetId}`, (abortSignal) =>
    ctx.azure.network(v.subscriptionId).virtualNetworks.get(v.resourceGroup, v.name, { abortSignal }),
  );
}

/** A subnet as its virtual network lists it (one read of the VNet serves all its subnets); undefined when not there. */
export async function getSubnet(ctx: Ctx, subnetId: string): Promise<Subnet | undefined> {
  const vnetId = vnetIdOfSubnet(subnetId);
  if (!vnetId) return undefined;
  const vnet = await getVirtualNetwork(ctx, vnetId);
  return vnet.subnets?.find((s) => s.id?.toLowerCase() === subnetId.toLowerCase());
}

export function listVirtualNetworks(ctx: Ctx, subscriptionId: string, resourceGroup: string): Promise<VirtualNetwork[]> {
  return ctx.lookups.get(`LIST /subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks`, (abortSignal) =>
    collect(ctx.azure.network(subscriptionId).virtualNetworks.list(resourceGroup, { abortSignal })),
  );
}

export function getPublicIp(ctx: Ctx, id: string): Promise<PublicIPAddress> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) =>
    ctx.azure.network(p.subscriptionId).publicIPAddresses.get(p.resourceGroup, p.name, { abortSignal }),
  );
}

export function getPublicIpPrefix(ctx: Ctx, id: string): Promise<PublicIPPrefix> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) =>
    ctx.azure.network(p.subscriptionId).publicIPPrefixes.get(p.resourceGroup, p.name, { abortSignal }),
  );
}

export function getUserAssignedIdentity(ctx: Ctx, id: string): Promise<Identity> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) =>
    ctx.azure.managedIdentity(p.subscriptionId).userAssignedIdentities.get(p.resourceGroup, p.name, { abortSignal }),
  );
}

/** The lookup key of a subscription's user-assigned identity list. */
export const identitiesKey = (subscriptionId: string): string => `LIST /subscriptions/${subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;

export function listUserAssignedIdentities(ctx: Ctx, subscriptionId: string): Promise<Identity[]> {
  return ctx.lookups.get(identitiesKey(subscriptionId), (abortSignal) =>
    collect(ctx.azure.managedIdentity(subscriptionId).userAssignedIdentities.listBySubscription({ abortSignal })),
  );
}

export function getNatGateway(ctx: Ctx, id: string): Promise<NatGateway> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) =>
    ctx.azure.network(p.subscriptionId).natGateways.get(p.resourceGroup, p.name, { abortSignal }),
  );
}

export function getPrivateEndpoint(ctx: Ctx, id: string): Promise<PrivateEndpoint> {
  const p = must(id);
  return ctx.lookups.get(`GET ${id}`, (abortSignal) =>
    ctx.azure.network(p.subscriptionId).privateEndpoints.get(p.resourceGroup, p.name, { abortSignal }),
  );
}

/** The lookup key of a subscription's private endpoint list. */
export const privateEndpointsKey = (subscriptionId: string): string => `LIST /subscriptions/${subscriptionId}/providers/Microsoft.Network/privateEndpoints`;

export function listPrivateEndpoints(ctx: Ctx, subscriptionId: string): Promise<PrivateEndpoint[]> {
  return ctx.lookups.get(privateEndpointsKey(subscriptionId), (abortSignal) =>
    collect(ctx.azure.network(subscriptionId).privateEndpoints.listBySubscription({ abortSignal })),
  );
}

/** The lookup key of a subscription's private DNS zone list. */
export const privateZonesKey = (subscriptionId: string): string => `LIST /subscriptions/${subscriptionId}/providers/Microsoft.Network/privateDnsZones`;

export function listPrivateZones(ctx: Ctx, subscriptionId: string): Promise<PrivateZone[]> {
  return ctx.lookups.get(privateZonesKey(subscriptionId), (abortSignal) =>
    collect(ctx.azure.privateDns(subscriptionId).privateZones.list({ abortSignal })),
  );
}

export function listZoneLinks(ctx: Ctx, zoneId: string): Promise<VirtualNetworkLink[]> {
  const z = must(zoneId);
  return ctx.lookups.get(`LIST ${zoneId}/virtualNetworkLinks`, (abortSignal) =>
    collect(ctx.azure.privateDns(z.subscriptionId).virtualNetworkLinks.list(z.resourceGroup, z.name, { abortSignal })),
  );
}

export function listARecords(ctx: Ctx, zoneId: string): Promise<RecordSet[]> {
  const z = must(zoneId);
  return ctx.lookups.get(`LIST ${zoneId}/A`, (abortSignal) =>
    collect(ctx.azure.privateDns(z.subscriptionId).recordSets.listByType(z.resourceGroup, z.name, 'A', { abortSignal })),
  );
}

/** Role assignments of one principal that ARM returns for a scope (at, above and below it). */
export function listRoleAssignmentsFor(ctx: Ctx, scope: string, principalId: string): Promise<RoleAssignment[]> {
  // A subscription is a scope too (the assignments of a principal anywhere in it).
  const sub = /^\/subscriptions\/([^/]+)$/i.exec(scope)?.[1] ?? must(scope).subscriptionId;
  return ctx.lookups.get(`LIST ${scope}/providers/Microsoft.Authorization/roleAssignments?principalId=${principalId}`, (abortSignal) =>
    collect(ctx.azure.authorization(sub).roleAssignments.listForScope(scope, { filter: `principalId eq '${principalId}'`, abortSignal })),
  );
}

/** All role assignments that ARM returns for a scope (any principal). */
export function listRoleAssignmentsAt(ctx: Ctx, scope: string): Promise<RoleAssignment[]> {
  const sub = must(scope).subscriptionId;
  return ctx.lookups.get(`LIST ${scope}/providers/Microsoft.Authorization/roleAssignments`, (abortSignal) =>
    collect(ctx.azure.authorization(sub).roleAssignments.listForScope(scope, { abortSignal })),
  );
}

export function getRoleDefinition(ctx: Ctx, roleDefinitionId: string, subscriptionId: string): Promise<RoleDefinition> {
  return ctx.lookups.get(`GET ${roleDefinitionId}`, (abortSignal) =>
    ctx.azure.authorization(subscriptionId).roleDefinitions.getById(roleDefinitionId, { abortSignal }),
  );
}

/** Deny assignments at a scope and above it (`atScope()`): those that can apply to the scope. */
export function listDenyAssignmentsAt(ctx: Ctx, scope: string): Promise<DenyAssignment[]> {
  const sub = must(scope).subscriptionId;
  return ctx.lookups.get(`LIST ${scope}/providers/Microsoft.Authorization/denyAssignments`, (abortSignal) =>
    collect(ctx.azure.authorization(sub).denyAssignments.listForScope(scope, { filter: 'atScope()', abortSignal })),
  );
}
