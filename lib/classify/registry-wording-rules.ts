import type { PullErrorRule } from './pull-error-rules';

/**
 * Registries that word the same causes their own way. Several answer identically for a missing, a
 * private and an unauthenticated repository; those rules name every cause the text cannot rule out.
 * Real examples of each: test/classifier/corpus-harvest.ts.
 */

// Artifact Registry (and gcr.io served by it): IAM wording. GHCR's "permission_denied: read_package" (a
// token without read:packages, or a package the account may not read) is the same refusal.
// https://cloud.google.com/artifact-registry/docs/docker/troubleshoot
export const ARTIFACT_REGISTRY_UNAUTHENTICATED: PullErrorRule = {
  id: 'artifact-registry-unauthenticated',
  category: 'auth_missing',
  patterns: [/Unauthenticated requests do not have permission/i],
  confidence: 0.9,
  candidates: ['access_denied'],
  explanation: 'Artifact Registry received the pull without credentials (no pull secret or node service account scope) for a non-public repository.',
};

export const ARTIFACT_REGISTRY_PERMISSION: PullErrorRule = {
  id: 'artifact-registry-permission',
  category: 'access_denied',
  patterns: [/Permission "[\w.]+" denied|\bdenied: Permission denied\b|permission_denied: read_package/i],
  confidence: 0.75,
  candidates: ['repo_not_found'],
  explanation: 'The registry knows the identity but it lacks the read permission on that repository (or the repository does not exist, which it words the same).',
};

// Quay answers "unauthorized: access to the requested resource is not authorized" for a repository
// that does not exist and for a private one alike (PROJQUAY docs: "repository does not exist or is private").
export const QUAY_NOT_AUTHORIZED: PullErrorRule = {
  id: 'quay-not-authorized',
  category: 'repo_not_found',
  patterns: [/access to the requested resource is not authorized/i],
  confidence: 0.5,
  candidates: ['auth_missing', 'access_denied'],
  explanation: 'Quay says the same for a repository that does not exist and one you may not read: check the image path first, then the pull secret.',
};

// Harbor: anonymous, unprivileged and missing projects all end in "unauthorized to access repository".
export const HARBOR_UNAUTHORIZED_REPOSITORY: PullErrorRule = {
  id: 'harbor-unauthorized-repository',
  category: 'auth_missing',
  patterns: [/unauthorized to access repository/i],
  confidence: 0.55,
  candidates: ['access_denied', 'repo_not_found'],
  explanation: 'Harbor refused the pull: no or stale credentials, a robot account without pull on the project, or a project/repository that does not exist.',
};

// GHCR (and other distribution registries) answer a bare "denied" for anonymous pulls of private
// packages, expired tokens and missing packages alike.
export const BARE_DENIED: PullErrorRule = {
  id: 'bare-denied',
  category: 'auth_missing',
  patterns: [/\bdenied:\s*denied\b|\berror from registry: denied\b|\/manifests\/[^"\s]+"?: denied\.?\s*$|"message":\s*"denied"|from daemon: denied\.?\s*$/im],
  confidence: 0.45,
  candidates: ['access_denied', 'repo_not_found', 'firewall_denied'],
  explanation: 'The registry only says "denied": usually missing or expired credentials for a private package, else no access, no such package or a network rule.',
};

// GHCR's token service: "denied: unauthenticated: User cannot be authenticated with the token provided."
export const UNAUTHENTICATED_TOKEN: PullErrorRule = {
  id: 'unauthenticated-token',
  category: 'auth_missing',
  patterns: [/cannot be authenticated with the token/i],
  confidence: 0.85,
  candidates: ['access_denied'],
  explanation: 'The registry rejected the token the node presented (expired or revoked personal access token in the pull secret).',
};

// Azure Storage (ACR's data endpoint, *.blob.core.windows.net) answers its network rules and service
// endpoint policies with AuthorizationFailure "This request is not authorized to perform this operation."
// https://learn.microsoft.com/en-us/troubleshoot/azure/azure-storage/blobs/authentication/storage-troubleshoot-403-errors
export const STORAGE_AUTHORIZATION_FAILURE: PullErrorRule = {
  id: 'storage-authorization-failure',
  category: 'firewall_denied',
  patterns: [/This request is not authorized to perform this operation/i],
  confidence: 0.8,
  candidates: ['access_denied'],
  explanation: "ACR's storage data endpoint refused the node's network (firewall, service endpoint policy or a private endpoint missing for the data endpoint).",
};

// ECR relays IAM's refusal: "User: arn:… is not authorized to perform: ecr:BatchGetImage on resource: …".
// A wrong repository path is refused the same way (the policy cannot allow a repository that is not there).
export const ECR_IAM_DENIED: PullErrorRule = {
  id: 'ecr-iam-denied',
  category: 'access_denied',
  patterns: [/is not authorized to perform: ecr:/i],
  confidence: 0.75,
  candidates: ['repo_not_found'],
  explanation: "ECR's IAM policy does not let this identity read the repository (or the repository path is wrong).",
};

// Container Registry (gcr.io) v1 wording: "Status 403 trying to pull repository …: Unable to access the
// repository …; please verify that it exists and you have permission to access it (no valid credential was supplied)."
export const GCR_NO_CREDENTIAL: PullErrorRule = {
  id: 'gcr-no-credential',
  category: 'auth_missing',
  patterns: [/no valid credential was supplied/i],
  confidence: 0.8,
  candidates: ['repo_not_found', 'access_denied'],
  explanation: 'The registry got no usable credential for a repository that is private or does not exist (it answers the same for both).',
};

// distribution's auth client when no credential at all was sent ("no basic auth credentials"): ECR, Nexus
// and others. Placed before containerd's "pull access denied, repository does not exist or may require
// authorization: … no basic auth credentials", which would otherwise read as a missing repository. A
// credential helper that cannot reach its token API (ECR without its ecr.api VPC endpoint,
// awsdocs/amazon-eks-user-guide#110) also ends here, so the network stays a candidate.
export const NO_CREDENTIALS_SENT: PullErrorRule = {
  id: 'no-basic-auth',
  category: 'auth_missing',
  patterns: [/no basic auth credentials/i],
  confidence: 0.85,
  candidates: ['access_denied', 'network_unreachable'],
  explanation: 'The node sent no credentials for this registry: no pull secret, or the node identity/credential helper gave none (it may not reach its token endpoint).',
};

// JFrog Artifactory: "unauthorized: The client does not have permission for manifest" for a user without read
// on the repository, and also for a tag its remote repository could not fetch upstream ("Upstream repository
// is not configured properly", jfrog/charts#1834).
export const JFROG_NO_PERMISSION: PullErrorRule = {
  id: 'jfrog-no-permission',
  category: 'access_denied',
  patterns: [/The client does not have permission for manifest/i],
  confidence: 0.5,
  candidates: ['tag_not_found', 'repo_not_found', 'auth_missing'],
  explanation: 'Artifactory refused the manifest: the user may not read that repository, or the tag does not exist there (or upstream, for a remote repository).',
};

// GitLab's container registry answers "denied: access forbidden" for a token without read_registry, a
// project the account may not read, an unauthenticated pull of a private project and a wrong project path.
export const GITLAB_ACCESS_FORBIDDEN: PullErrorRule = {
  id: 'gitlab-access-forbidden',
  category: 'access_denied',
  patterns: [/denied: access forbidden/i],
  confidence: 0.55,
  candidates: ['auth_missing', 'repo_not_found'],
  explanation: 'GitLab refused the pull: the token lacks read_registry or the project, no credentials reached it, or the image path is wrong.',
};
