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
// packages, expired tokens and missing packages alike — and GHCR during its incidents too (rucio/rucio#8746).
export const BARE_DENIED: PullErrorRule = {
  id: 'bare-denied',
  category: 'auth_missing',
  // A closing quote or bracket may follow when a log line quotes the error (msg="…: denied").
  patterns: [/\bdenied: denied\b|\berror from registry: denied\b|\/manifests\/[^"\s]+"?: denied\.?["'\])]*,?\s*$|"message":"denied"|from daemon: denied\.?["'\])]*,?\s*$/im],
  confidence: 0.45,
  candidates: ['access_denied', 'repo_not_found', 'firewall_denied', 'registry_unavailable'],
  explanation: 'The registry only says "denied": usually missing or expired credentials for a private package, else no access, no such package, a network rule or a registry incident.',
};

// GHCR's token service: "denied: unauthenticated: User cannot be authenticated with the token provided." — also what it
// answered every anonymous pull during its own incident of 2022-06-22 (slok/sloth#336, EnricoMi/publish-unit-test-result-action#308).
export const UNAUTHENTICATED_TOKEN: PullErrorRule = {
  id: 'unauthenticated-token',
  category: 'auth_missing',
  patterns: [/cannot be authenticated with the token/i],
  confidence: 0.85,
  candidates: ['access_denied', 'registry_unavailable'],
  explanation: 'The registry rejected the token the node presented (expired or revoked personal access token in the pull secret).',
};

// A credential the registry recognises as expired or no longer valid, in the registry's own words: ECR's token
// service "Your authorization token has expired. Reauthenticate and try again." (older: "Your Authorization Token has
// expired. Please run 'aws ecr get-login' …"), and AWS STS behind it "The security token included in the request is
// invalid" / "… is expired" (UnrecognizedClientException / ExpiredTokenException).
// https://docs.aws.amazon.com/AmazonECR/latest/public/public-troubleshooting.html ,
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html . Decided before docker's "pull access denied,
// repository does not exist …" around it: the registry said why.
export const EXPIRED_CREDENTIAL: PullErrorRule = {
  id: 'expired-credential',
  category: 'auth_missing',
  patterns: [/authorization token has expired|security token included in the request is (?:invalid|expired)/i],
  confidence: 0.9,
  candidates: [],
  explanation: 'The registry rejected an expired credential (an ECR token is valid 12 hours): refresh the pull secret or fix the credential provider that should renew it.',
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

// Harbor answers "unknown: repository <p>/<r> not found" / "unknown: artifact <p>/<r>@<digest> not found" (error code
// UNKNOWN) for a repository or digest it does not hold — and, in a proxy-cache project, also when it could not fetch
// them from the upstream registry (upstream down, unreachable, rate limited or refusing the project's credentials).
// goharbor/harbor#18292, #23190, #19067.
export const HARBOR_REPOSITORY_NOT_FOUND: PullErrorRule = {
  id: 'harbor-repository-not-found',
  category: 'repo_not_found',
  patterns: [/\bunknown: repository \S+ not found/i],
  confidence: 0.6,
  candidates: ['registry_unavailable'],
  explanation: "Harbor has no such repository; for a proxy-cache project it also says so when it could not fetch the image from the upstream registry.",
};

export const HARBOR_ARTIFACT_NOT_FOUND: PullErrorRule = {
  id: 'harbor-artifact-not-found',
  category: 'tag_not_found',
  patterns: [/\bunknown: artifact \S+ not found/i],
  confidence: 0.55,
  candidates: ['registry_unavailable', 'repo_not_found'],
  explanation: "Harbor has no such tag or digest; for a proxy-cache project it also says so when it could not fetch it from the upstream registry.",
};

// containerd names the media type it received; text/html means a web page answered where the registry API should
// have: a mirror endpoint with a wrong path or pointing at a web UI, a filtering or captive proxy, or a P2P mirror
// (Dragonfly dfdaemon) that is not serving. containerd/containerd#7400, #6984, docker/for-mac#7658, dragonflyoss/dragonfly#2523.
// A 405 Method Not Allowed is the same story told by status: a web server or proxy that does not implement the
// registry API's methods answered (RFC 9110 §15.5.6), e.g. a CDN mirror endpoint that stopped serving (Azure/AKS#489).
export const HTML_INSTEAD_OF_REGISTRY: PullErrorRule = {
  id: 'html-instead-of-registry',
  category: 'registry_unavailable',
  patterns: [/unexpected media type text\/html|\b405 Method Not Allowed\b/i],
  confidence: 0.7,
  candidates: ['firewall_denied', 'network_unreachable'],
  explanation: 'A web page answered instead of the registry API: a misconfigured registry mirror (hosts.toml / registries.yaml endpoint), a filtering proxy, or a mirror that is not serving.',
};

// distribution's BLOB_UNKNOWN as docker prints it: the registry served a manifest but not a layer or config it
// lists — a mirror or pull-through cache that could not fetch it upstream (egress allow-listed for the registry but
// not its CDN: kubernetes/registry.k8s.io#258), a Windows image's foreign layers pulled by a Linux daemon, or a manifest
// pushed without all its blobs (argoproj/argo-workflows#4216: push the tag again).
export const UNKNOWN_BLOB: PullErrorRule = {
  id: 'unknown-blob',
  category: 'registry_unavailable',
  patterns: [/\bunknown blob\b/i],
  confidence: 0.55,
  candidates: ['firewall_denied', 'platform_mismatch', 'tag_not_found'],
  explanation: 'The registry or a mirror in front of it listed a layer it could not deliver: usually a mirror that cannot fetch from upstream or its CDN, or a Windows image on a Linux node.',
};

// ECR answers a request without a valid token — none at all (a cluster outside AWS with no credential provider:
// vitobotta/hetzner-k3s#361), or one for another region or account — with a bare 400 Bad Request (docker login with
// such a token fails the same way: aws/aws-cli#5950). Placed before the generic plain-HTTP-to-TLS reading of a 400.
export const ECR_BAD_REQUEST: PullErrorRule = {
  id: 'ecr-bad-request',
  category: 'auth_missing',
  patterns: [/\.dkr\.ecr\.[\w-]+\.amazonaws\.com\/[^\n]*\b400 Bad Request\b/i],
  confidence: 0.6,
  candidates: ['access_denied'],
  explanation: 'ECR rejected the request as unauthenticated: no ECR credential on the node (credential provider or pull secret), or a token for another region or account, or one older than 12 hours.',
};

// kubelet's exec credential providers (ecr-credential-provider, acr-credential-provider, auth-provider-gcp): kubelet
// logs "Failed getting credential from external registry credential provider: …" (pkg/credentialprovider/plugin), and a
// helper run with the wrong protocol echoes the CredentialProviderRequest it could not use (awslabs/amazon-ecr-credential-helper#616).
// Docker's credential helpers fail the same way for a client (go-containerregistry's keychain: "invoking
// docker-credential-gcloud: exit status 1", ko-build/ko#18). Either way the pull goes out without the credential the
// provider should have supplied.
export const CREDENTIAL_PROVIDER_FAILED: PullErrorRule = {
  id: 'credential-provider-failed',
  category: 'auth_missing',
  patterns: [/Failed getting credential from external registry credential provider|CredentialProviderRequest|invoking docker-credential-[\w.-]+: exit status/i],
  confidence: 0.8,
  candidates: ['network_unreachable'],
  explanation: "kubelet's image credential provider failed (binary missing, wrong config or API version, or its cloud API unreachable), so no registry credential was sent.",
};

// A registry that redirects blob downloads to object storage (Quay, ECR, Docker Hub, GCR on S3 or GCS) hands out a
// pre-signed URL; the storage answers 403 with its own XML error code "SignatureDoesNotMatch" when that signature does
// not verify (AWS S3 error responses, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html ; GCS uses the
// same code). The registry's storage side or its clock is at fault, or a proxy altered the URL — not the pull rights.
export const STORAGE_SIGNATURE_MISMATCH: PullErrorRule = {
  id: 'storage-signature-mismatch',
  category: 'registry_unavailable',
  patterns: [/\bSignatureDoesNotMatch\b/i],
  confidence: 0.6,
  candidates: ['firewall_denied'],
  explanation: "The registry's storage rejected the signed download URL it had handed out: a fault on the registry's side (often transient), or a proxy altering the URL.",
};

// distribution's error code UNSUPPORTED ("The operation is unsupported", registry/api/errcode; containerd prints a
// registry's error body as "Server message: <code>: <message>"): the registry itself answered and refused the request's
// form — a runtime and registry that do not agree on the API (bottlerocket-os/bottlerocket#399: ECR rejecting
// containerd's Accept header). Distribution answers a client whose Accept header lacks the OCI types with MANIFEST_UNKNOWN
// "OCI index found, but accept header does not support OCI indexes" (registry/handlers/manifests.go): the image is there,
// the client is too old for its format (huggingface/text-generation-inference#386). Neither network nor credentials nor
// the image: unknown, with the reason said.
export const REGISTRY_UNSUPPORTED: PullErrorRule = {
  id: 'registry-unsupported',
  category: 'unknown',
  patterns: [/Server message: unsupported:|OCI (?:index|manifest) found, but accept header does not support/i],
  confidence: 0,
  candidates: [],
  explanation: 'The registry refused the request itself as unsupported: the container runtime and the registry disagree on the API or the image format (update the runtime); the network and credentials are fine.',
};

// Registries that say in words that the request came without a login: Oracle's OCIR "denied: Anonymous users are only
// allowed read access on public repos" (oracle-devrel/oke-credential-provider-for-ocir#3), Huawei SWR "denied: You may
// not login yet" (karmada-io/karmada#1259, ikechan8370/chatgpt-plugin#639 — SWR answers it for a path it no longer
// serves too: eip-work/kuboard-press#291).
export const ANONYMOUS_REFUSED: PullErrorRule = {
  id: 'anonymous-refused',
  category: 'auth_missing',
  patterns: [/Anonymous users are only allowed read access|You may not login yet/i],
  confidence: 0.75,
  candidates: ['repo_not_found', 'access_denied'],
  explanation: 'The registry refused an anonymous request: the repository is private (or gone), and the node sent no credentials for it.',
};

// A distribution error body whose code is DENIED under an "unauthorized" wrapper (Huawei SWR: `unauthorized:
// {"errors":[{"code":"DENIED","message":"you do not have the permission"}]}`, kweaver-ai/kweaver-core#55): the
// registry knows the caller and refuses it (distribution spec: DENIED, "requested access to the resource is denied").
export const DENIED_CODE_IN_BODY: PullErrorRule = {
  id: 'denied-code-in-body',
  category: 'access_denied',
  patterns: [/"code":\s*"DENIED"/i],
  confidence: 0.7,
  candidates: ['auth_missing', 'repo_not_found'],
  explanation: 'The registry knows who is asking and refuses the pull (error code DENIED): no pull right on this repository for those credentials.',
};
