import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/**
 * A local OpenID provider for token tests: OpenID metadata and a JWKS on 127.0.0.1 (Entra and the
 * Bot Framework publish the same two documents), and a signer. Nothing contacts
 * login.microsoftonline.com or login.botframework.com.
 */
export interface LocalJwks {
  metadataUrl: string;
  /** An RS256 JWT signed with the published key (or with `forgeWith`, a key nobody published, under the published kid). */
  sign(claims: Record<string, unknown>, options?: { forgeWith?: KeyObject; kid?: string }): string;
  /** A key pair that is not in the JWKS. */
  strangerKey: KeyObject;
  requests: string[];
  close(): Promise<void>;
}

export async function startLocalJwks(options: { issuer: string; endorsements?: string[] }): Promise<LocalJwks> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'local-test-key-1';
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', kty: 'RSA', ...(options.endorsements ? { endorsements: options.endorsements } : {}) };
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.endsWith('/openid-configuration')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: options.issuer, jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  base = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  const sign = (claims: Record<string, unknown>, signOptions: { forgeWith?: KeyObject; kid?: string } = {}) => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const data = `${enc({ alg: 'RS256', typ: 'JWT', kid: signOptions.kid ?? kid })}.${enc(claims)}`;
    const signature = createSign('RSA-SHA256').update(data).sign(signOptions.forgeWith ?? privateKey).toString('base64url');
    return `${data}.${signature}`;
  };
  return {
    metadataUrl: `${base}/v2.0/.well-known/openid-configuration`,
    sign,
    strangerKey: stranger,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
