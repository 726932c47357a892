import { createHash, randomUUID } from 'node:crypto';
import https from 'node:https';
import { applyFaults, faultOf, type FaultSet } from './faults';
import type { RequestLog } from './request-log';
import type { SandboxTls } from './tls';
import type { World } from './world-schema';
import { listenOnLoopback } from '../util/listen-loopback';

/**
 * Microsoft Graph v1.0 as far as pull-doctor reads it (lib/sandbox/SOURCES.md, "Microsoft Graph"):
 * GET /v1.0/applications(appId='…') and /v1.0/servicePrincipals(appId='…') with $select, answered
 * from the world's `servicePrincipals` (secret dates only — the world holds no secret) and `graph`.
 * Errors in Graph's shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`.
 */
export interface GraphServer {
  /** `https://127.0.0.1:<port>` — the Graph root to give the client. */
  url: string;
  stop(): Promise<void>;
}

const OBJECT = /^\/v1\.0\/(applications|servicePrincipals)\(appId='([0-9a-fA-F-]{36})'\)$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function startGraphServer(world: World, options: { tls: SandboxTls; requestLog: RequestLog; faults: FaultSet; now?: number }): Promise<GraphServer> {
  const started = options.now ?? Date.now();
  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    const at = Date.now();
    const rawPath = req.url ?? '/';
    res.once('close', () =>
      options.requestLog.record({ server: 'graph', method: req.method ?? 'GET', path: rawPath, status: res.headersSent ? res.statusCode : 0, durationMs: Date.now() - at, fault: faultOf(res), at }),
    );
    void answer().catch(() => res.destroy());

    async function answer(): Promise<void> {
      if (await applyFaults(req, res, options.faults, 'graph')) return;
      const requestId = randomUUID();
      const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : requestId;
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'content-length': Buffer.byteLength(text), 'request-id': requestId, 'client-request-id': clientRequestId });
        res.end(text);
      };
      const error = (status: number, code: string, message: string) =>
        send(status, { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': clientRequestId } } });

      if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) return error(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      const url = new URL(rawPath, 'https://graph.sandbox');
      const match = OBJECT.exec(decodeURIComponent(url.pathname));
      if (req.method !== 'GET' || !match) return error(400, 'Request_BadRequest', `Unsupported request in the sandbox: ${req.method} ${url.pathname}`);
      if (world.graph.denied) return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      const [, kind, appId] = match;
      const sp = world.servicePrincipals.find((p) => p.appId.toLowerCase() === appId.toLowerCase());
      if (!sp) return error(404, 'Request_ResourceNotFound', `Resource '${appId}' does not exist or one of its queried reference-property objects are not present.`);

      const secrets = kind === 'applications' ? [...sp.applicationSecrets, ...(sp.secretExpiresAt ? [{ endDateTime: sp.secretExpiresAt }] : [])] : sp.servicePrincipalSecrets;
      const entity: Record<string, unknown> = {
        id: kind === 'applications' ? uuidFrom(`app:${sp.appId}`) : sp.objectId,
        appId: sp.appId,
        displayName: sp.displayName,
        passwordCredentials: secrets.map((s, i) => {
          const end = s.endDateTime ? new Date(s.endDateTime) : new Date(started + (s.endsInDays ?? 0) * DAY_MS);
          return {
            customKeyIdentifier: null,
            displayName: s.displayName ?? 'rbac',
            endDateTime: end.toISOString(),
            // Graph returns the first characters of a secret as `hint`; the sandbox's is a fixed non-secret so tests can see it is dropped.
            hint: 'Sbx',
            keyId: uuidFrom(`${kind}:${sp.appId}:${i}`),
            secretText: null,
            startDateTime: new Date(end.getTime() - 365 * DAY_MS).toISOString(),
          };
        }),
      };
      const select = (url.searchParams.get('$select') ?? '').split(',').filter(Boolean);
      const body = select.length ? Object.fromEntries(Object.entries(entity).filter(([k]) => select.includes(k))) : entity;
      const context = `${url.origin}/v1.0/$metadata#${kind}${select.length ? `(${select.join(',')})` : ''}/$entity`;
      send(200, { '@odata.context': context, ...body });
    }
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  const port = await listenOnLoopback(server);
  let stopped: Promise<void> | undefined;
  return {
    url: `https://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** A stable GUID-shaped id for an object the world does not name. */
function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
