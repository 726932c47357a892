import type { AcrHost, AzureCloud } from '../model/image-ref';
import { editDistance } from './edit-distance';

/**
 * Login server suffix per Azure cloud. Source: MS Learn "Azure Container Registry in sovereign clouds"
 * and `az cloud show --query suffixes.acrLoginServerEndpoint` (".azurecr.io", ".azurecr.cn", ".azurecr.us").
 */
const LOGIN_SUFFIX: Record<AzureCloud, string> = {
  AzureCloud: 'azurecr.io',
  AzureChinaCloud: 'azurecr.cn',
  AzureUSGovernment: 'azurecr.us',
};

const TLD_TO_CLOUD: Record<string, AzureCloud> = { io: 'AzureCloud', cn: 'AzureChinaCloud', us: 'AzureUSGovernment' };

/** The login server suffix of a cloud, without a leading dot: `azurecr.io`. */
export function acrLoginServerSuffix(cloud: AzureCloud): string {
  return LOGIN_SUFFIX[cloud];
}

/** The login server of a registry name in a cloud: `myacr` → `myacr.azurecr.io`. */
export function acrLoginServer(registryName: string, cloud: AzureCloud = 'AzureCloud'): string {
  return `${registryName.toLowerCase()}.${LOGIN_SUFFIX[cloud]}`;
}

// ACR resource names are 5–50 alphanumerics; the login server adds an optional
// "-<hash>" when the registry uses a domain-name-label scope other than "Unsecure".
const REGISTRY_LABEL = /^([a-z0-9]{5,50})(?:-[a-z0-9]{1,16})?$/;
// Azure region names are lowercase alphanumerics (westeurope, eastus2, usgovvirginia, chinanorth3).
const REGION_LABEL = /^[a-z][a-z0-9]{2,40}$/;

function hostWithoutPort(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower; // IPv6 literal: never ACR
  const colon = lower.lastIndexOf(':');
  return colon >= 0 ? lower.slice(0, colon) : lower;
}

/**
 * What a registry host says about an ACR: login server (`myacr.azurecr.io`), geo-replica regional
 * endpoint (`myacr.westeurope.geo.azurecr.io`) or dedicated data endpoint
 * (`myacr.westeurope.data.azurecr.io`), in every cloud. Undefined when the host is not an ACR host.
 */
export function recognizeAcrHost(host: string): AcrHost | undefined {
  const labels = hostWithoutPort(host).split('.');
  if (labels.length < 3) return undefined;
  const tld = labels[labels.length - 1];
  const cloud = TLD_TO_CLOUD[tld];
  if (!cloud || labels[labels.length - 2] !== 'azurecr') return undefined;
  const front = labels.slice(0, -2);
  const nameMatch = REGISTRY_LABEL.exec(front[0]);
  if (!nameMatch) return undefined;
  const loginServer = `${front[0]}.${LOGIN_SUFFIX[cloud]}`;
  const registryName = nameMatch[1];
  if (front.length === 1) return { registryName, cloud, kind: 'login', loginServer };
  if (front.length === 3 && REGION_LABEL.test(front[1]) && (front[2] === 'geo' || front[2] === 'data')) {
    return {
      registryName,
      cloud,
      kind: front[2] === 'geo' ? 'regional' : 'data',
      region: front[1],
      loginServer,
    };
  }
  return undefined;
}

/** Junk labels people type after a correct suffix (`myacr.azurecr.io.com`). */
const WRONG_TLDS = new Set(['com', 'net', 'org', 'azure', 'microsoft', 'windows', 'cr', 'ie', 'oi', 'co']);

/**
 * A likely intended ACR host for a host that looks like a typo of one: `myacr.azureacr.io`,
 * `myacr.azurecr.com`, `myacr.azurcr.io`, `myacr.azurecr.io.` (trailing dot), `myacr.azurecr`,
 * `myacr.privatelink.azurecr.io` (the private DNS zone name, not a pullable host).
 * Undefined when the host is a real ACR host already or does not look like one.
 */
export function suggestAcrHost(host: string): string | undefined {
  const bare = hostWithoutPort(host).replace(/\.+$/, '');
  const labels = bare.split('.').filter((label) => label.length > 0);
  const fixed = labels.filter((label) => label !== 'privatelink');
  if (fixed.length !== labels.length) {
    const candidate = fixed.join('.');
    if (recognizeAcrHost(candidate)) return candidate;
  }
  for (let i = 1; i < fixed.length; i++) {
    const label = fixed[i];
    // "azurecr" typos within two edits (azureacr, azurcr, azuercr, azure); shorter labels are too
    // far from anything to guess safely.
    const distance = label.length < 4 ? Infinity : editDistance(label, 'azurecr');
    const tld = fixed[i + 1];
    // Two edits away (`azure`) only with a real ACR TLD: `x.azure.com` is too common to rewrite.
    if (distance > 2 || (distance === 2 && (tld === undefined || !TLD_TO_CLOUD[tld]))) continue;
    const extra = fixed.slice(i + 2);
    // The "azurecr" label is the strong signal; a wrong TLD after it (com, net, cm) means the public cloud.
    const cloudTld = tld !== undefined && TLD_TO_CLOUD[tld] ? tld : 'io';
    // `myacr.azurecr.io.com`: a valid suffix followed by junk labels.
    if (extra.length > 0 && !extra.every((x) => WRONG_TLDS.has(x))) continue;
    const candidate = [...fixed.slice(0, i), 'azurecr', cloudTld].join('.');
    if (candidate !== hostWithoutPort(host) && recognizeAcrHost(candidate)) return candidate;
  }
  return undefined;
}
