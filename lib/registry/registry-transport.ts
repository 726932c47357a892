import { createHash } from 'node:crypto';
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  isRestError,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
} from '@azure/core-rest-pipeline';
import { RegistryEgressDenied, RegistryError } from './registry-client';
import { ErrorBodySchema } from './registry-wire';

/** One HTTP request as it went on the wire (each retry and redirect hop counts). No headers, no bodies. */
export interface RegistryRequestInfo {
  method: string;
  /** The logical URL (before any host rewrite), e.g. `https://myacr.azurecr.io/v2/app/manifests/v1`. */
  url: string;
  /** 0 when the request failed before a response. */
  status: number;
  durationMs: number;
  /** errno-style code of a network failure (ECONNREFUSED, ENOTFOUND, …). */
  errorCode?: string;
}

export interface RegistryTransportOptions {
  /** PEM of a CA trusted by this transport only (the sandbox's self-signed certificate). */
  tlsCa?: string;
  /** Maps a host to the base URL to send to instead of `https://<host>`; undefined = no rewrite. */
  hostRewrite?: (host: string) => string | undefined;
  onRequest?: (info: RegistryRequestInfo) => void;
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
}

export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** `application/x-www-form-urlencoded` body. */
  form?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Decides each redirect hop: a reason refuses it (RegistryEgressDenied, nothing sent to the
   * target), undefined follows it. Without it a 3xx is returned as it is, never followed.
   */
  redirect?: (target: string) => string | undefined;
}

export interface RegistryResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  body: string;
  /** sha256 of the body bytes, `sha256:<hex>`. */
  bodyDigest(): string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * HTTP for registry clients: the core-rest-pipeline default pipeline (retries honouring Retry-After
 * on 429/503, exponential backoff on 5xx and connection errors) with a per-transport CA, plus the
 * host rewrite and request accounting as the innermost policy so every attempt is seen. Redirects
 * are followed here, not by the pipeline, so the egress policy decides every hop before it is sent.
 */
export class RegistryTransport {
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient = createDefaultHttpClient();
  private count = 0;

  constructor(private readonly options: RegistryTransportOptions = {}) {
    this.pipeline = createPipelineFromOptions({
      retryOptions: options.retry,
      tlsOptions: options.tlsCa ? { ca: options.tlsCa } : undefined,
      // send() follows redirects itself, each hop checked by the request's `redirect` decision.
      redirectOptions: { maxRetries: 0 },
      userAgentOptions: { userAgentPrefix: 'pull-doctor' },
    });
    this.pipeline.addPolicy(registryWirePolicy(options, () => this.count++), { afterPhase: 'Sign' });
  }

  requestCount(): number {
    return this.count;
  }

  async send(req: RegistryRequest): Promise<RegistryResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      const response = await this.sendOnce(current);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : undefined;
      if (!location || !req.redirect) return response;
      const target = new URL(location, current.url).toString();
      const refused = req.redirect(target);
      if (refused) throw new RegistryEgressDenied(refused, new URL(target).host);
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError(`${req.method} ${displayUrl(req.url)}: more than ${MAX_REDIRECTS} redirects`, response.status, 'TOO_MANY_REDIRECTS');
      }
      const method = response.status === 303 || (current.method === 'POST' && response.status !== 307 && response.status !== 308) ? 'GET' : current.method;
      // A credential is for the origin it was issued by: never carried to another host.
      const crossOrigin = new URL(target).origin !== new URL(current.url).origin;
      const headers = Object.fromEntries(Object.entries(current.headers ?? {}).filter(([name]) => !(crossOrigin && name.toLowerCase() === 'authorization')));
      current = { ...current, url: target, method, headers, form: method === 'GET' ? undefined : current.form };
    }
  }

  private async sendOnce(req: RegistryRequest): Promise<RegistryResponse> {
    const headers = createHttpHeaders(req.headers);
    let body: string | undefined;
    if (req.form) {
      body = new URLSearchParams(req.form).toString();
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
    }
    const request = createPipelineRequest({
      url: req.url,
      method: req.method,
      headers,
      body,
      abortSignal: req.signal,
    });
    let response;
    try {
      response = await this.pipeline.sendRequest(this.httpClient, request);
    } catch (err) {
      if (req.signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw err;
      const code = isRestError(err) ? err.code : (err as NodeJS.ErrnoException)?.code;
      const what = `${req.method} ${displayUrl(req.url)}`;
      const reason = err instanceof Error ? err.message : String(err);
      throw new RegistryError(`${what} failed: ${code ?? 'network error'} (${reason})`, 0, code, what);
    }
    const text = response.bodyAsText ?? '';
    return {
      status: response.status,
      headers: { get: (name) => response.headers.get(name) },
      body: text,
      bodyDigest: () => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`,
    };
  }
}

/**
 * The innermost policy of every registry pipeline (the generic transport's and the ACR SDK clients'):
 * sends a host's requests to its rewritten base URL (the sandbox) and reports each attempt on the wire.
 */
export function registryWirePolicy(options: Pick<RegistryTransportOptions, 'hostRewrite' | 'onRequest'>, countRequest: () => void): PipelinePolicy {
  return {
    name: 'pullDoctorRegistryWire',
    sendRequest: async (request, next) => {
      const logicalUrl = request.url;
      const url = new URL(logicalUrl);
      const base = options.hostRewrite?.(url.host);
      if (base) {
        request.url = `${base.replace(/\/+$/, '')}${url.pathname}${url.search}`;
        request.allowInsecureConnection = request.url.startsWith('http:');
      }
      countRequest();
      const started = performance.now();
      const report = (status: number, errorCode?: string) =>
        options.onRequest?.({
          method: request.method,
          url: displayUrl(logicalUrl),
          status,
          durationMs: Math.round(performance.now() - started),
          ...(errorCode ? { errorCode } : {}),
        });
      try {
        const response = await next(request);
        report(response.status);
        return response;
      } catch (err) {
        report(0, isRestError(err) ? err.code : undefined);
        throw err;
      } finally {
        // Redirect and retry policies read request.url afterwards: give them back the logical URL.
        request.url = logicalUrl;
      }
    },
  };
}

/** The URL without its query string: queries may carry scopes today and anything tomorrow. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  // The ACR SDK encodes `/` in repository names and `:` in digests; people read them plain.
  return `${u.origin}${u.pathname.replace(/%2F/gi, '/').replace(/%3A/gi, ':')}`;
}

/** A non-2xx response as a RegistryError with the distribution error code from the body. */
export function errorFromResponse(response: Pick<RegistryResponse, 'status' | 'body'>, what: string): RegistryError {
  let code: string | undefined;
  let detail = '';
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(response.body));
    if (parsed.success) {
      const first = parsed.data.errors[0]!;
      code = first.code.toUpperCase();
      detail = first.message ? `: ${first.message}` : '';
    }
  } catch {
    // Not JSON (proxies, HEAD requests): the status alone must do.
  }
  code ??= defaultCodeFor(response.status);
  return new RegistryError(`${what} → ${response.status} ${code ?? ''}${detail}`.trim(), response.status, code, what);
}

function defaultCodeFor(status: number): string | undefined {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'DENIED';
    case 429:
      return 'TOOMANYREQUESTS';
    default:
      return undefined;
  }
}
