import type { TokenCredential } from '@azure/core-auth';
import type { Settings } from '../config/settings';

/**
 * Where incidents and jobs live, from the same settings the Functions host reads for
 * AzureWebJobsStorage (https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity):
 * a connection string; or an identity-based connection named by the account (`__accountName`, with
 * the endpoints of the configured cloud) or by service URIs (`__queueServiceUri` and `__tableServiceUri`).
 * Nothing configured means memory stores: right for the CLI and the demo, never for Azure.
 */

/** Storage endpoint suffix per cloud (Microsoft Learn: Azure China developer guide, Azure Government developer guide). */
export const STORAGE_SUFFIX: Record<Settings['PULL_DOCTOR_AZURE_CLOUD'], string> = {
  AzureCloud: 'core.windows.net',
  AzureChinaCloud: 'core.chinacloudapi.cn',
  AzureUSGovernment: 'core.usgovcloudapi.net',
};

/**
 * The scope the Table and Queue SDKs ask their credential for (`STORAGE_SCOPE` in @azure/data-tables,
 * `StorageOAuthScopes` in @azure/storage-queue): asked for once ahead, the clients' own request is a
 * cache hit in the credential.
 */
export const STORAGE_TOKEN_SCOPE = 'https://storage.azure.com/.default';

/** Azurite's documented well-known development account (not a secret; same value in every Azurite). */
const AZURITE_DEV_CONNECTION =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
  'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

export type StoragePlan =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'identity'; form: '__accountName' | '__serviceUri'; tableEndpoint: string; queueEndpoint: string }
  | { kind: 'memory'; problem?: string };

type StorageSettings = Pick<
  Settings,
  'AzureWebJobsStorage' | 'AzureWebJobsStorage__accountName' | 'AzureWebJobsStorage__queueServiceUri' | 'AzureWebJobsStorage__tableServiceUri' | 'PULL_DOCTOR_AZURE_CLOUD'
>;

export function storagePlan(settings: StorageSettings): StoragePlan {
  const cs = settings.AzureWebJobsStorage;
  if (cs) return { kind: 'connection-string', connectionString: /^UseDevelopmentStorage=true;?$/i.test(cs) ? AZURITE_DEV_CONNECTION : cs };
  const queueUri = settings.AzureWebJobsStorage__queueServiceUri;
  const tableUri = settings.AzureWebJobsStorage__tableServiceUri;
  if (queueUri || tableUri) {
    if (queueUri && tableUri) return { kind: 'identity', form: '__serviceUri', tableEndpoint: tableUri, queueEndpoint: queueUri };
    const account = settings.AzureWebJobsStorage__accountName;
    const suffix = STORAGE_SUFFIX[settings.PULL_DOCTOR_AZURE_CLOUD];
    // The host needs only the queue URI; incidents need the table too: take it from the account name when given.
    if (account) {
      return {
        kind: 'identity',
        form: '__serviceUri',
        tableEndpoint: tableUri ?? `https://${account}.table.${suffix}`,
        queueEndpoint: queueUri ?? `https://${account}.queue.${suffix}`,
      };
    }
    return {
      kind: 'memory',
      problem: `AzureWebJobsStorage__${queueUri ? 'tableServiceUri' : 'queueServiceUri'} is not set (identity-based storage by service URI needs AzureWebJobsStorage__queueServiceUri and AzureWebJobsStorage__tableServiceUri, or AzureWebJobsStorage__accountName)`,
    };
  }
  const account = settings.AzureWebJobsStorage__accountName;
  if (account) {
    const suffix = STORAGE_SUFFIX[settings.PULL_DOCTOR_AZURE_CLOUD];
    return { kind: 'identity', form: '__accountName', tableEndpoint: `https://${account}.table.${suffix}`, queueEndpoint: `https://${account}.queue.${suffix}` };
  }
  return { kind: 'memory' };
}

/** The connections the stores are built from (the credential is only asked for identity-based plans). */
export function storageConnections(plan: StoragePlan, credential: () => TokenCredential) {
  if (plan.kind === 'connection-string') return { table: { connectionString: plan.connectionString }, queue: { connectionString: plan.connectionString } };
  if (plan.kind === 'identity') return { table: { endpoint: plan.tableEndpoint, credential: credential() }, queue: { endpoint: plan.queueEndpoint, credential: credential() } };
  return undefined;
}

/**
 * Why the Functions handlers must not run, or undefined. In Azure (the platform sets
 * WEBSITE_SITE_NAME) memory stores would accept events that nothing ever drains: refuse instead,
 * naming the settings that are missing.
 */
export function storageRefusal(settings: StorageSettings & Pick<Settings, 'WEBSITE_SITE_NAME' | 'runningInAzure'>): string | undefined {
  if (!settings.runningInAzure) return undefined;
  const plan = storagePlan(settings);
  if (plan.kind !== 'memory') return undefined;
  return `pull-doctor runs in Azure (${settings.WEBSITE_SITE_NAME ? `WEBSITE_SITE_NAME=${settings.WEBSITE_SITE_NAME}` : 'WEBSITE_INSTANCE_ID set'}) without incident storage: ${
    plan.problem ?? 'set AzureWebJobsStorage__accountName (identity-based), AzureWebJobsStorage__queueServiceUri and AzureWebJobsStorage__tableServiceUri, or AzureWebJobsStorage'
  }; handlers answer 503 until it is set`;
}
