import type { Evidence, Fix } from '../../model';
import type { Check, CheckOutcome } from '../check';
import { egressPathOf, firewallRulesOf, specificRouteFor, type ApplianceHop, type NodeEgressPath } from '../egress-path';
import { extendRuleFix, firewallFix, nsgFix, allowTag, routeFix } from '../egress-fixes';
import { evaluateFirewall, nearMissRule } from '../firewall-rules';
import { evaluateNsg, otherRegionAllows } from '../nsg-rules';
import { registryEndpoints, type RegistryEndpoint } from '../registry-endpoints';
import { DOCS } from './docs';

/**
 * The node side of the way to the registry, as ARM holds it: the failing pool subnet's network
 * security group (outbound TCP 443 to the login server and the data endpoints, by priority, default
 * rules included) and, when its route table sends 0.0.0.0/0 to an Azure Firewall, that firewall's
 * rules for the same FQDNs (lib/diagnosis/nsg-rules.ts, firewall-rules.ts). A deny that wins fails
 * with the rule and the command that opens the way; a rule pull-doctor cannot evaluate, or an
 * appliance that is not an Azure Firewall, is `unknown` — never a pass. The registry's own firewall
 * is network-rules' (which counts a firewall's public IPs as the pool's egress).
 */
export const nodeEgressCheck: Check = {
  id: 'node-egress',
  title: 'node egress',
  needs: ['registry', 'cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const path = await egressPathOf(ctx, cluster, ctx.failure.node);
    if (!path) {
      return { finding: { status: 'skipped', summary: 'The failing node pool has no subnet of its own in ARM (AKS-managed VNet, or the node is not named): no subnet NSG or route table to judge', evidence: [], fixes: [] } };
    }
    const source = `ARM ${path.subnetId}`;
    const prefix = path.subnet.addressPrefix ?? path.subnet.addressPrefixes?.[0];
    // A private endpoint is reached inside the VNet: VirtualNetwork for the NSG, and no default route to an appliance.
    const privatePath = registry.publicNetworkAccess === 'Disabled' || registry.privateEndpointConnections.some((c) => c.status === 'Approved');
    const endpoints = registryEndpoints(registry, cluster.location);
    const evidence: Evidence[] = [{ fact: `node pool ${path.pool} is in subnet ${path.subnet.name ?? path.subnetId}${prefix ? ` (${prefix})` : ''}; network security group ${path.nsg?.name ?? 'none'}; route table ${path.subnet.routeTable?.id?.split('/').pop() ?? 'none'}`, source }];
    const fails: Out['fails'] = [];
    const unknowns: Out['unknowns'] = [];

    if (path.nsg) {
      const denied: Array<{ endpoint: RegistryEndpoint; decision: ReturnType<typeof evaluateNsg> }> = [];
      for (const endpoint of endpoints) {
        const target = { host: endpoint.host, tags: endpoint.tags, maybeTags: endpoint.maybeTags, ips: [], private: privatePath };
        const decision = evaluateNsg(path.nsg, prefix, target);
        evidence.push({ fact: `${path.nsg.name}: TCP 443 to ${endpoint.host} (${endpoint.role}) → ${decision.verdict} by ${decision.rule} (priority ${decision.priority}${decision.isDefault ? ', a default rule' : ''})`, source: `ARM ${path.nsg.id}` });
        if (decision.verdict === 'deny') denied.push({ endpoint, decision });
        for (const miss of decision.verdict === 'deny' ? otherRegionAllows(path.nsg, target) : []) {
          evidence.push({ fact: `${path.nsg.name}: ${miss.rule} (priority ${miss.priority}) allows ${miss.tag}, another region's addresses: ${endpoint.host} is served from ${endpoint.region}`, source: `ARM ${path.nsg.id}` });
        }
        if (decision.verdict === 'unknown') unknowns.push({ summary: `rule ${decision.rule} (priority ${decision.priority}) of ${decision.nsg} may decide TCP 443 to ${endpoint.host}: ${decision.why}`, what: `what rule ${decision.rule} of ${decision.nsg} covers` });
      }
      // One fix per winning deny rule, naming every endpoint it blocks.
      for (const rule of [...new Set(denied.map((d) => d.decision.rule))]) {
        const hit = denied.filter((d) => d.decision.rule === rule);
        const tags = [...new Set(hit.map((d) => allowTag(d.endpoint, privatePath)))];
        fails.push({
          summary: `Network security group ${hit[0]!.decision.nsg} on node pool ${path.pool}'s subnet denies TCP 443 to ${hit.map((d) => d.endpoint.host).join(' and ')}: rule ${rule} (priority ${hit[0]!.decision.priority}) wins`,
          fix: nsgFix(path.nsg, hit[0]!.decision, tags, cluster.subscriptionId),
        });
      }
    }

    if (path.hop && !privatePath) {
      const hop = path.hop;
      const firewall = hop.firewall;
      const routeSource = `ARM ${path.subnet.routeTable!.id}`;
      const notFound = hop.unreadFirewalls?.length ? 'which matches no Azure Firewall pull-doctor could list (some subscriptions refused the read)' : 'which is no Azure Firewall pull-doctor can read (an NVA)';
      const to = hop.nextHopType === 'VirtualAppliance' ? `${hop.nextHop}, ${firewall ? `the private IP of Azure Firewall ${firewall.name}` : notFound}` : hop.nextHopType === 'None' ? 'nowhere (next hop None: the traffic is dropped)' : 'the virtual network gateway (forced tunnelling to on-premises)';
      evidence.push({ fact: `route table ${hop.routeTable} sends 0.0.0.0/0 (${hop.route}) to ${to}`, source: routeSource });
      // A more specific route (a service tag, a public range) takes an endpoint off the default route.
      const onPath: RegistryEndpoint[] = [];
      for (const endpoint of endpoints) {
        const specific = specificRouteFor(hop, endpoint);
        if (!specific) {
          onPath.push(endpoint);
          continue;
        }
        const { route, match } = specific;
        evidence.push({ fact: `route ${route.name} sends ${route.addressPrefix} to ${route.nextHopType}${route.nextHopIpAddress ? ` ${route.nextHopIpAddress}` : ''}: ${match === 'yes' ? 'it holds' : 'it may hold'} ${endpoint.host}`, source: routeSource });
        if (match === 'maybe' || !['Internet', 'None'].includes(route.nextHopType)) unknowns.push({ summary: `route ${route.name} (${route.addressPrefix}) of ${hop.routeTable} may take HTTPS to ${endpoint.host} past the default route`, what: `where route ${route.name} of ${hop.routeTable} takes ${endpoint.host}` });
        else if (route.nextHopType === 'None') {
          fails.push({ summary: `Route ${route.name} of ${hop.routeTable} on node pool ${path.pool}'s subnet drops ${route.addressPrefix} (next hop None): HTTPS to ${endpoint.host} goes nowhere`, fix: routeFix(path.subnet.routeTable!.id!, route.name, cluster.subscriptionId) });
        }
      }
      if (onPath.length > 0) await judgeHop(ctx, path, hop, onPath, prefix, { evidence, fails, unknowns, clusterSubscriptionId: cluster.subscriptionId });
    }

    if (fails.length > 0) {
      return { finding: { status: 'fail', summary: fails.map((f) => f.summary).join('; '), evidence, fixes: fails.flatMap((f) => (f.alt ? [f.fix, f.alt] : [f.fix])), docs: fails.some((f) => f.fix.command?.startsWith('az network nsg')) ? DOCS.nsgRules : DOCS.aksFirewall } };
    }
    if (unknowns.length > 0) {
      return { finding: { status: 'unknown', summary: unknowns.map((u) => u.summary).join('; '), evidence, fixes: [], missing: { what: [...new Set(unknowns.map((u) => u.what))].join('; '), permission: [...new Set(unknowns.map((u) => u.permission).filter(Boolean))].join('; ') || undefined }, docs: DOCS.aksFirewall } };
    }
    const what = [path.nsg ? `network security group ${path.nsg.name}` : undefined, path.hop?.firewall && !privatePath ? `Azure Firewall ${path.hop.firewall.name}` : undefined].filter(Boolean);
    const summary = what.length ? `${what.join(' and ')} ${what.length > 1 ? 'allow' : 'allows'} HTTPS from node pool ${path.pool} to ${endpoints.map((e) => e.host).join(', ')}` : `node pool ${path.pool}'s subnet has no network security group and no route to an appliance`;
    return { finding: { status: 'pass', summary, evidence, fixes: [] } };
  },
};

async function judgeFirewall(
  ctx: Parameters<Check['run']>[0],
  path: NodeEgressPath,
  firewall: NonNullable<NonNullable<NodeEgressPath['hop']>['firewall']>,
  endpoints: RegistryEndpoint[],
  prefix: string | undefined,
  out: Out,
): Promise<void> {
  const { rules, policyId, groups } = await firewallRulesOf(ctx, firewall.resource);
  const policyName = policyId?.split('/').pop();
  const source = `ARM ${policyId ? `${policyId}/ruleCollectionGroups` : firewall.id}`;
  const denied: Array<{ host: string; endpoint: RegistryEndpoint; by?: (typeof rules)[number] }> = [];
  // Endpoints the firewall may or may not allow go into the fix too: allowing them explicitly is harmless.
  const unsure: string[] = [];
  for (const endpoint of endpoints) {
    const decision = evaluateFirewall(rules, prefix, endpoint);
    const by = decision.rule ? `${decision.rule.kind} rule ${decision.rule.where}` : 'no rule (the default deny)';
    out.evidence.push({ fact: `${firewall.name}${policyName ? ` (policy ${policyName})` : ''}: HTTPS to ${endpoint.host} (${endpoint.role}) → ${decision.verdict} by ${by}`, source });
    if (decision.verdict === 'deny') denied.push({ host: endpoint.host, endpoint, by: decision.rule });
    if (decision.verdict === 'unknown') unsure.push(endpoint.host);
    if (decision.verdict === 'unknown') out.unknowns.push({ summary: `${by} of ${firewall.name} may decide HTTPS to ${endpoint.host}: ${decision.why}`, what: `what ${by} of ${firewall.name} covers` });
  }
  if (denied.length === 0) return;
  const hosts = [...denied.map((d) => d.host), ...unsure];
  // Nothing matched: the registry's own rule may miss only the node subnet or one endpoint.
  const near = denied.some((d) => d.by) || unsure.length ? undefined : nearMissRule(rules, prefix, denied.map((d) => d.endpoint), endpoints);
  const extended = near && extendRuleFix({ firewall, policyId, rule: near.rule, missing: near.missing, hosts, subnet: prefix, clusterSubscriptionId: out.clusterSubscriptionId });
  const fresh = firewallFix({ firewall, policyId, groups, deniedBy: denied.find((d) => d.by)?.by, hosts, subnet: prefix, clusterSubscriptionId: out.clusterSubscriptionId });
  const why = !near ? ': no rule allows it' : near.missing === 'source' ? `: rule ${near.rule.where} allows it only from ${near.rule.sourceAddresses.join(', ')}, not from ${prefix}` : `: rule ${near.rule.where} allows ${near.rule.targetFqdns.join(', ')}, not ${hosts.join(', ')}`;
  out.fails.push({
    summary: `Azure Firewall ${firewall.name} (the route table's next hop for node pool ${path.pool}) does not allow HTTPS to ${denied.map((d) => d.host).join(' and ')}${denied.some((d) => d.by) ? '' : why}`,
    fix: extended || fresh,
    // A new collection stays the alternative for a team that would rather not touch the rule.
    ...(extended ? { alt: { ...fresh, text: `Or ${fresh.text[0]!.toLowerCase()}${fresh.text.slice(1)}` } } : {}),
  });
}

type Out = { evidence: Evidence[]; fails: Array<{ summary: string; fix: Fix; alt?: Fix }>; unknowns: Array<{ summary: string; what: string; permission?: string }>; clusterSubscriptionId: string };

/** The endpoints that take the default route: dropped (None), tunnelled on-premises, through an NVA, or judged on the Azure Firewall. */
async function judgeHop(ctx: Parameters<Check['run']>[0], path: NodeEgressPath, hop: ApplianceHop, onPath: RegistryEndpoint[], prefix: string | undefined, out: Out): Promise<void> {
  const hosts = onPath.map((e) => e.host).join(', ');
  if (hop.nextHopType === 'None') {
    out.fails.push({ summary: `Route table ${hop.routeTable} on node pool ${path.pool}'s subnet drops 0.0.0.0/0 (route ${hop.route}, next hop None): HTTPS to ${hosts} goes nowhere`, fix: routeFix(path.subnet.routeTable!.id!, hop.route, out.clusterSubscriptionId) });
  } else if (hop.nextHopType === 'VirtualNetworkGateway') {
    out.unknowns.push({ summary: `node pool ${path.pool} sends 0.0.0.0/0 through the virtual network gateway (forced tunnelling), whose on-premises firewall pull-doctor cannot read: check that it allows HTTPS to ${hosts}`, what: `the on-premises egress behind the gateway (route table ${hop.routeTable})` });
  } else if (!hop.firewall && hop.unreadFirewalls?.length) {
    out.unknowns.push({
      summary: `node pool ${path.pool} sends 0.0.0.0/0 to ${hop.nextHop}, which may be an Azure Firewall pull-doctor could not read: ${hop.unreadFirewalls.map((u) => u.summary).join('; ')}`,
      what: `the Azure Firewall (or appliance) at ${hop.nextHop} (route table ${hop.routeTable})`,
      permission: hop.unreadFirewalls.map((u) => u.permission).filter(Boolean).join('; ') || undefined,
    });
  } else if (!hop.firewall) {
    out.unknowns.push({ summary: `node pool ${path.pool} leaves through the appliance at ${hop.nextHop}, whose rules pull-doctor cannot read: check that it allows HTTPS to ${hosts}`, what: `the rules of the appliance at ${hop.nextHop} (route table ${hop.routeTable})` });
  } else {
    await judgeFirewall(ctx, path, hop.firewall, onPath, prefix, out);
  }
}

