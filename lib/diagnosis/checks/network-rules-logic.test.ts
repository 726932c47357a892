import { CLUSTER_ID, REGISTRY_ID, SUB, clusterFacts, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import type { CheckContext } from '../check';
import type { ClusterFacts, RegistryFacts } from '../facts';
import { presetLookups } from '../../../test/helpers/preset-lookups';
import { DOCS } from './docs';
import { networkRulesCheck, reportedClientIp } from './network-rules';

// The network-rules check's decisions on facts alone (the sandbox worlds in network-rules.test.ts
// cover the ARM reads): public access, the firewall's default action and IP rules against the
// cluster's egress IPs, private endpoints, and the exact fix commands.
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const SUBNET = `${VNET}/subnets/nodes`;
const PE = { id: `${REGISTRY_ID}/privateEndpointConnections/pe1`, privateEndpointId: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-myacr` };

// The shared facts, with the firewall closed by default (what this check is about).
const registry = (over: Partial<RegistryFacts> = {}): RegistryFacts => registryFacts({ defaultAction: 'Deny', ...over });
const pool = nodePoolFacts;
const cluster = clusterFacts;
// A kubelet message that reports no client IP: the egress IPs come from ARM alone.
const failure = { image: 'myacr.azurecr.io/app:v1', source: 'cli', message: 'Back-off pulling image "myacr.azurecr.io/app:v1"' };
const check = async (r: RegistryFacts, c: ClusterFacts) => (await networkRulesCheck.run({ facts: { registry: r, cluster: c }, failure } as unknown as CheckContext)).finding;
const SOURCE = `ARM ${REGISTRY_ID}`;

describe('network-rules check on facts', () => {
  it('declares what it needs (the engine schedules on it) and the title progress shows', () => {
    const { id, title, needs } = networkRulesCheck;
    expect({ id, title, needs }).toEqual({ id: 'network-rules', title: 'network rules', needs: ['registry', 'cluster'] });
  });

  it('passes an open registry, with what it saw', async () => {
    const finding = await check(registry({ defaultAction: 'Allow' }), cluster());
    expect(finding).toEqual({
      status: 'pass',
      summary: 'myacr accepts pulls from any network',
      evidence: [
        { fact: 'public network access Enabled; firewall default action Allow; 0 IP rule(s)', source: SOURCE },
        { fact: '0 approved private endpoint connection(s)', source: SOURCE },
      ],
      fixes: [],
    });
  });

  // Behind a UDR appliance (Azure Firewall, an NVA) the registry may be open and the pull still break
  // off at the appliance, whose rules are not in ARM: unknown, with the FQDNs a client firewall must allow
  // (https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules).
  describe('an open registry behind a UDR appliance', () => {
    const udr = (r: RegistryFacts, over: Partial<ClusterFacts> = {}, category = 'network_unreachable') =>
      networkRulesCheck.run({ facts: { registry: r, cluster: cluster({ outboundType: 'userDefinedRouting', egressIps: [], ...over }) }, failure, classification: { category, confidence: 0.9, candidates: [], explanation: '' } } as unknown as CheckContext);
    const open = (over: Partial<RegistryFacts> = {}) => registry({ defaultAction: 'Allow', ...over });

    it('is unknown when the connection broke off, naming the login server and every dedicated data endpoint', async () => {
      const { finding } = await udr(open({ dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io', 'myacr.eastus.data.azurecr.io'] }));
      expect(finding.status).toBe('unknown');
      expect(finding.missing).toEqual({ what: "the egress firewall's application rules (the route table's next hop)" });
      expect(finding.fixes).toEqual([
        { text: 'On the egress firewall, allow HTTPS (443) to myacr.azurecr.io and to myacr.westeurope.data.azurecr.io, myacr.eastus.data.azurecr.io; a pull that gets its manifest but breaks off on a blob lacks the data endpoint rule (pull-doctor does not read the appliance\'s rules).' },
      ]);
      expect(finding.docs).toBe(DOCS.clientFirewall);
    });

    it('says in its summary and evidence what it could not read and which hosts a pull needs', async () => {
      const r = open({ dataEndpointEnabled: true, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io', 'myacr.eastus.data.azurecr.io'] });
      const c = cluster({ outboundType: 'userDefinedRouting', egressIps: [], egressNote: 'next hop 10.0.0.4' });
      const hosts = 'myacr.westeurope.data.azurecr.io, myacr.eastus.data.azurecr.io';
      const { finding } = await udr(r, { egressNote: 'next hop 10.0.0.4' });
      expect(finding.summary).toBe(
        `myacr accepts any network, but ${c.name}'s nodes reach it through the egress appliance of their route table (userDefinedRouting), whose rules pull-doctor cannot read: check that it allows HTTPS to myacr.azurecr.io and ${hosts}`,
      );
      expect(finding.evidence).toEqual([
        { fact: 'outbound type userDefinedRouting (next hop 10.0.0.4)', source: `ARM ${c.id} networkProfile` },
        { fact: `a pull needs myacr.azurecr.io and ${hosts} on port 443`, source: `ARM ${r.id}` },
      ]);
      expect((await udr(r)).finding.evidence[0]!.fact).toBe('outbound type userDefinedRouting');
    });

    it.each([
      ['has no dedicated data endpoints', open()],
      ['lists data endpoint names but has them turned off', open({ dataEndpointEnabled: false, dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] })],
    ])("names the registry's storage when it %s", async (_what, r) => {
      const { finding } = await udr(r);
      expect(finding.fixes[0]!.text).toContain('*.blob.core.windows.net');
      expect(finding.fixes[0]!.text).not.toContain('westeurope.data');
    });

    it.each<[string, RegistryFacts, Partial<ClusterFacts>, string]>([
      ['an approved private endpoint may carry the pull', open({ privateEndpointConnections: [{ ...PE, status: 'Approved' }] }), {}, 'network_unreachable'],
      ['the egress is a load balancer ARM shows', open(), { outboundType: 'loadBalancer', egressIps: ['20.1.2.3'] }, 'network_unreachable'],
      ['the message is not a broken connection', open(), {}, 'auth_missing'],
    ])('passes when %s', async (_what, r, over, category) => {
      expect((await udr(r, over, category)).finding.status).toBe('pass');
    });
  });

  it('passes a closed registry with any private endpoint: the private-endpoint check decides', async () => {
    const finding = await check(registry({ publicNetworkAccess: 'Disabled', privateEndpointConnections: [{ ...PE, status: 'Pending' }] }), cluster());
    expect(finding).toMatchObject({ status: 'pass', summary: 'Public access to myacr is disabled; pulls must go through its private endpoint', fixes: [] });
    expect(finding.evidence[1]).toEqual({ fact: '0 approved private endpoint connection(s)', source: SOURCE });
  });

  it('fails a closed registry without a private endpoint: an endpoint in the node subnet, or public access for the egress IPs', async () => {
    const c = cluster({ vnetIds: [VNET], nodePools: [pool(), pool({ name: 'user', mode: 'User', vnetSubnetId: SUBNET })], egressIps: ['20.1.2.3', '20.1.2.4'] });
    const finding = await check(registry({ publicNetworkAccess: 'Disabled' }), c);
    expect(finding).toMatchObject({ status: 'fail', summary: 'Public network access to myacr is disabled and it has no private endpoint, so no node can reach it', docs: DOCS.privateLink });
    expect(finding.fixes).toEqual([
      {
        text: "Create a private endpoint for myacr in the cluster's VNet (then link the privatelink.azurecr.io zone to it).",
        command: `az network private-endpoint create --name pe-myacr --resource-group rg-aks --subnet ${SUBNET} --private-connection-resource-id ${REGISTRY_ID} --group-id registry --connection-name myacr-aks-prod`,
      },
      {
        text: "Or re-enable public access and allow only the cluster's egress IPs.",
        command:
          'az acr update --name myacr --public-network-enabled true --default-action Deny && az acr network-rule add --name myacr --ip-address 20.1.2.3 && az acr network-rule add --name myacr --ip-address 20.1.2.4',
      },
    ]);
  });

  // nimbus-models-pe-connection-disconnected: the registry's owner removed the connection of the endpoint the nodes use.
  it.each<[string, Record<string, unknown>, string]>([
    ['still points at it (Disconnected)', { privateLinkServiceConnections: [{ privateLinkServiceId: REGISTRY_ID, privateLinkServiceConnectionState: { status: 'Disconnected' } }] }, 'pass'],
    ['points at another registry', { privateLinkServiceConnections: [{ privateLinkServiceId: `${REGISTRY_ID}-old`, privateLinkServiceConnectionState: { status: 'Disconnected' } }] }, 'fail'],
  ])('a closed registry listing no connection, with an endpoint in the cluster VNet that %s', async (_what, over, status) => {
    const pe = { id: PE.privateEndpointId, name: 'pe-myacr', subnet: { id: SUBNET }, ...over };
    const lookups = presetLookups({ [`GET ${VNET}`]: { id: VNET, virtualNetworkPeerings: [] }, [`LIST /subscriptions/${SUB}/providers/Microsoft.Network/privateEndpoints`]: [pe] });
    const c = cluster({ vnetIds: [VNET] });
    const finding = (await networkRulesCheck.run({ facts: { registry: registry({ publicNetworkAccess: 'Disabled' }), cluster: c }, failure, lookups } as unknown as CheckContext)).finding;
    expect(finding.status).toBe(status);
    if (status === 'pass') expect(finding.summary).toBe('Public access to myacr is disabled; pulls must go through its private endpoint pe-myacr (connection Disconnected)');
  });

  it.each<[string, Partial<ClusterFacts>, string, string]>([
    ['the VNet when no pool names a subnet', { vnetIds: [VNET] }, `'${VNET}/subnets/<subnet>'`, "allow only the cluster's egress IP."],
    ['a placeholder when the VNet is unknown', { vnetIds: [], egressIps: [] }, "'<vnet id>/subnets/<subnet>'", "allow only the cluster's egress IP."],
  ])('names %s in the private endpoint command', async (_what, over, subnet, second) => {
    const finding = await check(registry({ publicNetworkAccess: 'Disabled' }), cluster(over));
    expect(finding.fixes[0]!.command).toContain(` --subnet ${subnet} `);
    expect(finding.fixes[1]!.text).toMatch(new RegExp(`${second.replace('.', '\\.')}$`));
  });

  it('warns when the firewall denies by default and the egress IPs are unknown, with why they are', async () => {
    const finding = await check(registry(), cluster({ egressIps: [], egressNote: 'outbound type userDefinedRouting: egress goes through your firewall' }));
    expect(finding).toEqual({
      status: 'warn',
      summary: "myacr's firewall denies by default and the cluster's egress IPs are unknown (outbound type userDefinedRouting: egress goes through your firewall)",
      evidence: [
        { fact: 'public network access Enabled; firewall default action Deny; 0 IP rule(s)', source: SOURCE },
        { fact: '0 approved private endpoint connection(s)', source: SOURCE },
      ],
      fixes: [{ text: 'Allow the public IP your egress appliance uses (replace <egress ip>).', command: 'az acr network-rule add --name myacr --ip-address <egress ip>' }],
      docs: DOCS.firewall,
    });
    expect((await check(registry(), cluster({ egressIps: [] }))).summary).toBe("myacr's firewall denies by default and the cluster's egress IPs are unknown");
  });

  it.each<[string, RegistryFacts['ipRules'], string[], string[]]>([
    ['an exact IP rule', [{ value: '20.1.2.3' }], ['20.1.2.3'], []],
    ['a CIDR rule', [{ value: '20.1.2.0/24', action: 'Allow' }], ['20.1.2.3', '20.1.2.200'], []],
    ['a rule for another range', [{ value: '20.1.3.0/24' }], ['20.1.2.3'], ['20.1.2.3']],
    ['a rule whose action is not Allow', [{ value: '20.1.2.3', action: 'Deny' }], ['20.1.2.3'], ['20.1.2.3']],
    ['one of two IPs allowed', [{ value: '20.1.2.3' }], ['20.1.2.3', '20.1.2.4'], ['20.1.2.4']],
    ['two rules, one per IP', [{ value: '20.1.2.3' }, { value: '20.1.3.0/24' }], ['20.1.2.3', '20.1.3.9'], []],
    ['no rules', [], ['20.1.2.3', '20.1.2.4'], ['20.1.2.3', '20.1.2.4']],
  ])('firewall with %s', async (_what, ipRules, egressIps, blocked) => {
    const finding = await check(registry({ ipRules }), cluster({ egressIps }));
    expect(finding.evidence[2]).toEqual({
      fact: `cluster egress IPs ${egressIps.join(', ')}; allowed ranges ${ipRules.map((r) => r.value).join(', ') || 'none'}`,
      source: `ARM ${CLUSTER_ID} + myacr networkRuleSet`,
    });
    if (blocked.length === 0) {
      expect(finding).toMatchObject({ status: 'pass', summary: "myacr's firewall allows every egress IP of aks-prod", fixes: [] });
      return;
    }
    expect(finding).toMatchObject({
      status: 'fail',
      summary: `myacr's firewall does not allow aks-prod's egress IP${blocked.length > 1 ? 's' : ''} ${blocked.join(', ')}`,
      docs: DOCS.firewall,
    });
    expect(finding.fixes).toEqual(blocked.map((ip) => ({ text: `Allow ${ip} on myacr's firewall.`, command: `az acr network-rule add --name myacr --ip-address ${ip}` })));
  });

  it('only warns about a blocked IP when an approved private endpoint may carry the pulls, and says the nodes must resolve it', async () => {
    const finding = await check(registry({ privateEndpointConnections: [{ ...PE, status: 'Approved' }, { ...PE, id: `${PE.id}2`, status: 'Rejected' }] }), cluster());
    expect(finding.status).toBe('warn');
    expect(finding.evidence.slice(1, 3)).toEqual([
      { fact: '1 approved private endpoint connection(s)', source: SOURCE },
      { fact: 'with the firewall on, nodes must resolve the registry to its private endpoint', source: SOURCE },
    ]);
    const pending = await check(registry({ privateEndpointConnections: [{ ...PE, status: 'Pending' }] }), cluster());
    expect(pending.status).toBe('fail');
    expect(pending.evidence.map((e) => e.fact)).not.toContain('with the firewall on, nodes must resolve the registry to its private endpoint');
  });

  describe('the client IP ACR reported in its refusal', () => {
    const refused = (ip: string) => ({ ...failure, message: `failed to authorize: 403 Forbidden: client with IP '${ip}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.` });
    const checkWith = async (message: { message: string }, r: RegistryFacts, c: ClusterFacts) =>
      (await networkRulesCheck.run({ facts: { registry: r, cluster: c }, failure: message } as unknown as CheckContext)).finding;

    it('is checked against the firewall too, and named when ARM does not show it (a UDR or NVA egress)', async () => {
      const finding = await checkWith(refused('104.215.30.140'), registry({ ipRules: [{ value: '20.1.2.0/24' }] }), cluster({ egressIps: ['20.1.2.3', '20.1.2.4'] }));
      expect(finding).toEqual({
        status: 'fail',
        summary: "myacr's firewall does not allow aks-prod's egress IP 104.215.30.140",
        evidence: [
          { fact: 'public network access Enabled; firewall default action Deny; 1 IP rule(s)', source: SOURCE },
          { fact: '0 approved private endpoint connection(s)', source: SOURCE },
          { fact: 'the registry reported the client IP 104.215.30.140, not among the egress IPs ARM shows (20.1.2.3, 20.1.2.4)', source: 'kubelet message' },
          { fact: 'cluster egress IPs 20.1.2.3, 20.1.2.4, 104.215.30.140; allowed ranges 20.1.2.0/24', source: `ARM ${CLUSTER_ID} + myacr networkRuleSet` },
        ],
        fixes: [{ text: "Allow 104.215.30.140 on myacr's firewall.", command: 'az acr network-rule add --name myacr --ip-address 104.215.30.140' }],
        docs: DOCS.firewall,
      });
    });

    it('is the only egress IP known when ARM shows none', async () => {
      const finding = await checkWith(refused('4.225.30.40'), registry(), cluster({ egressIps: [], egressNote: 'userDefinedRouting' }));
      expect(finding.status).toBe('fail');
      expect(finding.evidence.slice(2)).toEqual([
        { fact: 'the registry reported the client IP 4.225.30.40', source: 'kubelet message' },
        { fact: 'cluster egress IPs 4.225.30.40; allowed ranges none', source: `ARM ${CLUSTER_ID} + myacr networkRuleSet` },
      ]);
    });

    describe('explained by a NAT gateway on the failing node pool\'s subnet (it takes precedence over the load balancer)', () => {
      const NAT = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/natGateways/ng-batch`;
      const PIP = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/publicIPAddresses/pip-ng-batch`;
      const BATCH_SUBNET = `${VNET}/subnets/batch`;
      const answers = (natOn: string) => ({
        [`GET ${VNET}`]: { id: VNET, subnets: [{ id: SUBNET, name: 'nodes' }, { id: BATCH_SUBNET, name: 'batch', ...(natOn === 'batch' ? { natGateway: { id: NAT } } : {}) }] },
        [`GET ${NAT}`]: { id: NAT, name: 'ng-batch', publicIpAddresses: [{ id: PIP }] },
        [`GET ${PIP}`]: { id: PIP, ipAddress: '20.108.77.9' },
      });
      const pools = [pool({ name: 'user', vnetSubnetId: SUBNET }), pool({ name: 'batch', vnetSubnetId: BATCH_SUBNET })];
      const run = async (natOn: string, node: string, ip = '20.108.77.9') =>
        (
          await networkRulesCheck.run({
            facts: { registry: registry({ ipRules: [{ value: '20.1.2.3' }] }), cluster: cluster({ nodePools: pools }) },
            failure: { ...refused(ip), node },
            lookups: presetLookups(answers(natOn)),
          } as unknown as CheckContext)
        ).finding;
      const NAT_FACT = "node pool batch's subnet batch has NAT gateway ng-batch (20.108.77.9), which takes precedence over the load balancer's outbound rules: the registry saw 20.108.77.9";

      it('names the NAT gateway instead of "not among the egress IPs ARM shows"', async () => {
        const finding = await run('batch', 'aks-batch-12345678-vmss000001');
        expect(finding.status).toBe('fail');
        expect(finding.evidence[2]).toEqual({ fact: NAT_FACT, source: `ARM ${CLUSTER_ID} agentPoolProfiles + subnet natGateway` });
      });

      it('lists every public IP of the NAT gateway', async () => {
        const PIP2 = `${PIP}-2`;
        const lookups = presetLookups({ ...answers('batch'), [`GET ${NAT}`]: { id: NAT, name: 'ng-batch', publicIpAddresses: [{ id: PIP }, { id: PIP2 }] }, [`GET ${PIP2}`]: { id: PIP2, ipAddress: '20.108.77.10' } });
        const { finding } = await networkRulesCheck.run({
          facts: { registry: registry({ ipRules: [{ value: '20.1.2.3' }] }), cluster: cluster({ nodePools: pools }) },
          failure: { ...refused('20.108.77.10'), node: 'aks-batch-12345678-vmss000001' },
          lookups,
        } as unknown as CheckContext);
        expect(finding.evidence[2]!.fact).toBe(
          "node pool batch's subnet batch has NAT gateway ng-batch (20.108.77.9, 20.108.77.10), which takes precedence over the load balancer's outbound rules: the registry saw 20.108.77.10",
        );
      });

      it.each<[string, string, string, string]>([
        ['a node of a pool without a NAT gateway', 'batch', 'aks-user-12345678-vmss000001', '20.108.77.9'],
        ['a subnet without a NAT gateway', 'none', 'aks-batch-12345678-vmss000001', '20.108.77.9'],
        ['a node name that is not an AKS node', 'batch', 'worker-1', '20.108.77.9'],
      ])('keeps the registry\'s report for %s', async (_what, natOn, node, ip) => {
        const finding = await run(natOn, node, ip);
        expect(finding.evidence[2]!.source).toBe('kubelet message');
      });

      it('names the NAT gateway and the IP the registry saw apart when they differ', async () => {
        const finding = await run('batch', 'aks-batch-12345678-vmss000001', '20.108.77.10');
        expect(finding.evidence.slice(2, 4)).toEqual([
          { fact: "node pool batch's subnet batch has NAT gateway ng-batch (20.108.77.9), which takes precedence over the load balancer's outbound rules", source: `ARM ${CLUSTER_ID} agentPoolProfiles + subnet natGateway` },
          { fact: 'the registry reported the client IP 20.108.77.10, not among the egress IPs ARM shows (20.108.77.9)', source: 'kubelet message' },
        ]);
        expect(finding.summary).toBe("myacr's firewall does not allow node pool batch's egress IPs 20.108.77.9, 20.108.77.10");
      });
    });

    it('adds nothing when it is one of the egress IPs ARM shows', async () => {
      const finding = await checkWith(refused('20.1.2.3'), registry(), cluster());
      expect(finding.evidence.map((e) => e.source)).not.toContain('kubelet message');
      expect(finding.summary).toBe("myacr's firewall does not allow aks-prod's egress IP 20.1.2.3");
    });

    it.each([
      ["client with IP '20.1.2' is not allowed access", undefined],
      ["client with IP '20.1.2.3.4' is not allowed access", undefined],
      ["Client With IP '255.255.255.255' Is Not Allowed", '255.255.255.255'],
      ['', undefined],
      [undefined, undefined],
    ])('is read from %j as %s', (message, ip) => {
      expect(reportedClientIp(message)).toBe(ip);
    });
  });
});

// An Azure Firewall at the route table's next hop is read and judged by node-egress: network-rules no
// longer calls that appliance unreadable, and a registry firewall must allow the firewall's public IPs.
describe('network-rules behind an Azure Firewall (the route table next hop)', () => {
  const RT = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-aks`;
  const PIP = `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip-fw`;
  const answers = (nextHop: string) => ({
    [`GET ${VNET}`]: { id: VNET, subnets: [{ id: SUBNET, name: 'nodes', routeTable: { id: RT } }] },
    [`GET ${RT}`]: { name: 'rt-aks', routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: nextHop }] },
    [`LIST /subscriptions/${SUB}/providers/Microsoft.Network/azureFirewalls`]: [{ id: 'fw', name: 'fw-hub', ipConfigurations: [{ privateIPAddress: '10.0.1.4', publicIPAddress: { id: PIP } }] }],
    [`GET ${PIP}`]: { ipAddress: '4.210.10.20' },
  });
  const run = (r: RegistryFacts, nextHop: string) =>
    networkRulesCheck.run({
      facts: { registry: r, cluster: cluster({ outboundType: 'userDefinedRouting', egressIps: [], nodePools: [pool({ vnetSubnetId: SUBNET })] }) },
      failure: { ...failure, node: 'aks-nodepool1-12345678-vmss000000' },
      classification: { category: 'network_unreachable', confidence: 0.9, candidates: [], explanation: '' },
      lookups: presetLookups(answers(nextHop)),
      subscriptions: [SUB],
    } as unknown as CheckContext);

  it('passes an open registry: the firewall is node-egress’s to judge', async () => {
    expect((await run(registry({ defaultAction: 'Allow' }), '10.0.1.4')).finding).toMatchObject({ status: 'pass', summary: 'myacr accepts pulls from any network' });
  });

  it('keeps the unknown for an appliance that is no Azure Firewall', async () => {
    expect((await run(registry({ defaultAction: 'Allow' }), '10.0.9.9')).finding.status).toBe('unknown');
  });

  it("fails a registry firewall that does not allow the firewall's public IP, naming the firewall", async () => {
    const { finding } = await run(registry({ ipRules: [{ value: '20.1.2.3' }] }), '10.0.1.4');
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("myacr's firewall does not allow node pool nodepool1's egress IP 4.210.10.20");
    expect(finding.evidence[2]).toEqual({
      fact: "node pool nodepool1's subnet nodes sends 0.0.0.0/0 (route table rt-aks) to Azure Firewall fw-hub, which leaves from its public IPs 4.210.10.20",
      source: `ARM ${CLUSTER_ID} agentPoolProfiles + subnet routeTable + azureFirewalls`,
    });
    expect(finding.fixes).toEqual([{ text: 'Allow 4.210.10.20 on myacr\'s firewall.', command: 'az acr network-rule add --name myacr --ip-address 4.210.10.20' }]);
  });
});
