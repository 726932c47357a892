import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendUnauthorized } from './registry-auth-routes';
import { plainPlatform, type SandboxRepository, type StoredManifest } from './registry-content';
import { sendError, sendJson } from './registry-reply';
import type { V2Context } from './registry-v2-routes';

/**
 * ACR's metadata API, `/acr/v1/…` (what @azure/container-registry reads): catalog, repository, tag
 * and manifest properties, `orderby=timedesc|timeasc`, `n`/`last` paging with a `Link` header.
 * Shapes from azure-rest-api-specs `specification/containerregistry/data-plane/Azure.ContainerRegistry/
 * stable/2021-07-01` (containerregistry.json and its examples, copied to test/fixtures/acr-data-plane,
 * checked by test/sandbox/acr-data-plane-shapes.test.ts). Returns false for paths it does not serve.
 */
export function handleAcrRoute(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, ctx: V2Context): boolean {
  if ((req.method ?? 'GET') !== 'GET' || !path.startsWith('/acr/v1/')) return false;
  const { registry, scheme, issuer } = ctx;
  const auth = req.headers.authorization;
  const host = registry.loginServer;
  if (path === '/acr/v1/_catalog') {
    if (!issuer.allows(auth, scheme.service, 'registry', 'catalog', '*')) {
      sendUnauthorized(res, scheme, 'registry:catalog:*', [{ Type: 'registry', Name: 'catalog', Action: '*' }]);
      return true;
    }
    const page = paginate([...registry.repositories.keys()], query, res, '/acr/v1/_catalog');
    if (page) sendJson(res, 200, { repositories: page.items }, page.headers);
    return true;
  }
  const m = /^\/acr\/v1\/(.+?)(?:\/(_tags|_manifests)(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return false;
  // The SDK sends a repository name with its slashes encoded (`team%2Fapp`), as ACR accepts.
  const name = decodeURIComponent(m[1]!);
  // ACR asks for `metadata_read` on the repository for every /acr/v1 read.
  if (!issuer.allows(auth, scheme.service, 'repository', name, 'metadata_read')) {
    sendUnauthorized(res, scheme, `repository:${name}:metadata_read`, [{ Type: 'repository', Name: name, Action: 'metadata_read' }]);
    return true;
  }
  const failWith = registry.content.failWith;
  if (failWith) {
    const retry: Record<string, string> = failWith.status === 429 || failWith.status === 503 ? { 'retry-after': String(ctx.failWithRetryAfterSeconds) } : {};
    sendError(res, failWith.status, failWith.code, failWith.message, null, retry);
    return true;
  }
  const repo = registry.repositories.get(name);
  if (!repo) {
    sendError(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
    return true;
  }
  const head = { registry: host, imageName: name };
  const [, , kind, reference] = m;
  if (!kind) {
    const times = [...repo.tagTimes.values()];
    sendJson(res, 200, {
      ...head,
      createdTime: times.map((t) => t.createdTime).sort()[0] ?? EPOCH,
      lastUpdateTime: times.map((t) => t.lastUpdateTime).sort().at(-1) ?? EPOCH,
      manifestCount: repo.manifests.size,
      tagCount: repo.tags.size,
      changeableAttributes: CHANGEABLE,
    });
    return true;
  }
  if (kind === '_tags') {
    if (reference !== undefined) {
      const tag = decodeURIComponent(reference);
      if (!repo.tags.has(tag)) sendError(res, 404, 'TAG_UNKNOWN', 'the specified tag does not exist', { name, tag });
      else sendJson(res, 200, { ...head, tag: tagAttributes(repo, tag) });
      return true;
    }
    const order = orderOf(query, res);
    if (order === null) return true;
    const names = byTime([...repo.tags.keys()], (t) => repo.tagTimes.get(t)!.lastUpdateTime, order);
    const page = paginate(names, query, res, `/acr/v1/${name}/_tags`, order);
    if (page) sendJson(res, 200, { ...head, tags: page.items.map((t) => tagAttributes(repo, t)) }, page.headers);
    return true;
  }
  if (reference !== undefined) {
    const ref = decodeURIComponent(reference);
    const manifest = repo.manifests.get(ref.includes(':') ? ref : (repo.tags.get(ref) ?? ''));
    if (!manifest) sendError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', { name, reference: ref });
    else sendJson(res, 200, { ...head, manifest: manifestAttributes(repo, manifest) });
    return true;
  }
  const order = orderOf(query, res);
  if (order === null) return true;
  const digests = byTime([...repo.manifests.keys()].sort(), (d) => repo.manifests.get(d)!.lastUpdateTime, order);
  const page = paginate(digests, query, res, `/acr/v1/${name}/_manifests`, order);
  if (page) sendJson(res, 200, { ...head, manifests: page.items.map((d) => manifestAttributes(repo, repo.manifests.get(d)!)) }, page.headers);
  return true;
}

const EPOCH = '1970-01-01T00:00:00Z';
/** ACR's default changeable attributes of a repository, tag or manifest nobody locked. */
const CHANGEABLE = { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };
/** ACR caps `n` at 1000 and answers 100 without it. */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

type Order = 'timedesc' | 'timeasc' | undefined;

function tagAttributes(repo: SandboxRepository, tag: string) {
  const times = repo.tagTimes.get(tag)!;
  return { name: tag, digest: repo.tags.get(tag)!, createdTime: times.createdTime, lastUpdateTime: times.lastUpdateTime, changeableAttributes: CHANGEABLE };
}

function manifestAttributes(repo: SandboxRepository, m: StoredManifest) {
  const [os, architecture] = plainPlatform(m.platform ?? '').split('/');
  const tags = [...repo.tags].filter(([, digest]) => digest === m.digest).map(([tag]) => tag);
  return {
    digest: m.digest,
    imageSize: m.imageSize,
    createdTime: m.createdTime,
    lastUpdateTime: m.lastUpdateTime,
    ...(m.platform ? { architecture, os } : {}),
    ...(m.references
      ? { references: m.references.map((r) => ({ digest: r.digest, architecture: plainPlatform(r.platform).split('/')[1], os: plainPlatform(r.platform).split('/')[0] })) }
      : {}),
    ...(tags.length ? { tags } : {}),
    changeableAttributes: CHANGEABLE,
  };
}

/** `orderby` is `timedesc`, `timeasc` or absent (names in lexical order); anything else is a 400. */
function orderOf(query: URLSearchParams, res: ServerResponse): Order | null {
  const value = query.get('orderby');
  if (value === null || value === '') return undefined;
  if (value === 'timedesc' || value === 'timeasc') return value;
  sendError(res, 400, 'UNSUPPORTED', `orderby must be timedesc or timeasc, not "${value}"`);
  return null;
}

function byTime(names: string[], time: (name: string) => string, order: Order): string[] {
  if (!order) return names;
  const sign = order === 'timedesc' ? -1 : 1;
  return [...names].sort((a, b) => sign * (Date.parse(time(a)) - Date.parse(time(b))) || a.localeCompare(b));
}

/** `n` items after the one named `last` in this order, with `Link: <…?last=…&n=…&orderby=…>; rel="next"`. */
function paginate(ordered: string[], query: URLSearchParams, res: ServerResponse, path: string, order?: Order) {
  const nText = query.get('n');
  const n = nText === null || nText === '' ? DEFAULT_PAGE : Number(nText);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    sendError(res, 400, 'PAGINATION_NUMBER_INVALID', 'invalid number of results requested', { n: nText });
    return undefined;
  }
  const last = query.get('last');
  const start = last ? ordered.indexOf(last) + 1 : 0;
  const items = start > 0 || !last ? ordered.slice(start, start + n) : [];
  const more = start + items.length < ordered.length && items.length > 0;
  const next = new URLSearchParams({ last: items.at(-1) ?? '', n: String(n), ...(order ? { orderby: order } : {}) });
  const headers: Record<string, string> = more ? { link: `<${path}?${next.toString()}>; rel="next"` } : {};
  return { items, headers };
}
