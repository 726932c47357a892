import type { ManagedCluster } from '@azure/arm-containerservice';
import { parseArmId, vnetIdOfSubnet } from '../../azure/arm-id';
import type { Evidence } from '../../model';
import { getManagedCluster, getNatGateway, getPublicIp, getVirtualNetwork, listVirtualNetworks } from '../azure-lookups';
import type { Check, CheckContext, CheckOutcome } from '../check';
import type { ClusterFacts, NodePoolFacts } from '../facts';
import { sh } from '../fix-commands';
import { describeFailure } from '../describe-failure';
import { kubeletIdentityProblem } from '../kubelet-identity';
import { DOCS } from './docs';

/** The AKS cluster: who pulls (kubelet identity or service principal), node pools, VNets, egress IPs. */
export const clusterCheck: Check = {
  id: 'cluster',
  title: 'cluster',
  needs: [],
  provides: ['cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const clusterId = ctx.failure.cluster;
    const id = parseArmId(clusterId);
    if (!clusterId || !id) {
      return { finding: { status: 'skipped', summary: 'no AKS cluster given', evidence: [], fixes: [] } };
    }
    const mc = await getManagedCluster(ctx, clusterId);
    const nodePools = (mc.agentPoolProfiles ?? []).map(toNodePool);
    // Egress IPs and the VNets' DNS settings are independent reads: one round trip, not two.
    const [egress, { vnetIds, vnets }] = await Promise.all([
      egressOf(ctx, mc, nodePools),
      clusterVnets(ctx, mc, nodePools).then(async (ids) => ({ vnetIds: ids, vnets: await Promise.all(ids.map((v) => getVirtualNetwork(ctx, v))) })),
    ]);
    const customDnsServers = [...new Set(vnets.flatMap((v) => v.dhcpOptions?.dnsServers ?? []))];
    const { kubelet, servicePrincipalClientId: spClientId } = pullIdentityOf(mc);
    const servicePrincipal = !!spClientId;
    const facts: ClusterFacts = {
      id: clusterId,
      subscriptionId: id.subscriptionId,
      resourceGroup: id.resourceGroup,
      name: id.name,
      location: mc.location ?? '',
      identityModel: servicePrincipal ? 'servicePrincipal' : 'managedIdentity',
      kubelet,
      servicePrincipalClientId: spClientId,
      tenantId: mc.identity?.tenantId,
      nodeResourceGroup: mc.nodeResourceGroup,
      nodePools,
      vnetIds,
      outboundType: mc.networkProfile?.outboundType,
      egressIps: egress.ips,
      egressNote: egress.note,
      customDnsServers,
    };
    const evidence: Evidence[] = [
      {
        fact: servicePrincipal
          ? `pulls as the service principal ${spClientId}`
          : kubelet?.objectId
            ? `pulls as the kubelet identity (object id ${kubelet.objectId})`
            : 'no kubelet identity or service principal in the cluster profile',
        source: `ARM ${clusterId}`,
      },
      { fact: `node pools: ${nodePools.map((p) => `${p.name} (${p.osType}/${p.architecture}, ${p.vmSize})`).join(', ') || 'none listed'}`, source: 'agentPoolProfiles' },
      { fact: `outbound type ${facts.outboundType ?? 'loadBalancer'}; egress IPs ${facts.egressIps.join(', ') || 'unknown'}${facts.egressNote ? ` (${facts.egressNote})` : ''}`, source: 'networkProfile' },
    ];
    if (customDnsServers.length) evidence.push({ fact: `node VNet uses custom DNS servers ${customDnsServers.join(', ')}`, source: 'virtualNetwork dhcpOptions' });
    if (mc.httpProxyConfig?.httpsProxy) evidence.push({ fact: `nodes use an HTTPS proxy (${mc.httpProxyConfig.httpsProxy.replace(/\/\/[^@/]*@/, '//')})`, source: 'httpProxyConfig' });

    if (servicePrincipal) {
      return {
        finding: {
          status: 'warn',
          summary: `${id.name} pulls with a service principal (${spClientId}), whose secret may have expired`,
          evidence,
          fixes: [
            { text: 'Check when the service principal’s secrets expire.', command: `az ad app credential list --id ${sh(spClientId!)} --query "[].endDateTime" -o tsv` },
            { text: 'Move the cluster to a managed identity, so no secret can expire.', command: `az aks update --resource-group ${sh(id.resourceGroup)} --name ${sh(id.name)} --enable-managed-identity` },
          ],
          docs: DOCS.servicePrincipal,
        },
        facts: { cluster: facts },
      };
    }
    // The identity itself must still exist as the principal the cluster names (kubelet-identity.ts).
    const controlPlane = Object.keys(mc.identity?.userAssignedIdentities ?? {})[0];
    const gone = await kubeletIdentityProblem(ctx, facts, controlPlane);
    if (gone && 'unreadable' in gone) {
      // Unknown, never a pass; the cluster's facts still go to the checks that need them.
      const described = describeFailure(gone.unreadable, gone.key);
      const fixes = described.permission ? [{ text: `Let pull-doctor read it: grant its identity ${described.permission}.` }] : [];
      return { finding: { status: 'unknown', summary: described.summary, evidence, fixes, missing: { what: described.what, permission: described.permission } }, facts: { cluster: facts } };
    }
    if (gone) {
      return { finding: { status: 'fail', summary: gone.summary, evidence: [...gone.evidence, ...evidence], fixes: gone.fixes, docs: DOCS.kubeletIdentity }, facts: { cluster: facts } };
    }
    return {
      finding: { status: 'pass', summary: `Cluster ${id.name} (${facts.location}) pulls as its kubelet identity`, evidence, fixes: [] },
      facts: { cluster: facts },
    };
  },
};

/** Who the kubelet pulls as: the kubelet managed identity, or (legacy clusters) the cluster's service principal. */
export function pullIdentityOf(mc: ManagedCluster): Pick<ClusterFacts, 'kubelet' | 'servicePrincipalClientId'> {
  const k = mc.identityProfile?.kubeletidentity;
  if (k?.objectId) return { kubelet: { objectId: k.objectId, clientId: k.clientId, resourceId: k.resourceId } };
  const sp = mc.servicePrincipalProfile?.clientId;
  return { servicePrincipalClientId: sp && sp.toLowerCase() !== 'msi' ? sp : undefined };
}

/** Azure VM sizes carry lowercase feature letters after the vCPU count; `p` marks Arm64 (Ampere, Cobalt). */
export function architectureOfVmSize(vmSize: string): 'amd64' | 'arm64' {
  const m = /^Standard_[A-Z]+\d+(?:-\d+)?([a-z]*)/.exec(vmSize);
  return m && m[1].includes('p') ? 'arm64' : 'amd64';
}

function toNodePool(p: NonNullable<ManagedCluster['agentPoolProfiles']>[number]): NodePoolFacts {
  return {
    name: p.name,
    osType: p.osType === 'Windows' ? 'Windows' : 'Linux',
    // Stryker disable next-line StringLiteral: a missing size reads as amd64 whatever text stands in for it
    architecture: architectureOfVmSize(p.vmSize ?? ''),
    vmSize: p.vmSize ?? 'unknown',
    count: p.count,
    mode: p.mode,
    vnetSubnetId: p.vnetSubnetID,
    nodeLabels: p.nodeLabels,
    nodeTaints: p.nodeTaints,
    osSku: p.osSKU,
    nodeImageVersion: p.nodeImageVersion,
    ...(p.enableNodePublicIP ? { enableNodePublicIP: true, nodePublicIPPrefixId: p.nodePublicIPPrefixID } : {}),
  };
}

async function clusterVnets(ctx: CheckContext, mc: ManagedCluster, pools: NodePoolFacts[]): Promise<string[]> {
  const fromSubnets = [...new Set(pools.map((p) => vnetIdOfSubnet(p.vnetSubnetId)).filter((v): v is string => !!v))];
  if (fromSubnets.length || !mc.nodeResourceGroup) return fromSubnets;
  // No custom subnet: AKS created its VNet in the node resource group.
  const sub = parseArmId(mc.id)?.subscriptionId ?? parseArmId(ctx.failure.cluster)!.subscriptionId;
  const vnets = await listVirtualNetworks(ctx, sub, mc.nodeResourceGroup);
  return vnets.map((v) => v.id).filter((v): v is string => !!v);
}

async function egressOf(ctx: CheckContext, mc: ManagedCluster, pools: NodePoolFacts[]): Promise<{ ips: string[]; note?: string }> {
  const outbound = mc.networkProfile?.outboundType ?? 'loadBalancer';
  const ipsOf = async (ids: Array<{ id?: string }> | undefined) => {
    const found = await Promise.all((ids ?? []).filter((r) => r.id).map((r) => getPublicIp(ctx, r.id!)));
    return found.map((p) => p.ipAddress).filter((ip): ip is string => !!ip);
  };
  switch (outbound) {
    case 'loadBalancer':
      return { ips: await ipsOf(mc.networkProfile?.loadBalancerProfile?.effectiveOutboundIPs) };
    case 'managedNATGateway':
      return { ips: await ipsOf(mc.networkProfile?.natGatewayProfile?.effectiveOutboundIPs) };
    case 'userAssignedNATGateway': {
      const subnetIds = [...new Set(pools.map((p) => p.vnetSubnetId).filter((s): s is string => !!s))];
      const vnets = await Promise.all([...new Set(subnetIds.map((s) => vnetIdOfSubnet(s)!))].map((v) => getVirtualNetwork(ctx, v)));
      const natIds = new Set<string>();
      for (const v of vnets) for (const s of v.subnets ?? []) if (s.natGateway?.id && subnetIds.some((id) => id.toLowerCase() === s.id?.toLowerCase())) natIds.add(s.natGateway.id);
      const nats = await Promise.all([...natIds].map((n) => getNatGateway(ctx, n)));
      return { ips: await ipsOf(nats.flatMap((n) => n.publicIpAddresses ?? [])) };
    }
    case 'userDefinedRouting':
      return { ips: [], note: 'userDefinedRouting: egress goes through the route table’s next hop (usually Azure Firewall or an NVA) — the registry must allow that appliance’s public IP' };
    case 'none':
    case 'block':
      return { ips: [], note: `outbound type ${outbound}: nodes have no internet egress; the registry must be reached through a private endpoint` };
    default:
      return { ips: [], note: `outbound type ${outbound}` };
  }
}
