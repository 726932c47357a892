import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Activity, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ConnectorClient, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard, renderCardProgress, renderCardResolved, renderCardUnfinished, type AdaptiveCard } from '../render/adaptive-card';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';
import { renderWarningCard } from '../render/warning';
import type { Warning } from '../warnings/warning';
import type { WarningChatPort } from './warning-chat-port';
import { ChannelBackoff, MAX_INLINE_WAIT_MS } from './channel-backoff';
import { applyConnectorRetries, type ConnectorRetryOptions } from './connector-retry';
import { ChatDeliveryError } from './chat-errors';
import { connectorError } from './teams-connector-error';
import { redactingLogger, silentLogger, type ChatLogger } from './chat-logger';
import type { ChatPort } from './chat-port';
import { ProgressThrottle } from './progress-throttle';

export interface TeamsChatOptions {
  /** Bot Framework names, as in the Azure Bot resource. Without an app id the connector is called unauthenticated (local tests only). */
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Channel the incident threads start in: 19:…@thread.tacv2. */
  channelId: string;
  /** Bot Framework service URL of the tenant, e.g. https://smba.trafficmanager.net/teams/. */
  serviceUrl: string;
  /** Tenant of the channel (defaults to appTenantId). */
  tenantId?: string;
  /** An existing adapter, e.g. the @microsoft/teams-ai Application's, so the bot and the notifier share one. */
  adapter?: CloudAdapter;
  /** Credentials other than app id + password, e.g. botframework-connector's CertificateServiceClientCredentialsFactory. */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  minProgressIntervalMs?: number;
  /** Retries inside one connector call (default 3 from 1 s, Retry-After up to 5 s waited out); the queue retries the job after that. */
  retry?: Partial<ConnectorRetryOptions>;
  logger?: ChatLogger;
  render?: RenderOptions;
}

interface TeamsRef {
  conversationId: string;
  activityId: string;
  reference: Partial<ConversationReference>;
}

function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: 'message',
    // Shown in notifications and the channel list, where the card is not.
    summary: redact(summary).slice(0, 250),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/**
 * Microsoft Teams through the Bot Framework: a proactive card starts a thread in the configured
 * channel; progress, diagnosis and resolution update that card (updateActivity); follow-ups reply
 * to it. The conversation reference and the card's activity id live in the incident's ChatMessageRef.
 */
export class TeamsChat implements ChatPort, WarningChatPort {
  readonly platform = 'teams' as const;
  private readonly adapter: CloudAdapter;
  private readonly logger: ChatLogger;
  private readonly throttle: ProgressThrottle;
  private readonly appId: string;
  private readonly backoff: ChannelBackoff;
  private readonly retry: ConnectorRetryOptions;
  private retryPolicyMissing = false;

  constructor(private readonly options: TeamsChatOptions) {
    if (!options.channelId) throw new Error('Teams: TEAMS_CHANNEL_ID is not set');
    if (!options.serviceUrl) throw new Error('Teams: TEAMS_SERVICE_URL is not set');
    this.logger = redactingLogger(options.logger ?? silentLogger);
    this.throttle = new ProgressThrottle(options.minProgressIntervalMs ?? 1_500);
    this.appId = options.appId ?? '';
    this.retry = { maxRetries: 3, retryDelayMs: 1_000, maxInlineWaitMs: MAX_INLINE_WAIT_MS, ...options.retry };
    this.backoff = new ChannelBackoff('teams', Date.now, this.retry.maxInlineWaitMs);
    this.adapter =
      options.adapter ??
      new CloudAdapter(
        new ConfigurationBotFrameworkAuthentication({
          MicrosoftAppId: options.appId,
          MicrosoftAppPassword: options.appPassword,
          MicrosoftAppTenantId: options.appTenantId,
          MicrosoftAppType: options.appType,
        }, options.credentialsFactory),
      );
  }

  async start(incident: Incident, options: { signal?: AbortSignal; jobId?: string } = {}): Promise<ChatMessageRef> {
    return this.createThread({ incident: incident.id }, cardActivity(renderCardProgress(incident), `Diagnosing ${incident.image}`), options.signal);
  }

  /**
   * A new thread in the channel whose root is the card (Teams: createConversation with the activity);
   * `about` names what it is for in the log line (`{ incident: id }` or `{ warning: id }`).
   */
  private async createThread(about: Record<string, string>, activity: Partial<Activity>, signal: AbortSignal | undefined): Promise<ChatMessageRef> {
    const tenantId = this.options.tenantId ?? this.options.appTenantId;
    const channelReference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: this.options.serviceUrl,
      conversation: { id: this.options.channelId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      bot: { id: this.appId, name: 'pull-doctor' },
    };
    const parameters: ConversationParameters = {
      isGroup: true,
      bot: { id: this.appId, name: 'pull-doctor' },
      tenantId,
      // Teams: a conversation in a channel is a new thread whose root is `activity`.
      channelData: { channel: { id: this.options.channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
      activity: activity as Activity,
    };
    const created = await this.withConnector('createConversation', channelReference, signal, (client) =>
      client.conversations.createConversation(parameters, this.requestOptions(signal)),
    );
    if (!created.id || !created.activityId) {
      throw this.fail('createConversation', new Error('the connector returned no conversation or activity id'), false);
    }
    const reference: Partial<ConversationReference> = {
      ...channelReference,
      activityId: created.activityId,
      conversation: { ...channelReference.conversation!, id: created.id },
      serviceUrl: created.serviceUrl || this.options.serviceUrl,
    };
    this.logger.info(`teams: posted ${'warning' in about ? 'warning' : 'incident'} card`, { ...about, conversationId: created.id, activityId: created.activityId });
    return {
      platform: 'teams',
      channel: this.options.channelId,
      activityId: created.activityId,
      conversationReference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    };
  }

  async progress(ref: ChatMessageRef, incident: Incident, progress: DiagnosisProgress, options: { signal?: AbortSignal } = {}): Promise<void> {
    const target = this.target(ref);
    if (!this.throttle.shouldSend(target.activityId, progress)) return;
    await this.update(target, cardActivity(renderCardProgress(incident, progress), `Diagnosing ${incident.image}`), options.signal);
  }

  async diagnosis(ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis, options: { signal?: AbortSignal } = {}): Promise<void> {
    const target = this.target(ref);
    this.throttle.forget(target.activityId);
    await this.update(target, cardActivity(renderAdaptiveCard(diagnosis, incident, this.options.render), diagnosis.verdict.summary), options.signal);
  }

  async resolved(ref: ChatMessageRef, incident: Incident, how: string, options: { signal?: AbortSignal; diagnosis?: Diagnosis } = {}): Promise<void> {
    const target = this.target(ref);
    await this.update(target, cardActivity(renderCardResolved(incident, how, options.diagnosis, this.options.render), `Resolved: ${incident.image}`), options.signal);
    await this.reply(ref, `✅ Resolved: ${how}`, options);
  }

  async reply(ref: ChatMessageRef, text: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const target = this.target(ref);
    const activity: Partial<Activity> = { type: 'message', text: redact(text), textFormat: 'plain' };
    await this.withConnector('replyToActivity', target.reference, options.signal, (client) =>
      client.conversations.replyToActivity(target.conversationId, target.activityId, activity, this.requestOptions(options.signal)),
    );
  }

  async unfinished(ref: ChatMessageRef, incident: Incident, reason: string, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef | undefined> {
    const target = this.target(ref);
    this.throttle.forget(target.activityId);
    const card = cardActivity(renderCardUnfinished(incident, reason), `Could not finish: ${incident.image}`);
    try {
      await this.update(target, card, options.signal);
      return undefined;
    } catch (error) {
      if (options.signal?.aborted) throw error;
    }
    // As on Slack: a card that cannot be edited is taken back (already gone is fine) and the final state starts a new thread.
    await this.withdraw(ref, options).catch((error: unknown) => {
      if (!(error instanceof ChatDeliveryError && error.details.statusCode === 404)) throw error;
    });
    const replaced = await this.createThread({ incident: incident.id }, card, options.signal);
    this.logger.warn('teams: card could not be edited; replaced by a new "could not finish" card', { incident: incident.id });
    return replaced;
  }

  async withdraw(ref: ChatMessageRef, options: { signal?: AbortSignal } = {}): Promise<void> {
    const target = this.target(ref);
    await this.withConnector('deleteActivity', target.reference, options.signal, (client) =>
      client.conversations.deleteActivity(target.conversationId, target.activityId, this.requestOptions(options.signal)),
    );
  }

  /** Issue 18: the warning card starts a new thread in the channel (as an incident card does). */
  async postWarning(warning: Warning, options: { signal?: AbortSignal } = {}): Promise<ChatMessageRef> {
    const card = renderWarningCard(warning, { now: new Date() }, this.options.render);
    return this.createThread({ warning: warning.id }, cardActivity(card, `Will fail on next pull: ${warning.totals.pods} pods`), options.signal);
  }

  async updateWarning(ref: ChatMessageRef, warning: Warning, options: { signal?: AbortSignal } = {}): Promise<void> {
    const card = renderWarningCard(warning, { now: new Date() }, this.options.render);
    await this.update(this.target(ref), cardActivity(card, `Warning: ${warning.status}`), options.signal);
  }

  private async update(target: TeamsRef, activity: Partial<Activity>, signal: AbortSignal | undefined): Promise<void> {
    await this.withConnector('updateActivity', target.reference, signal, (client) =>
      client.conversations.updateActivity(target.conversationId, target.activityId, { ...activity, id: target.activityId }, this.requestOptions(signal)),
    );
  }

  private requestOptions(signal: AbortSignal | undefined) {
    return { abortSignal: signal, timeout: this.options.timeoutMs ?? 15_000 };
  }

  private target(ref: ChatMessageRef): TeamsRef {
    const reference = ref.conversationReference as Partial<ConversationReference> | undefined;
    const conversationId = reference?.conversation?.id;
    if (ref.platform !== 'teams' || !ref.activityId || !conversationId || !reference?.serviceUrl) {
      throw new ChatDeliveryError('Teams: message reference lacks the conversation reference or activity id', {
        platform: 'teams',
        operation: 'target',
        retryable: false,
      });
    }
    return { conversationId, activityId: ref.activityId, reference };
  }

  /**
   * Runs `call` with the adapter's connector client for the reference's service URL: the adapter
   * authenticates (Bot Framework token for the app id) and its pipeline retries 429 (Retry-After) and 5xx.
   */
  private async withConnector<T>(
    operation: string,
    reference: Partial<ConversationReference>,
    signal: AbortSignal | undefined,
    call: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    signal?.throwIfAborted();
    // Rate limits hold back one conversation (a Teams thread), never the adapter.
    const channel = reference.conversation?.id ?? this.options.channelId;
    await this.backoff.ready(channel, operation, signal);
    let result: { value: T } | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context: TurnContext) => {
        const client = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
        if (!client) throw new Error('the adapter provided no connector client');
        if (!applyConnectorRetries(client, this.retry) && !this.retryPolicyMissing) {
          this.retryPolicyMissing = true;
          this.logger.warn('teams: the connector client has no pipeline to set retries on; using the SDK defaults');
        }
        result = { value: await call(client) };
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = this.fail(operation, error);
      if (failure.details.retryAfterMs !== undefined) this.backoff.hold(channel, failure.details.retryAfterMs);
      throw failure;
    }
    if (!result) throw this.fail(operation, new Error('the adapter did not run the turn'), false);
    return result.value;
  }

  private fail(operation: string, error: unknown, retryable?: boolean): ChatDeliveryError {
    const { code, statusCode, message, retryAfterMs } = connectorError(error);
    // 401/403/404 mean configuration (app id, bot not installed in the team, wrong channel): retrying will not help.
    const permanent = statusCode !== undefined && [400, 401, 403, 404].includes(statusCode);
    const details = { platform: 'teams' as const, operation, code, statusCode, retryable: retryable ?? !permanent, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    const reason = [code, statusCode ? `HTTP ${statusCode}` : undefined].filter(Boolean).join(', ') || message;
    this.logger.error(`teams: ${operation} failed: ${reason}`, { ...details });
    return new ChatDeliveryError(`Teams ${operation} failed: ${reason}`, details, { cause: error });
  }
}
