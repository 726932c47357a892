// The one identity pull-doctor runs as: the Functions host (storage, Key Vault references,
// Application Insights), the diagnosis (Azure Resource Manager, registries, Log Analytics) and,
// with msaAppType UserAssignedMSI, the Teams bot.
@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
output tenantId string = identity.properties.tenantId
