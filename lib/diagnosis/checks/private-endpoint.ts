import { parseArmId, sameId } from '../../azure/arm-id';
import type { Evidence } from '../../model';
import { getPrivateEndpoint, getVirtualNetwork } from '../azure-lookups';
import type { Check, CheckOutcome } from '../check';
import type { ClusterFacts, PrivateEndpointFacts, RegistryFacts } from '../facts';
import { sh, subscriptionArg } from '../fix-commands';
import { orphanEndpoints, toPrivateEndpointFacts } from '../orphan-endpoints';
import { DOCS } from './docs';

export { toPrivateEndpointFacts };

/** An approved private endpoint the nodes can reach: in the cluster VNet or a VNet peered with it (Connected). */
export const privateEndpointCheck: Check = {
  id: 'private-endpoint',
  title: 'private endpoint',
  needs: ['registry', 'cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const connections = registry.privateEndpointConnections.filter((c) => c.privateEndpointId);
    if (connections.length === 0) {
      // An endpoint the registry's owner cut off is no longer listed by the registry, but still in use;
      // looked for when it is the only way in (public access disabled), so public registries cost no reads.
      const orphans = registry.publicNetworkAccess === 'Disabled' ? await orphanEndpoints(ctx, registry, cluster).catch(() => []) : [];
      if (orphans.length > 0) return orphaned(registry, cluster, orphans);
      return {
        finding: { status: 'skipped', summary: `${registry.name} has no private endpoint`, evidence: [], fixes: [] },
      };
    }
    const endpoints = await Promise.all(connections.map((c) => getPrivateEndpoint(ctx, c.privateEndpointId!)));
    const clusterVnets = await Promise.all(cluster.vnetIds.map((v) => getVirtualNetwork(ctx, v)));
    const facts = endpoints.map((pe, i) => toPrivateEndpointFacts(pe, connections[i].status));
    const evidence: Evidence[] = facts.map((pe) => ({
      fact: `${pe.name} in ${parseArmId(pe.vnetId)?.name ?? pe.vnetId}, connection ${pe.connectionStatus ?? 'unknown'}, IPs ${Object.entries(pe.ipsByFqdn).map(([f, ips]) => `${f}=${ips.join('/')}`).join(', ')}`,
      source: `ARM ${pe.id}`,
    }));

    const approved = facts.filter((pe) => pe.connectionStatus === 'Approved');
    if (approved.length === 0) {
      const pending = facts[0];
      return {
        finding: {
          status: 'fail',
          summary: `${registry.name}'s private endpoint connection is ${pending.connectionStatus ?? 'not approved'}`,
          evidence,
          fixes: [
            {
              text: `Approve the private endpoint connection on ${registry.name} (someone with rights on the registry must do it).`,
              command: `az acr private-endpoint-connection approve --registry-name ${sh(registry.name)} --name ${sh(connections[0].id.split('/').pop()!)} --description 'Approved for AKS pulls'${subscriptionArg(registry.subscriptionId, cluster.subscriptionId)}`,
            },
          ],
          docs: DOCS.privateLink,
        },
      };
    }

    // Reachable when the endpoint is in a cluster VNet, or a cluster VNet peers with its VNet and the peering is Connected.
    const reach = approved.map((pe) => {
      if (cluster.vnetIds.some((v) => sameId(v, pe.vnetId))) return { pe, how: 'same VNet' as const };
      for (const [i, vnet] of clusterVnets.entries()) {
        const peering = vnet.virtualNetworkPeerings?.find((p) => sameId(p.remoteVirtualNetwork?.id, pe.vnetId));
        if (peering) return { pe, how: peering.peeringState === 'Connected' ? ('peered' as const) : ('peering-broken' as const), peering, vnetId: cluster.vnetIds[i] };
      }
      return { pe, how: 'unreachable' as const };
    });
    for (const r of reach) {
      evidence.push({
        fact: `${r.pe.name}: ${r.how === 'same VNet' ? 'in the cluster VNet' : r.how === 'peered' ? 'in a peered VNet (Connected)' : r.how === 'peering-broken' ? `peering ${r.peering.name} is ${r.peering.peeringState}` : 'no peering between the cluster VNet and the endpoint VNet'}`,
        source: 'ARM virtualNetworkPeerings',
      });
    }
    if (reach.some((r) => r.how === 'same VNet' || r.how === 'peered')) {
      return {
        finding: { status: 'pass', summary: `The nodes can reach ${registry.name}'s private endpoint`, evidence, fixes: [] },
      };
    }
    const broken = reach.find((r) => r.how === 'peering-broken');
    // A broken peering is re-created on the cluster VNet that holds it, towards its endpoint's VNet
    // (with several cluster VNets or endpoints, not necessarily the first of each).
    const clusterVnet = parseArmId(broken?.vnetId ?? cluster.vnetIds[0]);
    const peVnet = parseArmId((broken ?? reach[0]).pe.vnetId);
    const fixes =
      broken && clusterVnet && peVnet
        ? [
            {
              text: `The peering ${broken.peering!.name} is ${broken.peering!.peeringState}: the other side was removed. Re-create it on both VNets.`,
              command: [
                `az network vnet peering delete --resource-group ${sh(clusterVnet.resourceGroup)} --vnet-name ${sh(clusterVnet.name)} --name ${sh(broken.peering!.name!)}${subscriptionArg(clusterVnet.subscriptionId, cluster.subscriptionId)}`,
                `az network vnet peering create --resource-group ${sh(clusterVnet.resourceGroup)} --vnet-name ${sh(clusterVnet.name)} --name ${sh(broken.peering!.name!)} --remote-vnet ${sh(peVnet.id)} --allow-vnet-access${subscriptionArg(clusterVnet.subscriptionId, cluster.subscriptionId)}`,
                `az network vnet peering create --resource-group ${sh(peVnet.resourceGroup)} --vnet-name ${sh(peVnet.name)} --name ${sh(`${peVnet.name}-to-${clusterVnet.name}`)} --remote-vnet ${sh(clusterVnet.id)} --allow-vnet-access${subscriptionArg(peVnet.subscriptionId, cluster.subscriptionId)}`,
              ].join('\n'),
            },
          ]
        : clusterVnet && peVnet
          ? [
              {
                text: `Peer the cluster VNet ${clusterVnet.name} with ${peVnet.name}, where the private endpoint lives (both directions).`,
                command: [
                  `az network vnet peering create --resource-group ${sh(clusterVnet.resourceGroup)} --vnet-name ${sh(clusterVnet.name)} --name ${sh(`${clusterVnet.name}-to-${peVnet.name}`)} --remote-vnet ${sh(peVnet.id)} --allow-vnet-access${subscriptionArg(clusterVnet.subscriptionId, cluster.subscriptionId)}`,
                  `az network vnet peering create --resource-group ${sh(peVnet.resourceGroup)} --vnet-name ${sh(peVnet.name)} --name ${sh(`${peVnet.name}-to-${clusterVnet.name}`)} --remote-vnet ${sh(clusterVnet.id)} --allow-vnet-access${subscriptionArg(peVnet.subscriptionId, cluster.subscriptionId)}`,
                ].join('\n'),
              },
            ]
          : [];
    return {
      finding: {
        // If public access is still on, the pull may go that way: a warning, not the cause.
        status: registry.publicNetworkAccess === 'Disabled' ? 'fail' : 'warn',
        summary: broken
          ? `The cluster VNet's peering to ${registry.name}'s private endpoint VNet is ${broken.peering!.peeringState}`
          : `No private endpoint of ${registry.name} is reachable from the cluster VNet`,
        evidence,
        fixes,
        docs: DOCS.vnetPeering,
      },
    };
  },
};

/**
 * The registry lists no connection, yet endpoints still point at it: its owner removed (Disconnected)
 * or rejected their connections. A Disconnected endpoint cannot be connected again; it is deleted and
 * created anew (https://learn.microsoft.com/azure/private-link/manage-private-endpoint), and the zone's
 * records then take its new IPs.
 */
function orphaned(registry: RegistryFacts, cluster: ClusterFacts, orphans: PrivateEndpointFacts[]): CheckOutcome {
  const pe = orphans[0];
  const at = parseArmId(pe.id);
  const state = pe.connectionStatus ?? 'not connected';
  const sub = subscriptionArg(at?.subscriptionId ?? cluster.subscriptionId, cluster.subscriptionId);
  const evidence: Evidence[] = [
    { fact: `${registry.name} lists no private endpoint connection`, source: `ARM ${registry.id}` },
    ...orphans.map((o) => ({ fact: `${o.name} in ${parseArmId(o.vnetId)?.name ?? o.vnetId} still points at ${registry.name}, connection ${o.connectionStatus ?? 'unknown'}, IPs ${Object.entries(o.ipsByFqdn).map(([f, ips]) => `${f}=${ips.join('/')}`).join(', ')}`, source: `ARM ${o.id}` })),
  ];
  return {
    finding: {
      status: 'fail',
      summary: `${pe.name}'s connection to ${registry.name} is ${state}: the registry no longer lists it, so the nodes reach IPs that lead nowhere`,
      evidence,
      fixes: [
        {
          text: `${pe.name} cannot be connected again: delete it and create it anew for ${registry.name} in the same subnet, approve the new connection if it waits, then point the privatelink zone's records at its new IPs.`,
          command: [
            `az network private-endpoint delete --resource-group ${sh(at?.resourceGroup ?? '<resource group>')} --name ${sh(pe.name)}${sub}`,
            `az network private-endpoint create --resource-group ${sh(at?.resourceGroup ?? '<resource group>')} --name ${sh(pe.name)} --subnet ${sh(pe.subnetId)} --private-connection-resource-id ${sh(registry.id)} --group-id registry --connection-name ${sh(pe.name)}${sub}`,
          ].join('\n'),
        },
      ],
      docs: DOCS.privateLink,
    },
  };
}
