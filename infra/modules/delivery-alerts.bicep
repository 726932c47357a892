// Delivery alerts on pull-doctor's own telemetry (issue 13): a diagnose job that used its last
// attempt (poison) and a chat message that could not be delivered for good. Storage's
// QueueMessageCount metric has no queue-name dimension (it counts the whole account), so the
// poison alert reads what the poison is made of instead: the job runner's error line and metric,
// and the Functions host's "Moving message to queue '<queue>-poison'" trace.
@description('Azure region of the alert rules.')
param location string

@description('Tags applied to the rules.')
param tags object = {}

@description('Resource id of the app\'s Application Insights component.')
param appInsightsId string

@description('Name of the diagnose queue (PULL_DOCTOR_QUEUE_NAME); its poison queue is <name>-poison.')
param queueName string

@description('Action groups notified (e.g. the on-call email/SMS group); empty = the alerts fire in the portal only.')
param actionGroupIds string[] = []

@description('Alert severity (0 critical … 4 verbose).')
@minValue(0)
@maxValue(4)
param severity int = 1

var rules = [
  {
    name: 'pull-doctor-poison-jobs'
    displayName: 'pull-doctor: diagnose job moved to ${queueName}-poison'
    description: 'A diagnose job failed on every attempt; its message was finished as "could not finish" and the job sits in the poison queue. `pull-doctor incidents` shows it with the reason.'
    query: 'union (traces | where message has "poisoned: incident"), (traces | where message startswith "Message has reached MaxDequeueCount" and message has "${queueName}-poison"), (customMetrics | where name == "pull_doctor.jobs.poisoned")'
  }
  {
    name: 'pull-doctor-chat-delivery-failed'
    displayName: 'pull-doctor: chat message could not be delivered'
    description: 'Slack or Teams refused a message for good (channel gone, bot not in the channel, auth). The incident records deliveryFailed (`pull-doctor incidents`).'
    query: 'union (traces | where message has "chat delivery failed for good"), (customMetrics | where name == "pull_doctor.chat.delivery_failures")'
  }
]

resource deliveryAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in rules: {
    name: rule.name
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: severity
      enabled: true
      scopes: [appInsightsId]
      targetResourceTypes: ['Microsoft.Insights/components']
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: actionGroupIds
      }
    }
  }
]
