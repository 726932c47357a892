// Role assignments for the pull-doctor identity on a whole monitored resource group, for teams
// that prefer "everything in rg-aks" to listing each cluster and registry. Deployed with
// `scope: resourceGroup(sub, rg)`; the assignments take the deployment's scope.
@description('Names of built-in roles to assign (keys of role-ids.json).')
param roleNames string[]

@description('Principal id of the pull-doctor identity.')
param principalId string

@description('Why the role is granted; stored on the assignment.')
param reason string

var roleIds = loadJsonContent('../role-ids.json')

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in roleNames: {
    name: guid(resourceGroup().id, principalId, roleIds[role])
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: '${reason} (${role})'
    }
  }
]
