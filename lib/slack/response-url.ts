/**
 * Delivery through a Slack `response_url` (https://api.slack.com/interactivity/handling#message_responses):
 * a POST of a message JSON, valid for 30 minutes and 5 uses. The URL comes from the request body,
 * so it is checked before use: only https://hooks.slack.com, or 127.0.0.1 when a test allows it,
 * never anything else (a forged body must not make pull-doctor POST to an arbitrary host).
 */
export interface ResponseUrlOptions {
  /** Tests only: also accept http://127.0.0.1:<port>/… */
  allowLocalTestUrls?: boolean;
  timeoutMs?: number;
}

export class SlackResponseUrlError extends Error {
  override readonly name = 'SlackResponseUrlError';
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Undefined when the URL may be used, else why not. */
export function responseUrlProblem(url: string, options: ResponseUrlOptions = {}): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'response_url is not a URL';
  }
  if (parsed.username || parsed.password) return 'response_url must not carry credentials';
  if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com' && (parsed.port === '' || parsed.port === '443')) return undefined;
  if (options.allowLocalTestUrls && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1') return undefined;
  return 'response_url is not a https://hooks.slack.com URL';
}

/** POSTs one message; one retry on a network error or 5xx; throws SlackResponseUrlError otherwise. */
export async function postToResponseUrl(url: string, message: Record<string, unknown>, options: ResponseUrlOptions & { signal?: AbortSignal } = {}): Promise<void> {
  const problem = responseUrlProblem(url, options);
  if (problem) throw new SlackResponseUrlError(problem);
  const body = JSON.stringify(message);
  let lastError: SlackResponseUrlError | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, signal, redirect: 'error' });
      await response.text().catch(() => '');
      if (response.ok) return;
      lastError = new SlackResponseUrlError(`response_url answered ${response.status}`, response.status);
      if (response.status < 500) throw lastError;
    } catch (error) {
      if (error instanceof SlackResponseUrlError && error.statusCode !== undefined && error.statusCode < 500) throw error;
      if (options.signal?.aborted) throw error;
      lastError = error instanceof SlackResponseUrlError ? error : new SlackResponseUrlError(`response_url POST failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw lastError ?? new SlackResponseUrlError('response_url POST failed');
}
