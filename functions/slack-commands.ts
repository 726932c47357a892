import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { commandServicesFrom } from '../lib/commands/command-services';
import { contextLogger } from '../lib/intake/logger';
import { handleSlackCommand } from '../lib/slack/slack-handlers';

/** Slack slash command `/pull-doctor <verb> …`: signed by Slack (no function key), answered within 3 s. */
export async function slackCommands(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const services = getServices();
  const answer = await handleSlackCommand(
    { services: commandServicesFrom(services), signingSecret: services.settings.SLACK_SIGNING_SECRET, log: contextLogger(context) },
    { headers: request.headers, rawBody: await request.text() },
  );
  return { status: answer.status, jsonBody: answer.jsonBody };
}

app.http('slack-commands', { route: 'slack/commands', methods: ['POST'], authLevel: 'anonymous', handler: slackCommands });
