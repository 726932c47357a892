import { z } from 'zod';
import { INTAKE_SETTINGS, k8sEventSendersSetting } from './intake-settings';
import { STORAGE_SETTINGS } from './storage-settings';
export type { K8sEventSender } from './intake-settings';
import { describeSecretProblem, screenSecrets, type SecretProblem } from './secret-settings';

/**
 * Every application setting the code reads, in one place. `infra/` must set each of these and
 * `local.settings.sample.json` must list each with its description (checked by test/infra).
 * Add a setting here, never read `process.env` elsewhere.
 */
export interface SettingSpec {
  description: string;
  /** Secrets come from Key Vault references in Azure and are never logged or rendered. */
  secret?: boolean;
  /** Example value for local.settings.sample.json (never a real secret). */
  example: string;
}

const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));
const int = (def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** App settings set to "" (as local.settings.json and Bicep often leave them) count as unset. */
const unsetIfBlank = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

export const SETTINGS = {
  AZURE_CLIENT_ID: {
    description: 'Client id of the user-assigned managed identity pull-doctor runs as (DefaultAzureCredential reads it).',
    example: '00000000-0000-0000-0000-000000000000',
  },
  PULL_DOCTOR_SUBSCRIPTIONS: {
    description: 'Comma-separated subscription ids searched for registries by login server; empty = every subscription the identity can see.',
    example: '',
  },
  PULL_DOCTOR_ALLOWED_CLUSTERS: {
    description:
      'Comma-separated AKS cluster or resource group ids that alerts and chat may ask about; empty = alerts from any cluster the identity can read, and no cluster for chat commands (a cluster name typed in chat resolves only within this list).',
    example: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks',
  },
  PULL_DOCTOR_CACHE_TTL_SECONDS: {
    description: 'How long Azure lookups are reused across diagnoses (seconds).',
    example: '60',
  },
  PULL_DOCTOR_AZURE_CLOUD: {
    description: 'Azure cloud the app and the monitored resources live in: AzureCloud, AzureChinaCloud or AzureUSGovernment (picks the Resource Manager, Log Analytics and sign-in endpoints).',
    example: 'AzureCloud',
  },
  PULL_DOCTOR_CHECK_TIMEOUT_MS: {
    description: 'Time budget of one check (milliseconds); a check over budget becomes unknown.',
    example: '10000',
  },
  PULL_DOCTOR_IN_CLUSTER: { example: 'off', description: 'In-cluster evidence through AKS Run Command: off (default; no command is ever run), read (read-only kubectl: the failing pod\'s imagePullSecrets, those secrets\' type, registry hosts and service principal appIds, DNS answers inside the cluster) or probe (read, plus short-lived canipull and manifest-HEAD pods on the failing node pool). Needs Microsoft.ContainerService/managedClusters/runCommand/action on the cluster; a service principal\'s secret expiry also needs the Microsoft Graph permission Application.Read.All (else unknown).' },

  PULL_DOCTOR_CHAT: {
    description: 'Where diagnoses are posted: slack (bot token), slack-webhook (incoming webhook, notifications only), teams (bot), teams-workflow (Workflows webhook, notifications only) or console.',
    example: 'console',
  },
  PULL_DOCTOR_FULL_REPORT_URL: {
    description: 'Optional base URL of the full report; truncated chat messages link to <base>/<incident id>.',
    example: '',
  },
  SLACK_BOT_TOKEN: {
    description: 'Slack bot token (xoxb-…) with chat:write, for PULL_DOCTOR_CHAT=slack.',
    secret: true,
    example: '',
  },
  SLACK_CHANNEL_ID: {
    description: 'Slack channel id diagnoses are posted to (the bot must be a member), e.g. C0123456789.',
    example: 'C0123456789',
  },
  SLACK_WEBHOOK_URL: {
    description: 'Slack incoming webhook URL, for PULL_DOCTOR_CHAT=slack-webhook (no updates, no threads).',
    secret: true,
    example: '',
  },
  SLACK_API_URL: {
    description: 'Slack Web API base URL; only changed for tests and the sandbox.',
    example: 'https://slack.com/api/',
  },
  MicrosoftAppId: {
    description: 'Teams bot: Microsoft Entra app (client) id of the Azure Bot registration (Bot Framework name).',
    example: '00000000-0000-0000-0000-000000000000',
  },
  MicrosoftAppPassword: {
    description: 'Teams bot: client secret of the bot app (not needed for UserAssignedMSI).',
    secret: true,
    example: '',
  },
  MicrosoftAppTenantId: {
    description: 'Teams bot: tenant id of the bot app (SingleTenant and UserAssignedMSI).',
    example: '00000000-0000-0000-0000-000000000000',
  },
  MicrosoftAppType: {
    description: 'Teams bot: MultiTenant, SingleTenant or UserAssignedMSI.',
    example: 'SingleTenant',
  },
  TEAMS_CHANNEL_ID: {
    description: 'Teams channel id diagnoses are posted to, e.g. 19:abc…@thread.tacv2 (the bot must be installed in its team).',
    example: '19:00000000000000000000000000000000@thread.tacv2',
  },
  TEAMS_SERVICE_URL: {
    description: 'Bot Framework service URL for the tenant (from any activity Teams sent the bot).',
    example: 'https://smba.trafficmanager.net/teams/',
  },
  TEAMS_TENANT_ID: {
    description: 'Tenant id of the Teams channel; defaults to MicrosoftAppTenantId.',
    example: '',
  },
  TEAMS_WORKFLOW_WEBHOOK_URL: {
    description: 'Teams Workflows (Power Automate) webhook URL that posts an Adaptive Card, for PULL_DOCTOR_CHAT=teams-workflow.',
    secret: true,
    example: '',
  },
  AzureWebJobsStorage: {
    description:
      'Storage connection string shared by the Functions host, the incident table and the diagnose queue (Azurite: UseDevelopmentStorage=true). Leave empty in Azure and set AzureWebJobsStorage__accountName to connect with the managed identity; both empty = in-memory incidents and queue (CLI, demo).',
    secret: true,
    example: 'UseDevelopmentStorage=true',
  },
  ...STORAGE_SETTINGS,
  PULL_DOCTOR_QUEUE_NAME: {
    description: 'Queue of diagnose jobs; the Functions runtime moves failed messages to <name>-poison after 5 attempts (host.json maxDequeueCount).',
    example: 'pull-doctor-diagnose',
  },
  PULL_DOCTOR_INCIDENT_TABLE: {
    description: 'Table holding incidents, processed-event records, tag deletions and job failures.',
    example: 'pulldoctorincidents',
  },
  PULL_DOCTOR_DEBOUNCE_MINUTES: {
    description: 'An incident is diagnosed again at most this often unless someone asks (re-check button, image pushed).',
    example: '10',
  },
  PULL_DOCTOR_QUIET_PERIOD_MINUTES: {
    description: 'An open incident with no failure for this long is re-checked and resolved when the pull now works.',
    example: '30',
  },
  PULL_DOCTOR_WORKSPACE_IDS: {
    description: 'Comma-separated Log Analytics workspace ids (customerId GUIDs) with Container insights data. Alerts are read from these only: the workspace an alert links to is used when it is one of them, else the first; empty = the alert\'s own link.',
    example: '00000000-0000-0000-0000-000000000000',
  },
  ...INTAKE_SETTINGS,
  PULL_DOCTOR_ALLOWED_REGISTRIES: {
    description:
      'Comma-separated registry hosts (host[:port]) pull-doctor may contact anonymously, besides the ACRs it finds through ARM (the only ones that get its Entra token) and the built-in public registries (Docker Hub, MCR, GHCR, Quay, registry.k8s.io); any other registry is not contacted and its checks say unknown. Also the only registries whose ACR push/delete events are acted on (empty = events from any registry).',
    example: 'myacr.azurecr.io',
  },
  SLACK_SIGNING_SECRET: {
    description: 'Slack app signing secret: every request to /api/slack/commands and /api/slack/interactions must carry a valid v0 signature made with it. Unset, an unresolved Key Vault reference or not 32 lowercase letters and digits = Slack requests are refused (503) and the problem is logged at start.',
    secret: true,
    example: '',
  },
  PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: {
    description:
      'Comma-separated ids that may run diagnose, recheck, why and status from chat: Slack user/channel/workspace ids (U…, C…, T…), Teams user AAD object ids, channel ids (19:…@thread.tacv2) or team ids, Entra group object ids (the team\'s group); optional prefix slack:, teams: or group:. Empty = nobody. Admins (PULL_DOCTOR_CHAT_ADMIN_ALLOW) may too.',
    example: 'slack:C0123456789',
  },
  PULL_DOCTOR_CHAT_ADMIN_ALLOW: {
    description: 'Comma-separated ids (same forms as PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW) that may also mute and resolve incidents from chat. Empty = nobody.',
    example: 'slack:U0123456789',
  },
  PULL_DOCTOR_BOT_LOCAL_MODE: {
    description:
      'Development only: true lets /api/messages accept unauthenticated Bot Framework requests when MicrosoftAppId is unset (Bot Framework Emulator); ignored when an app id is set. The app refuses to start with it in Azure (WEBSITE_SITE_NAME or WEBSITE_INSTANCE_ID set).',
    example: 'false',
  },
  PULL_DOCTOR_SANDBOX_WORLD: { description: 'Local runs only (npm run local): a sandbox world name (lib/sandbox/worlds) or file; diagnoses then run against the built-in sandbox instead of Azure, and Container insights look-ups read the world\'s rows. Refused in Azure.', example: '' },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SettingsSchema = z.object({
  AZURE_CLIENT_ID: z.string().optional(),
  PULL_DOCTOR_SUBSCRIPTIONS: csv,
  PULL_DOCTOR_ALLOWED_CLUSTERS: csv,
  PULL_DOCTOR_CACHE_TTL_SECONDS: int(60),
  PULL_DOCTOR_AZURE_CLOUD: unsetIfBlank(z.enum(['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment']).default('AzureCloud')),
  PULL_DOCTOR_CHECK_TIMEOUT_MS: int(10_000),
  PULL_DOCTOR_IN_CLUSTER: unsetIfBlank(z.enum(['off', 'read', 'probe']).default('off')),
  PULL_DOCTOR_CHAT: unsetIfBlank(z.enum(['slack', 'slack-webhook', 'teams', 'teams-workflow', 'console']).default('console')),
  PULL_DOCTOR_FULL_REPORT_URL: unsetIfBlank(z.string().url().optional()),
  SLACK_BOT_TOKEN: unsetIfBlank(z.string().optional()),
  SLACK_CHANNEL_ID: unsetIfBlank(z.string().optional()),
  SLACK_WEBHOOK_URL: unsetIfBlank(z.string().url().optional()),
  SLACK_API_URL: unsetIfBlank(z.string().url().optional()),
  MicrosoftAppId: unsetIfBlank(z.string().optional()),
  MicrosoftAppPassword: unsetIfBlank(z.string().optional()),
  MicrosoftAppTenantId: unsetIfBlank(z.string().optional()),
  MicrosoftAppType: unsetIfBlank(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  TEAMS_CHANNEL_ID: unsetIfBlank(z.string().optional()),
  TEAMS_SERVICE_URL: unsetIfBlank(z.string().url().default('https://smba.trafficmanager.net/teams/')),
  TEAMS_TENANT_ID: unsetIfBlank(z.string().optional()),
  TEAMS_WORKFLOW_WEBHOOK_URL: unsetIfBlank(z.string().url().optional()),
  AzureWebJobsStorage: unsetIfBlank(z.string().optional()),
  AzureWebJobsStorage__accountName: unsetIfBlank(
    z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name (3-24 lowercase letters and digits)').optional(),
  ),
  AzureWebJobsStorage__queueServiceUri: unsetIfBlank(z.string().url().optional()),
  AzureWebJobsStorage__tableServiceUri: unsetIfBlank(z.string().url().optional()),
  WEBSITE_SITE_NAME: unsetIfBlank(z.string().optional()),
  PULL_DOCTOR_RESOLVED_RETENTION_DAYS: int(30),
  // Queue names: https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata
  PULL_DOCTOR_QUEUE_NAME: unsetIfBlank(
    z
      .string()
      .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,54}[a-z0-9]$/, 'must be a queue name (3-56 lowercase letters, digits, single hyphens; room for "-poison")')
      .default('pull-doctor-diagnose'),
  ),
  // Table names: https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model
  PULL_DOCTOR_INCIDENT_TABLE: unsetIfBlank(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/, 'must be a table name (3-63 letters and digits, starting with a letter)').default('pulldoctorincidents'),
  ),
  PULL_DOCTOR_DEBOUNCE_MINUTES: int(10),
  PULL_DOCTOR_QUIET_PERIOD_MINUTES: int(30),
  PULL_DOCTOR_WORKSPACE_IDS: csv.refine(
    (ids) => ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)),
    'must be comma-separated workspace ids (GUIDs)',
  ),
  PULL_DOCTOR_ALERT_RULES: csv,
  PULL_DOCTOR_K8S_EVENT_SENDERS: unsetIfBlank(k8sEventSendersSetting),
  PULL_DOCTOR_ALLOWED_REGISTRIES: csv.transform((hosts) => hosts.map((h) => h.toLowerCase())),
  SLACK_SIGNING_SECRET: unsetIfBlank(z.string().optional()),
  PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: csv,
  PULL_DOCTOR_CHAT_ADMIN_ALLOW: csv,
  PULL_DOCTOR_BOT_LOCAL_MODE: unsetIfBlank(z.enum(['true', 'false']).default('false')).transform((v) => v === 'true'),
  PULL_DOCTOR_ALERT_AUTH_APP_ID: unsetIfBlank(z.string().regex(GUID, 'must be an app (client) id (GUID)').optional()),
  PULL_DOCTOR_ALERT_AUTH_TENANT_ID: unsetIfBlank(z.string().regex(GUID, 'must be a tenant id (GUID)').optional()),
  PULL_DOCTOR_SANDBOX_WORLD: unsetIfBlank(z.string().max(500).regex(/^[\w./-]+$/, 'must be a world name or a .yaml file path').optional()),
});
export type Settings = z.infer<typeof SettingsSchema> & {
  /** Secret settings that were set but cannot be used (unresolved Key Vault reference, wrong format): treated as unset. */
  readonly secretProblems: readonly SecretProblem[];
  /** WEBSITE_SITE_NAME or WEBSITE_INSTANCE_ID is set: the app runs in Azure App Service / Functions. */
  readonly runningInAzure: boolean;
};

const SECRET_SETTINGS = Object.entries(SETTINGS as Record<string, SettingSpec>)
  .filter(([, spec]) => spec.secret)
  .map(([name]) => name);

/** Slack Web API hosts a deployed app may use (SLACK_API_URL is otherwise a test switch). */
const SLACK_API_HOSTS = new Set(['slack.com', 'slack-gov.com']);

/** Switches that exist for tests and local development: refused when the app runs in Azure. */
function localOnlyProblems(settings: z.infer<typeof SettingsSchema>): string[] {
  const problems: string[] = [];
  if (settings.PULL_DOCTOR_BOT_LOCAL_MODE) problems.push('PULL_DOCTOR_BOT_LOCAL_MODE=true is for local development and is refused in Azure');
  if (settings.PULL_DOCTOR_SANDBOX_WORLD) problems.push('PULL_DOCTOR_SANDBOX_WORLD (the built-in sandbox instead of Azure) is for local runs and is refused in Azure');
  if (settings.SLACK_API_URL && !SLACK_API_HOSTS.has(new URL(settings.SLACK_API_URL).hostname)) {
    problems.push('SLACK_API_URL points away from slack.com; that is for tests and is refused in Azure');
  }
  return problems;
}

/**
 * Parse settings once, at the edge. A bad value fails with the setting's name and the problem;
 * an unusable secret is dropped (see secretProblems) so the endpoints that need it answer 503.
 */
export function readSettings(env: Record<string, string | undefined> = process.env): Settings {
  const screened = screenSecrets(env, SECRET_SETTINGS);
  const parsed = SettingsSchema.safeParse(screened.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid application settings: ${problems}`);
  }
  const runningInAzure = Boolean(env.WEBSITE_SITE_NAME || env.WEBSITE_INSTANCE_ID);
  if (runningInAzure) {
    const refused = localOnlyProblems(parsed.data);
    if (refused.length > 0) throw new Error(`refusing to start (WEBSITE_SITE_NAME / WEBSITE_INSTANCE_ID set): ${refused.join('; ')}`);
  }
  return { ...parsed.data, secretProblems: screened.problems, runningInAzure };
}

/** One line per unusable secret, for the start-up log. */
export function secretProblemLines(settings: Pick<Settings, 'secretProblems'>): string[] {
  return settings.secretProblems.map(describeSecretProblem);
}
