import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { Settings } from '../config/settings';
import { AUTHORITY_HOSTS } from './cloud-endpoints';

/**
 * The credential pull-doctor runs as (managed identity in Azure, `az login` locally). Its own module
 * so Storage can authenticate without loading the Resource Manager SDKs.
 */
export function createDefaultCredential(settings: Pick<Settings, 'AZURE_CLIENT_ID'> & Partial<Pick<Settings, 'PULL_DOCTOR_AZURE_CLOUD'>>): TokenCredential {
  return new DefaultAzureCredential({
    authorityHost: AUTHORITY_HOSTS[settings.PULL_DOCTOR_AZURE_CLOUD ?? 'AzureCloud'],
    ...(settings.AZURE_CLIENT_ID ? { managedIdentityClientId: settings.AZURE_CLIENT_ID } : {}),
  });
}
