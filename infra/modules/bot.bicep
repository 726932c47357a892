// Azure Bot registration for Teams: messaging endpoint on the Function App, Teams channel on.
// UserAssignedMSI (default) uses the app's own identity, so there is no bot password at all;
// SingleTenant uses an Entra app registration created beforehand and its secret from Key Vault.
@description('Bot resource name (globally unique).')
param name string

@description('Display name shown in Teams.')
param displayName string = 'pull-doctor'

@description('Tags applied to the bot.')
param tags object = {}

@description('Host name of the Function App (messages go to https://<host>/api/messages).')
param functionAppHostName string

@description('UserAssignedMSI (the app identity) or SingleTenant (an existing Entra app registration).')
@allowed(['UserAssignedMSI', 'SingleTenant'])
param msaAppType string

@description('Client id: the identity\'s for UserAssignedMSI, the app registration\'s for SingleTenant.')
param msaAppId string

@description('Resource id of the user-assigned identity (UserAssignedMSI only).')
param identityId string

@description('Pricing tier: F0 (free, standard channels such as Teams are free) or S1.')
@allowed(['F0', 'S1'])
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: 'https://${functionAppHostName}/api/messages'
    msaAppId: msaAppId
    msaAppType: msaAppType
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? identityId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
output msaAppId string = msaAppId
