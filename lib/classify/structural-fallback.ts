import type { Category, Classification } from '../model/category';
import { readings, withoutAnsi, withoutEscaping } from './paste-noise';
import { splitAggregate, withoutAnonymousRetryNoise } from './runtime-error';

/**
 * The structural fallback: read only when no specific rule (pull-error-rules.ts) and no kubelet reason
 * decided. It does not know wordings; it knows the *shapes* every runtime prints — a Go error chain
 * (`a: b: c: <cause>`, the innermost cause last), HTTP statuses in any printed form, gRPC codes, errno
 * words, x509/TLS errors, a registry's generic nouns — and lets the innermost one decide. Every answer
 * is tentative (low confidence) and names the other signals the text carries as candidates, so that a
 * message the rules never saw gets an honest short list instead of `unknown`.
 */

interface Signal {
  /** Where the signal occurs; the one that starts last is the innermost cause. */
  pattern: RegExp;
  category: Category;
  candidates: readonly Category[];
  what: string;
  /** The signal wraps everything after it (a name lookup's own error is a DNS failure). */
  covers?: boolean;
  unless?: RegExp;
  /**
   * Names the likely cause but cannot decide it alone: registries give these one meaning each but not the
   * same one (Quay's `unauthorized` and GHCR's `denied` for a missing repository, a proxy's `not found` for a
   * failing upstream, EOF from the registry or the path to it). Read as `unknown` with candidates.
   */
  weak?: boolean;
}

/** `not found` decides between tag and repository by what the text names: a manifest / tag / digest, or not. */
const NAMES_A_MANIFEST = /manifest|\btag\b|@sha256:|[\w.-]\/[\w.-]+:[\w][\w.-]{0,127}\b/i;
// `repository <name> not found`, not a tag `not found in repository <name>` nor a path naming `<repository>/manifests`.
const NAMES_A_REPOSITORY = /\brepository \S+ not found|name unknown|NAME_UNKNOWN|repository does not exist/i;

interface StatusMeaning extends Pick<Signal, 'category' | 'candidates' | 'weak'> {
  /** RFC 9110's reason phrase, when no word signal below already reads it (with its exceptions). */
  phrase?: string;
}

/**
 * HTTP status → category (RFC 9110 §15 semantics as registries use them; distribution spec error codes). The phrases
 * `Unauthorized`, `Forbidden`, `Not Found`, `Too Many Requests` and `Service Unavailable` are the word signals'.
 */
const BY_STATUS: Readonly<Record<string, StatusMeaning>> = {
  400: { category: 'unknown', candidates: ['registry_unavailable', 'tls_error'], phrase: 'bad request' },
  401: { category: 'auth_missing', candidates: ['access_denied'], weak: true },
  403: { category: 'access_denied', candidates: ['auth_missing', 'firewall_denied'], weak: true },
  // Stryker disable next-line ArrayDeclaration: a 404's candidates are notFoundCategory's (resolve), never these.
  404: { category: 'repo_not_found', candidates: ['tag_not_found'], weak: true },
  407: { category: 'network_unreachable', candidates: ['auth_missing'], phrase: 'proxy authentication required' },
  408: { category: 'timeout_or_size', candidates: ['network_unreachable'], phrase: 'request time-?out' },
  429: { category: 'rate_limited', candidates: [] },
  500: { category: 'registry_unavailable', candidates: ['network_unreachable'], phrase: 'internal server error' },
  502: { category: 'registry_unavailable', candidates: ['network_unreachable'], phrase: 'bad gateway' },
  503: { category: 'registry_unavailable', candidates: ['network_unreachable', 'rate_limited'] },
  504: { category: 'registry_unavailable', candidates: ['timeout_or_size', 'network_unreachable'], phrase: 'gateway time-?out' },
};

/** The printed forms of an HTTP status: `status 401`, `StatusCode: 403`, `HTTP 429`, `(500)`, and the reason phrase alone (`Bad Gateway`). */
const STATUS_FORMS: readonly Signal[] = Object.entries(BY_STATUS).flatMap(([code, { phrase, ...meaning }]) => {
  const numeric = new RegExp(`(?:\\b(?:HTTP(?: code)?|status(?: code)?|StatusCode|code|API error)[:=]?\\s*\\(?|\\()${code}\\b`, 'i');
  const patterns = phrase ? [numeric, new RegExp(`\\b${phrase}\\b`, 'i')] : [numeric];
  return patterns.map((pattern) => ({ pattern, ...meaning, what: `HTTP ${code}` }));
});

const GRPC: readonly Signal[] = [
  ['NotFound', 'tag_not_found', ['repo_not_found']],
  ['PermissionDenied', 'access_denied', ['auth_missing']],
  ['Unauthenticated', 'auth_missing', ['access_denied']],
  ['DeadlineExceeded', 'timeout_or_size', ['network_unreachable']],
  ['Canceled', 'timeout_or_size', ['network_unreachable']],
  ['ResourceExhausted', 'rate_limited', ['disk_pressure']],
  // `code = Unavailable` is read by the word `unavailable` (it starts later, so it always decides).
].map(([code, category, candidates]) => ({
  pattern: new RegExp(`\\bcode = ${code as string}\\b`, 'i'),
  category: category as Category,
  candidates: candidates as Category[],
  what: `gRPC ${code as string}`,
  weak: true, // the CRI call's code, outside the runtime's own error
}));

// A file path right before the denial: the node's own file system (Linux or Windows), not the registry.
const FILE_OPERATION = /(?:\/|[A-Za-z]:\\)[^:\n]*: (?:permission|access is) denied/i;

const WORDS: readonly Signal[] = [
  { pattern: /\blookup \S+(?: on \S+)?: /, category: 'dns_failure', candidates: ['network_unreachable'], what: 'a name lookup', covers: true },
  { pattern: /\bproxyconnect\b|error connecting to proxy/i, category: 'network_unreachable', candidates: ['dns_failure'], what: 'the proxy', covers: true },
  // glibc's EAI_AGAIN text (`Temporary failure in name resolution`) when Go prints a lookup without a name.
  { pattern: /\bno such host\b|server misbehaving|NXDOMAIN|failure in name resolution/i, category: 'dns_failure', candidates: [], what: 'a failed name lookup' },
  // Go's net/http `malformed HTTP response` is most often HTTP and HTTPS mixed up between client and server.
  { pattern: /\bx509: |\btls: |certificate (?:signed|has expired|verify)|HTTP response to HTTPS client|malformed HTTP response/i, category: 'tls_error', candidates: [], what: 'a TLS error' },
  { pattern: /connection refused|actively refused/i, category: 'network_unreachable', candidates: ['registry_unavailable', 'firewall_denied'], what: 'connection refused' },
  // Go's syscall words for a connection the other end dropped mid-write (EPIPE), and net/http's HTTP/2 shutdown.
  { pattern: /connection reset\b|forcibly closed|\bbroken pipe\b|server sent GOAWAY/i, category: 'network_unreachable', candidates: ['firewall_denied', 'registry_unavailable'], what: 'connection reset' },
  // Go's HTTP/2 stream reset ("stream error: stream ID 3; PROTOCOL_ERROR", golang.org/x/net/http2 StreamError): a proxy or
  // the registry's front end broke the stream (GoogleContainerTools/kaniko#1360).
  { pattern: /\bstream error: stream ID \d/i, category: 'network_unreachable', candidates: ['registry_unavailable', 'firewall_denied'], what: 'an HTTP/2 stream reset' },
  { pattern: /no route to host|network is unreachable|host is down/i, category: 'network_unreachable', candidates: ['firewall_denied'], what: 'no route' },
  // A registry too busy to answer times out the same way (quay.io outage: keycloak/keycloak#13274).
  { pattern: /\bi\/o timeout\b|timed out|Client\.Timeout|handshake timeout/i, category: 'network_unreachable', candidates: ['firewall_denied', 'timeout_or_size', 'registry_unavailable'], what: 'a network timeout' },
  { pattern: /\bdial (?:tcp|udp)\d?\b|\bconnectex\b|\bconnect: /i, category: 'network_unreachable', candidates: ['firewall_denied'], what: 'a failed connection' },
  { pattern: /\bunexpected EOF\b/i, category: 'timeout_or_size', candidates: ['network_unreachable', 'registry_unavailable'], what: 'a cut stream', weak: true },
  { pattern: /(?<!unexpected )\bEOF\b/i, category: 'network_unreachable', candidates: ['registry_unavailable', 'firewall_denied'], what: 'a closed connection (EOF)', weak: true },
  { pattern: /deadline exceeded|context canceled|request canceled/i, category: 'timeout_or_size', candidates: ['network_unreachable'], what: 'a deadline' },
  { pattern: /too ?many ?requests|rate limit|throttl/i, category: 'rate_limited', candidates: [], what: 'a rate limit' },
  { pattern: /no space left|disk quota exceeded/i, category: 'disk_pressure', candidates: [], what: 'a full disk' },
  { pattern: /invalid reference format|must be lowercase|\bunqualified\b|short[- ]name/i, category: 'invalid_reference', candidates: [], what: 'an invalid reference' },
  // A proxy's `Proxy Authentication Required` is HTTP 407: the proxy, not the registry.
  { pattern: /\bunauthori[sz]ed\b|\bnot authori[sz]ed\b|(?<!proxy )authentication required/i, category: 'auth_missing', candidates: ['access_denied', 'repo_not_found'], what: 'unauthorized', weak: true },
  // A proxy or firewall in the path refuses in the same word (tinyproxy's "Access denied": DvcLAB/JupyterLab-Image#21).
  { pattern: /\bdenied\b|\bforbidden\b/i, category: 'access_denied', candidates: ['auth_missing', 'repo_not_found', 'firewall_denied'], what: 'denied', unless: FILE_OPERATION, weak: true },
  // Stryker disable next-line ArrayDeclaration: a not-found's candidates are notFoundCategory's (resolve), never these.
  { pattern: /\bnot found\b|\bunknown\b(?= (?:manifest|blob|repository))|manifest unknown|name unknown|does not exist/i, category: 'repo_not_found', candidates: ['tag_not_found'], what: 'not found', unless: /executable file not found|no such file/i, weak: true },
  { pattern: /\bunavailable\b|(?:not|n't) available|try again later|retry later|check back soon/i, category: 'registry_unavailable', candidates: ['network_unreachable'], what: 'unavailable' },
];

const SIGNALS: readonly Signal[] = [...WORDS, ...STATUS_FORMS, ...GRPC];

interface Found {
  signal: Signal;
  at: number;
}

function found(text: string): Found[] {
  const hits: Found[] = [];
  for (const signal of SIGNALS) {
    if (signal.unless?.test(text)) continue;
    // The table's patterns are not global (a global regex's test() keeps state between calls).
    const global = new RegExp(signal.pattern.source, `${signal.pattern.flags}g`);
    let last = -1;
    for (const match of text.matchAll(global)) last = match.index;
    if (last >= 0) hits.push({ signal, at: last });
  }
  return hits;
}

/** A `not found` (or 404) about a manifest, tag or digest is a missing tag; about a repository, a missing repository. */
function notFoundCategory(text: string): Pick<Signal, 'category' | 'candidates'> {
  // A failing pull-through proxy or mirror says `not found` too (the manifest-unknown rule keeps it as well).
  if (!NAMES_A_REPOSITORY.test(text) && NAMES_A_MANIFEST.test(text)) return { category: 'tag_not_found', candidates: ['repo_not_found', 'registry_unavailable'] };
  return { category: 'repo_not_found', candidates: ['tag_not_found', 'registry_unavailable'] };
}

function resolve(signal: Signal, text: string): Pick<Signal, 'category' | 'candidates'> {
  return signal.category === 'repo_not_found' ? notFoundCategory(text) : signal;
}

/** The innermost signal decides (a covering one — a name lookup — claims what follows it); the others stay candidates. */
export function structuralReading(text: string): Classification | undefined {
  const hits = found(text);
  if (hits.length === 0) return undefined;
  const covering = hits.filter((hit) => hit.signal.covers).sort((a, b) => a.at - b.at)[0];
  const deciding = covering ?? [...hits].sort((a, b) => b.at - a.at)[0];
  const named = resolve(deciding.signal, text);
  const category: Category = deciding.signal.weak ? 'unknown' : named.category;
  const others = hits.map((hit) => resolve(hit.signal, text).category);
  const all = [...new Set([named.category, ...named.candidates, ...others])].filter((c) => c !== category && c !== 'unknown');
  return {
    category,
    confidence: category === 'unknown' ? 0 : 0.4,
    candidates: all,
    explanation:
      `No known wording matched; read by structure, the innermost cause is ${deciding.signal.what}` +
      (category === 'unknown' ? ', which does not decide the cause alone: see the candidates.' : '. Tentative: check the candidates too.'),
  };
}

/**
 * The text as one line, with the anonymous retry's noise dropped. Of the ways to undo a wrap (fold, join, both), the one
 * in which the most signals read whole: a fold splits a word a hard wrap cut (`not fo│und`), a join glues two.
 */
function cleaned(text: string): string {
  const clean = withoutEscaping(withoutAnsi(text));
  const [asPasted, ...unwrapped] = readings(clean);
  const oneLine = (reading: string) => withoutAnonymousRetryNoise(splitAggregate(reading)).join(', ');
  const options = (unwrapped.length > 0 ? unwrapped : [asPasted]).map(oneLine);
  const signals = options.map((option) => found(option).length);
  return options[signals.indexOf(Math.max(...signals))];
}

/** Precedence: a specific answer (rule or kubelet reason) stands; only `unknown` is read by structure. */
export function withStructuralFallback(result: Classification, text: string): Classification {
  if (result.category !== 'unknown' || result.candidates.length > 0) return result;
  const reading = structuralReading(cleaned(text));
  if (!reading) return result;
  return { ...reading, ...(result.reason ? { reason: result.reason } : {}) };
}
