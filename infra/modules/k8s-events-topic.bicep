// Custom Event Grid topic the in-cluster forwarder (kubernetes-event-exporter, see
// infra/k8s-event-exporter/) publishes Kubernetes Warning events to, in CloudEvents 1.0, and the
// subscription that delivers them to pull-doctor's Event Grid function.
@description('Name of the custom topic.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the topic.')
param tags object = {}

@description('True = publishers must use Entra tokens (EventGrid Data Sender); false = the topic access key also works (what the exporter\'s webhook sink sends as aeg-sas-key).')
param disableLocalAuth bool = false

@description('Principal ids (e.g. the exporter\'s workload identity) granted EventGrid Data Sender on this topic only.')
param publisherPrincipalIds string[] = []

@description('Deliver events to the function (false before the code is deployed: the function must exist).')
param subscribeFunction bool

@description('Resource id of the pull-doctor Function App.')
param functionAppId string

@description('Name of the Event Grid-triggered function that handles Kubernetes events.')
param functionName string

@description('Resource id of the user-assigned identity Event Grid delivers dead letters with.')
param deliveryIdentityId string

@description('Resource id of the storage account holding the dead-letter container.')
param deadLetterStorageId string

@description('Dead-letter blob container name.')
param deadLetterContainerName string

var roleIds = loadJsonContent('role-ids.json')

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${deliveryIdentityId}': {} }
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: disableLocalAuth
  }
}

resource senders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in publisherPrincipalIds: {
    name: guid(topic.id, principalId, roleIds['EventGrid Data Sender'])
    scope: topic
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['EventGrid Data Sender'])
      principalId: principalId
      description: 'publishes Kubernetes events to pull-doctor'
    }
  }
]

resource toFunction 'Microsoft.EventGrid/topics/eventSubscriptions@2022-06-15' = if (subscribeFunction) {
  parent: topic
  name: 'pull-doctor-k8s-events'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/${functionName}'
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    retryPolicy: {
      maxDeliveryAttempts: 10
      eventTimeToLiveInMinutes: 60
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: deliveryIdentityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorageId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output id string = topic.id
output endpoint string = topic.properties.endpoint
