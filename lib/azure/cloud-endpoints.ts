import type { Settings } from '../config/settings';

/**
 * Entra authority per cloud, the values of @azure/identity's AzureAuthorityHosts (checked by
 * test/app/packaging-config.test.ts), written out so this module does not load @azure/identity:
 * the Functions app imports it at start and the credential only on first use.
 */
export const AUTHORITY_HOSTS: Record<Settings['PULL_DOCTOR_AZURE_CLOUD'], string> = {
  AzureCloud: 'https://login.microsoftonline.com',
  AzureChinaCloud: 'https://login.chinacloudapi.cn',
  AzureUSGovernment: 'https://login.microsoftonline.us',
};

export const PUBLIC_RESOURCE_MANAGER = 'https://management.azure.com';
export const PUBLIC_LOGS_ENDPOINT = 'https://api.loganalytics.azure.com/v1';
export const PUBLIC_GRAPH_ENDPOINT = 'https://graph.microsoft.com';

/**
 * Endpoints per cloud (learn.microsoft.com: "Azure China 21Vianet developer guide", "Azure
 * Government developer guide", Log Analytics query API endpoints; Microsoft Graph: "Microsoft Graph
 * national cloud deployments" — US Government L4 is graph.microsoft.us, the Azure US Government
 * cloud's Graph; DoD tenants use dod-graph.microsoft.us).
 */
export const CLOUD_ENDPOINTS: Record<Settings['PULL_DOCTOR_AZURE_CLOUD'], { resourceManager: string; logs: string; authorityHost: string; graph: string }> = {
  AzureCloud: { resourceManager: PUBLIC_RESOURCE_MANAGER, logs: PUBLIC_LOGS_ENDPOINT, authorityHost: AUTHORITY_HOSTS.AzureCloud, graph: PUBLIC_GRAPH_ENDPOINT },
  AzureChinaCloud: { resourceManager: 'https://management.chinacloudapi.cn', logs: 'https://api.loganalytics.azure.cn/v1', authorityHost: AUTHORITY_HOSTS.AzureChinaCloud, graph: 'https://microsoftgraph.chinacloudapi.cn' },
  AzureUSGovernment: { resourceManager: 'https://management.usgovcloudapi.net', logs: 'https://api.loganalytics.us/v1', authorityHost: AUTHORITY_HOSTS.AzureUSGovernment, graph: 'https://graph.microsoft.us' },
};

