import { isDnsSubdomain, isRegistryHost } from '../../intake/names';

/**
 * Parsers of what the scripts in scripts.ts print. The command pod's output is untrusted text:
 * only lines of the expected shape whose every value passes its grammar are kept; the rest is
 * counted, never echoed.
 */

export type ReadStatus = 'ok' | 'notfound' | 'forbidden' | 'error';

export interface SecretEvidence {
  name: string;
  status: Exclude<ReadStatus, 'ok'> | 'found';
  type?: string;
  /** Registry hosts the secret's `auths` cover (normalised: no scheme, no path, lower case). */
  hosts: string[];
  /** Whether a username is a GUID (an Entra service principal appId); any other username never leaves the cluster. */
  username?: 'guid' | 'other' | 'none';
  /** The GUID usernames: service principal appIds (ids, not secrets), lower case. */
  appIds: string[];
}

export interface SecretsEvidence {
  pod: ReadStatus;
  imagePullSecrets: string[];
  secrets: SecretEvidence[];
  ignoredLines: number;
}

const SECRET_TYPE = /^[a-z0-9.]+\/[a-z0-9.-]+$|^Opaque$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** `https://index.docker.io/v1/` → `index.docker.io`; undefined when what remains is not a host. */
export function normaliseAuthHost(key: string): string | undefined {
  const host = key.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return host && isRegistryHost(host) ? host : undefined;
}

export function parseSecretsOutput(logs: string): SecretsEvidence {
  const out: SecretsEvidence = { pod: 'error', imagePullSecrets: [], secrets: [], ignoredLines: 0 };
  for (const raw of logs.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    if (words[0] === 'pod' && words.length === 2 && ['ok', 'notfound', 'forbidden', 'error'].includes(words[1])) {
      out.pod = words[1] as ReadStatus;
    } else if (words[0] === 'pod-pull-secrets' && words.slice(1).every(isDnsSubdomain)) {
      out.imagePullSecrets = words.slice(1);
    } else if (words[0] === 'secret' && words.length >= 3 && isDnsSubdomain(words[1])) {
      const secret = parseSecretLine(words[1], words.slice(2));
      if (secret) out.secrets.push(secret);
      else out.ignoredLines += 1;
    } else out.ignoredLines += 1;
  }
  return out;
}

function parseSecretLine(name: string, rest: string[]): SecretEvidence | undefined {
  if (rest.length === 1 && ['notfound', 'forbidden', 'error'].includes(rest[0])) return { name, status: rest[0] as SecretEvidence['status'], hosts: [], appIds: [] };
  if (rest[0] !== 'found') return undefined;
  const fields = Object.fromEntries(rest.slice(1).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const type = fields.type;
  if (!type || !SECRET_TYPE.test(type)) return undefined;
  const hosts = (fields.hosts ?? '').split(',').filter(Boolean).map(normaliseAuthHost);
  if (hosts.some((h) => h === undefined)) return undefined;
  const username = ['guid', 'other', 'none'].includes(fields.user ?? '') ? (fields.user as SecretEvidence['username']) : undefined;
  const appIds = (fields.apps ?? '').split(',').filter(Boolean);
  if (appIds.length > 8 || appIds.some((a) => !GUID.test(a))) return undefined;
  return { name, status: 'found', type, hosts: [...new Set(hosts as string[])], username, appIds };
}

/** host → IPv4 answers inside the cluster (empty: no answer). */
export function parseDnsOutput(logs: string): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  for (const raw of logs.split('\n')) {
    const words = raw.trim().split(/\s+/);
    if (words[0] !== 'dns' || !words[1] || !isRegistryHost(words[1])) continue;
    const ips = words.slice(2).filter((w) => IPV4.test(w));
    answers.set(words[1].toLowerCase(), ips);
  }
  return answers;
}

export interface ProbeEvidence {
  exitCode?: number;
  /** canipull's step lines: "Validating image pull permission" → SUCCEEDED/FAILED. */
  steps: Array<{ step: string; result: 'SUCCEEDED' | 'FAILED' }>;
  canPull: boolean;
}

const STEP = /(?:^|\]\s*)((?:Checking|Validating)[A-Za-z ]{1,80}?)(?:\s*\([^)]{0,120}\))?:\s*(SUCCEEDED|FAILED)\s*$/;

export function parseProbeOutput(logs: string): ProbeEvidence {
  const steps: ProbeEvidence['steps'] = [];
  let exitCode: number | undefined;
  let canPull = false;
  for (const raw of logs.split('\n')) {
    const line = raw.trim();
    const exit = /^canipull-exit (\d{1,3})$/.exec(line);
    if (exit) exitCode = Number(exit[1]);
    const step = STEP.exec(line);
    if (step) steps.push({ step: step[1].trim(), result: step[2] as 'SUCCEEDED' | 'FAILED' });
    if (/^Your cluster can pull images from [a-z0-9.-]+!$/.test(line)) canPull = true;
  }
  return { exitCode, steps, canPull: canPull && exitCode === 0 };
}

export function isPrivateIpv4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
