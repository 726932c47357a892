import type { PrivateEndpoint, VirtualNetwork, VirtualNetworkPeering } from '@azure/arm-network';
import { clusterFacts, logicContext, REGISTRY_ID, registryFacts, SUB } from '../../../test/helpers/check-logic';
import type { ClusterFacts, RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { privateEndpointCheck, toPrivateEndpointFacts } from './private-endpoint';

// The private-endpoint check's decisions on facts and the endpoints and VNets ARM returns (preset
// per lookup key; the sandbox worlds in private-endpoint.test.ts cover the reads): approval, same
// VNet, peering state, public access, and the exact approve/peering commands.
const HUB_SUB = '00000000-0000-0000-0000-000000000002';
const AKS_VNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const AKS_VNET_2 = `/subscriptions/${SUB}/resourceGroups/rg-net2/providers/Microsoft.Network/virtualNetworks/vnet-aks2`;
const HUB_VNET = `/subscriptions/${HUB_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const PE_ID = `/subscriptions/${HUB_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/privateEndpoints/pe-myacr`;
const PE2_ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-myacr-2`;
const CONN_ID = `${REGISTRY_ID}/privateEndpointConnections/pe-myacr.0f1e2d`;
const CONN2_ID = `${REGISTRY_ID}/privateEndpointConnections/pe-myacr-2.abcd`;

const endpoint = (id: string, vnet: string, over: Partial<PrivateEndpoint> = {}): PrivateEndpoint => ({
  id,
  name: id.split('/').pop(),
  subnet: { id: `${vnet}/subnets/endpoints` },
  customDnsConfigs: [
    { fqdn: 'myacr.azurecr.io', ipAddresses: ['10.1.0.5'] },
    { fqdn: 'myacr.westeurope.data.azurecr.io', ipAddresses: ['10.1.0.6', '10.1.0.7'] },
  ],
  privateLinkServiceConnections: [{ name: 'conn', privateLinkServiceConnectionState: { status: 'Approved' } }],
  ...over,
});
const vnet = (id: string, peerings?: VirtualNetworkPeering[]): VirtualNetwork => ({ id, name: id.split('/').pop(), virtualNetworkPeerings: peerings });
const peering = (name: string, remote: string | undefined, peeringState: VirtualNetworkPeering['peeringState']): VirtualNetworkPeering => ({ name, remoteVirtualNetwork: remote ? { id: remote } : undefined, peeringState });
const IPS = 'IPs myacr.azurecr.io=10.1.0.5, myacr.westeurope.data.azurecr.io=10.1.0.6/10.1.0.7';
const PES_IN = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.Network/privateEndpoints`;

async function check(registry: Partial<RegistryFacts>, cluster: Partial<ClusterFacts>, answers: Record<string, unknown> = {}) {
  const ctx = logicContext({ facts: { registry: registryFacts(registry), cluster: clusterFacts({ vnetIds: [AKS_VNET], ...cluster }) }, answers });
  return { finding: (await privateEndpointCheck.run(ctx)).finding, asked: ctx.lookups.asked };
}
const approvedConnection = { id: CONN_ID, privateEndpointId: PE_ID, status: 'Approved' };

describe('private-endpoint check on facts', () => {
  it('declares what it needs (the engine schedules on it) and the title progress shows', () => {
    const { id, title, needs } = privateEndpointCheck;
    expect({ id, title, needs }).toEqual({ id: 'private-endpoint', title: 'private endpoint', needs: ['registry', 'cluster'] });
  });

  it.each<[string, RegistryFacts['privateEndpointConnections']]>([
    ['no connection', []],
    ['a connection whose endpoint is gone', [{ id: CONN_ID, status: 'Disconnected' }]],
  ])('skips a closed registry with %s when no endpoint points at it', async (_what, privateEndpointConnections) => {
    const { finding, asked } = await check({ publicNetworkAccess: 'Disabled', privateEndpointConnections }, {}, { [`GET ${AKS_VNET}`]: vnet(AKS_VNET), [PES_IN(SUB)]: [endpoint(PE2_ID, AKS_VNET, { privateLinkServiceConnections: [{ privateLinkServiceId: `${REGISTRY_ID}2` }] })] });
    expect(finding).toEqual({ status: 'skipped', summary: 'myacr has no private endpoint', evidence: [], fixes: [] });
    expect(asked).toEqual([`GET ${AKS_VNET}`, PES_IN(SUB)]);
  });

  // nimbus-models-pe-connection-disconnected: the registry's owner removed the hub endpoint's connection.
  describe('an endpoint the registry no longer lists', () => {
    const cut = (status: string, manual = false) => {
      const conn = [{ name: 'pe-myacr', privateLinkServiceId: REGISTRY_ID.toUpperCase(), privateLinkServiceConnectionState: { status } }];
      return endpoint(PE_ID, HUB_VNET, manual ? { privateLinkServiceConnections: [], manualPrivateLinkServiceConnections: conn } : { privateLinkServiceConnections: conn });
    };
    const answers = (pe: PrivateEndpoint) => ({ [`GET ${AKS_VNET}`]: vnet(AKS_VNET, [peering('to-hub', HUB_VNET, 'Connected')]), [PES_IN(SUB)]: [], [PES_IN(HUB_SUB)]: [pe] });
    it.each<[string, PrivateEndpoint]>([
      ['Disconnected', cut('Disconnected')],
      ['Rejected on a manual connection', cut('Rejected', true)],
    ])('is found in the peered hub subscription and named with its state: %s', async (_what, pe) => {
      const state = pe.privateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status ?? 'Rejected';
      const { finding, asked } = await check({ publicNetworkAccess: 'Disabled', privateEndpointConnections: [] }, {}, answers(pe));
      expect(asked).toEqual([`GET ${AKS_VNET}`, PES_IN(SUB), PES_IN(HUB_SUB)]);
      expect(finding).toEqual({
        status: 'fail',
        summary: `pe-myacr's connection to myacr is ${state}: the registry no longer lists it, so the nodes reach IPs that lead nowhere`,
        evidence: [
          { fact: 'myacr lists no private endpoint connection', source: `ARM ${REGISTRY_ID}` },
          { fact: `pe-myacr in vnet-hub still points at myacr, connection ${state}, ${IPS}`, source: `ARM ${PE_ID}` },
        ],
        fixes: [
          {
            text: 'pe-myacr cannot be connected again: delete it and create it anew for myacr in the same subnet, approve the new connection if it waits, then point the privatelink zone\'s records at its new IPs.',
            command: [
              `az network private-endpoint delete --resource-group rg-hub --name pe-myacr --subscription ${HUB_SUB}`,
              `az network private-endpoint create --resource-group rg-hub --name pe-myacr --subnet ${HUB_VNET}/subnets/endpoints --private-connection-resource-id ${REGISTRY_ID} --group-id registry --connection-name pe-myacr --subscription ${HUB_SUB}`,
            ].join('\n'),
          },
        ],
        docs: DOCS.privateLink,
      });
    });

    it('names an endpoint with no state "not connected" and an id that names no group "<resource group>"; one connection to the registry is enough', async () => {
      const pe = endpoint('pe-bare', HUB_VNET, { privateLinkServiceConnections: [{ privateLinkServiceId: REGISTRY_ID }], manualPrivateLinkServiceConnections: [{ privateLinkServiceId: `${REGISTRY_ID}2` }] });
      const { finding } = await check({ publicNetworkAccess: 'Disabled', privateEndpointConnections: [] }, {}, answers(pe));
      expect(finding.summary).toBe("pe-bare's connection to myacr is not connected: the registry no longer lists it, so the nodes reach IPs that lead nowhere");
      expect(finding.evidence[1]).toEqual({ fact: `pe-bare in vnet-hub still points at myacr, connection unknown, ${IPS}`, source: 'ARM pe-bare' });
      expect(finding.fixes[0]!.command).toBe(
        `az network private-endpoint delete --resource-group '<resource group>' --name pe-bare\naz network private-endpoint create --resource-group '<resource group>' --name pe-bare --subnet ${HUB_VNET}/subnets/endpoints --private-connection-resource-id ${REGISTRY_ID} --group-id registry --connection-name pe-bare`,
      );
    });

    it('skips when the endpoint list cannot be read (the registry lists nothing to check)', async () => {
      const { finding } = await check({ publicNetworkAccess: 'Disabled', privateEndpointConnections: [] }, {}, { [`GET ${AKS_VNET}`]: vnet(AKS_VNET), [PES_IN(SUB)]: new Error('throttled') });
      expect(finding.status).toBe('skipped');
    });

    it('does not look for one while public access is on (reads nothing)', async () => {
      const { finding, asked } = await check({ publicNetworkAccess: 'Enabled', privateEndpointConnections: [] }, {}, answers(cut('Disconnected')));
      expect(finding.status).toBe('skipped');
      expect(asked).toEqual([]);
    });
  });

  it.each<[string, string | undefined, Partial<PrivateEndpoint>, string]>([
    ['the registry says Pending', 'Pending', {}, 'Pending'],
    ['the registry says nothing and the endpoint says Rejected', undefined, { privateLinkServiceConnections: [{ privateLinkServiceConnectionState: { status: 'Rejected' } }] }, 'Rejected'],
    [
      'the registry says nothing and a manual connection says Pending',
      undefined,
      { privateLinkServiceConnections: [], manualPrivateLinkServiceConnections: [{ privateLinkServiceConnectionState: { status: 'Pending' } }] },
      'Pending',
    ],
    ['nobody says: no connections', undefined, { privateLinkServiceConnections: undefined, manualPrivateLinkServiceConnections: undefined }, 'not approved'],
    ['nobody says: empty connection lists', undefined, { privateLinkServiceConnections: [], manualPrivateLinkServiceConnections: [] }, 'not approved'],
    ['nobody says: connections without a state', undefined, { privateLinkServiceConnections: [{}], manualPrivateLinkServiceConnections: [{}] }, 'not approved'],
  ])('fails an unapproved connection (%s) with the approve command', async (_what, status, over, shown) => {
    const { finding, asked } = await check(
      { subscriptionId: HUB_SUB, publicNetworkAccess: 'Disabled', privateEndpointConnections: [{ id: CONN_ID, privateEndpointId: PE_ID, status }] },
      {},
      { [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET, over), [`GET ${AKS_VNET}`]: vnet(AKS_VNET) },
    );
    expect(finding).toEqual({
      status: 'fail',
      summary: `myacr's private endpoint connection is ${shown}`,
      evidence: [{ fact: `pe-myacr in vnet-hub, connection ${shown === 'not approved' ? 'unknown' : shown}, ${IPS}`, source: `ARM ${PE_ID}` }],
      fixes: [
        {
          text: 'Approve the private endpoint connection on myacr (someone with rights on the registry must do it).',
          command: `az acr private-endpoint-connection approve --registry-name myacr --name pe-myacr.0f1e2d --description 'Approved for AKS pulls' --subscription ${HUB_SUB}`,
        },
      ],
      docs: DOCS.privateLink,
    });
    expect(asked).toEqual([`GET ${PE_ID}`, `GET ${AKS_VNET}`]);
  });

  it('passes an approved endpoint in the cluster VNet (ids compared without case), whatever public access says', async () => {
    const { finding } = await check(
      { publicNetworkAccess: 'Disabled', privateEndpointConnections: [{ id: CONN2_ID, privateEndpointId: PE2_ID, status: 'Approved' }] },
      { vnetIds: [AKS_VNET_2, AKS_VNET.toUpperCase()] },
      { [`GET ${PE2_ID}`]: endpoint(PE2_ID, AKS_VNET), [`GET ${AKS_VNET_2}`]: vnet(AKS_VNET_2), [`GET ${AKS_VNET.toUpperCase()}`]: vnet(AKS_VNET) },
    );
    expect(finding).toEqual({
      status: 'pass',
      summary: "The nodes can reach myacr's private endpoint",
      evidence: [
        { fact: `pe-myacr-2 in vnet-aks, connection Approved, ${IPS}`, source: `ARM ${PE2_ID}` },
        { fact: 'pe-myacr-2: in the cluster VNet', source: 'ARM virtualNetworkPeerings' },
      ],
      fixes: [],
    });
  });

  it('passes an approved endpoint in a VNet the cluster VNet peers with (Connected); an unapproved one beside it does not matter', async () => {
    const { finding } = await check(
      { privateEndpointConnections: [{ id: CONN2_ID, privateEndpointId: PE2_ID, status: 'Pending' }, approvedConnection] },
      {},
      {
        [`GET ${PE2_ID}`]: endpoint(PE2_ID, AKS_VNET),
        [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET, { customDnsConfigs: [{ fqdn: 'MyACR.azurecr.io', ipAddresses: ['10.1.0.5'] }, { ipAddresses: ['10.9.9.9'] }, { fqdn: 'myacr.westeurope.data.azurecr.io' }] }),
        [`GET ${AKS_VNET}`]: vnet(AKS_VNET, [peering('to-elsewhere', undefined, 'Connected'), peering('to-hub', HUB_VNET.toLowerCase(), 'Connected')]),
      },
    );
    expect(finding).toEqual({
      status: 'pass',
      summary: "The nodes can reach myacr's private endpoint",
      evidence: [
        { fact: `pe-myacr-2 in vnet-aks, connection Pending, ${IPS}`, source: `ARM ${PE2_ID}` },
        { fact: 'pe-myacr in vnet-hub, connection Approved, IPs myacr.azurecr.io=10.1.0.5, myacr.westeurope.data.azurecr.io=', source: `ARM ${PE_ID}` },
        { fact: 'pe-myacr: in a peered VNet (Connected)', source: 'ARM virtualNetworkPeerings' },
      ],
      fixes: [],
    });
  });

  it('passes when one approved endpoint is reachable though another is not', async () => {
    const { finding } = await check(
      { publicNetworkAccess: 'Disabled', privateEndpointConnections: [approvedConnection, { id: CONN2_ID, privateEndpointId: PE2_ID, status: 'Approved' }] },
      {},
      { [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET), [`GET ${PE2_ID}`]: endpoint(PE2_ID, AKS_VNET), [`GET ${AKS_VNET}`]: vnet(AKS_VNET) },
    );
    expect(finding).toMatchObject({ status: 'pass', summary: "The nodes can reach myacr's private endpoint", fixes: [] });
    expect(finding.evidence.slice(2)).toEqual([
      { fact: 'pe-myacr: no peering between the cluster VNet and the endpoint VNet', source: 'ARM virtualNetworkPeerings' },
      { fact: 'pe-myacr-2: in the cluster VNet', source: 'ARM virtualNetworkPeerings' },
    ]);
  });

  it.each<[RegistryFacts['publicNetworkAccess'], 'fail' | 'warn']>([
    ['Disabled', 'fail'],
    ['Enabled', 'warn'],
  ])('with public access %s, a disconnected peering is a %s: re-create it on both VNets', async (publicNetworkAccess, status) => {
    const { finding } = await check({ publicNetworkAccess, privateEndpointConnections: [approvedConnection] }, {}, {
      [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET),
      [`GET ${AKS_VNET}`]: vnet(AKS_VNET, [peering('aks-to-hub', HUB_VNET, 'Disconnected')]),
    });
    expect(finding).toEqual({
      status,
      summary: "The cluster VNet's peering to myacr's private endpoint VNet is Disconnected",
      evidence: [
        { fact: `pe-myacr in vnet-hub, connection Approved, ${IPS}`, source: `ARM ${PE_ID}` },
        { fact: 'pe-myacr: peering aks-to-hub is Disconnected', source: 'ARM virtualNetworkPeerings' },
      ],
      fixes: [
        {
          text: 'The peering aks-to-hub is Disconnected: the other side was removed. Re-create it on both VNets.',
          command: [
            'az network vnet peering delete --resource-group rg-net --vnet-name vnet-aks --name aks-to-hub',
            `az network vnet peering create --resource-group rg-net --vnet-name vnet-aks --name aks-to-hub --remote-vnet ${HUB_VNET} --allow-vnet-access`,
            `az network vnet peering create --resource-group rg-hub --vnet-name vnet-hub --name vnet-hub-to-vnet-aks --remote-vnet ${AKS_VNET} --allow-vnet-access --subscription ${HUB_SUB}`,
          ].join('\n'),
        },
      ],
      docs: DOCS.vnetPeering,
    });
  });

  it('re-creates a broken peering on the VNet that holds it, towards the endpoint it leads to', async () => {
    // Two cluster VNets and two approved endpoints: the first endpoint is unreachable, the second sits
    // behind vnet-aks2's disconnected peering. The commands must name vnet-aks2 and vnet-hub.
    const { finding } = await check({ publicNetworkAccess: 'Disabled', privateEndpointConnections: [{ id: CONN2_ID, privateEndpointId: PE2_ID, status: 'Approved' }, approvedConnection] }, { vnetIds: [AKS_VNET, AKS_VNET_2] }, {
      [`GET ${PE2_ID}`]: endpoint(PE2_ID, `/subscriptions/${SUB}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`),
      [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET),
      [`GET ${AKS_VNET}`]: vnet(AKS_VNET),
      [`GET ${AKS_VNET_2}`]: vnet(AKS_VNET_2, [peering('aks2-to-hub', HUB_VNET, 'Initiated')]),
    });
    expect(finding.summary).toBe("The cluster VNet's peering to myacr's private endpoint VNet is Initiated");
    expect(finding.evidence.slice(2)).toEqual([
      { fact: 'pe-myacr-2: no peering between the cluster VNet and the endpoint VNet', source: 'ARM virtualNetworkPeerings' },
      { fact: 'pe-myacr: peering aks2-to-hub is Initiated', source: 'ARM virtualNetworkPeerings' },
    ]);
    expect(finding.fixes[0]!.command).toBe(
      [
        'az network vnet peering delete --resource-group rg-net2 --vnet-name vnet-aks2 --name aks2-to-hub',
        `az network vnet peering create --resource-group rg-net2 --vnet-name vnet-aks2 --name aks2-to-hub --remote-vnet ${HUB_VNET} --allow-vnet-access`,
        `az network vnet peering create --resource-group rg-hub --vnet-name vnet-hub --name vnet-hub-to-vnet-aks2 --remote-vnet ${AKS_VNET_2} --allow-vnet-access --subscription ${HUB_SUB}`,
      ].join('\n'),
    );
  });

  it.each<[RegistryFacts['publicNetworkAccess'], 'fail' | 'warn']>([
    ['Disabled', 'fail'],
    ['Enabled', 'warn'],
  ])('with public access %s, an endpoint in an unpeered VNet is a %s: peer both directions', async (publicNetworkAccess, status) => {
    const { finding } = await check({ publicNetworkAccess, privateEndpointConnections: [approvedConnection] }, {}, {
      [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET),
      [`GET ${AKS_VNET}`]: vnet(AKS_VNET, [peering('aks-to-other', AKS_VNET_2, 'Connected')]),
    });
    expect(finding).toEqual({
      status,
      summary: "No private endpoint of myacr is reachable from the cluster VNet",
      evidence: [
        { fact: `pe-myacr in vnet-hub, connection Approved, ${IPS}`, source: `ARM ${PE_ID}` },
        { fact: 'pe-myacr: no peering between the cluster VNet and the endpoint VNet', source: 'ARM virtualNetworkPeerings' },
      ],
      fixes: [
        {
          text: 'Peer the cluster VNet vnet-aks with vnet-hub, where the private endpoint lives (both directions).',
          command: [
            `az network vnet peering create --resource-group rg-net --vnet-name vnet-aks --name vnet-aks-to-vnet-hub --remote-vnet ${HUB_VNET} --allow-vnet-access`,
            `az network vnet peering create --resource-group rg-hub --vnet-name vnet-hub --name vnet-hub-to-vnet-aks --remote-vnet ${AKS_VNET} --allow-vnet-access --subscription ${HUB_SUB}`,
          ].join('\n'),
        },
      ],
      docs: DOCS.vnetPeering,
    });
  });

  it.each<[string, Partial<ClusterFacts>, Partial<PrivateEndpoint>, string]>([
    ['the cluster VNet is unknown', { vnetIds: [] }, {}, 'vnet-hub'],
    ['the endpoint has no subnet', {}, { subnet: undefined }, ''],
  ])('offers no peering command when %s', async (_what, cluster, over, vnetShown) => {
    const { finding } = await check({ privateEndpointConnections: [approvedConnection] }, cluster, { [`GET ${PE_ID}`]: endpoint(PE_ID, HUB_VNET, over), [`GET ${AKS_VNET}`]: vnet(AKS_VNET) });
    expect(finding).toMatchObject({ status: 'warn', summary: 'No private endpoint of myacr is reachable from the cluster VNet', fixes: [] });
    expect(finding.evidence[0]!.fact).toBe(`pe-myacr in ${vnetShown}, connection Approved, ${IPS}`);
  });
});

describe('private endpoint facts', () => {
  it('keeps the id, name, subnet and VNet, and lower-cases FQDNs', () => {
    expect(toPrivateEndpointFacts(endpoint(PE_ID, HUB_VNET, { customDnsConfigs: [{ fqdn: 'MyACR.AzureCR.io', ipAddresses: ['10.1.0.5'] }] }), undefined)).toEqual({
      id: PE_ID,
      name: 'pe-myacr',
      subnetId: `${HUB_VNET}/subnets/endpoints`,
      vnetId: HUB_VNET,
      connectionStatus: 'Approved',
      ipsByFqdn: { 'myacr.azurecr.io': ['10.1.0.5'] },
    });
  });

  it('is empty, not undefined, for an endpoint ARM returned bare', () => {
    expect(toPrivateEndpointFacts({}, 'Pending')).toEqual({ id: '', name: '', subnetId: '', vnetId: '', connectionStatus: 'Pending', ipsByFqdn: {} });
  });
});
