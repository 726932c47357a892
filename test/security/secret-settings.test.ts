import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createServices } from '../../lib/app/create-services';
import { readSettings } from '../../lib/config/settings';
import { slackDepsFrom } from '../../lib/slack/default-slack-deps';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { RecordingLogger } from '../commands/command-fixtures';
import { invocation, slackRequest, slashBody } from '../slack/slack-test-kit';

/**
 * Attack: a Key Vault reference App Service could not resolve reaches the app as its literal text,
 * `@Microsoft.KeyVault(SecretUri=https://kv-pd-<suffix>.vault.azure.net/secrets/slack-signing-secret/)`,
 * derivable from the public host name. Used as the signing secret, it signs forged commands.
 */
const KV_LITERAL = '@Microsoft.KeyVault(SecretUri=https://kv-pd-abc123.vault.azure.net/secrets/slack-signing-secret/)';

describe('secret settings are validated at start-up', () => {
  it('a forged Slack command signed with an unresolved Key Vault reference is refused (503) and the setting is named, its value never', async () => {
    const log = new RecordingLogger();
    const services = createServices({ PULL_DOCTOR_CHAT: 'slack', SLACK_SIGNING_SECRET: KV_LITERAL }, { log });
    const handler = createSlackCommandsHandler(() => slackDepsFrom(services, log));
    const response = await handler(slackRequest('slack/commands', slashBody({ text: 'status' }), { secret: KV_LITERAL }), invocation());
    expect(response.status).toBe(503);
    expect(log.text()).toMatch(/SLACK_SIGNING_SECRET is not usable: unresolved Key Vault reference/);
    expect(log.text()).not.toContain('kv-pd-abc123');
  });

  it('a Teams bot whose password is an unresolved Key Vault reference answers 503 instead of authenticating with the literal', () => {
    const log = new RecordingLogger();
    const settings = readSettings({ MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0', MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: KV_LITERAL.replace('slack-signing-secret', 'teams-bot-password') });
    expect(createBotAdapter(settings, log)).toEqual({ ok: false, error: expect.stringContaining('MicrosoftAppPassword is not set or not usable') });
  });

  it.each([
    ['SLACK_SIGNING_SECRET', KV_LITERAL, /unresolved Key Vault reference/],
    ['SLACK_SIGNING_SECRET', 'changeme', /not a Slack signing secret/],
    ['SLACK_SIGNING_SECRET', ' 8f742231b10e8888abcd99yyyzzz85a5', /not a Slack signing secret/],
    ['SLACK_BOT_TOKEN', 'xoxp-user-token-0000000', /not a Slack bot token/],
    ['SLACK_WEBHOOK_URL', 'https://evil.example/services/T/B/x', /not a Slack incoming webhook URL/],
    ['SLACK_WEBHOOK_URL', 'http://hooks.slack.com/services/T/B/x', /not a Slack incoming webhook URL/],
    ['TEAMS_WORKFLOW_WEBHOOK_URL', 'https://logic.azure.com.evil.example/workflows/x', /not a Teams Workflows webhook URL/],
    ['MicrosoftAppPassword', 'short', /not an Entra client secret/],
    ['MicrosoftAppPassword', KV_LITERAL, /unresolved Key Vault reference/],
  ])('%s = %j is treated as unset', (setting, value, problem) => {
    const settings = readSettings({ [setting]: value });
    expect((settings as unknown as Record<string, unknown>)[setting]).toBeUndefined();
    expect(settings.secretProblems).toEqual([{ setting, problem: expect.stringMatching(problem) }]);
  });

  it.each([
    ['SLACK_SIGNING_SECRET', '8f742231b10e8888abcd99yyyzzz85a5'],
    ['SLACK_BOT_TOKEN', 'xoxb-0000000000-0000000000000-abcdefABCDEF'],
    ['SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['TEAMS_WORKFLOW_WEBHOOK_URL', 'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01'],
    ['TEAMS_WORKFLOW_WEBHOOK_URL', 'https://default0000.00.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke'],
    ['MicrosoftAppPassword', 'abc8Q~0123456789abcdefghijklmnopqrstuvwx'],
  ])('%s in its real format is kept', (setting, value) => {
    const settings = readSettings({ [setting]: value });
    expect((settings as unknown as Record<string, unknown>)[setting]).toBe(value);
    expect(settings.secretProblems).toEqual([]);
  });
});

describe('local mode is local', () => {
  it.each([{ WEBSITE_SITE_NAME: 'func-pull-doctor-x' }, { WEBSITE_INSTANCE_ID: '0123abcd' }])('Teams local mode refuses to start in Azure (%j)', (azure) => {
    expect(() => readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true', ...azure })).toThrow(/PULL_DOCTOR_BOT_LOCAL_MODE=true is for local development and is refused in Azure/);
  });

  it('a test Slack API URL refuses to start in Azure', () => {
    expect(() => readSettings({ SLACK_API_URL: 'http://127.0.0.1:3000/api/', WEBSITE_SITE_NAME: 'x' })).toThrow(/SLACK_API_URL/);
    expect(readSettings({ SLACK_API_URL: 'https://slack.com/api/', WEBSITE_SITE_NAME: 'x' }).runningInAzure).toBe(true);
  });

  it('outside Azure, local mode still works', () => {
    expect(readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }).PULL_DOCTOR_BOT_LOCAL_MODE).toBe(true);
  });
});
