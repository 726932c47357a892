// The pull-doctor Function App on Flex Consumption (Linux, Node 22), running as the user-assigned
// identity: host storage by identity (no keys), Key Vault references resolved with that identity,
// telemetry to Application Insights with Entra auth.
@description('Function App name (also the *.azurewebsites.net host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to plan and app; the app also gets azd-service-name so `azd deploy` finds it.')
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Resource id of the Teams bot\'s own user-assigned identity (UserAssignedMSI bots); empty = none. The app holds it only to authenticate as the bot; it has no Azure roles.')
param botIdentityId string = ''

@description('Client id of that identity.')
param identityClientId string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('pull-doctor\'s own settings (lib/config/settings.ts), name → value; built in main.bicep.')
param appSettings object

@description('Maximum number of instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP trigger group (all HTTP functions); 0 = none.')
@minValue(0)
param alwaysReadyHttpInstances int = 1

// Settings the Functions host and platform read, not pull-doctor's code. Flex Consumption takes the
// runtime from functionAppConfig and rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION.
// AzureWebJobsStorage__accountName is one of pull-doctor's settings (main.bicep); with these two the
// host and the app connect to the account with the user-assigned identity.
// test/infra keeps this list to the names it allows.
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // Application Insights has local auth off: the host and the OpenTelemetry exporter authenticate
  // with the app identity. https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // The host refuses HTTP bodies over 2 MiB before the worker sees them (default 100 MB); each
  // route's own, smaller limit is in lib/http/bounded-body.ts.
  // https://learn.microsoft.com/azure/azure-functions/functions-app-settings#functions_request_body_size_limit
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '2097152'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: empty(botIdentityId) ? { '${identityId}': {} } : { '${identityId}': {}, '${botIdentityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Group `http` = every HTTP-triggered function (Learn: Flex Consumption, "Always ready instances").
        alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(hostSettings, appSettings)
}

output id string = site.id
output name string = site.name
output hostName string = site.properties.defaultHostName
