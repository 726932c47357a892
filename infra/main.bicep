// pull-doctor: everything it needs in Azure, deployed by `azd up` (see "Deploy to Azure" in README.md).
// Least privilege: the app identity gets read-only roles on exactly the clusters, registries,
// workspaces and network resources listed below (or their resource groups), data roles on its own
// storage account and Key Vault, and nothing subscription-wide unless grantSubscriptionWideReader.
// No Owner, Contributor or User Access Administrator anywhere (checked by test/infra).
targetScope = 'subscription'

// ─── Environment ────────────────────────────────────────────────────────────────────────────
@description('azd environment name; part of every resource name.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of the app\'s resources (Flex Consumption must be available there).')
param location string

@description('Resource group to create for the app; default rg-<environmentName>.')
param resourceGroupName string = ''

// ─── What pull-doctor may look at ───────────────────────────────────────────────────────────
@description('Resource ids of the monitored AKS clusters: Reader on each.')
param monitoredClusterIds string[] = []

@description('Resource ids of the monitored container registries (classic RBAC mode): Reader and AcrPull on each (AcrPull reads tags and manifests, it never writes).')
param monitoredRegistryIds string[] = []

@description('Resource ids of monitored registries in "RBAC Registry + ABAC Repository Permissions" mode, where AcrPull does not apply: Reader, Container Registry Repository Reader and Container Registry Repository Catalog Lister on each.')
param abacRegistryIds string[] = []

@description('Resource group ids whose clusters and registries are all monitored: Reader and AcrPull on each group.')
param monitoredResourceGroupIds string[] = []

@description('Resource ids of the Log Analytics workspaces the monitored clusters\' Container insights writes to: Log Analytics Reader on each, and one pull-failure alert rule each.')
param monitoredWorkspaceIds string[] = []

@description('Resource ids of the network resources the network checks read: VNets, private DNS zones (privatelink.azurecr.io), private endpoints, their NICs. Reader on each.')
param networkResourceIds string[] = []

@description('Grant Reader on this whole subscription as well (off by default; only for teams that accept it).')
param grantSubscriptionWideReader bool = false

@description('Subscriptions searched for registries by login server (PULL_DOCTOR_SUBSCRIPTIONS); empty = every subscription the identity can see.')
param searchSubscriptionIds string[] = []

@description('Cluster or resource group ids alerts and chat may ask about (PULL_DOCTOR_ALLOWED_CLUSTERS); empty = the monitored clusters and resource groups.')
param allowedClusterIds string[] = []

// ─── Triggers ──────────────────────────────────────────────────────────────────────────────
@description('Create alert rules and Event Grid subscriptions. They need the deployed functions (function key, Event Grid trigger), so azure.yaml\'s postdeploy hook sets WIRE_TRIGGERS=true and provisions again.')
param wireTriggers bool = false

@description('How often the pull-failure log alert runs.')
@allowed(['PT1M', 'PT5M'])
param alertEvaluationFrequency string = 'PT5M'

@description('Managed Prometheus alert targets: objects { azureMonitorWorkspaceId, clusterId }; empty = none.')
param prometheusAlertTargets object[] = []

@description('Resource ids of registries that already have an Event Grid system topic, mapped to its name ({ "<registry id>": "<topic name>" }); Azure allows one per registry.')
param existingRegistrySystemTopics object = {}

@description('Create the custom Event Grid topic an in-cluster forwarder posts Kubernetes events to.')
param deployKubernetesEventsTopic bool = true

@description('Principal ids allowed to publish to the Kubernetes events topic with Entra auth (EventGrid Data Sender).')
param kubernetesEventPublisherPrincipalIds string[] = []

@description('Kubernetes event senders bound to their clusters (PULL_DOCTOR_K8S_EVENT_SENDERS): [{cluster, sender, tokenSha256}] for the exporter\'s per-cluster webhook route, or [{cluster, topic}] for a per-cluster Event Grid topic.')
param kubernetesEventSenders object[] = []
@description('Client id of the Entra app registration the alert action group gets its secure webhook token for (infra/scripts/create-alert-webhook-app.sh makes it); required for the alert rules.')
param alertWebhookAppId string = ''

@description('Object id of that app registration (the action group\'s secure webhook names the app by object id).')
param alertWebhookAppObjectId string = ''

@description('Name of the Event Grid function for ACR events (functions/).')
param acrEventsFunctionName string = 'acrEvents'

@description('Name of the Event Grid function for forwarded Kubernetes events (functions/).')
param kubernetesEventsFunctionName string = 'k8sEvents'

// ─── Chat ──────────────────────────────────────────────────────────────────────────────────
@description('Where diagnoses are posted (PULL_DOCTOR_CHAT).')
@allowed(['slack', 'slack-webhook', 'teams', 'teams-workflow', 'console'])
param chatPlatform string = 'console'

@description('Slack channel id diagnoses are posted to (SLACK_CHANNEL_ID).')
param slackChannelId string = ''

@description('Slack bot token (xoxb-…); stored in Key Vault.')
@secure()
param slackBotToken string = ''

@description('Slack signing secret of the Slack app; stored in Key Vault.')
@secure()
param slackSigningSecret string = ''

@description('Slack incoming webhook URL (slack-webhook mode); stored in Key Vault.')
@secure()
param slackWebhookUrl string = ''

@description('Create the Azure Bot resource with the Teams channel.')
param deployTeamsBot bool = true

@description('Bot identity: UserAssignedMSI (the app identity, no password) or SingleTenant (an Entra app registration made beforehand).')
@allowed(['UserAssignedMSI', 'SingleTenant'])
param teamsBotAppType string = 'UserAssignedMSI'

@description('SingleTenant only: client id of the bot\'s Entra app registration.')
param teamsBotAppId string = ''

@description('SingleTenant only: client secret of that app registration; stored in Key Vault.')
@secure()
param teamsBotPassword string = ''

@description('Teams channel id diagnoses are posted to (TEAMS_CHANNEL_ID), e.g. 19:…@thread.tacv2.')
param teamsChannelId string = ''

@description('Tenant of the Teams channel (TEAMS_TENANT_ID); empty = the bot\'s tenant.')
param teamsTenantId string = ''

@description('Teams Workflows webhook URL (teams-workflow mode); stored in Key Vault.')
@secure()
param teamsWorkflowWebhookUrl string = ''

@description('Comma-separated chat ids (slack:C…, slack:U…, teams:19:…@thread.tacv2, group:<Entra group id>) that may run diagnose, recheck, why and status (PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW); empty = nobody.')
param chatDiagnoseAllow string = ''

@description('Comma-separated chat ids that may also mute and resolve incidents (PULL_DOCTOR_CHAT_ADMIN_ALLOW); empty = nobody.')
param chatAdminAllow string = ''

@description('Base URL of the full report linked from truncated messages (PULL_DOCTOR_FULL_REPORT_URL).')
param fullReportUrl string = ''

// ─── Tuning ────────────────────────────────────────────────────────────────────────────────
@description('Queue of diagnose jobs (PULL_DOCTOR_QUEUE_NAME).')
param diagnoseQueueName string = 'pull-doctor-diagnose'

@description('Table holding incidents (PULL_DOCTOR_INCIDENT_TABLE).')
param incidentTableName string = 'pulldoctorincidents'

@description('Minutes between automatic re-diagnoses of one incident (PULL_DOCTOR_DEBOUNCE_MINUTES).')
@minValue(0)
param debounceMinutes int = 10

@description('Minutes without failures after which an open incident is re-checked and resolved (PULL_DOCTOR_QUIET_PERIOD_MINUTES).')
@minValue(1)
param quietPeriodMinutes int = 30

@description('Action group ids notified by the delivery alerts (poison jobs, chat delivery failures); empty = portal only.')
param operationsActionGroupIds array = []

@description('Days a resolved incident is kept before the timer deletes it (PULL_DOCTOR_RESOLVED_RETENTION_DAYS).')
@minValue(1)
param resolvedRetentionDays int = 30

@description('Seconds Azure lookups are reused across diagnoses (PULL_DOCTOR_CACHE_TTL_SECONDS).')
@minValue(0)
param cacheTtlSeconds int = 60

@description('Time budget of one check in milliseconds (PULL_DOCTOR_CHECK_TIMEOUT_MS).')
@minValue(1000)
param checkTimeoutMs int = 10000

@description('In-cluster evidence through AKS Run Command (PULL_DOCTOR_IN_CLUSTER): off, read or probe. Anything but off grants the identity a custom role with managedClusters/runCommand/action and commandResults/read on each monitored cluster.')
@allowed(['off', 'read', 'probe'])
param inClusterMode string = 'off'

@description('Maximum Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Always-ready instances of the HTTP group (Slack, Teams, alert and Event Grid webhooks): no cold start for the first request after idle. Billed continuously (baseline GB-s of instanceMemoryMB), see README "Cold start and packaging"; 0 scales fully to zero.')
@minValue(0)
@maxValue(20)
param alwaysReady int = 1

// ─── Names ─────────────────────────────────────────────────────────────────────────────────
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, app: 'pull-doctor' }
var rgName = empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
var functionAppName = 'func-pull-doctor-${token}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: rgName
  location: location
  tags: tags
}

// ─── Identity, storage, telemetry, secrets ─────────────────────────────────────────────────
module appIdentity 'modules/identity.bicep' = {
  name: 'app-identity'
  scope: rg
  params: { name: 'id-pull-doctor-${token}', location: location, tags: tags }
}

// The Teams bot authenticates to the Bot Framework as its own identity, which holds no Azure role:
// the identity that reads the estate and pulls from registries is never the bot.
module botIdentity 'modules/identity.bicep' = if (deployTeamsBot && teamsBotAppType == 'UserAssignedMSI') {
  name: 'bot-identity'
  scope: rg
  params: { name: 'id-pull-doctor-bot-${token}', location: location, tags: tags }
}

// Event Grid writes dead letters with its own identity, which can touch only that container.
module eventGridIdentity 'modules/identity.bicep' = {
  name: 'eventgrid-identity'
  scope: rg
  params: { name: 'id-pull-doctor-eventgrid-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stpd${token}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueName: diagnoseQueueName
    tableName: incidentTableName
    appPrincipalId: appIdentity.outputs.principalId
    eventGridPrincipalId: eventGridIdentity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-pull-doctor-${token}'
    appInsightsName: 'appi-pull-doctor-${token}'
    location: location
    tags: tags
    appPrincipalId: appIdentity.outputs.principalId
  }
}

// Poison jobs and chat delivery failures alert on the app's own telemetry (issue 13).
module deliveryAlerts 'modules/delivery-alerts.bicep' = {
  name: 'delivery-alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    queueName: diagnoseQueueName
    actionGroupIds: operationsActionGroupIds
  }
}

// Key Vault secret names. A secret is stored when its parameter has a value, and an app setting
// references it only then (and only in the chat mode that needs it): the app never receives a
// reference the platform cannot resolve, whose literal text would otherwise arrive as the "secret".
// Keep the values in the azd environment for later provisions; without one the setting is empty
// and the endpoints that need it answer 503 (lib/config/secret-settings.ts).
var secretNames = {
  slackBotToken: 'slack-bot-token'
  slackSigningSecret: 'slack-signing-secret'
  slackWebhookUrl: 'slack-webhook-url'
  teamsBotPassword: 'teams-bot-password'
  teamsWorkflowWebhookUrl: 'teams-workflow-webhook-url'
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-pd-${token}'
    location: location
    tags: tags
    appPrincipalId: appIdentity.outputs.principalId
    secrets: {
      '${secretNames.slackBotToken}': slackBotToken
      '${secretNames.slackSigningSecret}': slackSigningSecret
      '${secretNames.slackWebhookUrl}': slackWebhookUrl
      '${secretNames.teamsBotPassword}': teamsBotAppType == 'SingleTenant' ? teamsBotPassword : ''
      '${secretNames.teamsWorkflowWebhookUrl}': teamsWorkflowWebhookUrl
    }
  }
}

var kvRefPrefix = '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/'

// ─── The Function App and its settings ─────────────────────────────────────────────────────
var botAppId = teamsBotAppType == 'UserAssignedMSI' ? (deployTeamsBot ? botIdentity!.outputs.clientId : '') : teamsBotAppId

// Read back from the monitored workspaces and registries (outputs of the access deployments).
var workspaceCustomerIds = [for (id, i) in monitoredWorkspaceIds: workspaceAccess[i].outputs.workspaceCustomerId]
var registryLoginServers = concat(
  [for (id, i) in monitoredRegistryIds: registryAccess[i].outputs.registryLoginServer],
  [for (id, i) in abacRegistryIds: abacRegistryAccess[i].outputs.registryLoginServer]
)

// The alert rules modules/alerts.bicep creates (same names): the webhook acts on these, not on
// every alert of a shared action group.
var pullDoctorAlertRuleNames = [for id in monitoredWorkspaceIds: 'pull-doctor-image-pull-failures-${uniqueString(id)}']

// Every setting in lib/config/settings.ts SETTINGS, and nothing else (test/infra checks both ways),
// except AzureWebJobsStorage: intentionally not set in Azure — the identity-based
// AzureWebJobsStorage__accountName/__credential/__clientId replace the connection string there;
// AzureWebJobsStorage__queueServiceUri/__tableServiceUri: intentionally not set — the account name
// form is used here, the service-URI form is for deployments that prefer it;
// WEBSITE_SITE_NAME: intentionally not set — the platform sets it.
var appSettings = {
  AZURE_CLIENT_ID: appIdentity.outputs.clientId
  PULL_DOCTOR_SUBSCRIPTIONS: join(searchSubscriptionIds, ',')
  PULL_DOCTOR_ALLOWED_CLUSTERS: join(empty(allowedClusterIds) ? concat(monitoredClusterIds, monitoredResourceGroupIds) : allowedClusterIds, ',')
  PULL_DOCTOR_CACHE_TTL_SECONDS: string(cacheTtlSeconds)
  PULL_DOCTOR_CHECK_TIMEOUT_MS: string(checkTimeoutMs)
  PULL_DOCTOR_IN_CLUSTER: inClusterMode
  // AzureCloud, AzureChinaCloud or AzureUSGovernment: the cloud this deployment runs in.
  PULL_DOCTOR_AZURE_CLOUD: environment().name
  PULL_DOCTOR_CHAT: chatPlatform
  PULL_DOCTOR_FULL_REPORT_URL: fullReportUrl
  SLACK_BOT_TOKEN: (chatPlatform == 'slack' && !empty(slackBotToken)) ? '${kvRefPrefix}${secretNames.slackBotToken}/)' : ''
  SLACK_CHANNEL_ID: slackChannelId
  SLACK_SIGNING_SECRET: (startsWith(chatPlatform, 'slack') && !empty(slackSigningSecret)) ? '${kvRefPrefix}${secretNames.slackSigningSecret}/)' : ''
  SLACK_WEBHOOK_URL: (chatPlatform == 'slack-webhook' && !empty(slackWebhookUrl)) ? '${kvRefPrefix}${secretNames.slackWebhookUrl}/)' : ''
  SLACK_API_URL: 'https://slack.com/api/'
  MicrosoftAppId: deployTeamsBot ? botAppId : ''
  MicrosoftAppPassword: (deployTeamsBot && teamsBotAppType == 'SingleTenant' && !empty(teamsBotPassword)) ? '${kvRefPrefix}${secretNames.teamsBotPassword}/)' : ''
  MicrosoftAppTenantId: tenant().tenantId
  MicrosoftAppType: teamsBotAppType
  TEAMS_CHANNEL_ID: teamsChannelId
  TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/'
  TEAMS_TENANT_ID: teamsTenantId
  TEAMS_WORKFLOW_WEBHOOK_URL: (chatPlatform == 'teams-workflow' && !empty(teamsWorkflowWebhookUrl)) ? '${kvRefPrefix}${secretNames.teamsWorkflowWebhookUrl}/)' : ''
  AzureWebJobsStorage__accountName: storage.outputs.name
  PULL_DOCTOR_QUEUE_NAME: diagnoseQueueName
  PULL_DOCTOR_INCIDENT_TABLE: incidentTableName
  PULL_DOCTOR_DEBOUNCE_MINUTES: string(debounceMinutes)
  PULL_DOCTOR_QUIET_PERIOD_MINUTES: string(quietPeriodMinutes)
  PULL_DOCTOR_RESOLVED_RETENTION_DAYS: string(resolvedRetentionDays)
  PULL_DOCTOR_WORKSPACE_IDS: join(workspaceCustomerIds, ',')
  PULL_DOCTOR_ALERT_RULES: join(concat(pullDoctorAlertRuleNames, empty(prometheusAlertTargets) ? [] : ['PullDoctorImagePullBackOff']), ',')
  PULL_DOCTOR_K8S_EVENT_SENDERS: empty(kubernetesEventSenders) ? '' : string(kubernetesEventSenders)
  // Registries of monitored resource groups are not listed one by one: then accept any registry
  // (events arrive only from the registries subscribed below anyway).
  PULL_DOCTOR_ALLOWED_REGISTRIES: empty(monitoredResourceGroupIds) ? join(registryLoginServers, ',') : ''
  PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: chatDiagnoseAllow
  PULL_DOCTOR_CHAT_ADMIN_ALLOW: chatAdminAllow
  // Unauthenticated Bot Framework requests are for the local emulator only.
  PULL_DOCTOR_BOT_LOCAL_MODE: 'false'
  // The alert webhook's second factor: the action group's Entra token for this app registration.
  PULL_DOCTOR_ALERT_AUTH_APP_ID: alertWebhookAppId
  PULL_DOCTOR_ALERT_AUTH_TENANT_ID: tenant().tenantId
  // Local runs only (the built-in sandbox instead of Azure): always off in Azure.
  PULL_DOCTOR_SANDBOX_WORLD: ''
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-pull-doctor-${token}'
    location: location
    tags: tags
    identityId: appIdentity.outputs.id
    identityClientId: appIdentity.outputs.clientId
    botIdentityId: (deployTeamsBot && teamsBotAppType == 'UserAssignedMSI') ? botIdentity!.outputs.id : ''
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    appSettings: appSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReady
  }
}

// ─── Least-privilege access to the monitored estate ────────────────────────────────────────
// Each assignment is made by a small deployment in the target's own resource group (which may be
// in another subscription), scoped to the resource itself.

module clusterAccess 'modules/access/roles-on-resource.bicep' = [
  for id in monitoredClusterIds: {
    name: 'access-cluster-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      targetResourceId: id
      roleNames: ['Reader']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor reads the cluster: kubelet identity, node pools, network'
    }
  }
]

// Only when in-cluster evidence is on: Run Command on each monitored cluster (a custom role, see the module).
// Not granted here: the Microsoft Graph application permission Application.Read.All that pull-secret
// uses to read a service principal's secret expiry. It is an app role on the tenant's Microsoft Graph
// service principal, a tenant admin grant outside any resource-group deployment; the README
// ("In-cluster evidence") gives the commands. Without it that expiry is reported unknown.
module clusterRunCommand 'modules/access/run-command-on-cluster.bicep' = [
  for id in (inClusterMode == 'off' ? [] : monitoredClusterIds): {
    name: 'access-runcommand-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      clusterId: id
      principalId: appIdentity.outputs.principalId
    }
  }
]

module registryAccess 'modules/access/roles-on-resource.bicep' = [
  for id in monitoredRegistryIds: {
    name: 'access-acr-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      targetResourceId: id
      roleNames: ['Reader', 'AcrPull']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor reads the registry settings, role assignments, tags and manifests'
    }
  }
]

module abacRegistryAccess 'modules/access/roles-on-resource.bicep' = [
  for id in abacRegistryIds: {
    name: 'access-acr-abac-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      targetResourceId: id
      roleNames: ['Reader', 'Container Registry Repository Reader', 'Container Registry Repository Catalog Lister']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor reads the registry settings, repositories, tags and manifests (ABAC repository permissions)'
    }
  }
]

module workspaceAccess 'modules/access/roles-on-resource.bicep' = [
  for id in monitoredWorkspaceIds: {
    name: 'access-log-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      targetResourceId: id
      roleNames: ['Log Analytics Reader']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor queries KubeEvents, KubePodInventory and KubeNodeInventory'
    }
  }
]

module networkAccess 'modules/access/roles-on-resource.bicep' = [
  for id in networkResourceIds: {
    name: 'access-net-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      targetResourceId: id
      roleNames: ['Reader']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor reads private endpoints, VNet peering and private DNS records'
    }
  }
]

module resourceGroupAccess 'modules/access/roles-on-resource-group.bicep' = [
  for id in monitoredResourceGroupIds: {
    name: 'access-rg-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      roleNames: ['Reader', 'AcrPull']
      principalId: appIdentity.outputs.principalId
      reason: 'pull-doctor reads the clusters and registries of this resource group'
    }
  }
]

module subscriptionReader 'modules/access/reader-on-subscription.bicep' = if (grantSubscriptionWideReader) {
  name: 'access-subscription-reader'
  params: { principalId: appIdentity.outputs.principalId }
}

// ─── Teams ─────────────────────────────────────────────────────────────────────────────────
module bot 'modules/bot.bicep' = if (deployTeamsBot) {
  name: 'teams-bot'
  scope: rg
  params: {
    name: 'bot-pull-doctor-${token}'
    tags: tags
    functionAppHostName: functionApp.outputs.hostName
    msaAppType: teamsBotAppType
    msaAppId: botAppId
    identityId: teamsBotAppType == 'UserAssignedMSI' ? botIdentity!.outputs.id : ''
  }
}

// ─── Triggers: alerts and Event Grid (second provision, after the code is deployed) ────────
// Alert rules need the secure webhook's app registration (made by the postdeploy hook).
module alerts 'modules/alerts.bicep' = if (wireTriggers && !empty(alertWebhookAppObjectId) && (!empty(monitoredWorkspaceIds) || !empty(prometheusAlertTargets))) {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    functionAppName: functionApp.outputs.name
    webhookAppObjectId: alertWebhookAppObjectId
    webhookAppId: alertWebhookAppId
    workspaceIds: monitoredWorkspaceIds
    query: loadTextContent('alerts/pull-failure-alert.kql')
    evaluationFrequency: alertEvaluationFrequency
    prometheusTargets: prometheusAlertTargets
  }
}

module acrEvents 'modules/acr-events.bicep' = [
  for id in concat(monitoredRegistryIds, abacRegistryIds): if (wireTriggers) {
    name: 'acr-events-${uniqueString(id)}'
    scope: resourceGroup(split(id, '/')[2], split(id, '/')[4])
    params: {
      registryName: last(split(id, '/'))
      existingSystemTopicName: existingRegistrySystemTopics[?id] ?? ''
      functionAppId: functionApp.outputs.id
      functionName: acrEventsFunctionName
      deliveryIdentityId: eventGridIdentity.outputs.id
      deadLetterStorageId: storage.outputs.id
      deadLetterContainerName: storage.outputs.deadLetterContainerName
      tags: tags
    }
  }
]

module kubernetesEvents 'modules/k8s-events-topic.bicep' = if (deployKubernetesEventsTopic) {
  name: 'k8s-events-topic'
  scope: rg
  params: {
    name: 'egt-pull-doctor-k8s-${token}'
    location: location
    tags: tags
    publisherPrincipalIds: kubernetesEventPublisherPrincipalIds
    subscribeFunction: wireTriggers
    functionAppId: functionApp.outputs.id
    functionName: kubernetesEventsFunctionName
    deliveryIdentityId: eventGridIdentity.outputs.id
    deadLetterStorageId: storage.outputs.id
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

// ─── Outputs (azd stores them in the environment: `azd env get-values`) ─────────────────────
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.hostName}'
output ALERTS_ENDPOINT string = 'https://${functionApp.outputs.hostName}/api/alerts'
output TEAMS_MESSAGING_ENDPOINT string = 'https://${functionApp.outputs.hostName}/api/messages'
output SLACK_COMMANDS_URL string = 'https://${functionApp.outputs.hostName}/api/slack/commands'
output SLACK_INTERACTIONS_URL string = 'https://${functionApp.outputs.hostName}/api/slack/interactions'
output APP_IDENTITY_PRINCIPAL_ID string = appIdentity.outputs.principalId
output APP_IDENTITY_CLIENT_ID string = appIdentity.outputs.clientId
output BOT_ID string = deployTeamsBot ? botAppId : ''
output KEY_VAULT_NAME string = keyVault.outputs.name
output KUBERNETES_EVENTS_TOPIC_ENDPOINT string = deployKubernetesEventsTopic ? kubernetesEvents!.outputs.endpoint : ''
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
