import { MANIFEST_ACCEPT } from '../../registry/registry-wire';

/**
 * What the second probe pod runs on the node (host network, the node's azure.json): the kubelet's
 * own way to an ACR — an Entra token for the kubelet identity from IMDS, ACR's token exchange
 * (POST /oauth2/exchange, then /oauth2/token for `repository:<repo>:pull`), and a HEAD of the exact
 * manifest with the Accept types a pull sends. Every step has a strict timeout. Tokens stay in shell
 * variables and are emptied after use; only status codes and the manifest digest are printed:
 *
 *   head identity ok|none
 *   head exchange <status>
 *   head token <status>
 *   head manifest <status> [sha256:…]
 *
 * Inputs are validated by the caller (probeScript); they are single-quoted besides.
 */
export const HEAD_IMAGE = 'mcr.microsoft.com/azure-cli:2.67.0';
const IMDS = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F';

export function manifestHeadShell(input: { host: string; repository: string; reference: string }): string {
  const post = (url: string, fields: string[]) => `curl -sS --max-time 10 -o /tmp/r -w '%{http_code}' ${fields.map((f) => `--data-urlencode ${f}`).join(' ')} "${url}" 2>/dev/null`;
  return [
    `reg='${input.host}'; repo='${input.repository}'; ref='${input.reference}'`,
    `cid=$(jq -r '.userAssignedIdentityID // empty' /etc/kubernetes/azure.json 2>/dev/null)`,
    `aad=$(curl -sS --max-time 10 -H Metadata:true "${IMDS}\${cid:+&client_id=$cid}" 2>/dev/null | jq -r '.access_token // empty' 2>/dev/null)`,
    `if [ -z "$aad" ]; then echo "head identity none"; exit 0; fi`,
    `echo "head identity ok"`,
    `code=$(${post('https://$reg/oauth2/exchange', ['grant_type=access_token', '"service=$reg"', '"access_token=$aad"'])}); aad=''`,
    `rt=$(jq -r '.refresh_token // empty' /tmp/r 2>/dev/null); rm -f /tmp/r`,
    `echo "head exchange \${code:-000}"`,
    `[ -n "$rt" ] || exit 0`,
    `code=$(${post('https://$reg/oauth2/token', ['grant_type=refresh_token', '"service=$reg"', '"scope=repository:$repo:pull"', '"refresh_token=$rt"'])}); rt=''`,
    `at=$(jq -r '.access_token // empty' /tmp/r 2>/dev/null); rm -f /tmp/r`,
    `echo "head token \${code:-000}"`,
    `[ -n "$at" ] || exit 0`,
    `code=$(curl -sS --max-time 10 -I -o /dev/null -D /tmp/h -w '%{http_code}' -H "Authorization: Bearer $at" -H 'Accept: ${MANIFEST_ACCEPT}' "https://$reg/v2/$repo/manifests/$ref" 2>/dev/null); at=''`,
    `digest=$(grep -i '^docker-content-digest:' /tmp/h 2>/dev/null | tr -d '\\r' | awk '{print $2}' | grep -x 'sha256:[0-9a-f]\\{64\\}'); rm -f /tmp/h`,
    `echo "head manifest \${code:-000} $digest"`,
  ].join('\n');
}

export interface ManifestHeadEvidence {
  identity?: 'ok' | 'none';
  exchange?: number;
  token?: number;
  manifest?: number;
  digest?: string;
}

/** The `head …` lines of a probe's output; anything else is ignored. */
export function parseManifestHead(logs: string): ManifestHeadEvidence | undefined {
  const out: ManifestHeadEvidence = {};
  let seen = false;
  for (const raw of logs.split('\n')) {
    const m = /^head (identity|exchange|token|manifest) (ok|none|\d{3})(?: (sha256:[0-9a-f]{64}))?$/.exec(raw.trim());
    if (!m) continue;
    seen = true;
    if (m[1] === 'identity') {
      if (m[2] === 'ok' || m[2] === 'none') out.identity = m[2];
    } else if (/^\d{3}$/.test(m[2])) {
      out[m[1] as 'exchange' | 'token' | 'manifest'] = Number(m[2]);
      if (m[1] === 'manifest' && m[3]) out.digest = m[3];
    }
  }
  return seen ? out : undefined;
}
