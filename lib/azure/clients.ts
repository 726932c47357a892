import type { TokenCredential } from '@azure/core-auth';
import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { ManagedServiceIdentityClient } from '@azure/arm-msi';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { LogsQueryClient } from '@azure/monitor-query-logs';
import type { EntraDirectory } from './entra-directory';

/** Counts of outgoing HTTP requests (retries included), by the system they went to. The registry data plane counts its own (RegistryClientFactory.requestCount). */
export interface RequestCounts {
  arm: number;
  logs: number;
}

/**
 * The Azure port: official SDK clients, created once per subscription and reused. The same factory
 * serves real Azure (DefaultAzureCredential, public endpoints) and the sandbox (local HTTPS
 * endpoints, a CA trusted only by these clients). Implementation: lib/azure/create-azure-clients.ts.
 */
export interface AzureClients {
  readonly credential: TokenCredential;
  /** The Resource Manager endpoint, e.g. https://management.azure.com */
  readonly resourceManagerEndpoint: string;
  containerService(subscriptionId: string): ContainerServiceClient;
  containerRegistry(subscriptionId: string): ContainerRegistryManagementClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
  network(subscriptionId: string): NetworkManagementClient;
  privateDns(subscriptionId: string): PrivateDnsManagementClient;
  /** User-assigned managed identities (a cluster's kubelet identity). */
  managedIdentity(subscriptionId: string): ManagedServiceIdentityClient;
  subscriptions(): SubscriptionClient;
  logs(): LogsQueryClient;
  /** Microsoft Graph (Entra ID), read only; its SDK is loaded on the first request. */
  directory(): EntraDirectory;
  /** Requests made through these clients since creation. */
  requestCounts(): RequestCounts;
}
