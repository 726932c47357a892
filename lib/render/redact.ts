/**
 * The one redaction helper every rendered string passes through (Slack, Teams, Markdown, text, logs of
 * the chat adapters). Diagnoses quote kubelet messages, alert payloads and Azure responses verbatim,
 * and those sometimes carry credentials; nothing that looks like one may reach a chat channel.
 */

export const REDACTED = '[REDACTED]';

interface Rule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const RULES: Rule[] = [
  // JSON Web Tokens (AAD access tokens, ACR refresh/access tokens): header.payload.signature, base64url.
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  // HTTP authorization headers and their values.
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, replace: (_m, scheme: string) => `${scheme} ${REDACTED}` },
  // Slack tokens: xoxb- (bot), xoxp- (user), xoxa-/xoxr-/xoxs-/xoxe-, xapp- (app-level).
  { pattern: /\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]{6,}/g, replace: REDACTED },
  // SAS signature in a query string (Storage, Service Bus, Event Grid …).
  { pattern: /([?&;]sig=)[^&\s"'<>]+/gi, replace: (_m, key: string) => `${key}${REDACTED}` },
  // Connection-string keys.
  {
    pattern: /\b(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=[^;\s"'<>]+/gi,
    replace: (_m, key: string) => `${key}=${REDACTED}`,
  },
  // key=value / key: value / "key": "value" for password and client secret fields.
  {
    pattern: /(["']?)\b(password|passwd|client[_-]?secret|secret[_-]?key|api[_-]?key|access[_-]?token|refresh[_-]?token)\1(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"'<>]+)/gi,
    replace: (_m, quote: string, key: string, sep: string, value: string) => {
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${quote}${key}${quote}${sep}${q}${REDACTED}${q}`;
    },
  },
  // Command-line flags: --password X, --client-secret X, -p X after docker/helm login.
  {
    pattern: /(--(?:password|client-secret|secret|token|sas-token)(?:\s+|=))("[^"]*"|'[^']*'|\S+)/gi,
    replace: (_m, flag: string) => `${flag}${REDACTED}`,
  },
  { pattern: /(\blogin\b[^\n]*?\s-p\s+)(\S+)/g, replace: (_m, before: string) => `${before}${REDACTED}` },
  // Credentials embedded in URLs: https://user:secret@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, replace: (_m, before: string) => `${before}${REDACTED}@` },
];

/** Replaces every credential-looking part of `text` with [REDACTED]. Idempotent. */
export function redact(text: string): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** Redacts every string inside a JSON-like value (for payloads assembled outside the renderers). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
