/** The Bot Framework's error body: { error: { code, message } }, and a 429's Retry-After (seconds). */
export function connectorError(error: unknown): { code?: string; statusCode?: number; message: string; retryAfterMs?: number } {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown; response?: { bodyAsText?: unknown; headers?: { get?: (name: string) => unknown } } };
  const statusCode = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  let code = typeof e.code === 'string' && e.code !== 'REQUEST_SEND_ERROR' ? e.code : undefined;
  const body = e.response?.bodyAsText;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { error?: { code?: unknown } };
      if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    } catch {
      // not JSON: keep the status code
    }
  }
  const retryAfter = Number(e.response?.headers?.get?.('retry-after'));
  const retryAfterMs = statusCode === 429 ? (Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1_000) : undefined;
  return { code, statusCode, message: typeof e.message === 'string' ? e.message : String(error), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}
