import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category } from '../../lib/model/category';
import type { CorpusEntry } from './corpus';

/** What each line of produced-messages.txt shows, by the label produce-messages.sh gave it. */
export const PRODUCED_LABELS: Readonly<Record<string, { category: Category; command: string; note?: string }>> = {
  tag_not_found: { category: 'tag_not_found', command: 'ctr images pull --plain-http 127.0.0.1:PORT/team/app:v9' },
  repo_missing_ctr: {
    category: 'tag_not_found',
    command: 'ctr images pull --plain-http 127.0.0.1:PORT/team/nope:v1',
    note: 'a missing repository: containerd says "not found" exactly as for a missing tag, so repo_not_found is only a candidate',
  },
  auth_missing: { category: 'auth_missing', command: 'ctr images pull --plain-http 127.0.0.1:AUTHPORT/team/app:v1 (htpasswd registry, no creds)' },
  auth_wrong_password: { category: 'auth_missing', command: 'ctr images pull --user puller:wrong 127.0.0.1:AUTHPORT/team/app:v1' },
  platform_arm64: { category: 'platform_mismatch', command: 'ctr images pull --platform linux/arm64 (amd64-only index)' },
  platform_s390x: { category: 'platform_mismatch', command: 'ctr images pull --platform linux/s390x (amd64-only index)' },
  connection_refused: { category: 'network_unreachable', command: 'ctr images pull 127.0.0.1:CLOSEDPORT/team/app:v1' },
  no_such_host: { category: 'dns_failure', command: 'ctr images pull myacr.azurecr.invalid/team/app:v1' },
  tls_unknown_ca: { category: 'tls_error', command: 'ctr images pull --hosts-dir (https to self-signed registry)' },
  https_to_http: { category: 'tls_error', command: 'ctr images pull --hosts-dir (https to plain-http registry)' },
  rate_limited: { category: 'rate_limited', command: 'ctr images pull (stand-in answering 429)' },
  unavailable_503: { category: 'registry_unavailable', command: 'ctr images pull (stand-in answering 503)' },
  unavailable_500: { category: 'registry_unavailable', command: 'ctr images pull (stand-in answering 500)' },
  unavailable_502: { category: 'registry_unavailable', command: 'ctr images pull (stand-in answering 502)' },
  denied_403: { category: 'access_denied', command: 'ctr images pull (stand-in answering 403 on the manifest)' },
  token_403: { category: 'firewall_denied', command: 'ctr images pull (stand-in: Bearer challenge, token endpoint 403, as ACR behind its firewall)' },
  token_401: { category: 'auth_missing', command: 'ctr images pull (stand-in: Bearer challenge, token endpoint 401)' },
  blob_cut_short: { category: 'timeout_or_size', command: 'ctr images pull (stand-in cutting the layer blob short)' },
  no_space: { category: 'disk_pressure', command: 'ctr images pull into a containerd whose root is a 1 MiB tmpfs' },
  skopeo_tag_missing: { category: 'tag_not_found', command: 'skopeo inspect docker://127.0.0.1:PORT/team/app:v9' },
  skopeo_repo_missing: {
    category: 'tag_not_found',
    command: 'skopeo inspect docker://127.0.0.1:PORT/team/nope:v1',
    note: 'docker-registry 2.8 answers MANIFEST_UNKNOWN for a missing repository too',
  },
  skopeo_auth_missing: { category: 'auth_missing', command: 'skopeo inspect docker://127.0.0.1:AUTHPORT/team/app:v1' },
  skopeo_tls: { category: 'tls_error', command: 'skopeo inspect docker://127.0.0.1:TLSPORT/team/app:v1' },
  skopeo_refused: { category: 'network_unreachable', command: 'skopeo inspect docker://127.0.0.1:CLOSEDPORT/team/app:v1' },
  skopeo_no_such_host: { category: 'dns_failure', command: 'skopeo inspect docker://myacr.azurecr.invalid/team/app:v1' },
  skopeo_rate_limited: {
    category: 'timeout_or_size',
    command: 'skopeo --command-timeout 10s inspect (stand-in answering 429)',
    note: 'skopeo kept retrying the 429 until its deadline: the text only says "context deadline exceeded"',
  },
  skopeo_unavailable: { category: 'registry_unavailable', command: 'skopeo inspect (stand-in answering 503)' },
  skopeo_platform: { category: 'platform_mismatch', command: 'skopeo copy --override-arch arm64 (amd64-only index)' },
  skopeo_invalid: { category: 'invalid_reference', command: 'skopeo inspect docker://127.0.0.1:PORT/Team/App:v1' },
  skopeo_timeout: { category: 'timeout_or_size', command: 'skopeo --command-timeout 3s inspect (stand-in that never answers)' },
  skopeo_token_403: {
    category: 'auth_missing',
    command: 'skopeo inspect (stand-in: token endpoint 403)',
    note: 'containers/image reports a 403 token answer as plain "unauthorized"; the text cannot say more',
  },
};

export interface ProducedRecord {
  label: string;
  message: string;
}

/** Reads produced-messages.txt: "# header" lines, then "<label>\t<last stderr line>". */
export function readProducedMessages(): { header: string[]; records: ProducedRecord[] } {
  const text = readFileSync(join(__dirname, 'produced-messages.txt'), 'utf8');
  const header: string[] = [];
  const records: ProducedRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) header.push(line);
    else if (line.includes('\t')) {
      const [label, ...rest] = line.split('\t');
      records.push({ label, message: rest.join('\t') });
    }
  }
  return { header, records };
}

export function producedCorpus(): CorpusEntry[] {
  const { header, records } = readProducedMessages();
  const versions = header.map((line) => line.replace(/^#\s*/, '')).join('; ');
  return records.map(({ label, message }) => {
    const known = PRODUCED_LABELS[label];
    return {
      category: known?.category ?? 'unknown',
      message,
      source: `produced-here: ${known?.command ?? label} — test/classifier/produce-messages.sh (${versions})`,
      ...(known?.note ? { note: known.note } : {}),
    };
  });
}
