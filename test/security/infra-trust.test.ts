import { join } from 'node:path';
import { SETTINGS } from '../../lib/config/settings';
import { INFRA, ROOT, read, varObjectEntries } from '../infra/bicep-text';

/**
 * Attacks on the deployment itself (Bicep read as text; there is no Bicep compiler here):
 * an app setting referencing a secret that was never stored (the unresolved literal becomes the
 * secret), a key-only alert webhook, account-wide storage roles, one identity for everything.
 */
const main = read(join(INFRA, 'main.bicep'));
const mod = (name: string) => read(join(INFRA, 'modules', `${name}.bicep`));
const appSettings = new Map(varObjectEntries(main, 'appSettings').map((e) => [e.key, e.value]));

/** Which main.bicep parameter stores each secret setting's Key Vault secret. */
const SECRET_PARAMS: Record<string, string> = {
  SLACK_BOT_TOKEN: 'slackBotToken',
  SLACK_SIGNING_SECRET: 'slackSigningSecret',
  SLACK_WEBHOOK_URL: 'slackWebhookUrl',
  MicrosoftAppPassword: 'teamsBotPassword',
  TEAMS_WORKFLOW_WEBHOOK_URL: 'teamsWorkflowWebhookUrl',
};

describe('deployment trust boundaries', () => {
  it('writes a Key Vault reference only when its secret parameter is non-empty', () => {
    const secrets = Object.entries(SETTINGS as Record<string, { secret?: boolean }>)
      .filter(([name, spec]) => spec.secret && name !== 'AzureWebJobsStorage')
      .map(([name]) => name);
    expect(secrets.sort()).toEqual(Object.keys(SECRET_PARAMS).sort());
    for (const name of secrets) {
      const value = appSettings.get(name)!;
      const condition = value.slice(0, value.indexOf(' ? '));
      expect({ name, condition }).toEqual({ name, condition: expect.stringContaining(`!empty(${SECRET_PARAMS[name]})`) });
      // An OR would let the reference through without the secret.
      expect({ name, or: condition.includes('||') }).toEqual({ name, or: false });
    }
  });

  it('the alert action group calls a secure webhook (Entra token for our app) besides the function key', () => {
    const alerts = mod('alerts');
    expect(alerts).toMatch(/useAadAuth: true/);
    expect(alerts).not.toMatch(/useAadAuth: false/);
    expect(alerts).toMatch(/objectId: webhookAppObjectId/);
    expect(alerts).toMatch(/identifierUri: 'api:\/\/\$\{webhookAppId\}'/);
    expect(alerts).toMatch(/\/api\/alerts\?code=/);
    expect(main).toMatch(/module alerts 'modules\/alerts\.bicep' = if \(wireTriggers && !empty\(alertWebhookAppObjectId\)/);
    expect(appSettings.get('PULL_DOCTOR_ALERT_AUTH_APP_ID')).toBe('alertWebhookAppId');
    expect(appSettings.get('PULL_DOCTOR_ALERT_AUTH_TENANT_ID')).toBe('tenant().tenantId');
    const hook = read(join(ROOT, 'infra', 'scripts', 'wire-triggers.sh'));
    expect(hook).toMatch(/create-alert-webhook-app\.sh/);
  });

  it('storage roles name containers, queues and the table, never the account', () => {
    const storage = mod('storage');
    expect(storage).not.toMatch(/scope: account\b/);
    expect(storage).toMatch(/queueServices\/queues@/);
    expect(storage).toMatch(/tableServices\/tables@/);
  });

  it('the Teams bot has its own identity, which holds no Azure role', () => {
    expect(main).toMatch(/module botIdentity 'modules\/identity\.bicep'/);
    expect(main).toMatch(/identityId: teamsBotAppType == 'UserAssignedMSI' \? botIdentity!\.outputs\.id/);
    expect(main).not.toMatch(/principalId: botIdentity/);
    for (const file of ['storage', 'key-vault', 'monitoring', 'k8s-events-topic', 'acr-events']) expect(mod(file)).not.toMatch(/botIdentity|botPrincipal/);
  });

  it('the host refuses oversized HTTP bodies before the worker', () => {
    expect(mod('function-app')).toMatch(/FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '2097152'/);
  });

  it('Teams local mode is off in Azure', () => {
    expect(appSettings.get('PULL_DOCTOR_BOT_LOCAL_MODE')).toBe("'false'");
  });
});
