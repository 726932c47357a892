import { readSettings, type Settings } from '../config/settings';

/**
 * HTTP routes that exist only where they are used: an endpoint that is not registered cannot be
 * reached with a forged signature or a leaked host key.
 * - Slack slash commands: PULL_DOCTOR_CHAT=slack or slack-webhook (answers go through response_url).
 * - Slack interactions: PULL_DOCTOR_CHAT=slack only (buttons exist only on messages the bot posted).
 * - Teams messages: PULL_DOCTOR_CHAT=teams (the bot).
 * - HTTP copies of the Event Grid endpoints: outside Azure only (local development); in Azure,
 *   Event Grid delivers to the Event Grid trigger bindings, which need no public route.
 * - Kubernetes event senders' per-cluster route: only when PULL_DOCTOR_K8S_EVENT_SENDERS binds a sender.
 */
export type OptionalRoute = 'slack-commands' | 'slack-interactions' | 'teams-messages' | 'event-grid-http' | 'k8s-senders';

export function optionalRoutes(settings: Pick<Settings, 'PULL_DOCTOR_CHAT' | 'runningInAzure'> & Partial<Pick<Settings, 'PULL_DOCTOR_K8S_EVENT_SENDERS'>>): Set<OptionalRoute> {
  const routes = new Set<OptionalRoute>();
  if (settings.PULL_DOCTOR_CHAT === 'slack' || settings.PULL_DOCTOR_CHAT === 'slack-webhook') routes.add('slack-commands');
  if (settings.PULL_DOCTOR_CHAT === 'slack') routes.add('slack-interactions');
  if (settings.PULL_DOCTOR_CHAT === 'teams') routes.add('teams-messages');
  if (!settings.runningInAzure) routes.add('event-grid-http');
  if ((settings.PULL_DOCTOR_K8S_EVENT_SENDERS ?? []).some((s) => 'sender' in s)) routes.add('k8s-senders');
  return routes;
}

/**
 * Whether functions/ registers `route` in this process. Settings that cannot be read register no
 * optional route (fail closed); the error is logged here and again by every function that runs.
 */
export function routeEnabled(route: OptionalRoute, read: () => Settings = () => readSettings()): boolean {
  try {
    return optionalRoutes(read()).has(route);
  } catch (error) {
    console.error(`routes: ${route} not registered: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
