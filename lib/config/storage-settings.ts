/** Storage and retention settings (listed in SETTINGS through this object; kept here to keep settings.ts short). */
export const STORAGE_SETTINGS = {
  AzureWebJobsStorage__accountName: {
    description:
      'Storage account for identity-based connections (https://<name>.queue/.table.<cloud suffix>, the suffix of PULL_DOCTOR_AZURE_CLOUD); the identity needs Storage Queue Data Contributor and Storage Table Data Contributor.',
    example: '',
  },
  AzureWebJobsStorage__queueServiceUri: {
    description:
      'Identity-based connection by service URI instead of the account name: the Queue service URI (https://<account>.queue.core.windows.net); needs AzureWebJobsStorage__tableServiceUri (or __accountName) for the incident table.',
    example: '',
  },
  AzureWebJobsStorage__tableServiceUri: {
    description: 'Identity-based connection by service URI: the Table service URI (https://<account>.table.core.windows.net) of the incident table.',
    example: '',
  },
  WEBSITE_SITE_NAME: {
    description:
      'Set by App Service / Azure Functions, never by hand: its presence means "running in Azure", where pull-doctor refuses to run on in-memory incidents and queue (handlers answer 503 naming the missing storage setting).',
    example: '',
  },
  PULL_DOCTOR_RESOLVED_RETENTION_DAYS: {
    description: 'Resolved incidents are kept this many days after their last change, then deleted by the timer (processed-event keys: 2 days; tags and job failures: 30 days).',
    example: '30',
  },
};
