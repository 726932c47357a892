/** What an ARM route answers: status, JSON body, extra headers. The server writes it. */
export interface ArmResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): ArmResponse {
  return { status: 200, body };
}

/** ARM's error envelope: `{ "error": { "code", "message" } }` (ARM RPC "Error Response Content"). */
export function armError(status: number, code: string, message: string, headers?: Record<string, string>): ArmResponse {
  return { status, body: { error: { code, message } }, headers };
}

const NOT_FOUND_HELP = 'For more details please go to https://aka.ms/ARMResourceNotFoundFix';

// Messages below follow the text Azure Resource Manager sends for these codes.
export const armErrors = {
  missingApiVersion: () =>
    armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'),
  invalidApiVersion: (value: string) =>
    armError(400, 'InvalidApiVersionParameter', `The api-version '${value}' is invalid. The supported versions are dates like '2023-01-01' or '2023-01-01-preview'.`),
  authenticationMissing: () =>
    armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", {
      'www-authenticate':
        'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
    }),
  authenticationMalformed: () =>
    armError(401, 'InvalidAuthenticationToken', "The access token is invalid. The 'Authorization' header must be 'Bearer <token>'."),
  authorizationFailed: (principalId: string, action: string, scope: string) =>
    armError(
      403,
      'AuthorizationFailed',
      `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    ),
  resourceNotFound: (typeAndName: string, resourceGroup: string | undefined) =>
    armError(
      404,
      'ResourceNotFound',
      resourceGroup === undefined
        ? `The Resource '${typeAndName}' was not found. ${NOT_FOUND_HELP}`
        : `The Resource '${typeAndName}' under resource group '${resourceGroup}' was not found. ${NOT_FOUND_HELP}`,
    ),
  resourceGroupNotFound: (resourceGroup: string) =>
    armError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`),
  subscriptionNotFound: (subscriptionId: string) =>
    armError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`),
  roleAssignmentNotFound: (name: string) => armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`),
  roleDefinitionNotFound: (id: string) =>
    armError(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${id}' does not exist.`),
  // Code not verified against ARM; the sandbox only needs to refuse filters it does not implement.
  unsupportedFilter: (filter: string) =>
    armError(400, 'UnsupportedQuery', `The filter '${filter}' is not supported. Supported: atScope(), assignedTo('{objectId}'), principalId eq '{objectId}', joined with 'and'.`),
  invalidSkipToken: (token: string) => armError(400, 'InvalidSkipToken', `The $skiptoken '${token}' is invalid.`),
  methodNotAllowed: (method: string) =>
    armError(405, 'MethodNotAllowed', `The sandbox Resource Manager serves read requests only; '${method}' is not supported.`),
  noRoute: (path: string) => armError(404, 'NoRegisteredProviderFound', `No route in the sandbox Resource Manager for '${path}'.`),
};
