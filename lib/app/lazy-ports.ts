import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { DiagnoseOptions, Diagnoser } from '../diagnosis/diagnoser';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { PullFailure } from '../model';
import { onceAsync } from '../util/lazy';

/**
 * Ports whose implementation (and SDK) is imported on first use. The composition root hands these
 * out so a cold start imports only what intake needs: the alert webhook never loads the Resource
 * Manager SDKs, a Slack ack never loads Log Analytics.
 */

/** The engine (Resource Manager SDKs, registry client) loads on the first diagnosis. */
export function lazyDiagnoser(make: () => Promise<Diagnoser>): Diagnoser {
  const load = onceAsync(make);
  return { diagnose: async (failure: PullFailure, options?: DiagnoseOptions) => (await load()).diagnose(failure, options) };
}

/** Log Analytics (`@azure/monitor-query-logs`) loads on the first Container insights query. */
export function lazyContainerInsights(make: () => Promise<ContainerInsightsPort>): ContainerInsightsPort {
  const load = onceAsync(make);
  return {
    failingPods: async (params, options) => (await load()).failingPods(params, options),
    podDetails: async (params, options) => (await load()).podDetails(params, options),
    nodeLabels: async (params, options) => (await load()).nodeLabels(params, options),
  };
}

/** `@azure/identity` loads on the first token request (Storage with a managed identity, Resource Manager). */
export function lazyCredential(make: () => Promise<TokenCredential>): TokenCredential {
  const load = onceAsync(make);
  return { getToken: async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => (await load()).getToken(scopes, options) };
}
