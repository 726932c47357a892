import type { Check, CheckContext, CheckOutcome } from '../check';
import { sh, subscriptionArg } from '../fix-commands';
import { ipInRange, rangeWithin } from '../ipv4';
import { poolOfNode } from '../aks-node-name';
import { orphanEndpoints } from '../orphan-endpoints';
import { poolEgressOfNode, type PoolEgress } from '../pool-egress';
import { DOCS } from './docs';

/**
 * Public network access and the registry firewall against the cluster's egress IPs. Pulls through
 * an approved private endpoint bypass the firewall; whether the nodes really use it is for the
 * private-endpoint and private-dns checks to establish.
 */
export const networkRulesCheck: Check = {
  id: 'network-rules',
  title: 'network rules',
  needs: ['registry', 'cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const source = `ARM ${registry.id}`;
    const sub = subscriptionArg(registry.subscriptionId, cluster.subscriptionId);
    const approvedEndpoints = registry.privateEndpointConnections.filter((c) => c.status === 'Approved');
    const evidence = [
      { fact: `public network access ${registry.publicNetworkAccess}; firewall default action ${registry.defaultAction}; ${registry.ipRules.length} IP rule(s)`, source },
      { fact: `${approvedEndpoints.length} approved private endpoint connection(s)`, source },
    ];

    if (registry.publicNetworkAccess === 'Disabled') {
      // With any private endpoint the way in is private; whether it works is the private-endpoint check's call.
      if (registry.privateEndpointConnections.length > 0) {
        return {
          finding: { status: 'pass', summary: `Public access to ${registry.name} is disabled; pulls must go through its private endpoint`, evidence, fixes: [] },
        };
      }
      // An endpoint whose connection the registry's owner removed is no longer listed, but it is still the way in the team built.
      const orphan = (await orphanEndpoints(ctx, registry, cluster).catch(() => []))[0];
      if (orphan) {
        return {
          finding: { status: 'pass', summary: `Public access to ${registry.name} is disabled; pulls must go through its private endpoint ${orphan.name} (connection ${orphan.connectionStatus ?? 'unknown'})`, evidence, fixes: [] },
        };
      }
      const vnet = cluster.vnetIds[0];
      const subnet = cluster.nodePools.find((p) => p.vnetSubnetId)?.vnetSubnetId;
      return {
        finding: {
          status: 'fail',
          summary: `Public network access to ${registry.name} is disabled and it has no private endpoint, so no node can reach it`,
          evidence,
          fixes: [
            {
              text: `Create a private endpoint for ${registry.name} in the cluster's VNet (then link the privatelink.azurecr.io zone to it).`,
              command: `az network private-endpoint create --name ${sh(`pe-${registry.name}`)} --resource-group ${sh(cluster.resourceGroup)} --subnet ${sh(subnet ?? `${vnet ?? '<vnet id>'}/subnets/<subnet>`)} --private-connection-resource-id ${sh(registry.id)} --group-id registry --connection-name ${sh(`${registry.name}-${cluster.name}`)}`,
            },
            {
              text: `Or re-enable public access and allow only the cluster's egress IP${cluster.egressIps.length > 1 ? 's' : ''}.`,
              command: [
                `az acr update --name ${sh(registry.name)} --public-network-enabled true --default-action Deny${sub}`,
                ...cluster.egressIps.map((ip) => `az acr network-rule add --name ${sh(registry.name)} --ip-address ${ip}${sub}`),
              ].join(' && '),
            },
          ],
          docs: DOCS.privateLink,
        },
      };
    }

    if (registry.defaultAction === 'Allow') {
      const appliance = await applianceEgress(ctx, approvedEndpoints.length);
      if (appliance) return appliance;
      return { finding: { status: 'pass', summary: `${registry.name} accepts pulls from any network`, evidence, fixes: [] } };
    }
    if (approvedEndpoints.length > 0) {
      evidence.push({ fact: 'with the firewall on, nodes must resolve the registry to its private endpoint', source });
    }
    // ACR's 403 names the client IP it saw ("client with IP '4.225.30.40' is not allowed access"): the
    // real egress, whatever ARM says — the only source for a UDR/NVA egress
    // (https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access#configure-public-access-to-registry).
    const reported = reportedClientIp(ctx.failure.message);
    // The failing node's pool may leave through its own NAT gateway or node public IPs (pool-egress.ts):
    // then that, not the cluster's outbound path, is what the firewall must allow. A read that fails
    // leaves the cluster's egress, as before.
    const pool = await poolEgressOfNode(ctx, cluster, ctx.failure.node).catch(() => undefined);
    const armEgress = pool ? pool.addresses : cluster.egressIps;
    const seen = reported !== undefined && armEgress.some((a) => ipInRange(reported, a));
    if (pool) evidence.push(poolEvidence(pool, cluster.id, seen ? reported : undefined));
    if (reported && !seen) {
      evidence.push({ fact: `the registry reported the client IP ${reported}${armEgress.length ? `, not among the egress IPs ARM shows (${armEgress.join(', ')})` : ''}`, source: 'kubelet message' });
    }
    const egress = [...new Set([...armEgress, ...(reported && !seen ? [reported] : [])])];
    // The failing node's pool, when known, even if it leaves through the cluster's outbound path: the
    // verdict is about that pool's egress, not every pool's.
    const poolName = pool?.pool ?? cluster.nodePools.find((p) => p.name === poolOfNode(ctx.failure.node))?.name;
    const whose = poolName ? `node pool ${poolName}'s` : `${cluster.name}'s`;
    if (egress.length === 0) {
      const note = pool?.kind === 'azure-firewall' ? `Azure Firewall ${pool.firewall} shows no public IP` : pool ? `node pool ${pool.pool}'s nodes each leave from their own public IP, with no public IP prefix` : cluster.egressNote;
      return {
        finding: {
          status: 'warn',
          summary: `${registry.name}'s firewall denies by default and ${pool ? `node pool ${pool.pool}'s` : "the cluster's"} egress IPs are unknown${note ? ` (${note})` : ''}`,
          evidence,
          fixes: [{ text: 'Allow the public IP your egress appliance uses (replace <egress ip>).', command: `az acr network-rule add --name ${sh(registry.name)} --ip-address <egress ip>${sub}` }],
          docs: DOCS.firewall,
        },
      };
    }
    // A prefix is allowed only when a rule covers all of it: a scaled-out node takes another of its addresses.
    const blocked = egress.filter((ip) => !registry.ipRules.some((r) => (r.action ?? 'Allow') === 'Allow' && rangeWithin(ip, r.value)));
    evidence.push({
      fact: `${pool ? `node pool ${pool.pool} egress` : 'cluster egress IPs'} ${egress.join(', ')}; allowed ranges ${registry.ipRules.map((r) => r.value).join(', ') || 'none'}`,
      source: `ARM ${cluster.id} + ${registry.name} networkRuleSet`,
    });
    if (blocked.length === 0) {
      const summary = poolName ? `${registry.name}'s firewall allows ${whose} egress ${egress.join(', ')}` : `${registry.name}'s firewall allows every egress IP of ${cluster.name}`;
      return { finding: { status: 'pass', summary, evidence, fixes: [] } };
    }
    return {
      finding: {
        // With an approved private endpoint the firewall may not matter: say so, but do not call it the cause.
        status: approvedEndpoints.length > 0 ? 'warn' : 'fail',
        summary: `${registry.name}'s firewall does not allow ${whose} egress ${blocked.some((ip) => ip.includes('/')) ? '' : `IP${blocked.length > 1 ? 's' : ''} `}${blocked.join(', ')}`,
        evidence,
        fixes: blocked.map((ip) => ({ text: `Allow ${ip} on ${registry.name}'s firewall.`, command: `az acr network-rule add --name ${sh(registry.name)} --ip-address ${ip}${sub}` })),
        docs: DOCS.firewall,
      },
    };
  },
};

/** What ARM says about the failing pool's own egress, and whether the IP the registry saw is one of it. */
function poolEvidence(pool: PoolEgress, clusterId: string, saw: string | undefined): { fact: string; source: string } {
  const tail = saw ? `: the registry saw ${saw}` : '';
  if (pool.kind === 'azure-firewall') {
    return {
      fact: `node pool ${pool.pool}'s subnet ${pool.subnet} sends 0.0.0.0/0 (route table ${pool.routeTable}) to Azure Firewall ${pool.firewall}, which leaves from its public IPs ${pool.addresses.join(', ')}${tail}`,
      source: `ARM ${clusterId} agentPoolProfiles + subnet routeTable + azureFirewalls`,
    };
  }
  if (pool.kind === 'nat-gateway') {
    return {
      fact: `node pool ${pool.pool}'s subnet ${pool.subnet} has NAT gateway ${pool.natGateway} (${pool.addresses.join(', ')}), which takes precedence over the load balancer's outbound rules${tail}`,
      source: `ARM ${clusterId} agentPoolProfiles + subnet natGateway`,
    };
  }
  // Stryker disable next-line StringLiteral: a node-public-ip pool has one address at most (its prefix), so the separator never shows
  const range = pool.addresses.join(', ');
  return {
    fact: `node pool ${pool.pool}'s nodes have their own public IPs (enableNodePublicIP${pool.prefix ? `, from public IP prefix ${pool.prefix} ${range}` : ''}), used for outbound instead of the load balancer${tail}`,
    source: `ARM ${clusterId} agentPoolProfiles${pool.prefix ? ' + nodePublicIPPrefixID' : ''}`,
  };
}

/** The client IP in ACR's firewall refusal, when the message carries one. */
export function reportedClientIp(message: string | undefined): string | undefined {
  // Stryker disable next-line StringLiteral: any stand-in for an absent message lacks the refusal, so no IP either way
  const m = /client with IP '(\d{1,3}(?:\.\d{1,3}){3})' is not allowed/i.exec(message ?? '');
  return m?.[1];
}

/**
 * The registry accepts any network, but the nodes leave through a route table's next hop (outbound
 * type userDefinedRouting: Azure Firewall or an NVA) and the connection to the registry broke off.
 * The appliance's rules are outside ARM's registry and cluster state, so this is `unknown`, never a
 * pass: a client firewall must allow the login server and every data endpoint — the dedicated
 * `<registry>.<region>.data.azurecr.io` hosts, or the registry's storage (`*.blob.core.windows.net`)
 * without them (https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules;
 * https://learn.microsoft.com/azure/aks/egress-outboundtype#outbound-type-of-userdefinedrouting).
 */
async function applianceEgress(ctx: CheckContext, approvedEndpoints: number): Promise<CheckOutcome | undefined> {
  const registry = ctx.facts.registry!;
  const cluster = ctx.facts.cluster!;
  // With a private endpoint the pull may not cross the appliance at all: that is the private checks' call.
  if (cluster.outboundType !== 'userDefinedRouting' || approvedEndpoints > 0 || ctx.classification.category !== 'network_unreachable') return undefined;
  // An Azure Firewall at the next hop is read and judged by node-egress; only another appliance stays unreadable.
  const pool = await poolEgressOfNode(ctx, cluster, ctx.failure.node).catch(() => undefined);
  if (pool?.kind === 'azure-firewall') return undefined;
  const dataHosts = registry.dataEndpointEnabled && registry.dataEndpointHostNames.length ? registry.dataEndpointHostNames : ['*.blob.core.windows.net (the registry’s storage; or enable dedicated data endpoints and allow those)'];
  return {
    finding: {
      status: 'unknown',
      summary: `${registry.name} accepts any network, but ${cluster.name}'s nodes reach it through the egress appliance of their route table (userDefinedRouting), whose rules pull-doctor cannot read: check that it allows HTTPS to ${registry.loginServer} and ${dataHosts.join(', ')}`,
      evidence: [
        { fact: `outbound type userDefinedRouting${cluster.egressNote ? ` (${cluster.egressNote})` : ''}`, source: `ARM ${cluster.id} networkProfile` },
        { fact: `a pull needs ${registry.loginServer} and ${dataHosts.join(', ')} on port 443`, source: `ARM ${registry.id}` },
      ],
      // No Azure role would let pull-doctor judge them: it does not read Azure Firewall or NVA rules.
      missing: { what: "the egress firewall's application rules (the route table's next hop)" },
      fixes: [
        {
          text: `On the egress firewall, allow HTTPS (443) to ${registry.loginServer} and to ${dataHosts.join(', ')}; a pull that gets its manifest but breaks off on a blob lacks the data endpoint rule (pull-doctor does not read the appliance's rules).`,
        },
      ],
      docs: DOCS.clientFirewall,
    },
  };
}
