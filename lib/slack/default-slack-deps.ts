import { commandServicesFrom, type AppServicesForCommands } from '../commands/command-services';
import type { Logger } from '../intake/logger';
import type { SlackHandlerDeps } from './slack-handlers';

/** The Slack handlers' dependencies from the composition root's services (functions/ calls this). */
export function slackDepsFrom(services: AppServicesForCommands, log: Logger): SlackHandlerDeps {
  return { services: commandServicesFrom(services), signingSecret: services.settings.SLACK_SIGNING_SECRET, log };
}
