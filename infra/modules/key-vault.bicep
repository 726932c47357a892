// Key Vault (RBAC mode) for the chat secrets. The app reads them through Key Vault references
// (@Microsoft.KeyVault(SecretUri=…)) resolved by the platform with the app identity, which holds
// Key Vault Secrets User on this vault only. A secret is stored only when the operator provides it.
@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Principal id of the app identity: Key Vault Secrets User on this vault.')
param appPrincipalId string

@description('Secrets to store, name → value; entries with an empty value are skipped.')
@secure()
param secrets object

var roleIds = loadJsonContent('role-ids.json')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource storedSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in items(secrets): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: { value: secret.value }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, roleIds['Key Vault Secrets User'])
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Key Vault Secrets User'])
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'pull-doctor resolves its Key Vault references'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
