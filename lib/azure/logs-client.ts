import type { TokenCredential } from '@azure/core-auth';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { Settings } from '../config/settings';
import { CLOUD_ENDPOINTS } from './cloud-endpoints';

/**
 * Log Analytics alone, for the alert path's Container insights read: the Functions app imports
 * this module (and `@azure/monitor-query-logs`) without the Resource Manager SDKs the engine needs.
 */
export function createLogsQueryClient(credential: TokenCredential, settings: Partial<Pick<Settings, 'PULL_DOCTOR_AZURE_CLOUD'>>): LogsQueryClient {
  return new LogsQueryClient(credential, { endpoint: CLOUD_ENDPOINTS[settings.PULL_DOCTOR_AZURE_CLOUD ?? 'AzureCloud'].logs });
}
