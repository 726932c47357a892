import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultSchema, type Fault } from './world-schema';
import type { SandboxServerKind } from './request-log';

/** A fault as written (defaults not applied yet); FaultSet parses it. */
export type FaultInput = z.input<typeof FaultSchema>;

/** A fault list that does not parse (bad regex, bad field). Says which fault and why. */
export class FaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultError';
  }
}

interface ActiveFault {
  fault: Fault;
  route: RegExp;
  /** Matching requests this fault has shaped so far (for `times`). */
  used: number;
}

/**
 * The faults a server applies, changeable at runtime (`set`) so a test or benchmark can turn
 * latency or errors on and off without restarting the sandbox. One set can be shared by several
 * servers; each fault's `server` field says which it applies to.
 */
export class FaultSet {
  private active: ActiveFault[] = [];

  constructor(faults: readonly FaultInput[] = []) {
    this.set(faults);
  }

  /** Replaces every fault. Input is parsed here (it may come from a world file or a CLI flag). */
  set(faults: readonly FaultInput[]): void {
    const parsed = z.array(FaultSchema).safeParse(faults);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FaultError(`invalid fault at faults[${issue?.path.join('.') ?? '?'}]: ${issue?.message ?? 'unknown problem'}`);
    }
    this.active = parsed.data.map((fault, index) => {
      let route: RegExp;
      try {
        // Case-insensitive because ARM paths are; the route matches `METHOD /path` (no query).
        route = new RegExp(fault.route, 'i');
      } catch (e) {
        throw new FaultError(`invalid fault at faults[${index}].route: ${(e as Error).message}`);
      }
      return { fault, route, used: 0 };
    });
  }

  list(): Fault[] {
    return this.active.map((a) => a.fault);
  }

  /**
   * The faults that apply to this request, in order, each consuming one of its `times`.
   * Delays accumulate; the first fault that ends the request (status, reset, hang) wins.
   */
  take(method: string, pathname: string, server: SandboxServerKind): Fault[] {
    const subject = `${method.toUpperCase()} ${pathname}`;
    const hits: Fault[] = [];
    for (const a of this.active) {
      if (a.fault.server !== 'any' && a.fault.server !== server) continue;
      if (a.fault.times !== undefined && a.used >= a.fault.times) continue;
      if (!a.route.test(subject)) continue;
      a.used += 1;
      hits.push(a.fault);
      if (endsRequest(a.fault)) break;
    }
    return hits;
  }
}

function endsRequest(f: Fault): boolean {
  return f.status !== undefined || f.reset === true || f.hang === true;
}

const ARM_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'AuthenticationFailed',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

// Error codes from the OCI distribution spec / CNCF Distribution's errcode package.
const REGISTRY_CODES: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'DENIED',
  404: 'NAME_UNKNOWN',
  429: 'TOOMANYREQUESTS',
  503: 'UNAVAILABLE',
};

/** The error body each kind of server sends for an injected status. */
export function faultBody(status: number, server: SandboxServerKind): string {
  const message = `Injected fault: HTTP ${status}.`;
  if (server === 'registry') {
    const code = REGISTRY_CODES[status] ?? 'UNKNOWN';
    return JSON.stringify({ errors: [{ code, message, detail: null }] });
  }
  const code = ARM_CODES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest');
  return JSON.stringify({ error: { code, message } });
}

/** Resolves when the response is closed (sent, client gone, or server shutting its sockets). */
function closed(res: ServerResponse): Promise<void> {
  if (res.destroyed || res.writableFinished || res.socket?.destroyed) return Promise.resolve();
  return new Promise((resolve) => res.once('close', () => resolve()));
}

/** Waits `ms`, or less if the client goes away first. The timer never keeps the process alive. */
function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

// A plain array is wrapped once, so `times` counts across calls with the same array.
const wrapped = new WeakMap<readonly Fault[], FaultSet>();
function faultSetFor(faults: readonly Fault[]): FaultSet {
  let set = wrapped.get(faults);
  if (!set) {
    set = new FaultSet(faults);
    wrapped.set(faults, set);
  }
  return set;
}

/** Why a request was shaped by faults; the server puts it in its request log. */
export const FAULT_MARK = Symbol('pull-doctor.fault');
type Marked = ServerResponse & { [FAULT_MARK]?: string };

/** The fault label a response carries, if any (for the request log). */
export function faultOf(res: ServerResponse): string | undefined {
  return (res as Marked)[FAULT_MARK];
}

/**
 * Applies the matching faults to one request. Returns true when the request was fully handled
 * (error sent, connection reset, hang ended, or client gone), false when the server should answer
 * it normally (possibly after a delay). Hangs end when the client aborts or the server closes its
 * connections (`server.closeAllConnections()` in stop()), so they never keep a process alive.
 */
export async function applyFaults(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultSet | readonly Fault[],
  serverKind: SandboxServerKind,
): Promise<boolean> {
  const set = faults instanceof FaultSet ? faults : faultSetFor(faults);
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  const hits = set.take(req.method ?? 'GET', pathname, serverKind);
  if (hits.length === 0) return false;
  const marked = res as Marked;
  const labels: string[] = [];
  for (const f of hits) {
    const wait = (f.delayMs ?? 0) + (f.jitterMs ? Math.floor(Math.random() * (f.jitterMs + 1)) : 0);
    if (wait > 0) {
      labels.push('delay');
      marked[FAULT_MARK] = labels.join('+');
      await delay(wait, res);
      if (res.destroyed || res.socket?.destroyed) return true;
    }
    if (f.reset) {
      labels.push('reset');
      marked[FAULT_MARK] = labels.join('+');
      req.socket.destroy();
      return true;
    }
    if (f.hang) {
      labels.push('hang');
      marked[FAULT_MARK] = labels.join('+');
      await closed(res);
      return true;
    }
    if (f.status !== undefined) {
      labels.push('status');
      marked[FAULT_MARK] = labels.join('+');
      const body = faultBody(f.status, serverKind);
      const headers: Record<string, string | number> = {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      };
      if (f.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(f.retryAfterSeconds));
      res.writeHead(f.status, headers);
      res.end(body);
      return true;
    }
  }
  return false;
}
