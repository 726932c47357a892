// The app's storage account: Functions host state, incident tables, the diagnose-job queue, the
// Flex Consumption deployment package and Event Grid dead letters. Reached only with Entra
// identities: shared keys are disabled, so there is no connection string to leak.
@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Blob container holding the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob container Event Grid writes undeliverable events to.')
param deadLetterContainerName string = 'eventgrid-deadletter'

@description('Queue of diagnose jobs; it and its -poison queue are created here.')
param queueName string

@description('Table holding incidents; created here.')
param tableName string

@description('Principal id of the app identity: data roles on the containers, queues and table below only, never the account.')
param appPrincipalId string

@description('Principal id of the Event Grid delivery identity: Blob Data Contributor on the dead-letter container only.')
param eventGridPrincipalId string

var roleIds = loadJsonContent('role-ids.json')
// What the Functions host and the app need, each scoped to the one container, queue or table it
// touches (all created here, so nothing needs account-wide create rights). The host keeps leases
// and keys in azure-webjobs-hosts / azure-webjobs-secrets (Blob Data Owner is what the Functions
// host documents for identity-based AzureWebJobsStorage), Flex Consumption reads the package from
// the deployment container, the queue trigger moves failures to <queue>-poison.
// https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
// https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory#resource-scope
var hostContainers = ['azure-webjobs-hosts', 'azure-webjobs-secrets']
var appQueues = [queueName, '${queueName}-poison']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: { publicAccess: 'None' }
}

resource hostContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in hostContainers: {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource appQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in appQueues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource incidentTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

resource hostContainerOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in hostContainers: {
    name: guid(hostContainer[i].id, appPrincipalId, roleIds['Storage Blob Data Owner'])
    scope: hostContainer[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Storage Blob Data Owner'])
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'pull-doctor Functions host state (${container})'
    }
  }
]

resource deploymentReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deploymentContainer.id, appPrincipalId, roleIds['Storage Blob Data Contributor'])
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Storage Blob Data Contributor'])
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Flex Consumption deployment package of pull-doctor'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queue, i) in appQueues: {
    name: guid(appQueue[i].id, appPrincipalId, roleIds['Storage Queue Data Contributor'])
    scope: appQueue[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Storage Queue Data Contributor'])
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      description: 'pull-doctor diagnose jobs (${queue})'
    }
  }
]

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(incidentTable.id, appPrincipalId, roleIds['Storage Table Data Contributor'])
  scope: incidentTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Storage Table Data Contributor'])
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'pull-doctor incidents'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, eventGridPrincipalId, roleIds['Storage Blob Data Contributor'])
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Storage Blob Data Contributor'])
    principalId: eventGridPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Event Grid writes undeliverable pull-doctor events here'
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
output deadLetterContainerName string = deadLetterContainer.name
