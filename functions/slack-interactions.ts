import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { commandServicesFrom } from '../lib/commands/command-services';
import { contextLogger } from '../lib/intake/logger';
import { handleSlackInteraction } from '../lib/slack/slack-handlers';

/** Slack buttons under a diagnosis (block_actions): signed by Slack (no function key). */
export async function slackInteractions(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const services = getServices();
  const answer = await handleSlackInteraction(
    { services: commandServicesFrom(services), signingSecret: services.settings.SLACK_SIGNING_SECRET, log: contextLogger(context) },
    { headers: request.headers, rawBody: await request.text() },
  );
  return { status: answer.status, jsonBody: answer.jsonBody };
}

app.http('slack-interactions', { route: 'slack/interactions', methods: ['POST'], authLevel: 'anonymous', handler: slackInteractions });
