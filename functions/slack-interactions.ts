import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { contextLogger } from '../lib/intake/logger';
import { slackDepsFrom } from '../lib/slack/default-slack-deps';
import { handleSlackInteraction, type SlackHandlerDeps } from '../lib/slack/slack-handlers';
import { boundedBody, refusedBody } from './http-answer';

/** Slack buttons under a diagnosis (block_actions): signed by Slack (no function key). */
export function createSlackInteractionsHandler(depsFor: (context: InvocationContext) => SlackHandlerDeps) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const deps = depsFor(context);
    const body = await boundedBody(request, BODY_LIMITS.slackInteraction, deps.log, 'slack interaction');
    if (!body.ok) return refusedBody(body);
    const answer = await handleSlackInteraction(deps, { headers: request.headers, rawBody: body.text });
    return { status: answer.status, jsonBody: answer.jsonBody };
  };
}

const handler = createSlackInteractionsHandler((context) => slackDepsFrom(getServices(), contextLogger(context)));
if (routeEnabled('slack-interactions')) app.http('slack-interactions', { route: 'slack/interactions', methods: ['POST'], authLevel: 'anonymous', handler });
