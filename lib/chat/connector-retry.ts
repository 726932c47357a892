import { retryPolicy, type Pipeline, type PipelineResponse, type RetryStrategy } from '@azure/core-rest-pipeline';

/** Options for the Bot Framework connector's retries inside one call (the queue retries the job after that). */
export interface ConnectorRetryOptions {
  /** Retries of one connector call after a 5xx, 408 or dropped connection (default 3, the SDK's own count). */
  maxRetries: number;
  /** First back-off delay (doubles each retry, with jitter). */
  retryDelayMs: number;
  /** A 429/503 Retry-After up to this long is waited out in the call; a longer one fails it with the delay (ChannelBackoff). */
  maxInlineWaitMs: number;
}

const SYSTEM_ERRORS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);

function retryAfterMs(response: PipelineResponse | undefined): number | undefined {
  const header = response?.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * The connector client's retry policy, replacing the SDK default (3 retries, and any Retry-After
 * waited out in the call however long): a throttled call waits only a short Retry-After, so a long
 * one holds back that conversation and hands the job back to the queue with the delay, as Slack does.
 */
export function connectorRetryStrategies(options: ConnectorRetryOptions): RetryStrategy[] {
  const throttled: RetryStrategy = {
    name: 'pullDoctorConnectorThrottling',
    retry: ({ response }) => {
      if (response?.status !== 429 && response?.status !== 503) return { skipStrategy: true };
      const wait = retryAfterMs(response);
      if (wait === undefined) return { skipStrategy: true };
      // Not retried here: the response surfaces as an error carrying its Retry-After.
      if (wait > options.maxInlineWaitMs) return {};
      return { retryAfterInMs: wait };
    },
  };
  const transient: RetryStrategy = {
    name: 'pullDoctorConnectorTransient',
    retry: ({ retryCount, response, responseError }) => {
      const status = response?.status;
      const serverError = status !== undefined && (status >= 500 || status === 408) && status !== 501 && status !== 505;
      const systemError = !response && typeof responseError?.code === 'string' && SYSTEM_ERRORS.has(responseError.code);
      const wait = retryAfterMs(response);
      if ((!serverError && !systemError) || (wait !== undefined && wait > options.maxInlineWaitMs)) return { skipStrategy: true };
      const delay = options.retryDelayMs * 2 ** retryCount;
      return { retryAfterInMs: delay / 2 + Math.random() * (delay / 2) };
    },
  };
  return [throttled, transient];
}

/**
 * Puts our retry policy on a connector client's pipeline. botframework-connector builds its
 * ServiceClient without passing retry options through, so the policy is swapped on the pipeline
 * (`client.client.pipeline`, the @azure/core-client ServiceClient it wraps). Returns false when the
 * client does not have that shape (a botframework-connector upgrade): the SDK's defaults then apply.
 */
export function applyConnectorRetries(connectorClient: unknown, options: ConnectorRetryOptions): boolean {
  const pipeline = (connectorClient as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: 'retryPolicy' });
  pipeline.addPolicy(retryPolicy(connectorRetryStrategies(options), { maxRetries: options.maxRetries }), { phase: 'Retry' });
  return true;
}
