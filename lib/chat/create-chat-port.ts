import type { Settings } from '../config/settings';
import type { RenderOptions } from '../render/report-view';
import { redactingLogger, type ChatLogger } from './chat-logger';
import type { ChatPort } from './chat-port';
import { ConsoleChat, type ConsoleChatOptions } from './console-chat';
import { LazyChatPort } from './lazy-chat-port';
import type { WarningChatPort } from './warning-chat-port';

type ChatSettings = Pick<
  Settings,
  | 'PULL_DOCTOR_CHAT'
  | 'PULL_DOCTOR_FULL_REPORT_URL'
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_CHANNEL_ID'
  | 'SLACK_WEBHOOK_URL'
  | 'SLACK_API_URL'
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppTenantId'
  | 'MicrosoftAppType'
  | 'TEAMS_CHANNEL_ID'
  | 'TEAMS_SERVICE_URL'
  | 'TEAMS_TENANT_ID'
  | 'TEAMS_WORKFLOW_WEBHOOK_URL'
>;

export class ChatConfigurationError extends Error {
  override readonly name = 'ChatConfigurationError';
}

/**
 * The chat adapter PULL_DOCTOR_CHAT names, configured from the settings. Missing settings fail here,
 * at start-up, naming the setting, rather than at the first incident.
 * `slack` with only SLACK_WEBHOOK_URL set means webhook mode; `teams` with only
 * TEAMS_WORKFLOW_WEBHOOK_URL set means Workflows mode.
 * Each chat SDK is imported on the adapter's first message (LazyChatPort): a Slack app never loads
 * botbuilder, and the alert webhook loads no chat SDK at all.
 */
export function createChatPort(settings: ChatSettings, logger: ChatLogger, consoleOptions: ConsoleChatOptions = {}): ChatPort & WarningChatPort {
  const render: RenderOptions = { fullReportUrl: settings.PULL_DOCTOR_FULL_REPORT_URL };
  const log = redactingLogger(logger);
  const need = (name: keyof ChatSettings, mode: string): string => {
    const value = settings[name];
    if (typeof value !== 'string' || value === '') throw new ChatConfigurationError(`PULL_DOCTOR_CHAT=${mode} needs ${name}`);
    return value;
  };
  let mode = settings.PULL_DOCTOR_CHAT;
  if (mode === 'slack' && !settings.SLACK_BOT_TOKEN && settings.SLACK_WEBHOOK_URL) mode = 'slack-webhook';
  if (mode === 'teams' && !settings.TEAMS_CHANNEL_ID && settings.TEAMS_WORKFLOW_WEBHOOK_URL) mode = 'teams-workflow';
  switch (mode) {
    case 'slack': {
      const options = { token: need('SLACK_BOT_TOKEN', mode), channel: need('SLACK_CHANNEL_ID', mode), slackApiUrl: settings.SLACK_API_URL, logger: log, render };
      return new LazyChatPort('slack', async () => new (await import('./slack-chat.js')).SlackChat(options));
    }
    case 'slack-webhook': {
      log.info('chat: Slack incoming webhook (notifications only: no progress updates, no threads)');
      const options = { url: need('SLACK_WEBHOOK_URL', mode), logger: log, render };
      return new LazyChatPort('slack', async () => new (await import('./slack-webhook-chat.js')).SlackWebhookChat(options));
    }
    case 'teams': {
      if (!settings.MicrosoftAppId) log.warn('chat: MicrosoftAppId is not set: the Bot Framework connector is called without authentication (local testing only)');
      if (settings.MicrosoftAppType !== 'UserAssignedMSI' && settings.MicrosoftAppId && !settings.MicrosoftAppPassword) {
        throw new ChatConfigurationError(`PULL_DOCTOR_CHAT=teams with MicrosoftAppType=${settings.MicrosoftAppType ?? 'MultiTenant'} needs MicrosoftAppPassword`);
      }
      const options = {
        appId: settings.MicrosoftAppId,
        appPassword: settings.MicrosoftAppPassword,
        appTenantId: settings.MicrosoftAppTenantId,
        appType: settings.MicrosoftAppType,
        channelId: need('TEAMS_CHANNEL_ID', mode),
        serviceUrl: need('TEAMS_SERVICE_URL', mode),
        tenantId: settings.TEAMS_TENANT_ID,
        logger: log,
        render,
      };
      return new LazyChatPort('teams', async () => new (await import('./teams-chat.js')).TeamsChat(options));
    }
    case 'teams-workflow': {
      log.info('chat: Teams Workflows webhook (notifications only: no progress updates, no threads)');
      const options = { url: need('TEAMS_WORKFLOW_WEBHOOK_URL', mode), logger: log, render };
      return new LazyChatPort('teams', async () => new (await import('./teams-workflow-chat.js')).TeamsWorkflowChat(options));
    }
    case 'console':
      return new ConsoleChat({ ...consoleOptions, render: { ...render, ...consoleOptions.render } });
  }
}
