import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { contextLogger } from '../lib/intake/logger';
import { slackDepsFrom } from '../lib/slack/default-slack-deps';
import { handleSlackCommand, type SlackHandlerDeps } from '../lib/slack/slack-handlers';
import { boundedBody, refusedBody } from './http-answer';

/** Slack slash command `/pull-doctor <verb> …`: signed by Slack (no function key), answered within 3 s. */
export function createSlackCommandsHandler(depsFor: (context: InvocationContext) => SlackHandlerDeps) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const deps = depsFor(context);
    const body = await boundedBody(request, BODY_LIMITS.slackCommand, deps.log, 'slack command');
    if (!body.ok) return refusedBody(body);
    const answer = await handleSlackCommand(deps, { headers: request.headers, rawBody: body.text });
    return { status: answer.status, jsonBody: answer.jsonBody };
  };
}

const handler = createSlackCommandsHandler((context) => slackDepsFrom(getServices(), contextLogger(context)));
if (routeEnabled('slack-commands')) app.http('slack-commands', { route: 'slack/commands', methods: ['POST'], authLevel: 'anonymous', handler });
