import type { Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Application } from '@microsoft/teams-ai';
import type { Settings } from '../config/settings';
import type { Logger } from '../intake/logger';

/** An HTTP request as functions/ hands it over (lib/ never imports @azure/functions). */
export interface BotHttpRequest {
  method: string;
  headers: Record<string, string>;
  /** Raw body text; parsed here. */
  rawBody: string;
}

export interface BotHttpAnswer {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

export type BotAdapterChoice = { ok: true; adapter: TeamsAdapter; authenticated: boolean } | { ok: false; error: string };

type BotSettings = Pick<Settings, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType' | 'PULL_DOCTOR_BOT_LOCAL_MODE' | 'runningInAzure'>;

export interface BotAdapterOptions {
  /** Bot Framework's OpenID metadata (signing keys) — only tests point it elsewhere (a local JWKS). */
  openIdMetadataUrl?: string;
}

/**
 * botframework-connector uses its public-cloud defaults only when none of these is given, so a test
 * that replaces the metadata URL restates the others (botframework-connector AuthenticationConstants).
 */
function publicCloudWithMetadata(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

/**
 * The Bot Framework adapter for /api/messages. With MicrosoftAppId set, every request must carry a
 * Bot Framework JWT (CloudAdapter validates it). Without one, botbuilder would accept anything, so
 * pull-doctor refuses to run unless PULL_DOCTOR_BOT_LOCAL_MODE=true says this is a developer's
 * machine (Bot Framework Emulator), and says so loudly.
 */
export function createBotAdapter(settings: BotSettings, log: Logger, options: BotAdapterOptions = {}): BotAdapterChoice {
  if (settings.MicrosoftAppId) {
    // An app registration authenticates with its secret; a missing or unusable one (see secretProblems) is 503, not a bot that cannot answer.
    if (settings.MicrosoftAppType !== 'UserAssignedMSI' && !settings.MicrosoftAppPassword) {
      return { ok: false, error: 'the Teams bot cannot authenticate: MicrosoftAppPassword is not set or not usable (MicrosoftAppType is not UserAssignedMSI)' };
    }
    return {
      ok: true,
      authenticated: true,
      adapter: new TeamsAdapter({
        MicrosoftAppId: settings.MicrosoftAppId,
        MicrosoftAppPassword: settings.MicrosoftAppPassword,
        MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
        MicrosoftAppType: settings.MicrosoftAppType ?? 'MultiTenant',
        ...(options.openIdMetadataUrl ? publicCloudWithMetadata(options.openIdMetadataUrl) : {}),
      }),
    };
  }
  // readSettings already refuses this in Azure; checked again here because this is what opens the door.
  if (settings.PULL_DOCTOR_BOT_LOCAL_MODE && settings.runningInAzure) {
    return { ok: false, error: 'PULL_DOCTOR_BOT_LOCAL_MODE is refused in Azure (WEBSITE_SITE_NAME / WEBSITE_INSTANCE_ID set): set MicrosoftAppId' };
  }
  if (settings.PULL_DOCTOR_BOT_LOCAL_MODE) {
    log.warn(
      '*** teams: PULL_DOCTOR_BOT_LOCAL_MODE=true and no MicrosoftAppId: /api/messages accepts UNAUTHENTICATED Bot Framework requests. Development only — never in Azure. ***',
    );
    return { ok: true, authenticated: false, adapter: new TeamsAdapter({}) };
  }
  return { ok: false, error: 'the Teams bot is not configured: set MicrosoftAppId (or PULL_DOCTOR_BOT_LOCAL_MODE=true for local development)' };
}

/** Ids that go into connector URLs and headers (x-ms-conversation-id): printable ASCII, as Teams sends them. */
const botId = z.string().regex(/^[\x21-\x7e]([\x20-\x7e]{0,1022}[\x21-\x7e])?$/, 'must be a printable ASCII id');
const account = z.object({ id: botId, name: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional() }).passthrough();

/**
 * The activity fields botbuilder and the bot read without checking their type. Anything else is
 * left as sent (passthrough). Schema: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object
 */
const ActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: botId.optional(),
    channelId: z.string().max(64).optional(),
    serviceUrl: z.string().url().max(2048).optional(),
    text: z.string().max(28_000).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z.object({ id: botId, isGroup: z.boolean().optional(), conversationType: z.string().max(64).optional(), name: z.string().max(512).optional() }).passthrough().optional(),
    // Mention entities name who was mentioned; teams-ai reads `mentioned.id` without checking it.
    entities: z.array(z.object({ type: z.string().max(128), mentioned: account.optional() }).passthrough()).optional(),
    replyToId: botId.optional(),
  })
  .passthrough();

function activityProblem(body: unknown): string | undefined {
  const parsed = ActivitySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `not an activity: ${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/** The part of CloudAdapter that checks a Bot Framework token without the activity. */
interface TokenCheck {
  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<unknown>;
}

const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError', 'AuthenticationError']);

/**
 * The Bot Framework JWT (signature, issuer, audience = our app id), checked on the raw request
 * before the body is parsed. Teams only sends channel `msteams`; CloudAdapter.process checks the
 * token again against the parsed activity (its serviceUrl claim).
 */
async function authenticateBeforeParse(adapter: TeamsAdapter, headers: Record<string, string>): Promise<BotHttpAnswer | undefined> {
  const header = headers.authorization ?? headers.Authorization ?? '';
  if (!/^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(header)) {
    return { status: 401, body: { error: 'missing or malformed Bot Framework token (Authorization: Bearer …)' }, headers: {} };
  }
  const auth = (adapter as unknown as { botFrameworkAuthentication: TokenCheck }).botFrameworkAuthentication;
  try {
    await auth.authenticateStreamingRequest(header, 'msteams');
    return undefined;
  } catch (error) {
    const e = error as { name?: string; statusCode?: number; message?: string };
    // A token we can judge and reject is 401; failing to fetch the signing keys is ours (503, Bot Framework retries).
    const rejected = TOKEN_ERRORS.has(e.name ?? '') || e.statusCode === 401 || e.statusCode === 403 || /token|signature|issuer|audience|unauthor/i.test(e.message ?? '');
    return rejected
      ? { status: 401, body: { error: `Bot Framework token refused: ${(e.message ?? 'invalid').split('\n')[0]!.slice(0, 200)}` }, headers: {} }
      : { status: 503, body: { error: 'could not check the Bot Framework token (signing keys unavailable)' }, headers: {} };
  }
}

/** Runs one Bot Framework request through the adapter's `process`, capturing what it writes. */
export async function processBotRequest(
  adapter: TeamsAdapter,
  request: BotHttpRequest,
  logic: (turn: TurnContext) => Promise<void>,
  options: { authenticated?: boolean } = {},
): Promise<BotHttpAnswer> {
  if (options.authenticated) {
    const refused = await authenticateBeforeParse(adapter, request.headers);
    if (refused) return refused;
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    return { status: 400, body: { error: 'body is not JSON' }, headers: {} };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, body: { error: 'body is not an activity' }, headers: {} };
  const problem = activityProblem(body);
  if (problem) return { status: 400, body: { error: problem }, headers: {} };
  const answer: BotHttpAnswer = { status: 200, headers: {} };
  const botRequest: BotRequest = { method: request.method.toUpperCase(), headers: request.headers, body: body as Record<string, unknown> };
  const botResponse: BotResponse = {
    socket: null,
    status: (code: number) => {
      answer.status = code;
    },
    header: (name: string, value: unknown) => {
      answer.headers[name] = String(value);
    },
    send: (value: unknown) => {
      answer.body = value;
    },
    end: () => undefined,
  };
  try {
    await adapter.process(botRequest, botResponse, logic);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (!options.authenticated || !TOKEN_ERRORS.has(e.name ?? '')) throw error;
    return { status: 401, body: { error: `Bot Framework token refused: ${(e.message ?? 'invalid').slice(0, 200)}` }, headers: {} };
  }
  return answer;
}

/** POST /api/messages. */
export async function handleTeamsMessages(deps: { adapter: BotAdapterChoice; bot: Application; log: Logger }, request: BotHttpRequest): Promise<BotHttpAnswer> {
  if (!deps.adapter.ok) {
    deps.log.warn(`teams: 503 ${deps.adapter.error}`);
    return { status: 503, body: { error: deps.adapter.error }, headers: {} };
  }
  const answer = await processBotRequest(
    deps.adapter.adapter,
    request,
    async (turn) => {
      await deps.bot.run(turn);
    },
    { authenticated: deps.adapter.authenticated },
  );
  const reason = String((answer.body as { error?: unknown } | undefined)?.error ?? '');
  if (answer.status === 400) deps.log.warn(`teams: 400 ${reason || 'bad request'}`);
  if (answer.status === 401 || answer.status === 403) deps.log.warn(`teams: ${answer.status} request refused by Bot Framework authentication${reason ? `: ${reason}` : ''}`);
  if (answer.status === 503) deps.log.error(`teams: 503 ${reason}`);
  return answer;
}
