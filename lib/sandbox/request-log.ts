/** Which sandbox server answered a request. */
export type SandboxServerKind = 'arm' | 'registry' | 'logs' | 'graph';

/** One request as a sandbox server saw it. */
export interface RequestLogEntry {
  server: SandboxServerKind;
  method: string;
  /** Path and query as received (before normalisation), so tests can see what the SDK sent. */
  path: string;
  /** HTTP status sent; 0 when no response was sent (connection reset, hang, client abort). */
  status: number;
  durationMs: number;
  /** Set when an injected fault shaped the answer: 'delay', 'status', 'reset', 'hang'. */
  fault?: string;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

/**
 * The request log shared by the sandbox servers. Tests and benchmarks read it to count calls and
 * to see retries; it never records headers or bodies (a bearer token must not land in a log).
 */
export class RequestLog {
  private readonly list: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  /** Entries in arrival order, optionally only one server's. */
  entries(server?: SandboxServerKind): readonly RequestLogEntry[] {
    return server ? this.list.filter((e) => e.server === server) : [...this.list];
  }

  /** Number of requests per server (every server kind present, 0 when none). */
  counts(): Record<SandboxServerKind, number> {
    const counts: Record<SandboxServerKind, number> = { arm: 0, registry: 0, logs: 0, graph: 0 };
    for (const e of this.list) counts[e.server] += 1;
    return counts;
  }

  /** Entries whose `METHOD path` matches the pattern. */
  matching(pattern: RegExp, server?: SandboxServerKind): RequestLogEntry[] {
    return this.entries(server).filter((e) => pattern.test(`${e.method} ${e.path}`));
  }

  get size(): number {
    return this.list.length;
  }

  clear(): void {
    this.list.length = 0;
  }
}
