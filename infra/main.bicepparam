// Parameters for `azd up`, read from the azd environment (`azd env set NAME value`, stored in
// .azure/<env>/.env). Lists are JSON arrays, e.g.
//   azd env set PULL_DOCTOR_CLUSTER_IDS '["/subscriptions/…/managedClusters/aks-prod"]'
// Secrets set here go to Key Vault; the app settings only hold Key Vault references.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')
param resourceGroupName = readEnvironmentVariable('AZURE_RESOURCE_GROUP', '')

param monitoredClusterIds = json(readEnvironmentVariable('PULL_DOCTOR_CLUSTER_IDS', '[]'))
param monitoredRegistryIds = json(readEnvironmentVariable('PULL_DOCTOR_REGISTRY_IDS', '[]'))
param abacRegistryIds = json(readEnvironmentVariable('PULL_DOCTOR_ABAC_REGISTRY_IDS', '[]'))
param monitoredResourceGroupIds = json(readEnvironmentVariable('PULL_DOCTOR_RESOURCE_GROUP_IDS', '[]'))
param monitoredWorkspaceIds = json(readEnvironmentVariable('PULL_DOCTOR_WORKSPACE_RESOURCE_IDS', '[]'))
param networkResourceIds = json(readEnvironmentVariable('PULL_DOCTOR_NETWORK_IDS', '[]'))
param grantSubscriptionWideReader = bool(readEnvironmentVariable('PULL_DOCTOR_SUBSCRIPTION_READER', 'false'))
param searchSubscriptionIds = json(readEnvironmentVariable('PULL_DOCTOR_SEARCH_SUBSCRIPTION_IDS', '[]'))
param allowedClusterIds = json(readEnvironmentVariable('PULL_DOCTOR_ALLOWED_CLUSTER_IDS', '[]'))

param wireTriggers = bool(readEnvironmentVariable('WIRE_TRIGGERS', 'false'))
param alertEvaluationFrequency = readEnvironmentVariable('PULL_DOCTOR_ALERT_FREQUENCY', 'PT5M')
param prometheusAlertTargets = json(readEnvironmentVariable('PULL_DOCTOR_PROMETHEUS_TARGETS', '[]'))
param existingRegistrySystemTopics = json(readEnvironmentVariable('PULL_DOCTOR_EXISTING_ACR_TOPICS', '{}'))
param deployKubernetesEventsTopic = bool(readEnvironmentVariable('PULL_DOCTOR_K8S_EVENTS_TOPIC', 'true'))
param alertWebhookAppId = readEnvironmentVariable('ALERT_WEBHOOK_APP_ID', '')
param alertWebhookAppObjectId = readEnvironmentVariable('ALERT_WEBHOOK_APP_OBJECT_ID', '')
param kubernetesEventPublisherPrincipalIds = json(readEnvironmentVariable('PULL_DOCTOR_K8S_EVENT_PUBLISHERS', '[]'))
param kubernetesEventSenders = json(readEnvironmentVariable('PULL_DOCTOR_K8S_EVENT_SENDERS', '[]'))

param chatPlatform = readEnvironmentVariable('PULL_DOCTOR_CHAT', 'console')
param inClusterMode = readEnvironmentVariable('PULL_DOCTOR_IN_CLUSTER', 'off')
param slackChannelId = readEnvironmentVariable('SLACK_CHANNEL_ID', '')
param slackBotToken = readEnvironmentVariable('SLACK_BOT_TOKEN', '')
param slackSigningSecret = readEnvironmentVariable('SLACK_SIGNING_SECRET', '')
param slackWebhookUrl = readEnvironmentVariable('SLACK_WEBHOOK_URL', '')
param deployTeamsBot = bool(readEnvironmentVariable('PULL_DOCTOR_TEAMS_BOT', 'true'))
param teamsBotAppType = readEnvironmentVariable('TEAMS_BOT_APP_TYPE', 'UserAssignedMSI')
param teamsBotAppId = readEnvironmentVariable('TEAMS_BOT_APP_ID', '')
param teamsBotPassword = readEnvironmentVariable('TEAMS_BOT_PASSWORD', '')
param teamsChannelId = readEnvironmentVariable('TEAMS_CHANNEL_ID', '')
param teamsTenantId = readEnvironmentVariable('TEAMS_TENANT_ID', '')
param teamsWorkflowWebhookUrl = readEnvironmentVariable('TEAMS_WORKFLOW_WEBHOOK_URL', '')
param chatDiagnoseAllow = readEnvironmentVariable('PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW', '')
param chatAdminAllow = readEnvironmentVariable('PULL_DOCTOR_CHAT_ADMIN_ALLOW', '')
param fullReportUrl = readEnvironmentVariable('PULL_DOCTOR_FULL_REPORT_URL', '')
