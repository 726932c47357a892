import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Application } from '@microsoft/teams-ai';
import { getServices } from '../lib/app/create-services';
import { commandServicesFrom } from '../lib/commands/command-services';
import { contextLogger } from '../lib/intake/logger';
import { createTeamsBot } from '../lib/teams/teams-bot';
import { createBotAdapter, handleTeamsMessages, type BotAdapterChoice } from '../lib/teams/teams-http';

let bot: { adapter: BotAdapterChoice; app: Application } | undefined;

/** Created once per process: the adapter caches Bot Framework signing keys and tokens. */
function teamsBot() {
  if (!bot) {
    const services = getServices();
    bot = { adapter: createBotAdapter(services.settings, services.log), app: createTeamsBot({ services: commandServicesFrom(services) }) };
  }
  return bot;
}

function headersOf(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** Bot Framework messages from Teams: authenticated by the Bot Framework JWT (no function key). */
export async function teamsMessages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const { adapter, app: botApp } = teamsBot();
  const answer = await handleTeamsMessages(
    { adapter, bot: botApp, log: contextLogger(context) },
    { method: request.method, headers: headersOf(request), rawBody: await request.text() },
  );
  return answer.body === undefined ? { status: answer.status, headers: answer.headers } : { status: answer.status, headers: answer.headers, jsonBody: answer.body };
}

app.http('messages', { route: 'messages', methods: ['POST'], authLevel: 'anonymous', handler: teamsMessages });
