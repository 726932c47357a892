import type { ManagedCluster } from '@azure/arm-containerservice';
import type { NatGateway, PublicIPAddress, VirtualNetwork } from '@azure/arm-network';
import { CLUSTER_ID, logicContext, SUB } from '../../../test/helpers/check-logic';
import type { ClusterFacts } from '../facts';
import { DOCS } from './docs';
import { architectureOfVmSize, clusterCheck, pullIdentityOf } from './cluster';

// The cluster check's reading of the managed cluster and what it points at (preset per lookup key;
// the sandbox worlds in cluster.test.ts cover the reads): pull identity, node pools, VNets and their
// DNS servers, egress IPs per outbound type, proxy, and the service-principal warning.
const NRG = 'MC_rg-aks_aks-prod_westeurope';
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const VNET_2 = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks2`;
const MANAGED_VNET = `/subscriptions/${SUB}/resourceGroups/${NRG}/providers/Microsoft.Network/virtualNetworks/aks-vnet-123`;
const pip = (name: string) => `/subscriptions/${SUB}/resourceGroups/${NRG}/providers/Microsoft.Network/publicIPAddresses/${name}`;
const NAT = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/nat-aks`;
const NAT_OTHER = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/nat-other`;
const KUBELET = { objectId: '11111111-1111-1111-1111-111111111111', clientId: '22222222-2222-2222-2222-222222222222', resourceId: `/subscriptions/${SUB}/resourceGroups/${NRG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool` };
const SP = '33333333-3333-3333-3333-333333333333';
const TENANT = '44444444-4444-4444-4444-444444444444';

const managedCluster = (over: Partial<ManagedCluster> = {}): ManagedCluster => ({
  id: CLUSTER_ID,
  name: 'aks-prod',
  location: 'westeurope',
  identity: { type: 'SystemAssigned', tenantId: TENANT },
  identityProfile: { kubeletidentity: KUBELET },
  servicePrincipalProfile: { clientId: 'msi' },
  nodeResourceGroup: NRG,
  agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D4s_v5', count: 3, vnetSubnetID: `${VNET}/subnets/nodes` }],
  networkProfile: { outboundType: 'loadBalancer', loadBalancerProfile: { effectiveOutboundIPs: [{ id: pip('lb-ip-1') }] } },
  ...over,
});
const vnet = (id: string, over: Partial<VirtualNetwork> = {}): VirtualNetwork => ({ id, name: id.split('/').pop(), dhcpOptions: { dnsServers: [] }, ...over });
const publicIp = (id: string, ipAddress?: string): PublicIPAddress => ({ id, ipAddress });

async function run(mc: ManagedCluster, answers: Record<string, unknown> = {}, failure: { cluster?: string } = { cluster: CLUSTER_ID }) {
  const ctx = logicContext({ failure, answers: { [`GET ${CLUSTER_ID}`]: mc, [`GET ${VNET}`]: vnet(VNET), [`GET ${pip('lb-ip-1')}`]: publicIp(pip('lb-ip-1'), '20.1.2.3'), [`GET ${KUBELET.resourceId}`]: { id: KUBELET.resourceId, principalId: KUBELET.objectId }, ...answers } });
  const outcome = await clusterCheck.run(ctx);
  return { ...outcome, asked: ctx.lookups.asked };
}
const factsOf = (over: Partial<ClusterFacts> = {}): ClusterFacts => ({
  id: CLUSTER_ID,
  subscriptionId: SUB,
  resourceGroup: 'rg-aks',
  name: 'aks-prod',
  location: 'westeurope',
  identityModel: 'managedIdentity',
  kubelet: KUBELET,
  servicePrincipalClientId: undefined,
  tenantId: TENANT,
  nodeResourceGroup: NRG,
  nodePools: [{ name: 'system', osType: 'Linux', architecture: 'amd64', vmSize: 'Standard_D4s_v5', count: 3, mode: 'System', vnetSubnetId: `${VNET}/subnets/nodes`, nodeLabels: undefined, nodeTaints: undefined }],
  vnetIds: [VNET],
  outboundType: 'loadBalancer',
  egressIps: ['20.1.2.3'],
  egressNote: undefined,
  customDnsServers: [],
  ...over,
});

describe('cluster check on facts', () => {
  it('declares what it needs (the engine schedules on it) and the title progress shows', () => {
    const { id, title, needs, provides } = clusterCheck;
    expect({ id, title, needs, provides }).toEqual({ id: 'cluster', title: 'cluster', needs: [], provides: ['cluster'] });
  });

  it.each<[string, string | undefined]>([
    ['no cluster', undefined],
    ['a cluster that is not a resource id', 'rg-aks/aks-prod'],
  ])('skips with %s, reading nothing', async (_what, cluster) => {
    const { finding, facts, asked } = await run(managedCluster(), {}, { cluster });
    expect(finding).toEqual({ status: 'skipped', summary: 'no AKS cluster given', evidence: [], fixes: [] });
    expect(facts).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('passes a managed-identity cluster and establishes its facts', async () => {
    const { finding, facts } = await run(managedCluster());
    expect(finding).toEqual({
      status: 'pass',
      summary: 'Cluster aks-prod (westeurope) pulls as its kubelet identity',
      evidence: [
        { fact: `pulls as the kubelet identity (object id ${KUBELET.objectId})`, source: `ARM ${CLUSTER_ID}` },
        { fact: 'node pools: system (Linux/amd64, Standard_D4s_v5)', source: 'agentPoolProfiles' },
        { fact: 'outbound type loadBalancer; egress IPs 20.1.2.3', source: 'networkProfile' },
      ],
      fixes: [],
    });
    expect(facts).toEqual({ cluster: factsOf() });
  });

  it('warns about a service-principal cluster, with how to see its secret expiry and leave it', async () => {
    const { finding, facts } = await run(managedCluster({ identityProfile: undefined, identity: undefined, servicePrincipalProfile: { clientId: SP } }));
    expect(finding).toEqual({
      status: 'warn',
      summary: `aks-prod pulls with a service principal (${SP}), whose secret may have expired`,
      evidence: [
        { fact: `pulls as the service principal ${SP}`, source: `ARM ${CLUSTER_ID}` },
        { fact: 'node pools: system (Linux/amd64, Standard_D4s_v5)', source: 'agentPoolProfiles' },
        { fact: 'outbound type loadBalancer; egress IPs 20.1.2.3', source: 'networkProfile' },
      ],
      fixes: [
        { text: 'Check when the service principal’s secrets expire.', command: `az ad app credential list --id ${SP} --query "[].endDateTime" -o tsv` },
        { text: 'Move the cluster to a managed identity, so no secret can expire.', command: 'az aks update --resource-group rg-aks --name aks-prod --enable-managed-identity' },
      ],
      docs: DOCS.servicePrincipal,
    });
    expect(facts).toEqual({ cluster: factsOf({ identityModel: 'servicePrincipal', kubelet: undefined, servicePrincipalClientId: SP, tenantId: undefined }) });
  });

  it('says so when the profile names neither a kubelet identity nor a service principal', async () => {
    const { finding, facts } = await run(managedCluster({ identityProfile: { kubeletidentity: { clientId: KUBELET.clientId } }, servicePrincipalProfile: { clientId: 'MSI' } }));
    expect(finding.status).toBe('pass');
    expect(finding.evidence[0]).toEqual({ fact: 'no kubelet identity or service principal in the cluster profile', source: `ARM ${CLUSTER_ID}` });
    expect(facts?.cluster).toMatchObject({ identityModel: 'managedIdentity', kubelet: undefined, servicePrincipalClientId: undefined });
  });

  it('reads pools, VNets and custom DNS servers: one VNet read per VNet, servers once each', async () => {
    const { finding, facts, asked } = await run(
      managedCluster({
        location: undefined,
        agentPoolProfiles: [
          { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', vnetSubnetID: `${VNET}/subnets/nodes` },
          { name: 'arm', osType: 'Linux', vmSize: 'Standard_D4ps_v5', vnetSubnetID: `${VNET}/subnets/arm`, nodeLabels: { team: 'a' }, nodeTaints: ['arch=arm64:NoSchedule'] },
          { name: 'win', osType: 'Windows', vnetSubnetID: `${VNET_2}/subnets/win`, enableNodePublicIP: true, nodePublicIPPrefixID: `${VNET_2}/pfx` },
        ],
        httpProxyConfig: { httpsProxy: 'http://user:s3cret@proxy.corp:3128/' },
      }),
      { [`GET ${VNET}`]: vnet(VNET, { dhcpOptions: { dnsServers: ['10.0.4.4', '10.0.4.5'] } }), [`GET ${VNET_2}`]: vnet(VNET_2, { dhcpOptions: { dnsServers: ['10.0.4.4'] } }) },
    );
    expect(finding.summary).toBe('Cluster aks-prod () pulls as its kubelet identity');
    expect(finding.evidence.slice(1)).toEqual([
      { fact: 'node pools: system (Linux/amd64, Standard_D4s_v5), arm (Linux/arm64, Standard_D4ps_v5), win (Windows/amd64, unknown)', source: 'agentPoolProfiles' },
      { fact: 'outbound type loadBalancer; egress IPs 20.1.2.3', source: 'networkProfile' },
      { fact: 'node VNet uses custom DNS servers 10.0.4.4, 10.0.4.5', source: 'virtualNetwork dhcpOptions' },
      { fact: 'nodes use an HTTPS proxy (http://proxy.corp:3128/)', source: 'httpProxyConfig' },
    ]);
    expect(facts?.cluster).toMatchObject({
      location: '',
      vnetIds: [VNET, VNET_2],
      customDnsServers: ['10.0.4.4', '10.0.4.5'],
      nodePools: [
        { name: 'system', osType: 'Linux', architecture: 'amd64', vmSize: 'Standard_D4s_v5', mode: 'System' },
        { name: 'arm', osType: 'Linux', architecture: 'arm64', vmSize: 'Standard_D4ps_v5', nodeLabels: { team: 'a' }, nodeTaints: ['arch=arm64:NoSchedule'] },
        { name: 'win', osType: 'Windows', architecture: 'amd64', vmSize: 'unknown', vnetSubnetId: `${VNET_2}/subnets/win`, enableNodePublicIP: true, nodePublicIPPrefixId: `${VNET_2}/pfx` },
      ],
    });
    expect(facts?.cluster?.nodePools[0]).not.toHaveProperty('enableNodePublicIP');
    expect(asked.filter((k) => k.startsWith(`GET ${VNET}`))).toEqual([`GET ${VNET}`, `GET ${VNET_2}`]);
  });

  it('finds the managed VNet in the node resource group when no pool names a subnet', async () => {
    const list = `LIST /subscriptions/${SUB}/resourceGroups/${NRG}/providers/Microsoft.Network/virtualNetworks`;
    const mc = managedCluster({ agentPoolProfiles: [{ name: 'system', vmSize: 'Standard_D4s_v5' }] });
    // A VNet without DNS settings (no dhcpOptions, or no servers in them) uses Azure DNS.
    const answers = { [list]: [vnet(MANAGED_VNET), { name: 'no-id' }], [`GET ${MANAGED_VNET}`]: vnet(MANAGED_VNET, { dhcpOptions: undefined }) };
    expect((await run(mc, answers)).facts?.cluster).toMatchObject({ vnetIds: [MANAGED_VNET], customDnsServers: [] });
    // Without the id in the cluster body, the subscription comes from the failure's cluster id.
    const noId = await run({ ...mc, id: undefined }, { ...answers, [`GET ${MANAGED_VNET}`]: vnet(MANAGED_VNET, { dhcpOptions: {} }) });
    expect(noId.facts?.cluster).toMatchObject({ vnetIds: [MANAGED_VNET], customDnsServers: [] });
    const bare = await run(managedCluster({ agentPoolProfiles: undefined, nodeResourceGroup: undefined, networkProfile: undefined }), { [`GET ${pip('lb-ip-1')}`]: new Error('not read: no profile names it') });
    expect(bare.facts?.cluster).toMatchObject({ vnetIds: [], nodePools: [], customDnsServers: [], outboundType: undefined, egressIps: [] });
    expect(bare.finding.evidence.slice(1)).toEqual([
      { fact: 'node pools: none listed', source: 'agentPoolProfiles' },
      { fact: 'outbound type loadBalancer; egress IPs unknown', source: 'networkProfile' },
    ]);
    expect(bare.asked).toEqual([`GET ${CLUSTER_ID}`, `GET ${KUBELET.resourceId}`]);
  });

  it.each<[string, ManagedCluster['networkProfile'], Record<string, unknown>, string[], string]>([
    [
      'a load balancer (the default), skipping references without an id and IPs without an address',
      { loadBalancerProfile: { effectiveOutboundIPs: [{ id: pip('lb-ip-1') }, {}, { id: pip('lb-ip-2') }, { id: pip('lb-ip-3') }] } },
      { [`GET ${pip('lb-ip-2')}`]: publicIp(pip('lb-ip-2')), [`GET ${pip('lb-ip-3')}`]: publicIp(pip('lb-ip-3'), '20.1.2.4') },
      ['20.1.2.3', '20.1.2.4'],
      'outbound type loadBalancer; egress IPs 20.1.2.3, 20.1.2.4',
    ],
    ['a load balancer without a profile', { outboundType: 'loadBalancer' }, {}, [], 'outbound type loadBalancer; egress IPs unknown'],
    [
      'a managed NAT gateway',
      { outboundType: 'managedNATGateway', natGatewayProfile: { effectiveOutboundIPs: [{ id: pip('nat-ip') }] } },
      { [`GET ${pip('nat-ip')}`]: publicIp(pip('nat-ip'), '20.9.9.9') },
      ['20.9.9.9'],
      'outbound type managedNATGateway; egress IPs 20.9.9.9',
    ],
    ['a managed NAT gateway without a profile', { outboundType: 'managedNATGateway' }, {}, [], 'outbound type managedNATGateway; egress IPs unknown'],
    [
      "the NAT gateway on the node subnet (not another subnet's)",
      { outboundType: 'userAssignedNATGateway' },
      {
        [`GET ${VNET}`]: vnet(VNET, {
          subnets: [
            { id: `${VNET}/subnets/NODES`, natGateway: { id: NAT } },
            { id: `${VNET}/subnets/other`, natGateway: { id: NAT_OTHER } },
            { id: `${VNET}/subnets/plain` },
          ],
        }),
        [`GET ${NAT}`]: { id: NAT, publicIpAddresses: [{ id: pip('nat-ip') }] } satisfies NatGateway,
        [`GET ${pip('nat-ip')}`]: publicIp(pip('nat-ip'), '20.9.9.9'),
      },
      ['20.9.9.9'],
      'outbound type userAssignedNATGateway; egress IPs 20.9.9.9',
    ],
  ])('takes the egress IPs of %s', async (_what, networkProfile, answers, egressIps, fact) => {
    const { finding, facts, asked } = await run(managedCluster({ networkProfile }), answers);
    expect(facts?.cluster).toMatchObject({ egressIps, egressNote: undefined });
    expect(finding.evidence[2]).toEqual({ fact, source: 'networkProfile' });
    expect(asked).not.toContain(`GET ${NAT_OTHER}`);
  });

  it('takes the egress IPs of the NAT gateways on every node subnet (two pools, two subnets)', async () => {
    const pools = [
      { name: 'system', mode: 'System' as const, vmSize: 'Standard_D4s_v5', vnetSubnetID: `${VNET}/subnets/nodes` },
      { name: 'user', mode: 'User' as const, vmSize: 'Standard_D4s_v5', vnetSubnetID: `${VNET}/subnets/nodes-user` },
    ];
    const { facts } = await run(managedCluster({ agentPoolProfiles: pools, networkProfile: { outboundType: 'userAssignedNATGateway' } }), {
      [`GET ${VNET}`]: vnet(VNET, {
        subnets: [
          { id: `${VNET}/subnets/nodes`, natGateway: { id: NAT } },
          { id: `${VNET}/subnets/nodes-user`, natGateway: { id: NAT_OTHER } },
        ],
      }),
      [`GET ${NAT}`]: { id: NAT, publicIpAddresses: [{ id: pip('nat-ip') }] } satisfies NatGateway,
      [`GET ${NAT_OTHER}`]: { id: NAT_OTHER, publicIpAddresses: [{ id: pip('nat-ip-2') }] } satisfies NatGateway,
      [`GET ${pip('nat-ip')}`]: publicIp(pip('nat-ip'), '20.9.9.9'),
      [`GET ${pip('nat-ip-2')}`]: publicIp(pip('nat-ip-2'), '20.9.9.10'),
    });
    expect(facts?.cluster?.egressIps).toEqual(['20.9.9.9', '20.9.9.10']);
  });

  it.each<[string, string]>([
    ['userDefinedRouting', 'userDefinedRouting: egress goes through the route table’s next hop (usually Azure Firewall or an NVA) — the registry must allow that appliance’s public IP'],
    ['none', 'outbound type none: nodes have no internet egress; the registry must be reached through a private endpoint'],
    ['block', 'outbound type block: nodes have no internet egress; the registry must be reached through a private endpoint'],
    ['somethingNew', 'outbound type somethingNew'],
  ])('has no egress IPs for outbound type %s, and says why', async (outboundType, note) => {
    const { finding, facts, asked } = await run(managedCluster({ networkProfile: { outboundType } }));
    expect(facts?.cluster).toMatchObject({ outboundType, egressIps: [], egressNote: note });
    expect(finding.evidence[2]).toEqual({ fact: `outbound type ${outboundType}; egress IPs unknown (${note})`, source: 'networkProfile' });
    expect(asked).toEqual([`GET ${CLUSTER_ID}`, `GET ${VNET}`, `GET ${KUBELET.resourceId}`]);
  });
});

describe('pull identity', () => {
  it.each<[string, Partial<ManagedCluster>, ReturnType<typeof pullIdentityOf>]>([
    ['the kubelet identity, over any service principal', { identityProfile: { kubeletidentity: KUBELET }, servicePrincipalProfile: { clientId: SP } }, { kubelet: KUBELET }],
    ['a service principal', { servicePrincipalProfile: { clientId: SP } }, { servicePrincipalClientId: SP }],
    ['nothing for the "msi" placeholder', { servicePrincipalProfile: { clientId: 'Msi' } }, { servicePrincipalClientId: undefined }],
    ['nothing without a profile', {}, { servicePrincipalClientId: undefined }],
  ])('is %s', (_what, mc, expected) => {
    expect(pullIdentityOf({ location: 'westeurope', ...mc })).toEqual(expected);
  });
});

// Size names follow Azure's convention: family (+ sub-family) letters, vCPUs, optional constrained
// vCPUs, then lower-case feature letters, where `p` means Arm64
// (https://learn.microsoft.com/azure/virtual-machines/vm-naming-conventions). Some rows are examples
// of that grammar rather than sizes on sale.
describe('architecture from VM size', () => {
  it.each([
    ['Standard_D4s_v5', 'amd64'],
    ['Standard_D4ps_v5', 'arm64'],
    ['Standard_D16ps_v5', 'arm64'],
    ['Standard_D8pds_v6', 'arm64'],
    ['Standard_E4ps_v5', 'arm64'],
    ['Standard_E32-16ps_v5', 'arm64'],
    ['Standard_EC4pds_v6', 'arm64'],
    ['Standard_B2pts_v2', 'arm64'],
    ['Standard_D4dps_v6', 'arm64'],
    ['Standard_NP10s', 'amd64'],
    ['Standard_D2_v3', 'amd64'],
    ['Standard_HB120rs_v3', 'amd64'],
    ['Standard_D2pls_v5', 'arm64'],
    ['Basic_Standard_D4ps_v5', 'amd64'],
    ['', 'amd64'],
  ])('%s is %s', (size, arch) => {
    expect(architectureOfVmSize(size)).toBe(arch);
  });
});

// The kubelet identity named in identityProfile must still exist as that principal (kubelet-identity.ts):
// ARM keeps the profile after the identity is deleted or recreated under the same name.
describe('cluster check: the kubelet identity resource', () => {
  const NOT_FOUND = Object.assign(new Error('ResourceNotFound'), { statusCode: 404 });
  const FORBIDDEN = Object.assign(new Error('AuthorizationFailed'), { statusCode: 403 });
  const identity = (answer: unknown, over: Parameters<typeof managedCluster>[0] = {}, failure: Record<string, unknown> = {}) =>
    run(managedCluster(over), { [`GET ${KUBELET.resourceId}`]: answer }, { image: 'myacr.azurecr.io/app:v1', source: 'cli', cluster: CLUSTER_ID, ...failure } as { cluster?: string });

  it('fails when it was deleted (404), with the identity, assignment and AcrPull fixes', async () => {
    const { finding, facts } = await identity(NOT_FOUND);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("aks-prod's kubelet identity aks-prod-agentpool was deleted: the nodes cannot get a token for it, so they pull anonymously");
    expect(finding.evidence[0]).toEqual({ fact: `identityProfile.kubeletidentity names ${KUBELET.resourceId} (object id ${KUBELET.objectId}); GET answers 404`, source: `ARM ${KUBELET.resourceId}` });
    expect(finding.fixes.map((f) => f.command)).toEqual([
      `az identity create --resource-group ${NRG} --name aks-prod-agentpool --subscription ${SUB}`,
      `az aks update --resource-group rg-aks --name aks-prod --assign-kubelet-identity ${KUBELET.resourceId}`,
      'az aks update --resource-group rg-aks --name aks-prod --attach-acr myacr',
    ]);
    expect(finding.docs).toBe(DOCS.kubeletIdentity);
    expect(facts?.cluster?.kubelet).toEqual(KUBELET);
    expect(finding.fixes.map((f) => f.text)).toEqual([
      'Create the identity aks-prod-agentpool again (a new principal: the old one cannot come back).',
      "Assign it as aks-prod's kubelet identity, so the nodes get its new client id (the node pools are updated).",
      'Then grant it AcrPull on myacr again: the old assignment names the old principal.',
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an ACR named further down the path of another registry', { image: 'ghcr.io/acme/myacr.azurecr.io/app:v1' }],
    ['no image at all', { image: undefined }],
  ])('names no AcrPull fix for %s', async (_what, failure) => {
    const { finding } = await identity(NOT_FOUND, {}, failure);
    expect(finding.fixes.some((f) => f.command?.includes('--attach-acr'))).toBe(false);
  });

  it('fails when it was recreated under the same name (another principal), without creating it again', async () => {
    const { finding } = await identity({ id: KUBELET.resourceId, principalId: '99999999-9999-9999-9999-999999999999' });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(`aks-prod's kubelet identity aks-prod-agentpool was recreated: it is now principal 99999999-9999-9999-9999-999999999999, not the ${KUBELET.objectId} the cluster uses`);
    expect(finding.fixes.map((f) => f.command)).toEqual([
      `az aks update --resource-group rg-aks --name aks-prod --assign-kubelet-identity ${KUBELET.resourceId}`,
      'az aks update --resource-group rg-aks --name aks-prod --attach-acr myacr',
    ]);
    expect(finding.evidence[0]).toEqual({
      fact: `identityProfile.kubeletidentity names object id ${KUBELET.objectId}; aks-prod-agentpool now has principal 99999999-9999-9999-9999-999999999999`,
      source: `ARM ${KUBELET.resourceId}`,
    });
  });

  it('names the user-assigned control-plane identity the update needs, and leaves out AcrPull for a registry that is not an ACR', async () => {
    const cp = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cp`;
    const { finding } = await identity(NOT_FOUND, { identity: { type: 'UserAssigned', userAssignedIdentities: { [cp]: {} } } }, { image: 'ghcr.io/acme/app:v1' });
    expect(finding.fixes.map((f) => f.command)).toEqual([
      `az identity create --resource-group ${NRG} --name aks-prod-agentpool --subscription ${SUB}`,
      `az aks update --resource-group rg-aks --name aks-prod --enable-managed-identity --assign-identity ${cp} --assign-kubelet-identity ${KUBELET.resourceId}`,
    ]);
  });

  it.each<[string, unknown]>([
    ['it is the principal the cluster names (case aside)', { id: KUBELET.resourceId, principalId: KUBELET.objectId.toUpperCase() }],
    ['it answers without a principal', { id: KUBELET.resourceId }],
  ])('passes when %s', async (_what, answer) => {
    expect((await identity(answer)).finding.status).toBe('pass');
  });

  it('is unknown, never a pass, when it cannot be read, and still hands on the cluster', async () => {
    const { finding, facts } = await identity(FORBIDDEN);
    expect(finding.status).toBe('unknown');
    expect(finding.missing?.what).toBeTruthy();
    expect(facts?.cluster?.name).toBe('aks-prod');
    // The refused read is named (its key) and so is what would let pull-doctor make it.
    expect(finding.summary).toContain(KUBELET.resourceId);
    expect(finding.fixes).toEqual([{ text: `Let pull-doctor read it: grant its identity ${finding.missing?.permission}.` }]);
    expect(finding.missing?.permission).toBeTruthy();
  });
});
