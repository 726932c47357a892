/**
 * Azure built-in role definitions the sandbox serves, with their real ids and permission sets.
 * Source: Azure RBAC built-in roles reference (learn.microsoft.com/azure/role-based-access-control/
 * built-in-roles, categories General, Containers, Networking, Monitor) and the ACR built-in roles
 * directory reference (learn.microsoft.com/azure/container-registry/
 * container-registry-rbac-built-in-roles-directory-reference). Role ids are the same in every tenant.
 * Contributor's notActions are the list as published in 2024-2025; Azure occasionally appends to it.
 */
export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinitionSpec {
  /** The role definition GUID (the last segment of its id). */
  name: string;
  roleName: string;
  description: string;
  roleType: 'BuiltInRole' | 'CustomRole';
  permissions: RolePermission[];
  assignableScopes: string[];
}

function builtIn(name: string, roleName: string, description: string, p: Partial<RolePermission>): RoleDefinitionSpec {
  return {
    name,
    roleName,
    description,
    roleType: 'BuiltInRole',
    assignableScopes: ['/'],
    permissions: [{ actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] }],
  };
}

const REPO = 'Microsoft.ContainerRegistry/registries/repositories';

export const BUILTIN_ROLES: readonly RoleDefinitionSpec[] = [
  builtIn('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', {
    actions: ['*'],
  }),
  builtIn(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    {
      actions: ['*'],
      notActions: [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
      ],
    },
  ),
  builtIn('acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader', 'View all resources, but does not allow you to make any changes.', {
    actions: ['*/read'],
  }),
  builtIn('18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'User Access Administrator', 'Lets you manage user access to Azure resources.', {
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  }),
  builtIn('7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull', 'acr pull', {
    actions: ['Microsoft.ContainerRegistry/registries/pull/read'],
  }),
  builtIn('8311e382-0749-4cb8-b61a-304f252e45ec', 'AcrPush', 'acr push', {
    actions: ['Microsoft.ContainerRegistry/registries/pull/read', 'Microsoft.ContainerRegistry/registries/push/write'],
  }),
  builtIn('c2f4ef07-c644-48eb-af81-4b1b4947fb11', 'AcrDelete', 'acr delete', {
    actions: ['Microsoft.ContainerRegistry/registries/artifacts/delete'],
  }),
  builtIn('6cef56e8-d556-48e5-a04f-b8e64114680f', 'AcrImageSigner', 'acr image signer', {
    actions: ['Microsoft.ContainerRegistry/registries/sign/write'],
    dataActions: ['Microsoft.ContainerRegistry/registries/trustedCollections/write'],
  }),
  builtIn('cdda3590-29a3-44f6-95f2-9f980659eb04', 'AcrQuarantineReader', 'acr quarantine data reader', {
    actions: ['Microsoft.ContainerRegistry/registries/quarantine/read'],
    dataActions: ['Microsoft.ContainerRegistry/registries/quarantinedArtifacts/read'],
  }),
  builtIn('c8d4ff99-41c3-41a8-9f60-21dfdad59608', 'AcrQuarantineWriter', 'acr quarantine data writer', {
    actions: ['Microsoft.ContainerRegistry/registries/quarantine/read', 'Microsoft.ContainerRegistry/registries/quarantine/write'],
    dataActions: [
      'Microsoft.ContainerRegistry/registries/quarantinedArtifacts/read',
      'Microsoft.ContainerRegistry/registries/quarantinedArtifacts/write',
    ],
  }),
  // Repository roles for registries in "RBAC Registry + ABAC Repository Permissions" mode; there
  // AcrPull/AcrPush are not honoured for data access and these data actions are.
  builtIn(
    'b93aa761-3e63-49ed-ac28-beffa264f7ac',
    'Container Registry Repository Reader',
    'Allows for read access to Azure Container Registry repositories, but excluding catalog listing.',
    { dataActions: [`${REPO}/content/read`, `${REPO}/metadata/read`] },
  ),
  builtIn(
    '2a1e307c-b015-4ebd-883e-5b7698a07328',
    'Container Registry Repository Writer',
    'Allows for read and write access to Azure Container Registry repositories, but excluding catalog listing.',
    { dataActions: [`${REPO}/content/read`, `${REPO}/content/write`, `${REPO}/metadata/read`, `${REPO}/metadata/write`] },
  ),
  builtIn(
    '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    'Container Registry Repository Contributor',
    'Allows for read, write, and delete access to Azure Container Registry repositories, but excluding catalog listing.',
    {
      dataActions: [
        `${REPO}/content/read`,
        `${REPO}/content/write`,
        `${REPO}/content/delete`,
        `${REPO}/metadata/read`,
        `${REPO}/metadata/write`,
        `${REPO}/metadata/delete`,
      ],
    },
  ),
  builtIn(
    'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
    'Container Registry Repository Catalog Lister',
    'Allows for listing all repositories in an Azure Container Registry.',
    { dataActions: ['Microsoft.ContainerRegistry/registries/catalog/read'] },
  ),
  builtIn('4d97b98b-1d4f-4787-a291-c67834d212e7', 'Network Contributor', 'Lets you manage networks, but not access to them.', {
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Network/*',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
  }),
  builtIn('73c42c96-874c-492b-b04d-ab87d138a893', 'Log Analytics Reader', 'Log Analytics Reader can view and search all monitoring data as well as and view monitoring settings, including viewing the configuration of Azure diagnostics on all Azure resources.', {
    actions: [
      '*/read',
      'Microsoft.OperationalInsights/workspaces/analytics/query/action',
      'Microsoft.OperationalInsights/workspaces/search/action',
      'Microsoft.Support/*',
    ],
    notActions: ['Microsoft.OperationalInsights/workspaces/sharedKeys/read'],
  }),
  builtIn('4abbcc35-e782-43d8-92c5-2d3f1bd2253f', 'Azure Kubernetes Service Cluster User Role', 'List cluster user credential action.', {
    actions: ['Microsoft.ContainerService/managedClusters/listClusterUserCredential/action', 'Microsoft.ContainerService/managedClusters/read'],
  }),
];

/** Well-known ids, for tests and world authors. */
export const ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  acrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
  acrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
  repositoryReader: 'b93aa761-3e63-49ed-ac28-beffa264f7ac',
  repositoryWriter: '2a1e307c-b015-4ebd-883e-5b7698a07328',
  repositoryContributor: '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
  repositoryCatalogLister: 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893',
  aksClusterUser: '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
} as const;
