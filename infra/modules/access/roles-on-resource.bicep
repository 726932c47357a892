// Role assignments for the pull-doctor identity on one monitored resource, deployed into that
// resource's own resource group (main.bicep sets `scope: resourceGroup(sub, rg)`), so the
// assignment's scope is the resource itself and nothing wider.
// A role assignment's scope must be a typed resource, so each supported resource type has its
// own `existing` reference; exactly one of them matches the id.
@description('Resource id of the monitored resource (cluster, registry, workspace, VNet, private DNS zone, private endpoint or NIC).')
param targetResourceId string

@description('Names of built-in roles to assign (keys of role-ids.json).')
param roleNames string[]

@description('Principal id of the pull-doctor identity.')
param principalId string

@description('Why the role is granted; stored on the assignment.')
param reason string

var roleIds = loadJsonContent('../role-ids.json')
var segments = split(targetResourceId, '/')
var resourceType = toLower('${segments[6]}/${segments[7]}')
var resourceName = segments[8]

var isCluster = resourceType == 'microsoft.containerservice/managedclusters'
var isRegistry = resourceType == 'microsoft.containerregistry/registries'
var isWorkspace = resourceType == 'microsoft.operationalinsights/workspaces'
var isVnet = resourceType == 'microsoft.network/virtualnetworks'
var isDnsZone = resourceType == 'microsoft.network/privatednszones'
var isPrivateEndpoint = resourceType == 'microsoft.network/privateendpoints'
var isNic = resourceType == 'microsoft.network/networkinterfaces'

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = if (isCluster) {
  name: resourceName
}
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (isRegistry) {
  name: resourceName
}
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = if (isWorkspace) {
  name: resourceName
}
resource vnet 'Microsoft.Network/virtualNetworks@2024-01-01' existing = if (isVnet) {
  name: resourceName
}
resource dnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' existing = if (isDnsZone) {
  name: resourceName
}
resource privateEndpoint 'Microsoft.Network/privateEndpoints@2024-01-01' existing = if (isPrivateEndpoint) {
  name: resourceName
}
resource nic 'Microsoft.Network/networkInterfaces@2024-01-01' existing = if (isNic) {
  name: resourceName
}

var assignments = [
  for role in roleNames: {
    name: guid(targetResourceId, principalId, roleIds[role])
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[role])
      principalId: principalId
      principalType: 'ServicePrincipal'
      description: '${reason} (${role})'
    }
  }
]

resource onCluster 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isCluster) {
    name: a.name
    scope: cluster
    properties: a.properties
  }
]
resource onRegistry 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isRegistry) {
    name: a.name
    scope: registry
    properties: a.properties
  }
]
resource onWorkspace 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isWorkspace) {
    name: a.name
    scope: workspace
    properties: a.properties
  }
]
resource onVnet 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isVnet) {
    name: a.name
    scope: vnet
    properties: a.properties
  }
]
resource onDnsZone 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isDnsZone) {
    name: a.name
    scope: dnsZone
    properties: a.properties
  }
]
resource onPrivateEndpoint 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isPrivateEndpoint) {
    name: a.name
    scope: privateEndpoint
    properties: a.properties
  }
]
resource onNic 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in assignments: if (isNic) {
    name: a.name
    scope: nic
    properties: a.properties
  }
]

@description('Log Analytics workspace id (customerId GUID) when the target is a workspace, else empty.')
output workspaceCustomerId string = isWorkspace ? workspace.properties.customerId : ''

@description('Registry login server when the target is a registry, else empty.')
output registryLoginServer string = isRegistry ? registry.properties.loginServer : ''

@description('False when the id is of a type this module does not know (nothing was assigned).')
output supported bool = isCluster || isRegistry || isWorkspace || isVnet || isDnsZone || isPrivateEndpoint || isNic
