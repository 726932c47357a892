import { CLUSTER_ID, SUB, clusterFacts, logicContext, nodePoolFacts, registryFacts } from '../../../test/helpers/check-logic';
import type { RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { networkRulesCheck } from './network-rules';

// The network-rules check when the failing node's pool leaves through its own egress (pool-egress.ts):
// its nodes' own public IPs, with or without a public IP prefix, or its subnet's NAT gateway; and a
// known pool that leaves through the cluster's outbound path. Facts and preset ARM reads only (the
// sandbox worlds in network-rules.test.ts reach the same branches through the SDK clients).
const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const VNET = `${NET}/virtualNetworks/vnet-aks`;
const NODE_PREFIX = `${NET}/publicIPPrefixes/ippre-nodes`;
const NAT = `${NET}/natGateways/ng-batch`;
const PIP = `${NET}/publicIPAddresses/pip-ng-batch`;
const ANSWERS = {
  [`GET ${NODE_PREFIX}`]: { id: NODE_PREFIX, name: 'ippre-nodes', ipPrefix: '20.7.7.16/28' },
  [`GET ${VNET}`]: { id: VNET, subnets: [{ id: `${VNET}/subnets/batch`, name: 'batch', natGateway: { id: NAT } }] },
  [`GET ${NAT}`]: { id: NAT, name: 'ng-batch', publicIpAddresses: [{ id: PIP }, { id: `${PIP}-2` }] },
  [`GET ${PIP}`]: { id: PIP, ipAddress: '20.108.77.9' },
  [`GET ${PIP}-2`]: { id: `${PIP}-2`, ipAddress: '20.108.77.10' },
};
const POOLS = [
  nodePoolFacts({ name: 'user' }),
  nodePoolFacts({ name: 'edge', enableNodePublicIP: true, nodePublicIPPrefixId: NODE_PREFIX }),
  nodePoolFacts({ name: 'bare', enableNodePublicIP: true }),
  nodePoolFacts({ name: 'batch', vnetSubnetId: `${VNET}/subnets/batch` }),
];
const refusal = (ip: string) => `failed to authorize: 403 Forbidden: client with IP '${ip}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.`;
const run = async (pool: string, ipRules: RegistryFacts['ipRules'] = [], message = 'Back-off pulling image "myacr.azurecr.io/app:v1"', answers: Record<string, unknown> = ANSWERS) =>
  (
    await networkRulesCheck.run(
      logicContext({
        facts: { registry: registryFacts({ defaultAction: 'Deny', ipRules }), cluster: clusterFacts({ nodePools: POOLS }) },
        failure: { node: `aks-${pool}-12345678-vmss000001`, message },
        answers,
      }),
    )
  ).finding;
const SOURCE = `ARM ${CLUSTER_ID} + myacr networkRuleSet`;
const PREFIX_FACT = "node pool edge's nodes have their own public IPs (enableNodePublicIP, from public IP prefix ippre-nodes 20.7.7.16/28), used for outbound instead of the load balancer";

describe('network-rules check on a failing pool with its own egress', () => {
  it("warns that the pool's egress IPs are unknown when its nodes take their own public IPs without a prefix", async () => {
    expect(await run('bare')).toEqual({
      status: 'warn',
      summary: "myacr's firewall denies by default and node pool bare's egress IPs are unknown (node pool bare's nodes each leave from their own public IP, with no public IP prefix)",
      evidence: [
        { fact: 'public network access Enabled; firewall default action Deny; 0 IP rule(s)', source: `ARM ${registryFacts().id}` },
        { fact: '0 approved private endpoint connection(s)', source: `ARM ${registryFacts().id}` },
        { fact: "node pool bare's nodes have their own public IPs (enableNodePublicIP), used for outbound instead of the load balancer", source: `ARM ${CLUSTER_ID} agentPoolProfiles` },
      ],
      fixes: [{ text: 'Allow the public IP your egress appliance uses (replace <egress ip>).', command: 'az acr network-rule add --name myacr --ip-address <egress ip>' }],
      docs: DOCS.firewall,
    });
  });

  it("fails a prefix the firewall does not cover, naming it as a range (no 'IP') and where it comes from", async () => {
    const finding = await run('edge');
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("myacr's firewall does not allow node pool edge's egress 20.7.7.16/28");
    expect(finding.evidence.slice(2)).toEqual([
      { fact: PREFIX_FACT, source: `ARM ${CLUSTER_ID} agentPoolProfiles + nodePublicIPPrefixID` },
      { fact: 'node pool edge egress 20.7.7.16/28; allowed ranges none', source: SOURCE },
    ]);
    expect(finding.fixes).toEqual([{ text: "Allow 20.7.7.16/28 on myacr's firewall.", command: 'az acr network-rule add --name myacr --ip-address 20.7.7.16/28' }]);
  });

  it('names a blocked prefix and a reported IP outside it together as ranges', async () => {
    const finding = await run('edge', [{ value: '20.1.2.3' }], refusal('4.225.30.40'));
    expect(finding.summary).toBe("myacr's firewall does not allow node pool edge's egress 20.7.7.16/28, 4.225.30.40");
    expect(finding.evidence[3]).toEqual({ fact: 'the registry reported the client IP 4.225.30.40, not among the egress IPs ARM shows (20.7.7.16/28)', source: 'kubelet message' });
  });

  it('says the registry saw an address of the prefix', async () => {
    const finding = await run('edge', [], refusal('20.7.7.20'));
    expect(finding.evidence[2]).toEqual({ fact: `${PREFIX_FACT}: the registry saw 20.7.7.20`, source: `ARM ${CLUSTER_ID} agentPoolProfiles + nodePublicIPPrefixID` });
    expect(finding.evidence.map((e) => e.source)).not.toContain('kubelet message');
  });

  it("passes a pool whose NAT gateway's every IP is allowed, naming the pool and its IPs", async () => {
    const finding = await run('batch', [{ value: '20.108.77.0/24' }]);
    expect(finding).toMatchObject({ status: 'pass', summary: "myacr's firewall allows node pool batch's egress 20.108.77.9, 20.108.77.10", fixes: [] });
    expect(finding.evidence[3]).toEqual({ fact: 'node pool batch egress 20.108.77.9, 20.108.77.10; allowed ranges 20.108.77.0/24', source: SOURCE });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['a pool that leaves through the cluster’s outbound path', 'user', ANSWERS],
    ['a pool whose prefix could not be read', 'edge', { ...ANSWERS, [`GET ${NODE_PREFIX}`]: new Error('403 AuthorizationFailed') }],
  ])("judges the cluster's egress but names the failing pool for %s", async (_what, pool, answers) => {
    const blocked = await run(pool, [], undefined, answers);
    expect(blocked.summary).toBe(`myacr's firewall does not allow node pool ${pool}'s egress IP 20.1.2.3`);
    expect(blocked.evidence.slice(2)).toEqual([{ fact: 'cluster egress IPs 20.1.2.3; allowed ranges none', source: SOURCE }]);
    const allowed = await run(pool, [{ value: '20.1.2.3' }], undefined, answers);
    expect(allowed.summary).toBe(`myacr's firewall allows node pool ${pool}'s egress 20.1.2.3`);
  });
});
