import { HttpRequest, InvocationContext } from '@azure/functions';
import { isAksClusterId, isImageText, isNamespace, isPodName } from '../../lib/intake/names';
import type { Incident } from '../../lib/model';
import { prototypeIsClean, type RawBody } from './hostile-inputs';

/** Test-only secrets put into the settings: none may appear in an answer or a log line. */
export const TEST_SECRETS = {
  SLACK_SIGNING_SECRET: 'robustnesssigningsecret9f8e7d6c5',
  SLACK_BOT_TOKEN: 'xoxb-robustness-0000-token-abcdef',
  MicrosoftAppPassword: 'robustness-app-password-Zq~1234',
} as const;

/** Collects invariant violations per case, so one run reports every broken case at once. */
export class Violations {
  readonly list: string[] = [];
  add(caseName: string, problem: string): void {
    this.list.push(`${caseName.slice(0, 120)}: ${problem.slice(0, 300)}`);
  }
  /** The first few, for a readable failure. */
  summary(): string[] {
    return this.list.length > 25 ? [...this.list.slice(0, 25), `… and ${this.list.length - 25} more`] : this.list;
  }
}

export function httpRequest(url: string, body: RawBody | string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST'): HttpRequest {
  const raw = typeof body === 'string' ? { string: body } : body.bytes ? { bytes: body.bytes } : { string: body.text ?? '' };
  return new HttpRequest({ method, url, headers, body: raw });
}

export function recordingContext(lines: string[]): InvocationContext {
  return new InvocationContext({ invocationId: 'robustness', functionName: 'robustness', logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`) });
}

/** Runs `call`, turning a thrown error into a violation; undefined when it threw. */
export async function noThrow<T>(violations: Violations, caseName: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    violations.add(caseName, `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return undefined;
  }
}

/** The invariants every HTTP answer to bad input keeps. */
export function checkHttpAnswer(
  violations: Violations,
  caseName: string,
  answer: { status?: number; jsonBody?: unknown; body?: unknown; headers?: unknown },
  logs: readonly string[],
): void {
  const status = answer.status ?? 200;
  if (status >= 500 || status < 200) violations.add(caseName, `status ${status}`);
  if (status >= 400 && status < 500) {
    const error = (answer.jsonBody as { error?: unknown } | undefined)?.error;
    if (typeof error !== 'string' || error.length === 0) violations.add(caseName, `${status} without an error text: ${safeJson(answer.jsonBody)}`);
    else if (!logs.some((l) => l.includes(String(status)) || l.includes(error.slice(0, 40)))) violations.add(caseName, `${status} "${error}" not logged`);
  }
  const text = `${safeJson(answer)}\n${logs.join('\n')}`;
  // Reasons, not payloads: a 1 MB body must not come back in the answer or a log line.
  const longest = logs.reduce((n, l) => Math.max(n, l.length), 0);
  if (longest > 4_000) violations.add(caseName, `a log line of ${longest} characters (payload echoed?)`);
  if (safeJson(answer).length > 20_000) violations.add(caseName, `an answer of ${safeJson(answer).length} characters (payload echoed?)`);
  for (const [name, secret] of Object.entries(TEST_SECRETS)) if (text.includes(secret)) violations.add(caseName, `${name} leaked into the answer or a log line`);
  if (!prototypeIsClean()) violations.add(caseName, 'Object.prototype was polluted');
}

/** Whatever was stored passed the name grammars (hostile names never reach the incident table). */
export function checkStoredIncidents(violations: Violations, caseName: string, incidents: readonly Incident[]): void {
  for (const i of incidents) {
    if (!isAksClusterId(i.cluster)) violations.add(caseName, `stored cluster ${safeJson(i.cluster).slice(0, 100)}`);
    if (!isImageText(i.image)) violations.add(caseName, `stored image ${safeJson(i.image).slice(0, 100)}`);
    for (const ns of i.namespaces) if (!isNamespace(ns)) violations.add(caseName, `stored namespace ${safeJson(ns).slice(0, 100)}`);
    for (const p of i.pods) {
      const [ns, pod] = p.split('/');
      if (!ns || !pod || !isNamespace(ns) || !isPodName(pod)) violations.add(caseName, `stored pod ${safeJson(p).slice(0, 100)}`);
    }
  }
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `[unserialisable: ${error instanceof Error ? error.message : String(error)}]`;
  }
}
