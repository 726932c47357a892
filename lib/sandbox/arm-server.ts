import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { routeArmGet, type ArmRouteContext } from './arm/arm-router';
import { armErrors, armError, type ArmResponse } from './arm/arm-response';
import { roleDefinitionsOf } from './arm/role-definitions';
import { SandboxRunCommands } from './arm/run-command';
import { WorldIndex } from './arm/world-index';
import { applyFaults, faultOf, FaultSet, type FaultInput } from './faults';
import { RequestLog } from './request-log';
import { generateSandboxTls, type SandboxTls } from './tls';
import type { World } from './world-schema';
import { listenOnLoopback } from '../util/listen-loopback';

export interface ArmServerOptions {
  /** Items per list page before a nextLink (default 100); small values exercise SDK paging. */
  pageSize?: number;
  /** Faults for this run, applied after the world's own `faults`. Ignored when `faultSet` is given. */
  faults?: readonly FaultInput[];
  /** A fault set shared with other sandbox servers (start-sandbox passes one). */
  faultSet?: FaultSet;
  /** TLS material; generated when absent. */
  tls?: SandboxTls;
  /** A request log shared with other sandbox servers; a new one when absent. */
  requestLog?: RequestLog;
}

export interface ArmServer {
  /** `https://127.0.0.1:<port>` — the Resource Manager endpoint to give the SDK clients. */
  url: string;
  /** PEM of the CA that signed the server certificate (trust it per client, never globally). */
  ca: string;
  requestLog: RequestLog;
  faults: FaultSet;
  /** Replaces the active faults (world and run faults alike). */
  setFaults(faults: readonly FaultInput[]): void;
  stop(): Promise<void>;
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview|-beta|-alpha|-privatepreview)?$/i;

/**
 * Azure Resource Manager over HTTPS on 127.0.0.1 (random port), serving the world's resources as
 * stored. Read-only (except AKS Run Command, answered from the world's `cluster:` section): GET by id, lists with nextLink paging, role assignment filters, role
 * definitions, ARM error bodies, and fault injection. Only 127.0.0.1 is bound, so the sandbox is
 * unreachable from other interfaces.
 */
export async function startArmServer(world: World, options: ArmServerOptions = {}): Promise<ArmServer> {
  const tls = options.tls ?? (await generateSandboxTls());
  const requestLog = options.requestLog ?? new RequestLog();
  const faults = options.faultSet ?? new FaultSet([...world.faults, ...(options.faults ?? [])]);
  const index = new WorldIndex(world);
  const runCommands = new SandboxRunCommands(world, index);
  const ctx: ArmRouteContext = { index, roles: roleDefinitionsOf(world), pageSize: options.pageSize ?? 100, baseUrl: '' };
  if (!Number.isInteger(ctx.pageSize) || ctx.pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${ctx.pageSize}`);

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    // Logged when end() is called, i.e. before the client can possibly see the response, so a test
    // reading the log right after its call finds the entry ('finish' can come later); 'close'
    // covers resets, hangs and clients that went away.
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      requestLog.record({
        server: 'arm',
        method,
        path,
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Date.now() - started,
        fault: faultOf(res),
        at: started,
      });
    };
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      const result = end(...args);
      log();
      return result;
    }) as typeof res.end;
    res.once('close', log);
    // Every ARM response carries these; clients log them for support cases.
    res.setHeader('x-ms-request-id', randomUUID());
    const correlation = req.headers['x-ms-correlation-request-id'];
    res.setHeader('x-ms-correlation-request-id', typeof correlation === 'string' ? correlation : randomUUID());
    const clientRequestId = req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string') res.setHeader('x-ms-client-request-id', clientRequestId);

    handle(method, path, req.headers.authorization)
      .then((answer) => {
        if (answer === 'handled') return;
        send(res, answer);
      })
      .catch((e: unknown) => {
        if (!res.headersSent) send(res, armError(500, 'InternalServerError', `Sandbox error: ${(e as Error).message}`));
        else res.destroy();
      });

    async function handle(m: string, rawPath: string, authorization: string | undefined): Promise<ArmResponse | 'handled'> {
      if (await applyFaults(req, res, faults, 'arm')) return 'handled';
      if (!authorization) return armErrors.authenticationMissing();
      if (!/^Bearer\s+\S+/i.test(authorization)) return armErrors.authenticationMalformed();
      const url = new URL(rawPath.replace(/^\/+/, '/'), ctx.baseUrl);
      const runCommand = runCommands.handles(url.pathname);
      if (m !== 'GET' && !(m === 'POST' && runCommand)) return armErrors.methodNotAllowed(m);
      const apiVersion = url.searchParams.get('api-version');
      if (apiVersion === null || apiVersion === '') return armErrors.missingApiVersion();
      if (!API_VERSION.test(apiVersion)) return armErrors.invalidApiVersion(apiVersion);
      if (runCommand) return runCommands.route(m, url.pathname, url, ctx.baseUrl, m === 'POST' ? await readJson(req) : undefined);
      return routeArmGet(ctx, url);
    }
  });
  // A client that vanishes mid-request must not crash the process.
  server.on('clientError', (_err, socket) => socket.destroy());

  const port = await listenOnLoopback(server);
  ctx.baseUrl = `https://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    url: ctx.baseUrl,
    ca: tls.ca,
    requestLog,
    faults,
    setFaults: (f) => faults.set(f),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Ends keep-alive sockets and hung (fault-injected) requests so nothing keeps the process alive.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** A POST body as JSON (at most 256 KiB); undefined when it is not JSON (the route answers 400). */
async function readJson(req: import('node:http').IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 256 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(res: import('node:http').ServerResponse, answer: ArmResponse): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status, { 'content-length': 0, ...(answer.headers ?? {}) });
    res.end();
    return;
  }
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(answer.headers ?? {}),
  });
  res.end(body);
}
