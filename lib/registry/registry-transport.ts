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
import { RegistryError } from './registry-client';
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
}

export interface RegistryResponse {
  status: number;
  headers: { get(name: string): string | undefined };
  body: string;
  /** sha256 of the body bytes, `sha256:<hex>`. */
  bodyDigest(): string;
}

/**
 * HTTP for registry clients: the core-rest-pipeline default pipeline (retries honouring Retry-After
 * on 429/503, exponential backoff on 5xx and connection errors, redirects) with a per-transport CA,
 * plus the host rewrite and request accounting as the innermost policy so every attempt is seen.
 */
export class RegistryTransport {
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient = createDefaultHttpClient();
  private count = 0;

  constructor(private readonly options: RegistryTransportOptions = {}) {
    this.pipeline = createPipelineFromOptions({
      retryOptions: options.retry,
      tlsOptions: options.tlsCa ? { ca: options.tlsCa } : undefined,
      // Blob GETs redirect to storage or a data endpoint on another host; the redirect policy drops
      // the Authorization header on every hop, so the registry token never leaves the registry.
      redirectOptions: { allowCrossOriginRedirects: true },
      userAgentOptions: { userAgentPrefix: 'pull-doctor' },
    });
    this.pipeline.addPolicy(this.wirePolicy(), { afterPhase: 'Sign' });
  }

  requestCount(): number {
    return this.count;
  }

  async send(req: RegistryRequest): Promise<RegistryResponse> {
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

  private wirePolicy(): PipelinePolicy {
    return {
      name: 'pullDoctorRegistryWire',
      sendRequest: async (request, next) => {
        const logicalUrl = request.url;
        const url = new URL(logicalUrl);
        const base = this.options.hostRewrite?.(url.host);
        if (base) {
          request.url = `${base.replace(/\/+$/, '')}${url.pathname}${url.search}`;
          request.allowInsecureConnection = request.url.startsWith('http:');
        }
        this.count++;
        const started = performance.now();
        const report = (status: number, errorCode?: string) =>
          this.options.onRequest?.({
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
}

/** The URL without its query string: queries may carry scopes today and anything tomorrow. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
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
