// Reader on the whole subscription — deployed only when the operator sets
// grantSubscriptionWideReader: true (main.bicep). Never anything broader than Reader.
targetScope = 'subscription'

@description('Principal id of the pull-doctor identity.')
param principalId string

var roleIds = loadJsonContent('../role-ids.json')

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, roleIds.Reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.Reader)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'pull-doctor: subscription-wide Reader, requested by the operator (grantSubscriptionWideReader)'
  }
}
