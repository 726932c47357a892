import type { TokenCredential } from '@azure/core-auth';
import { AzureAuthorityHosts, DefaultAzureCredential } from '@azure/identity';
import type { Settings } from '../config/settings';

/** Entra authority per cloud (learn.microsoft.com: national clouds' authentication endpoints). */
export const AUTHORITY_HOSTS: Record<Settings['PULL_DOCTOR_AZURE_CLOUD'], string> = {
  AzureCloud: AzureAuthorityHosts.AzurePublicCloud,
  AzureChinaCloud: AzureAuthorityHosts.AzureChina,
  AzureUSGovernment: AzureAuthorityHosts.AzureGovernment,
};

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
