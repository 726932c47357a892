import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { Settings } from '../config/settings';
import type { AzureClients, RequestCounts } from './clients';
import { CLOUD_ENDPOINTS, PUBLIC_LOGS_ENDPOINT, PUBLIC_RESOURCE_MANAGER } from './cloud-endpoints';
import { createDefaultCredential } from './default-credential';
import { createEntraDirectory } from './entra-directory';

/** One outgoing request as the counting policy saw it (every retry is its own request). */
export interface AzureRequestInfo {
  kind: 'arm' | 'logs';
  method: string;
  url: string;
  /** HTTP status, or 0 when no response came back (network error, abort). */
  status: number;
}

export interface CreateAzureClientsOptions {
  credential: TokenCredential;
  /** Default https://management.azure.com. */
  resourceManagerEndpoint?: string;
  /**
   * The token audience for Resource Manager. Default: https://management.azure.com for the public
   * cloud and for loopback endpoints (the sandbox), else the endpoint itself (sovereign clouds).
   */
  resourceManagerAudience?: string;
  /** Default https://api.loganalytics.azure.com/v1. */
  logsEndpoint?: string;
  /** Microsoft Graph's root. Default https://graph.microsoft.com. */
  graphEndpoint?: string;
  /** Extra CA (PEM) trusted by these clients only, e.g. the sandbox CA. Never process-wide. */
  tlsCa?: string;
  retryOptions?: PipelineRetryOptions;
  /** Called after every request (retries included). Must not throw. */
  onRequest?: (info: AzureRequestInfo) => void;
}

export { CLOUD_ENDPOINTS, PUBLIC_LOGS_ENDPOINT, PUBLIC_RESOURCE_MANAGER } from './cloud-endpoints';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function defaultAudience(endpoint: string): string {
  const host = new URL(endpoint).hostname;
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
  return loopback || host === 'management.azure.com' ? PUBLIC_RESOURCE_MANAGER : endpoint;
}

/**
 * The Azure port (lib/azure/clients.ts) over the official SDK clients. Each client is created once
 * per subscription and reused. A per-retry pipeline policy counts every request sent.
 *
 * Why the options differ per package: the modular clients (arm-containerregistry 12,
 * arm-containerservice 25, arm-network, arm-privatedns, arm-resources-subscriptions) take
 * `endpoint` plus `credentials.scopes` (otherwise they ask for `${endpoint}/.default`, which no
 * tenant issues for a sandbox URL); arm-authorization 9 and arm-msi 2 (core-client) take `endpoint`/`$host`
 * plus `credentialScopes`.
 */
export function createAzureClients(options: CreateAzureClientsOptions): AzureClients {
  const resourceManagerEndpoint = trimSlash(options.resourceManagerEndpoint ?? PUBLIC_RESOURCE_MANAGER);
  const logsEndpoint = trimSlash(options.logsEndpoint ?? PUBLIC_LOGS_ENDPOINT);
  const audience = trimSlash(options.resourceManagerAudience ?? defaultAudience(resourceManagerEndpoint));
  const armScope = `${audience}/.default`;
  const counts: RequestCounts = { arm: 0, logs: 0 };

  function countingPolicy(kind: 'arm' | 'logs'): PipelinePolicy {
    return {
      name: `pullDoctorRequestCounter-${kind}`,
      async sendRequest(request, next) {
        counts[kind] += 1;
        let status = 0;
        try {
          const response = await next(request);
          status = response.status;
          return response;
        } catch (e) {
          const code = (e as { statusCode?: unknown }).statusCode;
          status = typeof code === 'number' ? code : 0;
          throw e;
        } finally {
          try {
            options.onRequest?.({ kind, method: request.method, url: request.url, status });
          } catch {
            // An observer must never break a request.
          }
        }
      },
    };
  }

  const pipelineOptions = (kind: 'arm' | 'logs') => ({
    retryOptions: options.retryOptions,
    tlsOptions: options.tlsCa ? { ca: options.tlsCa } : undefined,
    additionalPolicies: [{ policy: countingPolicy(kind), position: 'perRetry' as const }],
  });
  const modularArm = () => ({ ...pipelineOptions('arm'), endpoint: resourceManagerEndpoint, credentials: { scopes: [armScope] } });

  const cache = new Map<string, unknown>();
  function once<T>(key: string, create: () => T): T {
    if (!cache.has(key)) cache.set(key, create());
    return cache.get(key) as T;
  }
  const { credential } = options;

  return {
    credential,
    resourceManagerEndpoint,
    containerService: (s) => once(`aks:${s}`, () => new ContainerServiceClient(credential, s, modularArm())),
    containerRegistry: (s) => once(`acr:${s}`, () => new ContainerRegistryManagementClient(credential, s, modularArm())),
    network: (s) => once(`net:${s}`, () => new NetworkManagementClient(credential, s, modularArm())),
    privateDns: (s) => once(`dns:${s}`, () => new PrivateDnsManagementClient(credential, s, modularArm())),
    subscriptions: () => once('subs', () => new SubscriptionClient(credential, modularArm())),
    authorization: (s) =>
      once(
        `authz:${s}`,
        () =>
          new AuthorizationManagementClient(credential, s, {
            ...pipelineOptions('arm'),
            endpoint: resourceManagerEndpoint,
            $host: resourceManagerEndpoint,
            credentialScopes: [armScope],
          }),
      ),
    managedIdentity: (s) =>
      once(
        `msi:${s}`,
        () =>
          new ManagedServiceIdentityClient(credential, s, {
            ...pipelineOptions('arm'),
            endpoint: resourceManagerEndpoint,
            $host: resourceManagerEndpoint,
            credentialScopes: [armScope],
          }),
      ),
    logs: () => once('logs', () => new LogsQueryClient(credential, { ...pipelineOptions('logs'), endpoint: logsEndpoint })),
    directory: () => once('graph', () => createEntraDirectory({ credential, endpoint: options.graphEndpoint, tlsCa: options.tlsCa })),
    requestCounts: () => ({ ...counts }),
  };
}

/**
 * The production factory: DefaultAzureCredential (managed identity in Azure, the developer's login
 * locally) with the user-assigned identity from AZURE_CLIENT_ID. Nothing touches the network until
 * the first request.
 */
export function createDefaultAzureClients(
  settings: Pick<Settings, 'AZURE_CLIENT_ID'> & Partial<Pick<Settings, 'PULL_DOCTOR_AZURE_CLOUD'>>,
  overrides: Omit<CreateAzureClientsOptions, 'credential'> = {},
  credential: TokenCredential = createDefaultCredential(settings),
): AzureClients {
  const cloud = CLOUD_ENDPOINTS[settings.PULL_DOCTOR_AZURE_CLOUD ?? 'AzureCloud'];
  return createAzureClients({ resourceManagerEndpoint: cloud.resourceManager, logsEndpoint: cloud.logs, graphEndpoint: cloud.graph, ...overrides, credential });
}
