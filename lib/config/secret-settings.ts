/**
 * Secret settings are checked before anything uses them. App Service hands an app the literal text
 * `@Microsoft.KeyVault(SecretUri=…)` when it cannot resolve a Key Vault reference (secret missing,
 * access denied, vault firewall); that text is guessable, so it must never act as a secret. A value
 * that does not have the platform's format is treated the same way: unset, with a reason that names
 * the setting and never shows the value.
 * https://learn.microsoft.com/azure/app-service/app-service-key-vault-references#troubleshoot-key-vault-references
 */
export interface SecretProblem {
  setting: string;
  problem: string;
}

const UNRESOLVED_REFERENCE = /^\s*@Microsoft\.KeyVault\(/i;

function httpsHost(value: string): { host: string; path: string } | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? { host: url.hostname.toLowerCase(), path: url.pathname } : undefined;
  } catch {
    return undefined;
  }
}

/** Format checks, by setting: undefined = fine, else why the value cannot be the secret. */
export const SECRET_FORMATS: Record<string, (value: string) => string | undefined> = {
  // Slack's documented example signing secret is 32 lowercase letters and digits (real ones are hex).
  // https://api.slack.com/authentication/verifying-requests-from-slack
  SLACK_SIGNING_SECRET: (v) => (/^[0-9a-z]{32}$/.test(v) ? undefined : 'not a Slack signing secret (32 lowercase letters and digits, from Basic Information → App Credentials)'),
  // Bot tokens start with xoxb-. https://api.slack.com/concepts/token-types#bot
  SLACK_BOT_TOKEN: (v) => (/^xoxb-[0-9A-Za-z-]{1,250}$/.test(v) ? undefined : 'not a Slack bot token (xoxb-…)'),
  // Incoming webhooks: https://hooks.slack.com/services/T…/B…/… (GovSlack: hooks.slack-gov.com). https://api.slack.com/messaging/webhooks
  SLACK_WEBHOOK_URL: (v) => {
    const url = httpsHost(v);
    return url && ['hooks.slack.com', 'hooks.slack-gov.com'].includes(url.host) && url.path.startsWith('/services/')
      ? undefined
      : 'not a Slack incoming webhook URL (https://hooks.slack.com/services/…)';
  },
  // Workflows "When a Teams webhook request is received" URLs are Logic Apps / Power Platform endpoints.
  // https://learn.microsoft.com/power-automate/teams/teams-webhook-trigger (logic.azure.com in Azure public; .us / .cn in the national clouds)
  TEAMS_WORKFLOW_WEBHOOK_URL: (v) => {
    const url = httpsHost(v);
    return url && /(^|\.)(logic\.azure\.(com|us|cn)|api\.powerplatform\.com|api\.powerplatform\.us)$/.test(url.host)
      ? undefined
      : 'not a Teams Workflows webhook URL (https://…logic.azure.com/workflows/… or …api.powerplatform.com/…)';
  },
  // Entra client secrets: printable ASCII without spaces (40 characters when Entra generates them).
  MicrosoftAppPassword: (v) => (/^[\x21-\x7e]{16,256}$/.test(v) ? undefined : 'not an Entra client secret (16-256 printable characters, no spaces)'),
};

/**
 * Returns the environment with every unusable secret removed, and one problem per removed setting.
 * `secretNames` are the settings marked secret in SETTINGS.
 */
export function screenSecrets(
  env: Record<string, string | undefined>,
  secretNames: readonly string[],
): { env: Record<string, string | undefined>; problems: SecretProblem[] } {
  const screened = { ...env };
  const problems: SecretProblem[] = [];
  for (const setting of secretNames) {
    const value = env[setting];
    if (value === undefined || value === '') continue;
    const problem = UNRESOLVED_REFERENCE.test(value)
      ? 'unresolved Key Vault reference (the secret is missing in the vault or the app identity cannot read it)'
      : SECRET_FORMATS[setting]?.(value);
    if (problem) {
      delete screened[setting];
      problems.push({ setting, problem });
    }
  }
  return { env: screened, problems };
}

/** "SLACK_SIGNING_SECRET is not usable: …" — names the setting, never its value. */
export function describeSecretProblem(p: SecretProblem): string {
  return `${p.setting} is not usable: ${p.problem}; treated as unset`;
}
