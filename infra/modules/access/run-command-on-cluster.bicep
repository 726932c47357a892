// Lets the pull-doctor identity use AKS Run Command on one monitored cluster (PULL_DOCTOR_IN_CLUSTER
// read or probe). No built-in role carries runCommand/action without also granting cluster writes
// (Azure Kubernetes Service Contributor Role is managedClusters/*), so a custom role with exactly the
// three actions Run Command needs is defined in the cluster's resource group and assigned on the
// cluster itself. Kubernetes RBAC inside the cluster still applies (README: the Role YAML).
@description('Resource id of the AKS cluster.')
param clusterId string

@description('Principal id of the pull-doctor identity.')
param principalId string

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: split(clusterId, '/')[8]
}

resource runCommandRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'pull-doctor-run-command')
  properties: {
    roleName: 'pull-doctor Run Command (${uniqueString(resourceGroup().id)})'
    description: 'Run read-only diagnostics through AKS Run Command (pull-doctor in-cluster evidence).'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.ContainerService/managedClusters/read'
          'Microsoft.ContainerService/managedClusters/runCommand/action'
          'Microsoft.ContainerService/managedClusters/commandResults/read'
        ]
        notActions: []
      }
    ]
    assignableScopes: [resourceGroup().id]
  }
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(clusterId, principalId, runCommandRole.id)
  scope: cluster
  properties: {
    roleDefinitionId: runCommandRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'pull-doctor in-cluster evidence through AKS Run Command'
  }
}
