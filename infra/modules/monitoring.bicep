// Log Analytics + workspace-based Application Insights for pull-doctor's own telemetry
// (OpenTelemetry traces per diagnosis, one span per check, metrics). Not the monitored clusters'
// workspaces: those are parameters of main.bicep.
@description('Name of the Log Analytics workspace for the app\'s own telemetry.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object = {}

@description('Principal id of the app identity, granted Monitoring Metrics Publisher on the component (local auth is off).')
param appPrincipalId string

@description('Days the app telemetry is kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

var roleIds = loadJsonContent('role-ids.json')

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted only with an Entra token of the app identity, so a leaked connection
    // string cannot be used to inject telemetry.
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appPrincipalId, roleIds['Monitoring Metrics Publisher'])
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds['Monitoring Metrics Publisher'])
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'pull-doctor sends its telemetry with Entra auth'
  }
}

output appInsightsId string = appInsights.id
output connectionString string = appInsights.properties.ConnectionString
output workspaceId string = workspace.id
