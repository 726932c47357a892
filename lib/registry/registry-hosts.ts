/** Facts about registry host names that change how pull-doctor talks to them. */

const ACR_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.azurecr\.(io|cn|us)$/i;

export function isAcrHost(host: string): boolean {
  return ACR_HOST.test(stripPort(host));
}

/**
 * The Entra audience whose token ACR's `/oauth2/exchange` accepts, by cloud: the SDK's `audience`
 * option (its default is `https://containerregistry.azure.net`, the audience of
 * https://learn.microsoft.com/azure/container-registry/container-registry-authentication; sovereign
 * clouds use their own suffix).
 */
export function acrAudience(host: string): string {
  const tld = ACR_HOST.exec(stripPort(host))?.[1]?.toLowerCase();
  if (tld === 'cn') return 'https://containerregistry.azure.cn';
  if (tld === 'us') return 'https://containerregistry.azure.us';
  return 'https://containerregistry.azure.net';
}

/** Docker Hub's image references say `docker.io`; its registry API lives at `registry-1.docker.io`. */
export function apiHost(host: string): string {
  const h = host.toLowerCase();
  return h === 'docker.io' || h === 'index.docker.io' ? 'registry-1.docker.io' : h;
}

function stripPort(host: string): string {
  return host.replace(/:\d+$/, '');
}
