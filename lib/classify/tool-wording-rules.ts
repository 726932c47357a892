import type { PullErrorRule } from './pull-error-rules';

/**
 * The sentences of tools that pull on a user's behalf (a desktop app, a package manager for the cluster, Azure's control
 * plane) and say in their own words what the runtime or the registry said. Each rule cites where its wording was seen.
 */

// Azure Container Instances refuses a container group whose registry credential names a managed identity the group does
// not carry: code InvalidImageRegistryIdentity, "The identity in the 'imageRegistryCredentials' of container group '<x>' not
// found in container group identity list." (https://learn.microsoft.com/troubleshoot/azure/container-instances/management/acr-image-pull-failures-managed-identity).
export const ACI_REGISTRY_IDENTITY_MISSING: PullErrorRule = {
  id: 'aci-registry-identity-missing',
  category: 'auth_missing',
  patterns: [/InvalidImageRegistryIdentity/i],
  confidence: 0.9,
  candidates: [],
  explanation: "The registry credential names a managed identity the container group does not have: assign that identity to the group (or name one it has), so a token can be had for the pull.",
};

// ARM's AuthorizationFailed / LinkedAuthorizationFailed: "The client '<id>' with object id '<id>' does not have
// authorization to perform action '<action>' over scope '<scope>'", or "… has permission to perform action '…' on scope
// '…'; however, it does not have permission to perform action 'read' on the linked scope(s) '…'" (az acr import from
// another registry: Azure/acr#237; https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
export const ARM_AUTHORIZATION_FAILED: PullErrorRule = {
  id: 'arm-authorization-failed',
  category: 'access_denied',
  patterns: [/does not have (?:authorization|permission) to perform action '[^']+' (?:on|over) (?:the linked )?scope/i],
  confidence: 0.9,
  candidates: [],
  explanation: 'Azure Resource Manager refused the identity an action on a scope (named in the message): give it a role that grants that action there.',
};

// dockerd fell back from v2 to v1 and found neither: `endpoint "https://<host>" does not support v2 API` — the host
// answers, but not as a registry (retired, or a web server in its place): okd-project/okd#608 (a CI registry retired).
export const NOT_A_V2_REGISTRY: PullErrorRule = {
  id: 'not-a-v2-registry',
  category: 'registry_unavailable',
  patterns: [/does not support v2 API/i],
  confidence: 0.6,
  candidates: ['firewall_denied', 'network_unreachable'],
  explanation: 'The host did not answer as a registry (no /v2/ API): the registry moved or was retired, or a proxy or web server answers in its place.',
};

// Podman Desktop words every pull its engine refused with HTTP 500 "access to image "<x>" is denied (500 error). Can
// also be that the registry requires authentication." — seen for an empty reference (podman-desktop#19260) and a
// self-signed registry (podman-desktop#14687): the engine's own error is not shown, so the text decides nothing.
export const PODMAN_DESKTOP_PULL_500: PullErrorRule = {
  id: 'podman-desktop-pull-500',
  category: 'unknown',
  patterns: [/is denied \(500 error\)/i],
  confidence: 0,
  candidates: ['auth_missing', 'tls_error', 'repo_not_found', 'registry_unavailable'],
  explanation: 'Podman Desktop shows the same sentence for any pull its engine refused: run the pull with podman in a terminal to see the cause (credentials, an untrusted certificate, or no such image).',
};

// The pull secret a pod or package names does not exist in its namespace: Kubernetes answers `secrets "<name>" not
// found` (Crossplane's package fetch: crossplane-contrib/provider-aws#1647), and kubelet then pulls without it.
export const PULL_SECRET_MISSING: PullErrorRule = {
  id: 'pull-secret-missing',
  category: 'auth_missing',
  patterns: [/\bsecrets? "[^"]+" not found/i],
  confidence: 0.8,
  candidates: ['repo_not_found'],
  explanation: 'The pull secret named for this pull does not exist in the namespace, so the registry was asked without credentials: create it there (or fix its name).',
};
