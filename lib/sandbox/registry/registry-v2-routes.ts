import type { IncomingMessage, ServerResponse } from 'node:http';
import { INDEX_MEDIA_TYPES } from '../../registry/registry-wire';
import { sendUnauthorized, type RegistryAuthScheme } from './registry-auth-routes';
import type { SandboxRegistry } from './registry-content';
import { sendBytes, sendError, sendJson } from './registry-reply';
import type { SandboxTokenIssuer } from './registry-tokens';

export interface V2Context {
  registry: SandboxRegistry;
  scheme: RegistryAuthScheme;
  issuer: SandboxTokenIssuer;
  /** Retry-After sent with a registry-level `failWith` 429/503 (seconds). */
  failWithRetryAfterSeconds: number;
}

/** Page size when the client sends no `n` (ACR's default). */
const DEFAULT_PAGE = 100;

/** The OCI distribution `/v2/…` read API. Returns false for paths it does not serve. */
export function handleV2Route(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, ctx: V2Context): boolean {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return false;
  const { registry, scheme, issuer } = ctx;
  const auth = req.headers.authorization;

  if (path === '/v2/' || path === '/v2') {
    if (!issuer.isAccessToken(auth, scheme.service)) sendUnauthorized(res, scheme);
    else sendJson(res, 200, {});
    return true;
  }

  if (path === '/v2/_catalog') {
    if (!issuer.allows(auth, scheme.service, 'registry', 'catalog', '*')) {
      sendUnauthorized(res, scheme, 'registry:catalog:*', [{ Type: 'registry', Name: 'catalog', Action: '*' }]);
      return true;
    }
    const page = paginate([...registry.repositories.keys()], query, res);
    if (page) sendJson(res, 200, { repositories: page.items }, page.link('/v2/_catalog'));
    return true;
  }

  const m = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|blobs\/([^/]+))$/.exec(path);
  if (!m) return false;
  // Slashes in the name may come encoded (`team%2Fapp`, what @azure/container-registry sends).
  const name = decodeURIComponent(m[1]!);
  const scope = `repository:${name}:pull`;
  if (!issuer.allows(auth, scheme.service, 'repository', name, 'pull')) {
    sendUnauthorized(res, scheme, scope, [{ Type: 'repository', Name: name, Action: 'pull' }]);
    return true;
  }
  const isBlob = m[4] !== undefined;
  const failWith = registry.content.failWith;
  if (failWith && !isBlob) {
    const retry: Record<string, string> =
      failWith.status === 429 || failWith.status === 503 ? { 'retry-after': String(ctx.failWithRetryAfterSeconds) } : {};
    sendError(res, failWith.status, failWith.code, failWith.message, null, retry);
    return true;
  }
  const repo = registry.repositories.get(name);
  if (!repo) {
    sendError(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
    return true;
  }

  if (m[2] === 'tags/list') {
    const page = paginate([...repo.tags.keys()], query, res);
    if (page) sendJson(res, 200, { name, tags: page.items }, page.link(`/v2/${name}/tags/list`));
    return true;
  }

  if (m[3] !== undefined) {
    const reference = decodeURIComponent(m[3]);
    const isDigest = reference.includes(':');
    const digest = isDigest ? reference : repo.tags.get(reference);
    const manifest = digest ? repo.manifests.get(digest) : undefined;
    if (!manifest) {
      const message = isDigest ? `manifest ${reference} is not found` : `manifest tagged by "${reference}" is not found`;
      sendError(res, 404, 'MANIFEST_UNKNOWN', message, { Tag: reference });
      return true;
    }
    if (!accepts(req.headers.accept, manifest.mediaType)) {
      // What CNCF Distribution answers when the client cannot take the stored type.
      const what = INDEX_MEDIA_TYPES.includes(manifest.mediaType) ? 'OCI index found, but accept header does not support OCI indexes' : 'OCI manifest found, but accept header does not support OCI manifests';
      sendError(res, 404, 'MANIFEST_UNKNOWN', what, { Tag: reference });
      return true;
    }
    sendBytes(res, 200, manifest.body, {
      'content-type': manifest.mediaType,
      'content-length': String(manifest.body.length),
      'docker-content-digest': manifest.digest,
      etag: `"${manifest.digest}"`,
    });
    return true;
  }

  const digest = decodeURIComponent(m[4]!);
  const blob = repo.blobs.get(digest);
  // Layer bytes are never generated: HEAD tells their size, GET finds nothing to send.
  if (!blob || (!blob.content && method === 'GET')) {
    sendError(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry', { digest });
    return true;
  }
  sendBytes(res, 200, blob.content, {
    'content-type': 'application/octet-stream',
    'content-length': String(blob.size),
    'docker-content-digest': blob.digest,
    etag: `"${blob.digest}"`,
  });
  return true;
}

function accepts(accept: string | undefined, mediaType: string): boolean {
  if (!accept) return true;
  const types = accept.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  return types.includes(mediaType) || types.includes('*/*') || types.length === 0;
}

/** Distribution paging: `n` items after `last` (lexical order), with a `Link` to the next page. */
function paginate(sorted: string[], query: URLSearchParams, res: ServerResponse) {
  const nText = query.get('n');
  const n = nText === null || nText === '' ? DEFAULT_PAGE : Number(nText);
  if (!Number.isInteger(n) || n < 0) {
    sendError(res, 400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', { n: nText });
    return undefined;
  }
  const last = query.get('last');
  const rest = last ? sorted.filter((item) => item > last) : sorted;
  const items = rest.slice(0, n);
  const more = rest.length > items.length && items.length > 0;
  return {
    items,
    link(path: string): Record<string, string> {
      if (!more) return {};
      const next = new URLSearchParams({ last: items[items.length - 1]!, n: String(n) });
      return { link: `<${path}?${next.toString()}>; rel="next"` };
    },
  };
}
