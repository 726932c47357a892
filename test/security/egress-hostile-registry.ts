import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/** One request a test registry server received (headers kept: the tests look for tokens in them). */
export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

export interface TestRegistryServer {
  /** `http://127.0.0.1:<port>`: what a hostRewrite maps a test host to. */
  url: string;
  requests: SeenRequest[];
  stop(): Promise<void>;
}

type Handler = (req: SeenRequest, res: ServerResponse) => void;

/**
 * A registry stand-in on 127.0.0.1 that records every request, headers included. Plain HTTP: the
 * registry client's hostRewrite sends a host's requests here while the logical URL stays
 * `https://<host>/…`, so the client's own decisions (which host, which token) are what is tested.
 */
export async function startTestRegistry(handler: Handler): Promise<TestRegistryServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // hostRewrite prefixes nothing for a plain base URL: the path is the registry path.
      const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      handler(seen, res);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A single-platform image: the manifest and its config blob, as the distribution API serves them. */
export function tinyImage(platform = { os: 'linux', architecture: 'amd64' }) {
  const config = JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] } });
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${'a'.repeat(64)}`, size: 1234 }],
  });
  return { config, configDigest, manifest };
}

/** The challenge ACR sends, copied by a host that wants to be mistaken for ACR. */
export function acrLookalikeChallenge(host: string): string {
  return `Bearer realm="https://${host}/oauth2/token",service="${host}"`;
}

/** An Entra credential that records every scope it was asked for; its token is a marker the tests search for. */
export class RecordingCredential implements TokenCredential {
  static readonly TOKEN = 'entra-token-that-must-never-leave';
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: RecordingCredential.TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}
