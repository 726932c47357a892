// Alerting: one log search alert (v2) per monitored Container insights workspace on KubeEvents
// pull failures, and optionally a managed Prometheus rule group per Azure Monitor workspace, both
// calling pull-doctor's alert endpoint through one action group (common alert schema).
// Deployed after the code (azure.yaml postdeploy hook), because the function key exists only
// once the Functions host has started.
@description('Azure region of the alert rules.')
param location string

@description('Tags applied to the rules and the action group.')
param tags object = {}

@description('Name of the pull-doctor Function App (its default host key authorises the webhook).')
param functionAppName string

@description('Object id of the Entra app registration the action group gets its secure webhook token for.')
@minLength(36)
param webhookAppObjectId string

@description('Client id of that app registration (its identifier URI is api://<client id>).')
@minLength(36)
param webhookAppId string

@description('Resource ids of the Log Analytics workspaces Container insights writes the monitored clusters\' KubeEvents to.')
param workspaceIds string[]

@description('KQL of the pull-failure alert: the same text as PULL_FAILURE_ALERT_QUERY in the code (checked by test/infra).')
param query string

@description('Result columns of the query that become alert dimensions (one alert per cluster, namespace, pod, image and kubelet reason); each must be a column the query returns.')
param dimensionColumns string[] = [
  'ClusterId'
  'Namespace'
  'Name'
  'Image'
  'Reason'
]

@description('How often the log alert runs (ISO 8601, PT1M to PT5M).')
@allowed(['PT1M', 'PT5M'])
param evaluationFrequency string = 'PT5M'

@description('Time span of KubeEvents each evaluation looks at (ISO 8601). Container insights ingests with a few minutes of delay, so keep it at least twice the frequency.')
param windowSize string = 'PT10M'

@description('Alert severity (0 critical … 4 verbose).')
@minValue(0)
@maxValue(4)
param severity int = 2

@description('Managed Prometheus targets: objects { azureMonitorWorkspaceId, clusterId }; empty = no Prometheus rule group.')
param prometheusTargets object[] = []

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// Two factors: the HTTP trigger /api/alerts uses function-level auth (the key in the URL, stored
// encrypted by Azure Monitor and not returned on GET), and the receiver is a secure webhook — the
// action group presents an Entra token for our app registration, which the app validates
// (lib/http/secure-webhook-auth.ts). https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups#secure-webhook
var alertEndpoint = 'https://${site.properties.defaultHostName}/api/alerts?code=${listKeys('${site.id}/host/default', '2024-04-01').functionKeys.default}'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${functionAppName}'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'pulldoctor'
    enabled: true
    webhookReceivers: [
      {
        name: 'pull-doctor'
        serviceUri: alertEndpoint
        useCommonAlertSchema: true
        useAadAuth: true
        objectId: webhookAppObjectId
        identifierUri: 'api://${webhookAppId}'
        tenantId: tenant().tenantId
      }
    ]
  }
}

resource pullFailureAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for (workspaceId, i) in workspaceIds: {
    name: 'pull-doctor-image-pull-failures-${uniqueString(workspaceId)}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'pull-doctor: image pull failures (${last(split(workspaceId, '/'))})'
      description: 'Pods failing to pull their image (ErrImagePull, ImagePullBackOff, InvalidImageName) in KubeEvents; pull-doctor diagnoses each and posts the cause.'
      severity: severity
      enabled: true
      scopes: [workspaceId]
      targetResourceTypes: ['Microsoft.OperationalInsights/workspaces']
      evaluationFrequency: evaluationFrequency
      windowSize: windowSize
      criteria: {
        allOf: [
          {
            query: query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            dimensions: [
              for column in dimensionColumns: {
                name: column
                operator: 'Include'
                values: ['*']
              }
            ]
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      // Resolved notifications let pull-doctor close the incident (issue 5, auto-resolve).
      autoMitigate: true
      actions: {
        actionGroups: [actionGroup.id]
        customProperties: {
          source: 'pull-doctor'
        }
      }
    }
  }
]

resource prometheusRules 'Microsoft.AlertsManagement/prometheusRuleGroups@2023-03-01' = [
  for target in prometheusTargets: {
    name: 'pull-doctor-${uniqueString(target.clusterId)}'
    location: location
    tags: tags
    properties: {
      description: 'pull-doctor: containers waiting in ErrImagePull/ImagePullBackOff'
      scopes: [
        target.azureMonitorWorkspaceId
        target.clusterId
      ]
      clusterName: last(split(target.clusterId, '/'))
      enabled: true
      interval: 'PT1M'
      rules: [
        {
          alert: 'PullDoctorImagePullBackOff'
          expression: 'sum by (cluster, namespace, pod, container) (kube_pod_container_status_waiting_reason{reason=~"ErrImagePull|ImagePullBackOff"}) > 0'
          for: 'PT2M'
          severity: severity
          enabled: true
          labels: { source: 'pull-doctor' }
          annotations: { summary: 'Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} cannot pull its image' }
          resolveConfiguration: {
            autoResolved: true
            timeToResolve: 'PT10M'
          }
          actions: [
            { actionGroupId: actionGroup.id }
          ]
        }
      ]
    }
  }
]

output actionGroupId string = actionGroup.id
output alertRuleIds string[] = [for (w, i) in workspaceIds: pullFailureAlerts[i].id]
