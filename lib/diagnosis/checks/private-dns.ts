import type { PrivateZone, RecordSet } from '@azure/arm-privatedns';
import { parseArmId, sameId } from '../../azure/arm-id';
import type { Evidence, Fix } from '../../model';
import { getPrivateEndpoint, listARecords, listPrivateZones, listReplications, listSubscriptionIds, listZoneLinks, privateZonesKey } from '../azure-lookups';
import { listInEach, refusedEvidence, refusedPermission, throwIfNothingReadable, type RefusedSubscription } from '../search-subscriptions';
import type { Check, CheckContext, CheckOutcome } from '../check';
import { sh, subscriptionArg } from '../fix-commands';
import { DOCS } from './docs';
import { toPrivateEndpointFacts } from './private-endpoint';

/** Login-server suffixes of the sovereign clouds (Azure China, Azure Government); every other ACR is under azurecr.io. */
const SOVEREIGN_ACR_SUFFIXES = ['azurecr.cn', 'azurecr.us'];

/**
 * The privatelink zone is linked to the cluster VNet and holds an A record, with the endpoint's IP,
 * for the login server and for every regional data endpoint (`<registry>.<region>.data`): a
 * missing data record sends blob downloads to the public endpoint, where the firewall refuses them.
 */
export const privateDnsCheck: Check = {
  id: 'private-dns',
  title: 'private DNS',
  // Reads the endpoints itself (the same cached lookups as private-endpoint) so both run at once.
  needs: ['registry', 'cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const approved = registry.privateEndpointConnections.filter((c) => c.status === 'Approved' && c.privateEndpointId);
    if (approved.length === 0) {
      return { finding: { status: 'skipped', summary: `${registry.name} has no approved private endpoint`, evidence: [], fixes: [] } };
    }
    const suffix = SOVEREIGN_ACR_SUFFIXES.find((s) => registry.loginServer.endsWith(`.${s}`)) ?? 'azurecr.io';
    const zoneName = `privatelink.${suffix}`;
    // Stryker disable next-line StringLiteral,MethodExpression: an approved endpoint's id parses (its read throws first otherwise), so no empty id is ever dropped
    const subscriptions = [...new Set([cluster.subscriptionId, registry.subscriptionId, ...approved.map((c) => parseArmId(c.privateEndpointId)?.subscriptionId ?? '')].filter(Boolean))];
    // The endpoints and the zones are independent reads.
    // A subscription that refuses the zone list (403) is skipped, never fatal: the zone may be in another.
    const listZones = (ids: string[]) => listInEach(ids, (s) => listPrivateZones(ctx, s), privateZonesKey);
    const [peList, nearby] = await Promise.all([Promise.all(approved.map((c) => getPrivateEndpoint(ctx, c.privateEndpointId!))), listZones(subscriptions)]);
    const refused = nearby.refused;
    // Stryker disable next-line StringLiteral: this check reads the endpoints' DNS configs, never their status
    const endpoints = peList.map((pe) => toPrivateEndpointFacts(pe, 'Approved'));
    const expected = expectedRecords(endpoints.flatMap((pe) => Object.entries(pe.ipsByFqdn)), suffix);
    let zones = nearby.items.filter((z) => z.name?.toLowerCase() === zoneName);
    // Landing zones keep privatelink zones central, in a connectivity subscription that is neither
    // the cluster's nor the registry's: when no zone is found nearby, look in every readable one
    // (https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/private-link-and-dns-integration-at-scale).
    let searched = subscriptions;
    if (!(await anyLinked(ctx, zones, cluster.vnetIds))) {
      const all = await listSubscriptionIds(ctx, ctx.subscriptions);
      const rest = all.filter((s) => !subscriptions.some((f) => f.toLowerCase() === s.toLowerCase()));
      const more = await listZones(rest);
      zones = [...zones, ...more.items.filter((z) => z.name?.toLowerCase() === zoneName)];
      refused.push(...more.refused);
      searched = [...subscriptions, ...rest];
    }
    const evidence: Evidence[] = [{ fact: `expected A records: ${[...expected].map(([n, ips]) => `${n} → ${ips.join('/')}`).join(', ')}`, source: 'private endpoint customDnsConfigs' }];
    if (cluster.customDnsServers.length) {
      evidence.push({ fact: `cluster VNet uses custom DNS ${cluster.customDnsServers.join(', ')}`, source: 'virtualNetwork dhcpOptions' });
    }

    if (zones.length === 0) throwIfNothingReadable(searched, refused);
    if (refused.length > 0) evidence.push(refusedEvidence(refused));
    if (zones.length === 0 && refused.length > 0) return zoneUnreadable(`There is no ${zoneName} zone in the subscriptions pull-doctor could read`, evidence, refused, []);
    if (zones.length === 0) {
      return {
        finding: {
          status: 'fail',
          summary: `There is no ${zoneName} private DNS zone in the ${searched.length} subscription(s) pull-doctor can read, so the nodes resolve ${registry.loginServer} to its public address`,
          evidence: [...evidence, { fact: `searched subscriptions ${searched.join(', ')}`, source: 'ARM list Microsoft.Network/privateDnsZones' }],
          fixes: [createZoneFix(zoneName, cluster.resourceGroup), linkFix(zoneName, cluster.resourceGroup, cluster.vnetIds[0]), ...[...expected].map(([name, ips]) => recordFix(zoneName, cluster.resourceGroup, name, ips[0]))],
          docs: DOCS.privateEndpointDns,
        },
      };
    }

    // Links and records of every candidate zone are read at once (usually one zone).
    const [linksByZone, recordsByZone] = await Promise.all([
      Promise.all(zones.map((z) => listZoneLinks(ctx, z.id!))),
      Promise.all(zones.map((z) => listARecords(ctx, z.id!))),
    ]);
    const linked: Array<{ zone: PrivateZone; vnet: string; records: RecordSet[] }> = [];
    zones.forEach((zone, i) => {
      for (const link of linksByZone[i]) {
        const vnet = link.virtualNetwork?.id;
        if (vnet && cluster.vnetIds.some((v) => sameId(v, vnet))) linked.push({ zone, vnet, records: recordsByZone[i] });
      }
    });
    const zone = linked[0]?.zone ?? zones[0];
    const zoneId = parseArmId(zone.id)!;
    evidence.push({ fact: `${zoneName} in ${zoneId.resourceGroup}: ${linked.length ? `linked to the cluster VNet ${parseArmId(linked[0].vnet)?.name}` : 'not linked to the cluster VNet'}`, source: `ARM ${zone.id}/virtualNetworkLinks` });

    if (linked.length === 0 && cluster.customDnsServers.length === 0 && refused.length > 0) {
      const link = linkFix(zoneName, zoneId.resourceGroup, cluster.vnetIds[0], subscriptionArg(zoneId.subscriptionId, cluster.subscriptionId));
      return zoneUnreadable(`No ${zoneName} zone that pull-doctor could read is linked to ${cluster.name}'s VNet`, evidence, refused, [{ ...link, text: `If no zone in those subscriptions is linked either: ${link.text}` }]);
    }
    if (linked.length === 0 && cluster.customDnsServers.length === 0) {
      return {
        finding: {
          status: 'fail',
          summary: `${zoneName} is not linked to ${cluster.name}'s VNet, so the nodes resolve ${registry.loginServer} to its public address`,
          evidence,
          fixes: [linkFix(zoneName, zoneId.resourceGroup, cluster.vnetIds[0], subscriptionArg(zoneId.subscriptionId, cluster.subscriptionId))],
          docs: DOCS.privateEndpointDns,
        },
      };
    }

    const records = linked[0]?.records ?? recordsByZone[0];
    const problems = compareRecords(expected, records, suffix);
    for (const p of problems) evidence.push({ fact: p.fact, source: `ARM ${zone.id}/A` });
    if (problems.length && (await servingProblems(ctx, problems, registry.name, registry.sku, cluster.location)).length === 0) {
      // Only other regions' data endpoints lack records: pulls from this cluster use its own region's.
      return {
        finding: {
          status: 'warn',
          summary: `${zoneName} lacks the A records of ${problems.map((p) => `${p.name}.${suffix}`).join(', ')}: not used by pulls from ${cluster.location} today, but they break if the registry routes ${cluster.name} to that replica`,
          evidence,
          fixes: problems.map((p) => recordFix(zoneName, zoneId.resourceGroup, p.name, p.ip, p.wrong, subscriptionArg(zoneId.subscriptionId, cluster.subscriptionId), p.misnamed)),
          docs: DOCS.privateEndpointDns,
        },
      };
    }
    if (problems.length) {
      return {
        finding: {
          status: 'fail',
          summary: `${zoneName} is missing or has wrong A records for ${problems.map((p) => `${p.name}.${suffix}`).join(', ')}`,
          evidence,
          fixes: problems.map((p) => recordFix(zoneName, zoneId.resourceGroup, p.name, p.ip, p.wrong, subscriptionArg(zoneId.subscriptionId, cluster.subscriptionId), p.misnamed)),
          docs: DOCS.privateEndpointDns,
        },
      };
    }
    if (cluster.customDnsServers.length) {
      return {
        finding: {
          status: 'warn',
          summary: `The zone's records are right, but the cluster VNet uses custom DNS servers (${cluster.customDnsServers.join(', ')}): they must forward ${zoneName} to Azure DNS (168.63.129.16) from a linked VNet`,
          evidence,
          fixes: [{ text: `From a node, check what ${registry.loginServer} resolves to (it must be a private IP).`, command: `kubectl debug node/${sh(ctx.failure.node ?? '<node>')} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0 -- nslookup ${registry.loginServer}` }],
          docs: DOCS.privateEndpointDns,
        },
      };
    }
    return { finding: { status: 'pass', summary: `${zoneName} is linked to the cluster VNet and every A record matches the endpoint`, evidence, fixes: [] } };
  },
};

/**
 * The record problems that affect pulls from this cluster: the login server's, and the data endpoint
 * of the region that serves the cluster — its own region when the registry has a replica there
 * (ACR routes a client to the closest replica:
 * https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication), or any
 * region the kubelet message shows it was sent to. Without a replica in the cluster's region every
 * data endpoint may serve it.
 */
async function servingProblems<P extends { name: string }>(ctx: CheckContext, problems: P[], registryName: string, sku: string, clusterLocation: string): Promise<P[]> {
  const region = (name: string) => new RegExp(`^${registryName}\\.([a-z0-9]+)\\.data$`, 'i').exec(name)?.[1]; // names are lower-cased already
  const here = clusterLocation.toLowerCase().replace(/\s/g, '');
  if (sku !== 'Premium' || !(await replicaRegions(ctx, registryName)).includes(here)) return problems;
  // Stryker disable next-line StringLiteral: any stand-in for an absent message names no data endpoint
  const message = (ctx.failure.message ?? '').toLowerCase();
  return problems.filter((p) => {
    const r = region(p.name);
    return r === undefined || r === here || message.includes(`${registryName.toLowerCase()}.${r}.data.`);
  });
}

/**
 * The regions the registry has replicas in. When ARM will not list them (throttled, refused), the
 * registry's own `dataEndpointHostNames` name one `<registry>.<region>.data` endpoint per replica
 * (https://learn.microsoft.com/azure/container-registry/container-registry-dedicated-data-endpoints),
 * so the records can still be judged; with neither, every record counts.
 */
async function replicaRegions(ctx: CheckContext, registryName: string): Promise<string[]> {
  const norm = (location: string) => location.toLowerCase().replace(/\s/g, '');
  try {
    return (await listReplications(ctx, ctx.facts.registry!.id)).flatMap((r) => (r.location ? [norm(r.location)] : []));
  } catch {
    const region = new RegExp(`^${registryName}\\.([a-z0-9]+)\\.data\\.`, 'i');
    return ctx.facts.registry!.dataEndpointHostNames.flatMap((h) => region.exec(h)?.[1]?.toLowerCase() ?? []);
  }
}

/** Whether one of the zones is linked to one of the cluster's VNets (the links are cached for the main pass). */
async function anyLinked(ctx: CheckContext, zones: PrivateZone[], vnetIds: readonly string[]): Promise<boolean> {
  const links = await Promise.all(zones.map((z) => listZoneLinks(ctx, z.id!)));
  return links.flat().some((l) => vnetIds.some((v) => sameId(v, l.virtualNetwork?.id)));
}

/** `myacr.westeurope.data.azurecr.io` → `myacr.westeurope.data`. */
function expectedRecords(entries: Array<[string, string[]]>, suffix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [fqdn, ips] of entries) {
    const f = fqdn.toLowerCase().replace(/\.$/, '');
    if (!f.endsWith(`.${suffix}`) || ips.length === 0) continue;
    // Stryker disable next-line Regex: a registry name has no dots, so ".privatelink" can only be the last label left
    out.set(f.slice(0, -(suffix.length + 1)).replace(/\.privatelink$/, ''), ips);
  }
  return out;
}

/**
 * A record set's name is relative to its zone (https://learn.microsoft.com/azure/dns/dns-zones-records#record-names):
 * one written with the endpoint's full name (`myacr.westeurope.data.azurecr.io`, or with `.privatelink`)
 * answers that name under the zone, never the endpoint. Such a record beside a missing one is named.
 */
function compareRecords(expected: Map<string, string[]>, records: RecordSet[], suffix: string): Array<{ name: string; ip: string; wrong?: string; misnamed?: string; fact: string }> {
  const problems = [];
  for (const [name, ips] of expected) {
    const record = records.find((r) => r.name?.toLowerCase() === name);
    const actual = (record?.aRecords ?? []).map((a) => a.ipv4Address).filter((ip): ip is string => !!ip);
    const misnamed = records.find((r) => [`${name}.${suffix}`, `${name}.privatelink.${suffix}`].includes(r.name?.toLowerCase() ?? ''))?.name;
    const why = misnamed ? `; a record named ${misnamed} exists, but record names are relative to the zone: it answers ${misnamed}.privatelink.${suffix}` : '';
    if (!record || actual.length === 0) problems.push({ name, ip: ips[0], misnamed, fact: `no A record ${name} (expected ${ips.join('/')})${why}` });
    else if (!actual.some((ip) => ips.includes(ip))) problems.push({ name, ip: ips[0], wrong: actual[0], fact: `A record ${name} is ${actual.join('/')}, the endpoint has ${ips.join('/')}` });
  }
  return problems;
}

function createZoneFix(zone: string, rg: string): Fix {
  return { text: `Create the ${zone} zone.`, command: `az network private-dns zone create --resource-group ${sh(rg)} --name ${zone}` };
}

function linkFix(zone: string, rg: string, vnetId: string | undefined, sub = ''): Fix {
  const vnet = parseArmId(vnetId);
  return {
    text: `Link ${zone} to the cluster VNet${vnet ? ` ${vnet.name}` : ''} so the nodes resolve the registry to its private endpoint.`,
    command: `az network private-dns link vnet create --resource-group ${sh(rg)} --zone-name ${zone} --name ${sh(`${vnet?.name ?? 'aks-vnet'}-link`)} --virtual-network ${sh(vnetId ?? '<vnet id>')} --registration-enabled false${sub}`,
  };
}

function recordFix(zone: string, rg: string, name: string, ip: string, wrong?: string, sub = '', misnamed?: string): Fix {
  const add = `az network private-dns record-set a add-record --resource-group ${sh(rg)} --zone-name ${zone} --record-set-name ${sh(name)} --ipv4-address ${ip}${sub}`;
  if (misnamed) {
    return {
      text: `Add the A record ${name} → ${ip} (the name relative to ${zone}) and delete ${misnamed}, which was written with the full name; fix the template that names it.`,
      command: `${add}\naz network private-dns record-set a delete --resource-group ${sh(rg)} --zone-name ${zone} --name ${sh(misnamed)} --yes${sub}`,
    };
  }
  return {
    text: wrong ? `Point ${name} at the endpoint's IP ${ip} instead of ${wrong}.` : `Add the A record ${name} → ${ip}.`,
    command: wrong ? `az network private-dns record-set a remove-record --resource-group ${sh(rg)} --zone-name ${zone} --record-set-name ${sh(name)} --ipv4-address ${wrong}${sub}\n${add}` : add,
  };
}

/**
 * No linked zone among the readable subscriptions, and some subscription refused the zone list: a
 * linked zone may be there (landing zones keep privatelink zones in a connectivity subscription), so
 * this is `unknown` naming the refused read, never "there is no zone".
 */
function zoneUnreadable(found: string, evidence: Evidence[], refused: RefusedSubscription[], fixes: Fix[]): CheckOutcome {
  const where = refused.map((r) => r.subscriptionId).join(', ');
  return {
    finding: {
      status: 'unknown',
      summary: `${found}; ${where} refused the zone list, so the zone may be there`,
      evidence,
      missing: { what: `the private DNS zones of subscription ${where}`, permission: refusedPermission(refused) },
      fixes,
      docs: DOCS.privateEndpointDns,
    },
  };
}
