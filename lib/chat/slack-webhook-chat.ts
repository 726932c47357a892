import { IncomingWebhook, IncomingWebhookHTTPError, type IncomingWebhookSendArguments } from '@slack/webhook';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';
import { escapeMrkdwn, renderSlack, renderSlackResolved, renderSlackUnfinished } from '../render/slack';
import { renderWarningSlack } from '../render/warning';
import { abortable } from '../util/abortable';
import type { Warning } from '../warnings/warning';
import type { WarningChatPort } from './warning-chat-port';
import { ChatDeliveryError } from './chat-errors';
import { redactingLogger, silentLogger, type ChatLogger } from './chat-logger';
import type { ChatPort } from './chat-port';

export interface SlackWebhookChatOptions {
  /** https://hooks.slack.com/services/… (a secret: it is never logged). */
  url: string;
  /** Retries of network errors and 5xx (4xx, including 429, fail at once: the SDK's rule for webhooks). */
  retries?: number;
  timeoutMs?: number;
  logger?: ChatLogger;
  render?: RenderOptions;
}

/**
 * Slack incoming-webhook mode, for teams that only want notifications. A webhook can neither edit a
 * message nor thread, so: no "diagnosing…" post and no progress; the diagnosis is one new message;
 * a resolution and follow-ups are further new messages. Buttons are not rendered (nothing would
 * receive their clicks without the app).
 */
export class SlackWebhookChat implements ChatPort, WarningChatPort {
  readonly platform = 'slack' as const;
  private readonly webhook: IncomingWebhook;
  private readonly logger: ChatLogger;

  constructor(private readonly options: SlackWebhookChatOptions) {
    if (!options.url) throw new Error('Slack webhook: SLACK_WEBHOOK_URL is not set');
    this.logger = redactingLogger(options.logger ?? silentLogger);
    this.webhook = new IncomingWebhook(options.url, {
      timeout: options.timeoutMs ?? 15_000,
      retryConfig: { retries: options.retries ?? 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    });
  }

  async start(): Promise<ChatMessageRef> {
    return { platform: 'slack', channel: 'webhook' };
  }

  async progress(): Promise<void> {
    // A webhook message cannot be updated: progress is not shown in this mode.
  }

  async diagnosis(_ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { text, blocks } = renderSlack(diagnosis, incident, this.options.render);
    await this.send({ text, blocks: blocks.filter((b) => b.type !== 'actions') }, options.signal);
  }

  async resolved(_ref: ChatMessageRef, incident: Incident, how: string, options: { signal?: AbortSignal; diagnosis?: Diagnosis } = {}): Promise<void> {
    await this.send(renderSlackResolved(incident, how), options.signal);
  }

  async reply(_ref: ChatMessageRef, text: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.send({ text: escapeMrkdwn(redact(text)) }, options.signal);
  }

  /** Nothing was posted at start in this mode: the "could not finish" is the incident's one message (without buttons). */
  async unfinished(_ref: ChatMessageRef, incident: Incident, reason: string, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef | undefined> {
    const { text, blocks } = renderSlackUnfinished(incident, reason);
    await this.send({ text, blocks: blocks.filter((b) => b.type !== 'actions') }, options.signal);
    return undefined;
  }

  /** Issue 18: the warning as one new message, without buttons (nothing would receive their clicks). */
  async postWarning(warning: Warning, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef> {
    const { text, blocks } = renderWarningSlack(warning, { now: new Date() }, this.options.render);
    await this.send({ text, blocks: blocks.filter((b) => b.type !== 'actions') }, options.signal);
    return { platform: 'slack', channel: 'webhook' };
  }

  async updateWarning(): Promise<void> {
    // A webhook message cannot be edited: later states reach the channel as `reply` lines.
  }

  async withdraw(): Promise<void> {
    // start posts nothing in this mode: nothing to take back.
  }

  private async send(message: IncomingWebhookSendArguments, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    try {
      await abortable(this.webhook.send({ unfurl_links: false, unfurl_media: false, ...message }), signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // Slack answers webhook errors with a short text body: invalid_payload, channel_not_found, no_service …
      const statusCode = error instanceof IncomingWebhookHTTPError ? error.statusCode : undefined;
      const body = error instanceof IncomingWebhookHTTPError ? error.body.trim() : undefined;
      const code = body && body.length < 100 ? body : undefined;
      const reason = code ?? (statusCode ? `HTTP ${statusCode}` : error instanceof Error ? error.message : String(error));
      const details = { platform: 'slack' as const, operation: 'incoming webhook', code, statusCode, retryable: statusCode === undefined || statusCode >= 500 || statusCode === 429 };
      this.logger.error(`slack webhook: post failed: ${reason}`, { ...details });
      throw new ChatDeliveryError(`Slack webhook post failed: ${reason}`, details, { cause: error });
    }
  }
}
