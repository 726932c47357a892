import type { NetworkSecurityGroup, SecurityRule } from '@azure/arm-network';
import { ipInRange, rangeWithin } from './ipv4';
import { otherRegionTag } from './service-tags';

/**
 * Whether a network security group lets a node open TCP 443 to the registry, by Azure's own
 * evaluation: outbound rules (custom and default) in priority order, lowest number first, the first
 * rule whose protocol, source, destination and port all match decides
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules ,
 * #default-security-rules). A rule pull-doctor cannot evaluate here — an application security group,
 * a service tag it cannot place, an address range when the registry's addresses are not known — is
 * `maybe`: it decides nothing on its own, and if it could change the answer the answer is `unknown`,
 * never a pass.
 */

/** Where the pull goes: one of the registry's endpoints, as an NSG can see it. */
export interface NsgDestination {
  /** For people: `myacr.azurecr.io`, `myacr.westeurope.data.azurecr.io`. */
  host: string;
  /** Service tags whose ranges certainly hold it (`AzureContainerRegistry`, `AzureContainerRegistry.westeurope`). */
  tags: readonly string[];
  /** Service tags that may hold it (pull-doctor cannot tell from ARM). */
  maybeTags: readonly string[];
  /** Its addresses when known (a private endpoint's IP); empty: not known. */
  ips: readonly string[];
  /** A private endpoint's address in the VNet (or a peered one): `VirtualNetwork`, not `Internet`. */
  private: boolean;
}

export type Match = 'yes' | 'no' | 'maybe';

export interface NsgRuleRef {
  nsg: string;
  rule: string;
  priority: number;
  access: 'Allow' | 'Deny';
  /** One of Azure's default rules (AllowVnetOutBound, AllowInternetOutBound, DenyAllOutBound). */
  isDefault: boolean;
}

export type NsgDecision = ({ verdict: 'allow' | 'deny' } & NsgRuleRef) | ({ verdict: 'unknown'; why: string } & NsgRuleRef);

/**
 * Azure's default outbound rules, for an NSG whose answer leaves `defaultSecurityRules` out (GET
 * returns them; a hand-built NSG may not) — the three the overview documents.
 */
export const DEFAULT_OUTBOUND: readonly SecurityRule[] = [
  { name: 'AllowVnetOutBound', priority: 65000, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationPortRange: '*' },
  { name: 'AllowInternetOutBound', priority: 65001, direction: 'Outbound', access: 'Allow', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Internet', sourcePortRange: '*', destinationPortRange: '*' },
  { name: 'DenyAllOutBound', priority: 65500, direction: 'Outbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '*' },
];

/**
 * Service tags that hold no registry endpoint and no private endpoint in a VNet (Azure IP Ranges and
 * Service Tags): AzureResourceManager is ARM's, MicrosoftContainerRegistry is MCR's (Microsoft's own
 * images), not a customer's ACR (https://learn.microsoft.com/azure/virtual-network/service-tags-overview#available-service-tags).
 */
const UNRELATED_TAGS = new Set(['azureresourcemanager', 'microsoftcontainerregistry', 'azureloadbalancer', 'azureactivedirectory', 'azuremonitor', 'azurekeyvault', 'sql', 'eventhub', 'servicebus', 'azurefrontdoor.backend', 'azurefrontdoor.frontend', 'azurefrontdoor.firstparty', 'guestandhybridmanagement', 'azurecosmosdb', 'appservice', 'azuretrafficmanager']);
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const CIDR = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;

const both = (...matches: Match[]): Match => (matches.includes('no') ? 'no' : matches.includes('maybe') ? 'maybe' : 'yes');
const any = (matches: Match[]): Match => (matches.includes('yes') ? 'yes' : matches.includes('maybe') ? 'maybe' : 'no');
const list = (one: string | undefined, many: readonly string[] | undefined): string[] => [...(one ? [one] : []), ...(many ?? [])];

export function protocolMatch(protocol: string | undefined): Match {
  const p = (protocol ?? '*').toLowerCase();
  return p === '*' || p === 'tcp' ? 'yes' : 'no';
}

/** `*`, `443`, `400-500`: whether 443 is among the destination ports. */
export function portMatch(ranges: readonly string[]): Match {
  if (ranges.length === 0) return 'yes';
  return any(
    ranges.map((r) => {
      if (r.trim() === '*') return 'yes';
      // Stryker disable next-line MethodExpression: Number() reads whitespace around digits away itself
      const [lo, hi = lo] = r.split('-').map((n) => Number(n.trim()));
      return lo! <= 443 && 443 <= hi! ? 'yes' : 'no';
    }),
  );
}

/** The node's subnet as a rule's source: `*`, `VirtualNetwork`, or a range holding the whole subnet. */
export function sourceMatch(prefix: string, subnet: string | undefined): Match {
  const p = prefix.trim().toLowerCase();
  if (p === '*' || p === 'virtualnetwork') return 'yes';
  if (p === 'internet' || UNRELATED_TAGS.has(p)) return 'no';
  if (!CIDR.test(p) || !subnet) return 'maybe';
  if (rangeWithin(subnet, p)) return 'yes';
  // A range that holds only some of the subnet's addresses applies to some nodes.
  // Stryker disable next-line StringLiteral: base feeds only ipInRange(base, p), which the two rangeWithin calls already decide for any subnet that parses
  const [base] = subnet.split('/');
  return rangeWithin(p, subnet) || ipInRange(base!, p) ? 'maybe' : 'no';
}

export function destinationMatch(prefix: string, dest: NsgDestination): Match {
  const p = prefix.trim().toLowerCase();
  if (p === '*') return 'yes';
  if (p === 'virtualnetwork') return dest.private ? 'yes' : 'no';
  if (p === 'internet') return dest.private ? 'no' : 'yes';
  if (CIDR.test(p)) {
    if (dest.ips.length > 0) return any(dest.ips.map((ip) => (ipInRange(ip, p) ? 'yes' : 'no')));
    // A public endpoint is never in a private range; its public addresses are not in ARM.
    return !dest.private && PRIVATE_RANGES.some((r) => rangeWithin(p, r)) ? 'no' : 'maybe';
  }
  if (dest.tags.some((t) => t.toLowerCase() === p)) return 'yes';
  if (dest.maybeTags.some((t) => t.toLowerCase() === p)) return 'maybe';
  // Regional tags of unrelated services, and the VNet's own tags for a public endpoint.
  const base = p.split('.')[0]!;
  if (UNRELATED_TAGS.has(p) || UNRELATED_TAGS.has(base)) return 'no';
  if (dest.private) return 'no';
  // AzureContainerRegistry.swedencentral never holds an endpoint whose tags place it in norwayeast.
  if (otherRegionTag(p, [...dest.tags, ...dest.maybeTags])) return 'no';
  return 'maybe';
}

/**
 * Outbound allow rules that name a regional tag of another region than the endpoint's (an allow
 * copied from another region's NSG): they never hold it, which is worth saying beside a deny that wins.
 */
export function otherRegionAllows(nsg: NetworkSecurityGroup, dest: NsgDestination): Array<{ rule: string; priority: number; tag: string }> {
  const known = [...dest.tags, ...dest.maybeTags];
  return (nsg.securityRules ?? [])
    .filter((r) => (r.direction ?? 'Outbound') === 'Outbound' && r.access === 'Allow')
    .flatMap((r) =>
      list(r.destinationAddressPrefix, r.destinationAddressPrefixes)
        .filter((t) => !CIDR.test(t.trim()) && otherRegionTag(t.trim().toLowerCase(), known))
        .map((tag) => ({ rule: r.name ?? '?', priority: r.priority ?? 0, tag })),
    );
}

/** Whether one outbound rule applies to TCP 443 from the subnet to the destination. */
export function ruleMatch(rule: SecurityRule, subnet: string | undefined, dest: NsgDestination): { match: Match; why?: string } {
  if ((rule.direction ?? 'Outbound') !== 'Outbound') return { match: 'no' };
  const sources = list(rule.sourceAddressPrefix, rule.sourceAddressPrefixes);
  const destinations = list(rule.destinationAddressPrefix, rule.destinationAddressPrefixes);
  const sourceAsgs = (rule.sourceApplicationSecurityGroups ?? []).length > 0;
  const destAsgs = (rule.destinationApplicationSecurityGroups ?? []).length > 0;
  const source: Match = sourceAsgs ? 'maybe' : any(sources.map((s) => sourceMatch(s, subnet)));
  const destination: Match = destAsgs ? 'maybe' : any(destinations.map((d) => destinationMatch(d, dest)));
  const match = both(protocolMatch(rule.protocol), portMatch(list(rule.destinationPortRange, rule.destinationPortRanges)), source, destination);
  if (match !== 'maybe') return { match };
  const why =
    sourceAsgs || destAsgs
      ? 'it names an application security group, whose members pull-doctor does not read'
      : source === 'maybe'
        ? `its source ${sources.join(', ')} may or may not hold the node's address`
        : `pull-doctor cannot tell whether ${destinations.join(', ')} holds ${dest.host}`;
  return { match, why };
}

/**
 * The first outbound rule that decides TCP 443 to `dest`. A `maybe` rule before it whose access
 * differs makes the answer `unknown` (named); one with the same access changes nothing.
 */
export function evaluateNsg(nsg: NetworkSecurityGroup, subnet: string | undefined, dest: NsgDestination): NsgDecision {
  const defaults = nsg.defaultSecurityRules?.length ? nsg.defaultSecurityRules : DEFAULT_OUTBOUND;
  const rules = [...(nsg.securityRules ?? []).map((r) => ({ r, isDefault: false })), ...defaults.map((r) => ({ r, isDefault: true }))]
    .filter(({ r }) => (r.direction ?? 'Outbound') === 'Outbound')
    .sort((a, b) => (a.r.priority ?? 0) - (b.r.priority ?? 0));
  const name = nsg.name ?? nsg.id ?? 'the network security group';
  const ref = ({ r, isDefault }: { r: SecurityRule; isDefault: boolean }): NsgRuleRef => ({ nsg: name, rule: r.name ?? '?', priority: r.priority ?? 0, access: r.access === 'Deny' ? 'Deny' : 'Allow', isDefault });
  const pending: Array<{ rule: NsgRuleRef; why: string }> = [];
  for (const entry of rules) {
    const { match, why } = ruleMatch(entry.r, subnet, dest);
    if (match === 'no') continue;
    const rule = ref(entry);
    if (match === 'maybe') {
      pending.push({ rule, why: why! });
      continue;
    }
    const differs = pending.find((p) => p.rule.access !== rule.access);
    if (differs) return { verdict: 'unknown', why: differs.why, ...differs.rule };
    return { verdict: rule.access === 'Deny' ? 'deny' : 'allow', ...rule };
  }
  // DenyAllOutBound always matches; a custom default list without it leaves Azure's own.
  const last = pending[0];
  return last ? { verdict: 'unknown', why: last.why, ...last.rule } : { verdict: 'deny', nsg: name, rule: 'DenyAllOutBound', priority: 65500, access: 'Deny', isDefault: true };
}
