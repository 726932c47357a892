import {
  ErrorCode,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  type Logger as SlackLogger,
  type RetryOptions,
} from '@slack/web-api';
import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';
import { escapeMrkdwn, renderSlack, renderSlackProgress, renderSlackResolved, renderSlackUnfinished, type SlackPayload } from '../render/slack';
import { renderWarningSlack } from '../render/warning';
import { abortable } from '../util/abortable';
import type { Warning } from '../warnings/warning';
import type { WarningChatPort } from './warning-chat-port';
import { ChannelBackoff } from './channel-backoff';
import { ChatDeliveryError, SLACK_PERMANENT_ERRORS } from './chat-errors';
import { redactingLogger, silentLogger, type ChatLogger } from './chat-logger';
import type { ChatPort } from './chat-port';
import { ProgressThrottle } from './progress-throttle';

export interface SlackChatOptions {
  /** Bot token (xoxb-…) with chat:write. */
  token: string;
  /** Channel id the diagnoses go to (the bot must be a member). */
  channel: string;
  /** Web API base URL; tests point it at their local server. */
  slackApiUrl?: string;
  /** p-retry options for network errors and 5xx (a 429 is handled per channel, see ChannelBackoff). */
  retryConfig?: RetryOptions;
  /** A Retry-After up to this long is waited out in the call; longer ones fail retryable with the delay (default 5 s). */
  maxInlineRateLimitWaitMs?: number;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** Fewer chat.update calls than check completions: at most one progress update per interval (ms). */
  minProgressIntervalMs?: number;
  logger?: ChatLogger;
  render?: RenderOptions;
}

/** Slack message metadata event type that tags every incident message with its incident id. */
export const INCIDENT_EVENT_TYPE = 'pull_doctor_incident';
/** History pages read when looking for an unrecorded message (200 messages each, from the intent's time on). */
const FIND_MAX_PAGES = 5;

/**
 * Within a queue job: a few quick retries, then fail so the queue retries the job later
 * (Slack's own default, ten retries over ~30 minutes, would outlive a Functions invocation).
 */
export const SLACK_RETRY: RetryOptions = { retries: 4, factor: 2, minTimeout: 1_000, maxTimeout: 10_000, randomize: true };

/** The SDK's logger, forwarded to ours without debug chatter (which contains request bodies). */
function slackLogger(logger: ChatLogger): SlackLogger {
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info(`slack sdk: ${text(msg)}`),
    warn: (...msg: unknown[]) => logger.warn(`slack sdk: ${text(msg)}`),
    error: (...msg: unknown[]) => logger.error(`slack sdk: ${text(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** Slack through the Web API: one message per incident, updated in place, follow-ups in its thread. */
export class SlackChat implements ChatPort, WarningChatPort {
  readonly platform = 'slack' as const;
  private readonly client: WebClient;
  private readonly logger: ChatLogger;
  private readonly throttle: ProgressThrottle;
  private readonly backoff: ChannelBackoff;

  constructor(private readonly options: SlackChatOptions) {
    if (!options.token) throw new Error('Slack: SLACK_BOT_TOKEN is not set');
    if (!options.channel) throw new Error('Slack: SLACK_CHANNEL_ID is not set');
    this.logger = redactingLogger(options.logger ?? silentLogger);
    this.throttle = new ProgressThrottle(options.minProgressIntervalMs ?? 1_500);
    this.backoff = new ChannelBackoff('slack', Date.now, options.maxInlineRateLimitWaitMs);
    this.client = new WebClient(options.token, {
      slackApiUrl: options.slackApiUrl,
      retryConfig: options.retryConfig ?? SLACK_RETRY,
      // A 429 must hold back its channel only: the SDK's own waiting pauses every call of the client.
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 15_000,
      logger: slackLogger(this.logger),
      logLevel: LogLevel.WARN,
    });
  }

  async start(incident: Incident, options: { signal?: AbortSignal; jobId?: string } = {}): Promise<ChatMessageRef> {
    const payload = renderSlackProgress(incident);
    // Message metadata names the incident, so a retry can find this message if its reference was never saved (find).
    const metadata = { event_type: INCIDENT_EVENT_TYPE, event_payload: { incidentId: incident.id, ...(options.jobId ? { jobId: options.jobId } : {}) } };
    const result = await this.call('chat.postMessage', this.options.channel, options.signal, () =>
      this.client.chat.postMessage({ channel: this.options.channel, ...payload, metadata, unfurl_links: false, unfurl_media: false }),
    );
    if (!result.ts) throw this.fail('chat.postMessage', new Error('Slack returned no message ts'), false);
    this.logger.info('slack: posted incident message', { incident: incident.id, channel: result.channel, ts: result.ts });
    return { platform: 'slack', channel: result.channel ?? this.options.channel, ts: result.ts };
  }

  /**
   * The incident's top-level message posted since `since` (a minute of clock skew allowed), by its
   * metadata. Needs `channels:history` (`groups:history` for a private channel); without it Slack
   * answers `missing_scope`, a permanent error the caller handles by posting anew.
   */
  async find(incident: Incident, options: { since: string; signal?: AbortSignal }): Promise<ChatMessageRef | undefined> {
    const channel = this.options.channel;
    const since = Date.parse(options.since);
    const oldest = Number.isNaN(since) ? undefined : String(Math.floor(since / 1000) - 60);
    let cursor: string | undefined;
    for (let page = 0; page < FIND_MAX_PAGES; page++) {
      const result = await this.call('conversations.history', channel, options.signal, () =>
        this.client.conversations.history({ channel, ...(oldest ? { oldest } : {}), limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) }),
      );
      const found = (result.messages ?? []).find((m) => m.metadata?.event_type === INCIDENT_EVENT_TYPE && (m.metadata.event_payload as { incidentId?: unknown } | undefined)?.incidentId === incident.id);
      if (found?.ts) {
        this.logger.info('slack: found the incident message an earlier attempt posted', { incident: incident.id, channel, ts: found.ts });
        return { platform: 'slack', channel, ts: found.ts };
      }
      cursor = result.response_metadata?.next_cursor;
      if (!result.has_more || !cursor) break;
    }
    return undefined;
  }

  async progress(ref: ChatMessageRef, incident: Incident, progress: DiagnosisProgress, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    if (!this.throttle.shouldSend(ts, progress)) return;
    await this.update(channel, ts, renderSlackProgress(incident, progress), options.signal);
  }

  async diagnosis(ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    this.throttle.forget(ts);
    await this.update(channel, ts, renderSlack(diagnosis, incident, this.options.render), options.signal);
  }

  async resolved(ref: ChatMessageRef, incident: Incident, how: string, options: { signal?: AbortSignal; diagnosis?: Diagnosis } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    await this.update(channel, ts, renderSlackResolved(incident, how, options.diagnosis, this.options.render), options.signal);
    await this.reply(ref, `✅ Resolved: ${how}`, options);
  }

  async reply(ref: ChatMessageRef, text: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    await this.call('chat.postMessage', channel, options.signal, () =>
      this.client.chat.postMessage({ channel, thread_ts: ts, text: escapeMrkdwn(redact(text)), unfurl_links: false, unfurl_media: false }),
    );
  }

  private async update(channel: string, ts: string, payload: SlackPayload, signal: AbortSignal | undefined): Promise<void> {
    await this.call('chat.update', channel, signal, () => this.client.chat.update({ channel, ts, ...payload }));
  }

  /**
   * When chat.update itself is what keeps failing, the "diagnosing…" message is deleted and the
   * final state posted as a new message, so the channel never keeps a message that says it is working.
   */
  async unfinished(ref: ChatMessageRef, incident: Incident, reason: string, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef | undefined> {
    const { channel, ts } = this.target(ref);
    this.throttle.forget(ts);
    const payload = renderSlackUnfinished(incident, reason);
    try {
      await this.update(channel, ts, payload, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      await this.call('chat.delete', channel, options.signal, () => this.client.chat.delete({ channel, ts }));
      const posted = await this.call('chat.postMessage', channel, options.signal, () => this.client.chat.postMessage({ channel, ...payload, unfurl_links: false, unfurl_media: false }));
      this.logger.warn('slack: message could not be edited; replaced by a new "could not finish" message', { incident: incident.id, channel });
      return posted.ts ? { platform: 'slack', channel: posted.channel ?? channel, ts: posted.ts } : undefined;
    }
    return undefined;
  }

  /** Issue 18: the warning is a new message in the channel; its ts is the thread root. */
  async postWarning(warning: Warning, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef> {
    const payload = renderWarningSlack(warning, { now: new Date() }, this.options.render);
    const result = await this.call('chat.postMessage', this.options.channel, options.signal, () =>
      this.client.chat.postMessage({ channel: this.options.channel, ...payload, unfurl_links: false, unfurl_media: false }),
    );
    if (!result.ts) throw this.fail('chat.postMessage', new Error('Slack returned no message ts'), false);
    this.logger.info('slack: posted warning', { warning: warning.id, channel: result.channel, ts: result.ts });
    return { platform: 'slack', channel: result.channel ?? this.options.channel, ts: result.ts };
  }

  async updateWarning(ref: ChatMessageRef, warning: Warning, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    await this.update(channel, ts, renderWarningSlack(warning, { now: new Date() }, this.options.render), options.signal);
  }

  async withdraw(ref: ChatMessageRef, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { channel, ts } = this.target(ref);
    await this.call('chat.delete', channel, options.signal, () => this.client.chat.delete({ channel, ts }));
  }

  private target(ref: ChatMessageRef): { channel: string; ts: string } {
    if (ref.platform !== 'slack' || !ref.ts) {
      throw new ChatDeliveryError(`Slack: message reference has no ts (platform ${ref.platform})`, { platform: 'slack', operation: 'target', retryable: false });
    }
    return { channel: ref.channel ?? this.options.channel, ts: ref.ts };
  }

  private async call<T>(operation: string, channel: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    for (let attempt = 1; ; attempt++) {
      await this.backoff.ready(channel, operation, signal);
      try {
        // WebClient takes no per-call AbortSignal: stop waiting on abort; its own timeout ends the request.
        return await abortable(run(), signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (error instanceof Error && (error as { code?: unknown }).code === ErrorCode.RateLimitedError) {
          const retryAfterMs = (error as WebAPIRateLimitedError).retryAfter * 1000;
          this.backoff.hold(channel, retryAfterMs);
          // A short wait is taken here (this call only); a long one goes back to the queue with its delay.
          if (attempt < 3 && retryAfterMs <= this.backoff.maxInlineWaitMs) continue;
          throw this.fail(operation, error, true, retryAfterMs);
        }
        throw this.fail(operation, error);
      }
    }
  }

  /** Logs why a call failed (with Slack's error code, never the token) and returns the typed error. */
  private fail(operation: string, error: unknown, retryable?: boolean, retryAfterMs?: number): ChatDeliveryError {
    let code: string | undefined;
    let statusCode: number | undefined;
    if (retryAfterMs !== undefined) {
      code = 'ratelimited';
      statusCode = 429;
    } else if (error instanceof WebAPIPlatformError) code = error.data.error;
    else if (error instanceof WebAPIHTTPError) statusCode = error.statusCode;
    else if (error instanceof WebAPIRequestError) code = error.original.message;
    const permanent = code !== undefined && SLACK_PERMANENT_ERRORS.has(code);
    const details = { platform: 'slack' as const, operation, code, statusCode, retryable: retryable ?? !permanent, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    const reason = code ?? (statusCode ? `HTTP ${statusCode}` : error instanceof Error ? error.message : String(error));
    this.logger.error(`slack: ${operation} failed: ${reason}`, { ...details });
    return new ChatDeliveryError(`Slack ${operation} failed: ${reason}`, details, { cause: error });
  }
}
