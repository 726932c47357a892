import { readSettings } from '../../lib/config/settings';
import { ChatConfigurationError, createChatPort } from '../../lib/chat/create-chat-port';
import { ConsoleChat } from '../../lib/chat/console-chat';
import { SlackChat } from '../../lib/chat/slack-chat';
import { SlackWebhookChat } from '../../lib/chat/slack-webhook-chat';
import { TeamsChat } from '../../lib/chat/teams-chat';
import { TeamsWorkflowChat } from '../../lib/chat/teams-workflow-chat';
import { LazyChatPort } from '../../lib/chat/lazy-chat-port';
import type { ChatPort } from '../../lib/chat/chat-port';
import { captureLogger } from './helpers';

const port = (env: Record<string, string>) => createChatPort(readSettings(env), captureLogger());
/** The adapter behind the port: SDK-backed adapters load on first use (LazyChatPort). */
const adapter = async (env: Record<string, string>): Promise<ChatPort> => {
  const p = port(env);
  return p instanceof LazyChatPort ? p.load() : p;
};

describe('createChatPort', () => {
  it('defaults to the console', () => {
    expect(port({})).toBeInstanceOf(ConsoleChat);
    expect(port({ PULL_DOCTOR_CHAT: '' })).toBeInstanceOf(ConsoleChat);
  });

  it('chooses each adapter from PULL_DOCTOR_CHAT', async () => {
    expect(await adapter({ PULL_DOCTOR_CHAT: 'slack', SLACK_BOT_TOKEN: 'xoxb-0-FAKE', SLACK_CHANNEL_ID: 'C1' })).toBeInstanceOf(SlackChat);
    expect(await adapter({ PULL_DOCTOR_CHAT: 'slack-webhook', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x' })).toBeInstanceOf(SlackWebhookChat);
    expect(await adapter({ PULL_DOCTOR_CHAT: 'slack', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x' })).toBeInstanceOf(SlackWebhookChat);
    expect(await adapter({ PULL_DOCTOR_CHAT: 'teams', TEAMS_CHANNEL_ID: '19:x@thread.tacv2', MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })).toBeInstanceOf(TeamsChat);
    expect(await adapter({ PULL_DOCTOR_CHAT: 'teams-workflow', TEAMS_WORKFLOW_WEBHOOK_URL: 'https://prod.westeurope.logic.azure.com/workflows/x' })).toBeInstanceOf(TeamsWorkflowChat);
  });

  it('reports the platform before the SDK is loaded', () => {
    expect(port({ PULL_DOCTOR_CHAT: 'slack', SLACK_BOT_TOKEN: 'xoxb-0-FAKE', SLACK_CHANNEL_ID: 'C1' }).platform).toBe('slack');
    expect(port({ PULL_DOCTOR_CHAT: 'teams-workflow', TEAMS_WORKFLOW_WEBHOOK_URL: 'https://prod.westeurope.logic.azure.com/workflows/x' }).platform).toBe('teams');
  });

  it('names the missing setting', () => {
    expect(() => port({ PULL_DOCTOR_CHAT: 'slack', SLACK_BOT_TOKEN: 'xoxb-0-FAKE' })).toThrow(new ChatConfigurationError('PULL_DOCTOR_CHAT=slack needs SLACK_CHANNEL_ID'));
    expect(() => port({ PULL_DOCTOR_CHAT: 'teams' })).toThrow('PULL_DOCTOR_CHAT=teams needs TEAMS_CHANNEL_ID');
    expect(() => port({ PULL_DOCTOR_CHAT: 'teams', TEAMS_CHANNEL_ID: '19:x', MicrosoftAppId: 'a', MicrosoftAppType: 'SingleTenant' })).toThrow('needs MicrosoftAppPassword');
    expect(() => readSettings({ PULL_DOCTOR_CHAT: 'irc' })).toThrow(/PULL_DOCTOR_CHAT/);
  });

  it('warns when the Teams bot runs without authentication', () => {
    const logger = captureLogger();
    createChatPort(readSettings({ PULL_DOCTOR_CHAT: 'teams', TEAMS_CHANNEL_ID: '19:x@thread.tacv2' }), logger);
    expect(logger.lines).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('without authentication') })]);
  });
});
