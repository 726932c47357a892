import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Application } from '@microsoft/teams-ai';
import { getServices } from '../lib/app/create-services';
import { commandServicesFrom } from '../lib/commands/command-services';
import { contextLogger } from '../lib/intake/logger';
import type { BotAdapterChoice } from '../lib/teams/teams-http';
import { onceAsync } from '../lib/util/lazy';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { boundedBody, refusedBody } from './http-answer';

export interface TeamsBotParts {
  adapter: BotAdapterChoice;
  bot: Application;
}

function headersOf(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** Bot Framework messages from Teams: authenticated by the Bot Framework JWT (no function key). */
export function createTeamsMessagesHandler(parts: () => TeamsBotParts | Promise<TeamsBotParts>) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const [{ adapter, bot }, { handleTeamsMessages }] = await Promise.all([parts(), import('../lib/teams/teams-http.js')]);
    const log = contextLogger(context);
    const body = await boundedBody(request, BODY_LIMITS.teamsActivity, log, 'teams');
    if (!body.ok) return refusedBody(body);
    const answer = await handleTeamsMessages({ adapter, bot, log }, { method: request.method, headers: headersOf(request), rawBody: body.text });
    return answer.body === undefined ? { status: answer.status, headers: answer.headers } : { status: answer.status, headers: answer.headers, jsonBody: answer.body };
  };
}

/** Created once per process: the adapter caches Bot Framework signing keys and tokens. teams-ai and botbuilder load here, never in a Slack-only app. */
const sharedBot = onceAsync(async (): Promise<TeamsBotParts> => {
  const [{ createBotAdapter }, { createTeamsBot }] = await Promise.all([import('../lib/teams/teams-http.js'), import('../lib/teams/teams-bot.js')]);
  const services = getServices();
  return { adapter: createBotAdapter(services.settings, services.log), bot: createTeamsBot({ services: commandServicesFrom(services) }) };
});

// Built when the host loads the function, so local mode announces itself at start; a settings
// error is reported here and again (as a 5xx) on the first request rather than stopping the host.
if (routeEnabled('teams-messages')) {
  sharedBot().catch((error: unknown) => console.error(`teams: bot not ready: ${error instanceof Error ? error.message : String(error)}`));
  app.http('messages', { route: 'messages', methods: ['POST'], authLevel: 'anonymous', handler: createTeamsMessagesHandler(sharedBot) });
}
