import { createDefaultHttpClient, createPipelineFromOptions, createPipelineRequest, RestError, type HttpClient, type Pipeline } from '@azure/core-rest-pipeline';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import { ADAPTIVE_CARD_CONTENT_TYPE, escapeCardMarkdown, renderAdaptiveCard, renderCardResolved, renderCardUnfinished, type AdaptiveCard } from '../render/adaptive-card';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';
import { renderWarningCard } from '../render/warning';
import type { Warning } from '../warnings/warning';
import type { WarningChatPort } from './warning-chat-port';
import { ChatDeliveryError } from './chat-errors';
import { redactingLogger, silentLogger, type ChatLogger } from './chat-logger';
import type { ChatPort } from './chat-port';

export interface TeamsWorkflowChatOptions {
  /** The Workflows ("Post to a channel when a webhook request is received") URL; a secret, never logged. */
  url: string;
  /** Retries of network errors, 429 (after Retry-After) and 5xx. */
  maxRetries?: number;
  retryDelayInMs?: number;
  timeoutMs?: number;
  httpClient?: HttpClient;
  logger?: ChatLogger;
  render?: RenderOptions;
}

/**
 * Teams through a Workflows (Power Automate) webhook: notification-only. The flow posts each card
 * as a new channel message and returns no message id, so there is no "diagnosing…" card, no progress
 * and no thread; resolutions and follow-ups are new posts. Buttons are left out (the flow's cards
 * cannot call the bot back).
 */
export class TeamsWorkflowChat implements ChatPort, WarningChatPort {
  readonly platform = 'teams' as const;
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient;
  private readonly logger: ChatLogger;

  constructor(private readonly options: TeamsWorkflowChatOptions) {
    if (!options.url) throw new Error('Teams workflow: TEAMS_WORKFLOW_WEBHOOK_URL is not set');
    this.logger = redactingLogger(options.logger ?? silentLogger);
    this.pipeline = createPipelineFromOptions({
      retryOptions: { maxRetries: options.maxRetries ?? 3, retryDelayInMs: options.retryDelayInMs ?? 1_000, maxRetryDelayInMs: 10_000 },
      userAgentOptions: { userAgentPrefix: 'pull-doctor' },
    });
    this.httpClient = options.httpClient ?? createDefaultHttpClient();
  }

  async start(): Promise<ChatMessageRef> {
    return { platform: 'teams', channel: 'workflow' };
  }

  async progress(): Promise<void> {
    // The webhook cannot update a message: progress is not shown in this mode.
  }

  async diagnosis(_ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { actions: _buttons, ...card } = renderAdaptiveCard(diagnosis, incident, this.options.render);
    await this.post(card, options.signal);
  }

  async resolved(_ref: ChatMessageRef, incident: Incident, how: string, options: { signal?: AbortSignal; diagnosis?: Diagnosis } = {}): Promise<void> {
    await this.post(renderCardResolved(incident, how), options.signal);
  }

  async reply(_ref: ChatMessageRef, text: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.post(
      { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: escapeCardMarkdown(redact(text)), wrap: true }] },
      options.signal,
    );
  }

  /** Nothing was posted at start in this mode: the "could not finish" card is the incident's one message (without buttons). */
  async unfinished(_ref: ChatMessageRef, incident: Incident, reason: string, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef | undefined> {
    const { actions: _buttons, ...card } = renderCardUnfinished(incident, reason);
    await this.post(card, options.signal);
    return undefined;
  }

  /** Issue 18: the warning card as one new post, without buttons (the flow's cards cannot call the bot back). */
  async postWarning(warning: Warning, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef> {
    const { actions: _buttons, ...card } = renderWarningCard(warning, { now: new Date() }, this.options.render);
    await this.post(card, options.signal);
    return { platform: 'teams', channel: 'workflow' };
  }

  async updateWarning(): Promise<void> {
    // The flow cannot edit a post: later states reach the channel as `reply` posts.
  }

  async withdraw(): Promise<void> {
    // start posts nothing in this mode: nothing to take back.
  }

  private async post(card: AdaptiveCard, signal: AbortSignal | undefined): Promise<void> {
    const request = createPipelineRequest({
      url: this.options.url,
      method: 'POST',
      body: JSON.stringify({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: card }] }),
      abortSignal: signal,
      timeout: this.options.timeoutMs ?? 15_000,
      allowInsecureConnection: this.options.url.startsWith('http://127.0.0.1') || this.options.url.startsWith('http://localhost'),
    });
    request.headers.set('Content-Type', 'application/json');
    let status: number | undefined;
    let body: string | undefined;
    try {
      const response = await this.pipeline.sendRequest(this.httpClient, request);
      status = response.status;
      body = response.bodyAsText ?? undefined;
    } catch (error) {
      if (signal?.aborted) throw error;
      status = error instanceof RestError ? error.statusCode : undefined;
      if (status === undefined) throw this.fail(error instanceof Error ? error.message : String(error), undefined, undefined, error);
    }
    // Workflows answers 202 Accepted; anything outside 2xx is a failed post.
    if (status < 200 || status >= 300) throw this.fail(`HTTP ${status}`, status, body);
  }

  private fail(reason: string, statusCode: number | undefined, body: string | undefined, cause?: unknown): ChatDeliveryError {
    let code: string | undefined;
    try {
      const parsed = body ? (JSON.parse(body) as { error?: { code?: unknown } }) : undefined;
      if (typeof parsed?.error?.code === 'string') code = parsed.error.code;
    } catch {
      // not JSON
    }
    const details = { platform: 'teams' as const, operation: 'workflow webhook', code, statusCode, retryable: statusCode === undefined || statusCode >= 500 || statusCode === 429 };
    // The URL carries a SAS signature: log only its host.
    const host = new URL(this.options.url).host;
    const message = `Teams workflow post to ${host} failed: ${code ? `${code}, ` : ''}${reason}`;
    this.logger.error(message, { ...details });
    return new ChatDeliveryError(message, details, { cause });
  }
}
