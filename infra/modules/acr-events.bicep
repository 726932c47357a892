// ACR push/delete events for one monitored registry: an Event Grid system topic on the registry
// and a subscription delivering ImagePushed/ImageDeleted to pull-doctor's Event Grid function.
// Deployed into the registry's resource group (a system topic lives beside its source).
// Azure allows one system topic per source: if the registry already has one, list it in
// existingSystemTopicName and only the subscription is added to it.
@description('Name of the monitored registry (in this deployment\'s resource group).')
param registryName string

@description('Name of an existing system topic of the registry to reuse; empty = create one.')
param existingSystemTopicName string = ''

@description('Resource id of the pull-doctor Function App.')
param functionAppId string

@description('Name of the Event Grid-triggered function that handles ACR events.')
param functionName string

@description('Resource id of the user-assigned identity Event Grid delivers dead letters with.')
param deliveryIdentityId string

@description('Resource id of the storage account holding the dead-letter container.')
param deadLetterStorageId string

@description('Dead-letter blob container name.')
param deadLetterContainerName string

@description('Tags applied to the system topic.')
param tags object = {}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource newTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (empty(existingSystemTopicName)) {
  name: 'pull-doctor-${registryName}'
  location: registry.location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${deliveryIdentityId}': {} }
  }
  properties: {
    source: registry.id
    topicType: 'Microsoft.ContainerRegistry.Registries'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: empty(existingSystemTopicName) ? 'pull-doctor-${registryName}' : existingSystemTopicName
}

resource imageEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'pull-doctor-image-events'
  dependsOn: [newTopic]
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/${functionName}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.ContainerRegistry.ImagePushed'
        'Microsoft.ContainerRegistry.ImageDeleted'
      ]
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
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

output systemTopicName string = topic.name
