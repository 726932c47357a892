import type { Diagnosis, Finding } from '../model';
import { CHECK_TITLES } from './checks';

export interface Link {
  label: string;
  url: string;
}

/**
 * A top-level ARM resource id inside free text: /subscriptions/<guid>/resourceGroups/<rg>/providers/<ns>/<type>/<name>.
 * Child segments (…/agentPools/x, …/A/record) are left out: the portal blade of the parent is the useful one.
 */
const RESOURCE_ID = /\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[^/\s]+\/providers\/[A-Za-z0-9.]+\/[A-Za-z0-9]+\/[^/\s?,;:)'"`\]]+/g;

const TYPE_LABELS: Record<string, string> = {
  'microsoft.containerregistry/registries': 'container registry',
  'microsoft.containerservice/managedclusters': 'AKS cluster',
  'microsoft.network/privatednszones': 'private DNS zone',
  'microsoft.network/privateendpoints': 'private endpoint',
  'microsoft.network/virtualnetworks': 'virtual network',
  'microsoft.network/publicipaddresses': 'public IP',
  'microsoft.network/networksecuritygroups': 'network security group',
  'microsoft.network/firewalls': 'Azure Firewall',
  'microsoft.network/azurefirewalls': 'Azure Firewall',
  'microsoft.network/firewallpolicies': 'firewall policy',
  'microsoft.network/routetables': 'route table',
  'microsoft.managedidentity/userassignedidentities': 'managed identity',
};

/** Azure portal blade of a resource (`#@/resource<id>` opens it in the signed-in user's default tenant). */
export function portalUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}`;
}

export function resourceIdsIn(text: string): string[] {
  // A sentence may end right after an id ("…/registries/myacr."); ARM names never end in a dot.
  return [...text.matchAll(RESOURCE_ID)].map((m) => m[0].replace(/[.,;:]+$/, ''));
}

function resourceLabel(id: string): string {
  const parts = id.split('/');
  const name = parts[parts.length - 1] ?? id;
  const type = `${parts[6] ?? ''}/${parts[7] ?? ''}`.toLowerCase();
  const kind = TYPE_LABELS[type] ?? parts[7] ?? 'resource';
  return `${name} (${kind})`;
}

function findingTexts(finding: Finding): string[] {
  return [
    finding.summary,
    ...finding.evidence.flatMap((e) => [e.fact, e.source]),
    ...finding.fixes.flatMap((f) => [f.text, f.command ?? '']),
  ];
}

/**
 * Portal links for every resource the diagnosis names: the cluster first, then resources named by the
 * root-cause findings, then the rest, each once (ids compare case-insensitively, as ARM does).
 */
export function portalLinks(diagnosis: Diagnosis, rootCauseIds: ReadonlySet<string>): Link[] {
  const ordered = [
    ...diagnosis.findings.filter((f) => rootCauseIds.has(f.checkId)),
    ...diagnosis.findings.filter((f) => !rootCauseIds.has(f.checkId) && f.status !== 'pass' && f.status !== 'skipped'),
    ...diagnosis.findings.filter((f) => f.status === 'pass'),
  ];
  const ids = [diagnosis.failure.cluster ?? '', ...ordered.flatMap(findingTexts)].flatMap(resourceIdsIn);
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const id of ids) {
    const key = id.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ label: resourceLabel(id), url: portalUrl(id) });
  }
  return links;
}

/** The troubleshooting doc of each failing (then warning) finding, each once. */
export function docsLinks(diagnosis: Diagnosis): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const status of ['fail', 'warn'] as const) {
    for (const finding of diagnosis.findings) {
      if (finding.status !== status || !finding.docs || seen.has(finding.docs)) continue;
      if (!/^https:\/\//.test(finding.docs)) continue;
      seen.add(finding.docs);
      links.push({ label: `Docs: ${CHECK_TITLES[finding.checkId]}`, url: finding.docs });
    }
  }
  return links;
}

/** Last path segment of an ARM id ("aks-prod"), or the text itself when it is not an id. */
export function resourceName(id: string): string {
  const trimmed = id.replace(/\/+$/, '');
  return trimmed.includes('/') ? trimmed.slice(trimmed.lastIndexOf('/') + 1) : trimmed;
}
