// Azure changes that can break the next pull (issue 18): an Event Grid system topic on one resource
// group (Azure Resource Manager events of every resource in it) and a subscription that delivers
// only the operations pull-doctor watches (lib/prevent/change-rules.ts; test/infra checks the list
// matches) to its changeEvents function. Receiving events needs no role for pull-doctor's identity:
// Event Grid delivers to the function with its system key; the impact analysis then reads with the
// Reader/AcrPull/Log Analytics Reader grants it already has.
// Azure allows one system topic per source: if the group already has one, list it in
// existingSystemTopicName and only the subscription is added to it.
@description('Name of an existing Microsoft.Resources.ResourceGroups system topic of this resource group to reuse; empty = create one.')
param existingSystemTopicName string = ''

@description('Resource id of the pull-doctor Function App.')
param functionAppId string

@description('Name of the Event Grid-triggered function that handles change events.')
param functionName string

@description('Resource id of the user-assigned identity Event Grid delivers dead letters with.')
param deliveryIdentityId string

@description('Resource id of the storage account holding the dead-letter container.')
param deadLetterStorageId string

@description('Dead-letter blob container name.')
param deadLetterContainerName string

@description('Tags applied to the system topic.')
param tags object = {}

var topicName = empty(existingSystemTopicName) ? 'pull-doctor-changes-${resourceGroup().name}' : existingSystemTopicName

resource newTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (empty(existingSystemTopicName)) {
  name: topicName
  // Resource Manager system topics are global.
  location: 'global'
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${deliveryIdentityId}': {} }
  }
  properties: {
    source: resourceGroup().id
    topicType: 'Microsoft.Resources.ResourceGroups'
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource changeEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'pull-doctor-changes'
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
        'Microsoft.Resources.ResourceWriteSuccess'
        'Microsoft.Resources.ResourceDeleteSuccess'
      ]
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.operationName'
          values: [
            'Microsoft.Authorization/roleAssignments/delete'
            'Microsoft.ContainerRegistry/registries/write'
            'Microsoft.ContainerRegistry/registries/privateEndpointConnections/write'
            'Microsoft.ContainerRegistry/registries/privateEndpointConnections/delete'
            'Microsoft.Network/privateDnsZones/write'
            'Microsoft.Network/privateDnsZones/delete'
            'Microsoft.Network/privateDnsZones/virtualNetworkLinks/write'
            'Microsoft.Network/privateDnsZones/virtualNetworkLinks/delete'
            'Microsoft.Network/privateDnsZones/A/write'
            'Microsoft.Network/privateDnsZones/A/delete'
            'Microsoft.Network/privateEndpoints/write'
            'Microsoft.Network/privateEndpoints/delete'
            'Microsoft.Network/privateEndpoints/privateDnsZoneGroups/write'
            'Microsoft.Network/privateEndpoints/privateDnsZoneGroups/delete'
            'Microsoft.ContainerService/managedClusters/write'
            'Microsoft.ContainerService/managedClusters/agentPools/write'
            'Microsoft.ContainerService/managedClusters/agentPools/delete'
            'Microsoft.Network/natGateways/write'
            'Microsoft.Network/natGateways/delete'
            'Microsoft.Network/publicIPAddresses/write'
            'Microsoft.Network/publicIPAddresses/delete'
            'Microsoft.Network/loadBalancers/write'
          ]
        }
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
