import type { AzureFirewall, FirewallPolicyRuleCollectionGroup } from '@azure/arm-network';
import { ipInRange, rangeWithin } from './ipv4';
import type { Match } from './nsg-rules';
import type { RegistryEndpoint } from './registry-endpoints';
import { otherRegionTag } from './service-tags';

/**
 * Whether an Azure Firewall lets the nodes open HTTPS to one registry endpoint. Azure Firewall
 * processes network rules before application rules, whatever their priorities; within a kind, rule
 * collection groups by priority, then collections by priority, and a parent policy's before the
 * child's; the first match decides, and what nothing matches is denied
 * (https://learn.microsoft.com/azure/firewall/rule-processing). A rule pull-doctor cannot settle (IP
 * groups, web categories, URLs under TLS inspection, an address range the registry's public address
 * may or may not be in) is `maybe`: if it could change the answer, the answer is `unknown`.
 */
export interface FirewallRule {
  kind: 'network' | 'application';
  action: 'Allow' | 'Deny';
  /** Sort key: [parent policy first, group priority, collection priority, position]. */
  rank: number[];
  /** `group/collection/rule` (classic: `collection/rule`). */
  where: string;
  sourceAddresses: string[];
  sourceIpGroups: string[];
  // Application rules.
  targetFqdns: string[];
  fqdnTags: string[];
  https: boolean;
  targetUrls: string[];
  webCategories: string[];
  // Network rules.
  ipProtocols: string[];
  destinationAddresses: string[];
  destinationPorts: string[];
  destinationFqdns: string[];
  destinationIpGroups: string[];
}

export type FirewallDecision =
  | { verdict: 'allow'; rule: FirewallRule }
  | { verdict: 'deny'; rule?: FirewallRule }
  | { verdict: 'unknown'; rule: FirewallRule; why: string };

const arr = (v: readonly string[] | undefined): string[] => [...(v ?? [])];
const blank = { sourceAddresses: [], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: [], destinationAddresses: [], destinationPorts: [], destinationFqdns: [], destinationIpGroups: [] };

/** An application rule's protocols allow HTTPS on 443 (an FQDN tag rule carries none: HTTP and HTTPS). */
function allowsHttps(protocols: ReadonlyArray<{ protocolType?: string; port?: number }> | undefined, tagged: boolean): boolean {
  if (!protocols?.length) return tagged;
  return protocols.some((p) => p.protocolType?.toLowerCase() === 'https' && (p.port ?? 443) === 443);
}

/** Rules of firewall policy rule collection groups (`parent`: the base policy's, processed first). */
export function rulesFromPolicy(groups: readonly FirewallPolicyRuleCollectionGroup[], parent = false): FirewallRule[] {
  return groups.flatMap((g) =>
    (g.ruleCollections ?? []).flatMap((c) => {
      if (c.ruleCollectionType !== 'FirewallPolicyFilterRuleCollection') return [];
      const action = (c as { action?: { type?: string } }).action?.type === 'Deny' ? 'Deny' : 'Allow';
      const rules = (c as { rules?: Array<Record<string, unknown> & { ruleType?: string; name?: string }> }).rules ?? [];
      return rules.flatMap((r, i): FirewallRule[] => {
        const base = { ...blank, action: action as 'Allow' | 'Deny', rank: [parent ? 0 : 1, g.priority ?? 0, c.priority ?? 0, i], where: `${g.name}/${c.name}/${r.name}` };
        const s = (k: string) => arr(r[k] as string[] | undefined);
        const common = { sourceAddresses: s('sourceAddresses'), sourceIpGroups: s('sourceIpGroups') };
        if (r.ruleType === 'ApplicationRule') {
          const tags = s('fqdnTags');
          return [{ ...base, ...common, kind: 'application', targetFqdns: s('targetFqdns'), fqdnTags: tags, https: allowsHttps(r.protocols as never, tags.length > 0), targetUrls: s('targetUrls'), webCategories: s('webCategories') }];
        }
        if (r.ruleType === 'NetworkRule') {
          return [{ ...base, ...common, kind: 'network', ipProtocols: s('ipProtocols'), destinationAddresses: s('destinationAddresses'), destinationPorts: s('destinationPorts'), destinationFqdns: s('destinationFqdns'), destinationIpGroups: s('destinationIpGroups') }];
        }
        return [];
      });
    }),
  );
}

/** Rules of a firewall's classic rule collections (no policy). */
export function rulesFromClassic(firewall: AzureFirewall): FirewallRule[] {
  const action = (a: { type?: string } | undefined) => (a?.type === 'Deny' ? 'Deny' : 'Allow') as 'Allow' | 'Deny';
  const network = (firewall.networkRuleCollections ?? []).flatMap((c) =>
    (c.rules ?? []).map((r, i): FirewallRule => ({
      ...blank, kind: 'network', action: action(c.action), rank: [0, 0, c.priority ?? 0, i], where: `${c.name}/${r.name}`,
      sourceAddresses: arr(r.sourceAddresses), sourceIpGroups: arr(r.sourceIpGroups), ipProtocols: arr(r.protocols), destinationAddresses: arr(r.destinationAddresses),
      destinationPorts: arr(r.destinationPorts), destinationFqdns: arr(r.destinationFqdns), destinationIpGroups: arr(r.destinationIpGroups),
    })),
  );
  const application = (firewall.applicationRuleCollections ?? []).flatMap((c) =>
    (c.rules ?? []).map((r, i): FirewallRule => ({
      ...blank, kind: 'application', action: action(c.action), rank: [0, 0, c.priority ?? 0, i], where: `${c.name}/${r.name}`,
      sourceAddresses: arr(r.sourceAddresses), sourceIpGroups: arr(r.sourceIpGroups), targetFqdns: arr(r.targetFqdns), fqdnTags: arr(r.fqdnTags),
      https: allowsHttps(r.protocols, (r.fqdnTags ?? []).length > 0),
    })),
  );
  return [...network, ...application];
}

/**
 * An FQDN pattern against a host. A leading `*` matches anything to its left, several labels too
 * (https://learn.microsoft.com/azure/firewall/firewall-faq#how-do-wildcards-work-in-target-urls-and-target-fqdns-in-application-rules).
 * `host` may itself be a wildcard (`*.blob.core.windows.net`: some storage account): only a pattern
 * covering every such name is `yes`; one naming a single account is `maybe`.
 */
export function fqdnMatch(pattern: string, host: string): Match {
  const p = pattern.trim().toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return 'yes';
  if (h.startsWith('*')) {
    if (p.startsWith('*')) return h.slice(1).endsWith(p.slice(1)) ? 'yes' : 'no';
    return p.endsWith(h.slice(1)) ? 'maybe' : 'no';
  }
  if (p.startsWith('*')) return h.endsWith(p.slice(1)) ? 'yes' : 'no';
  return p === h ? 'yes' : 'no';
}

function sourceOf(rule: FirewallRule, subnet: string | undefined): Match {
  const from = rule.sourceAddresses.map((a): Match => {
    const p = a.trim();
    if (p === '*') return 'yes';
    if (!subnet || !/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(p)) return 'maybe';
    if (rangeWithin(subnet, p)) return 'yes';
    return rangeWithin(p, subnet) || ipInRange(subnet.split('/')[0]!, p) ? 'maybe' : 'no';
  });
  if (rule.sourceIpGroups.length > 0) from.push('maybe');
  return from.includes('yes') ? 'yes' : from.includes('maybe') ? 'maybe' : 'no';
}

const anyOf = (ms: Match[]): Match => (ms.includes('yes') ? 'yes' : ms.includes('maybe') ? 'maybe' : 'no');
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

function networkDestination(rule: FirewallRule, target: RegistryEndpoint): Match {
  const protocol = rule.ipProtocols.length === 0 || rule.ipProtocols.some((p) => ['tcp', 'any'].includes(p.toLowerCase()));
  const port = rule.destinationPorts.some((r) => {
    if (r.trim() === '*') return true;
    // Stryker disable next-line MethodExpression: Number() reads whitespace around digits away itself
    const [lo, hi = lo] = r.split('-').map((n) => Number(n.trim()));
    return lo! <= 443 && 443 <= hi!;
  });
  if (!protocol || !port) return 'no';
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const matches: Match[] = rule.destinationAddresses.map((d): Match => {
    const p = d.trim().toLowerCase();
    if (p === '*') return 'yes';
    if (lower(target.tags).includes(p)) return 'yes';
    if (lower(target.maybeTags).includes(p)) return 'maybe';
    if (/^\d/.test(p)) return PRIVATE.some((r) => rangeWithin(p, r)) ? 'no' : 'maybe';
    return otherRegionTag(p, [...target.tags, ...target.maybeTags]) ? 'no' : 'maybe';
  });
  matches.push(...rule.destinationFqdns.map((f) => fqdnMatch(f, target.host)));
  if (rule.destinationIpGroups.length > 0) matches.push('maybe');
  return anyOf(matches);
}

function applicationDestination(rule: FirewallRule, target: RegistryEndpoint): Match {
  if (!rule.https) return 'no';
  const matches = rule.targetFqdns.map((f) => fqdnMatch(f, target.host));
  // FQDN tags hold Microsoft services' names, never a customer's registry: AzureKubernetesService is
  // AKS's own egress (MCR, not your ACR) (https://learn.microsoft.com/azure/firewall/fqdn-tags ,
  // https://learn.microsoft.com/azure/aks/outbound-rules-control-egress).
  if (rule.fqdnTags.length > 0) matches.push(target.host.endsWith('.azurecr.io') ? 'no' : 'maybe');
  if (rule.webCategories.length > 0 || rule.targetUrls.length > 0) matches.push('maybe');
  return anyOf(matches);
}

/** The rule that decides HTTPS from the subnet to the endpoint. */
export function evaluateFirewall(rules: readonly FirewallRule[], subnet: string | undefined, target: RegistryEndpoint): FirewallDecision {
  const ordered = [...rules].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'network' ? -1 : 1) || compareRank(a.rank, b.rank));
  const pending: FirewallRule[] = [];
  for (const rule of ordered) {
    const dest = rule.kind === 'network' ? networkDestination(rule, target) : applicationDestination(rule, target);
    const source = sourceOf(rule, subnet);
    const match: Match = dest === 'no' || source === 'no' ? 'no' : dest === 'maybe' || source === 'maybe' ? 'maybe' : 'yes';
    if (match === 'no') continue;
    if (match === 'maybe') {
      pending.push(rule);
      continue;
    }
    const differs = pending.find((p) => p.action !== rule.action);
    if (differs) return { verdict: 'unknown', rule: differs, why: whyMaybe(differs) };
    return rule.action === 'Allow' ? { verdict: 'allow', rule } : { verdict: 'deny', rule };
  }
  // Nothing matched: denied, unless an unsettled allow rule might have matched.
  const allow = pending.find((p) => p.action === 'Allow');
  return allow ? { verdict: 'unknown', rule: allow, why: whyMaybe(allow) } : { verdict: 'deny' };
}

/**
 * An allow application rule of the firewall's own policy that was written for the registry but misses
 * this traffic: it names every denied endpoint but not the node subnet among its sources (`source`),
 * or it lets the node subnet reach another endpoint of the registry but none of the denied ones
 * (`host`). Extending that rule is the fix, not a new collection elsewhere. Only used when nothing
 * matched (the default deny), so the extended rule is the first to match.
 */
export function nearMissRule(rules: readonly FirewallRule[], subnet: string | undefined, denied: readonly RegistryEndpoint[], all: readonly RegistryEndpoint[]): { rule: FirewallRule; missing: 'source' | 'host' } | undefined {
  const own = rules.filter((r) => r.kind === 'application' && r.action === 'Allow' && r.https && r.rank[0] === 1 && r.where.split('/').length === 3 && r.sourceIpGroups.length === 0);
  const bySource = own.find((r) => denied.every((e) => applicationDestination(r, e) === 'yes') && sourceOf(r, subnet) === 'no');
  if (bySource) return { rule: bySource, missing: 'source' };
  const byHost = own.find((r) => sourceOf(r, subnet) === 'yes' && r.targetFqdns.length > 0 && all.some((e) => applicationDestination(r, e) === 'yes') && denied.every((e) => applicationDestination(r, e) === 'no'));
  return byHost ? { rule: byHost, missing: 'host' } : undefined;
}

function compareRank(a: number[], b: number[]): number {
  // Stryker disable next-line MethodExpression: every rank is four numbers long
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

function whyMaybe(rule: FirewallRule): string {
  if (rule.sourceIpGroups.length || rule.destinationIpGroups.length) return 'it uses IP groups, which pull-doctor does not read';
  if (rule.webCategories.length || rule.targetUrls.length) return 'it matches web categories or URLs, which pull-doctor cannot evaluate from ARM';
  return 'pull-doctor cannot tell from ARM whether its addresses cover the node or the registry';
}
