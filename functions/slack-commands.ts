import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { contextLogger } from '../lib/intake/logger';
import { slackDepsFrom } from '../lib/slack/default-slack-deps';
import { handleSlackCommand, type SlackHandlerDeps } from '../lib/slack/slack-handlers';

/** Slack slash command `/pull-doctor <verb> …`: signed by Slack (no function key), answered within 3 s. */
export function createSlackCommandsHandler(depsFor: (context: InvocationContext) => SlackHandlerDeps) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const answer = await handleSlackCommand(depsFor(context), { headers: request.headers, rawBody: await request.text() });
    return { status: answer.status, jsonBody: answer.jsonBody };
  };
}

const handler = createSlackCommandsHandler((context) => slackDepsFrom(getServices(), contextLogger(context)));
app.http('slack-commands', { route: 'slack/commands', methods: ['POST'], authLevel: 'anonymous', handler });
