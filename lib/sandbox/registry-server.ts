import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAcrHost } from '../registry/registry-hosts';
import { applyFaults, faultOf, type FaultSet } from './faults';
import { handleAcrRoute } from './registry/registry-acr-routes';
import { authSchemeFor, handleTokenRoute, type RegistryAuthScheme } from './registry/registry-auth-routes';
import { buildSandboxRegistry, type SandboxRegistry } from './registry/registry-content';
import { sendError } from './registry/registry-reply';
import { SandboxTokenIssuer } from './registry/registry-tokens';
import { handleV2Route } from './registry/registry-v2-routes';
import type { RequestLog } from './request-log';
import type { Fault, World } from './world-schema';
import { listenOnLoopback } from '../util/listen-loopback';

export interface RegistryServerOptions {
  tls: { key: string; cert: string };
  requestLog?: RequestLog;
  /** Faults to apply (server kind `registry`); the world's own `faults` when absent. */
  faults?: FaultSet | (() => readonly Fault[]);
  /** Retry-After (seconds) on a registry's `failWith` 429/503; 0 keeps tests and the demo fast. */
  failWithRetryAfterSeconds?: number;
}

export interface RegistryServer {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** The `hostRewrite` for createRegistryClientFactory: every host → `<url>/_host/<host>`. */
  hostRewrite(host: string): string;
  stop(): Promise<void>;
}

/** Path prefix that names the registry host a request is for (the TLS name stays 127.0.0.1). */
const HOST_PREFIX = /^\/_host\/([^/]+)(\/.*)?$/;

/** The hostRewrite a registry client needs to reach a sandbox registry server at `url`. */
export function sandboxHostRewrite(url: string): (host: string) => string {
  const base = url.replace(/\/+$/, '');
  return (host) => `${base}/_host/${host.toLowerCase()}`;
}

/**
 * ONE HTTPS server on 127.0.0.1 (random port) serving the data plane of every registry in the world.
 * The registry is chosen by a `/_host/<login server>` path prefix (what sandboxHostRewrite sends), or
 * by the `Host` header when there is no prefix. Docker Hub answers as `registry-1.docker.io` and its
 * token server as `auth.docker.io`. A host the world does not know gets 421 Misdirected Request.
 */
export async function startRegistryServer(world: World, options: RegistryServerOptions): Promise<RegistryServer> {
  const registries = new Map<string, { registry: SandboxRegistry; scheme: RegistryAuthScheme }>();
  for (const [loginServer, content] of Object.entries(world.registries)) {
    const registry = buildSandboxRegistry(loginServer, content);
    registries.set(loginServer.toLowerCase(), { registry, scheme: authSchemeFor(registry, isAcrHost(loginServer)) });
  }
  const issuer = new SandboxTokenIssuer();
  const faults = options.faults ?? (() => world.faults);
  const retryAfter = options.failWithRetryAfterSeconds ?? 0;

  const lookup = (host: string) => {
    const h = host.toLowerCase();
    if (h === 'registry-1.docker.io' || h === 'index.docker.io') return registries.get('docker.io');
    if (h === 'auth.docker.io') return registries.get('docker.io');
    return registries.get(h);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const prefixed = HOST_PREFIX.exec(raw.pathname);
    const host = prefixed ? decodeURIComponent(prefixed[1]!) : (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = prefixed ? (prefixed[2] ?? '/') : raw.pathname;
    // Faults match the registry path the client meant, without the routing prefix.
    req.url = `${path}${raw.search}`;
    const handled = await applyFaults(req, res, typeof faults === 'function' ? faults() : faults, 'registry');
    if (handled) return;

    const entry = lookup(host);
    if (!entry) {
      sendError(res, 421, 'UNKNOWN_HOST', `the sandbox world has no registry "${host}"`);
      return;
    }
    const { registry, scheme } = entry;
    const isTokenServer = host.toLowerCase() === 'auth.docker.io';
    if (isTokenServer || path.startsWith('/oauth2/') || path === '/token') {
      if (await handleTokenRoute(req, res, path, raw.searchParams, scheme, issuer)) return;
    } else {
      const ctx = { registry, scheme, issuer, failWithRetryAfterSeconds: retryAfter };
      // ACR's metadata API exists only on ACR hosts.
      if ((scheme.acr && handleAcrRoute(req, res, path, raw.searchParams, ctx)) || handleV2Route(req, res, path, raw.searchParams, ctx)) return;
    }
    sendError(res, 404, 'NOT_FOUND', `${req.method} ${path} is not a registry API route`);
  };

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    const started = performance.now();
    const at = Date.now();
    const received = req.url ?? '/';
    res.on('close', () => {
      options.requestLog?.record({
        server: 'registry',
        method: req.method ?? 'GET',
        path: received,
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Math.round(performance.now() - started),
        ...(faultOf(res) ? { fault: faultOf(res) } : {}),
        at,
      });
    });
    handle(req, res).catch((err: unknown) => {
      // A bug here must not crash the sandbox; the client sees a 500 like from any broken server.
      if (!res.headersSent) sendError(res, 500, 'UNKNOWN', `sandbox registry error: ${err instanceof Error ? err.message : String(err)}`);
      else res.destroy();
    });
  });
  const port = await listenOnLoopback(server);
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    hostRewrite: sandboxHostRewrite(url),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
