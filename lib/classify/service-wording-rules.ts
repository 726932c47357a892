import type { PullErrorRule } from './pull-error-rules';

/**
 * The sentences of services around a registry — a cloud's container service, a registry's project or billing layer —
 * that say more (or less) than the distribution API's own codes. Each rule cites where its wording was seen.
 */

// ACR's firewall names the client's address when it refuses it (Azure Container Registry network rules).
export const ACR_FIREWALL_CLIENT_IP: PullErrorRule = {
  id: 'acr-firewall-client-ip',
  category: 'firewall_denied',
  patterns: [/client with IP \S+ is not allowed access/i],
  confidence: 0.97,
  candidates: [],
  explanation: "ACR's network rules rejected the node's source IP (public network access off or firewall rules without the cluster's egress IP).",
};

// Azure Front Door's WAF (in front of mcr.microsoft.com) answers a client it blocks with an HTML page "The request is
// blocked." and its Ref A/B/C ids, which dockerd wraps as "denied: <!DOCTYPE html …" (microsoft/mssql-docker#964: GitHub
// Actions runners' addresses, intermittently).
export const FRONT_DOOR_BLOCKED: PullErrorRule = {
  id: 'front-door-blocked',
  category: 'firewall_denied',
  patterns: [/The request is blocked\./i],
  confidence: 0.85,
  candidates: ['registry_unavailable'],
  explanation: "The registry's edge (Azure Front Door's web application firewall) blocked the client's address: retry later or from another egress address, and report the Ref ids to the registry's owner.",
};

// ACR's token endpoints answer 403 when its network rules refuse the client; the Azure CLI words that 403 "Access to
// registry '<server>' was denied. Response code: 403." (azure-cli acr/_docker_utils.py, CONNECTIVITY_REFRESH_TOKEN_ERROR in acr/_errors.py).
export const ACR_TOKEN_403: PullErrorRule = {
  id: 'acr-token-403',
  category: 'firewall_denied',
  patterns: [/(?:anonymous token|oauth2\/token|fetch oauth token)[^\n]{0,800}?\b403 Forbidden|Access to registry '[\w.-]*' was denied\. Response code: 403\b/i],
  // A token URL on another registry (ghcr.io/token, auth.docker.io), or an image on a registry that is plainly not
  // ACR, with or without a subdomain (ghcr.io/…, europe-docker.pkg.dev/…: a subdomain ends in a dot, so the domain
  // starts at a word boundary either way), is that registry refusing access; so is a quoted image on any other host
  // (registry.gitlab.com's anonymous token for a private project: canonical/microk8s#1150).
  unless:
    /request to https?:\/\/(?![^\s/]*\.azurecr\.(?:io|cn|us)\/)[^\s/]+\/|\b(?:pkg\.dev|gcr\.io|ghcr\.io|docker\.io|quay\.io|amazonaws\.com)\/|\bimage "(?![^"\s/]*\.azurecr\.(?:io|cn|us)\/)[^"\s/]*\.[^"\s/]*\//i,
  confidence: 0.7,
  candidates: ['access_denied'],
  explanation: "ACR refused the token request with 403: usually its network rules (firewall/private endpoint) reject the node, otherwise the identity lacks pull rights.",
};

// Azure Container Instances answers every pull it could not make with one sentence (error code InaccessibleImage): "The
// image '<image>' in container group '<group>' is not accessible. Please check the image and registry credential."
// (Azure/docker-login#65, whiteducksoftware/az-dns-forwarder#2); virtual-kubelet's ACI provider (AKS virtual nodes) shows
// only the code: `got HTTP response status code 400 error code "InaccessibleImage"` (MicrosoftDocs/azure-docs#22924).
// Missing or wrong credentials are the usual cause; a missing repository or tag, or a refused credential, read the same.
export const ACI_INACCESSIBLE_IMAGE: PullErrorRule = {
  id: 'aci-inaccessible-image',
  category: 'auth_missing',
  patterns: [/in container group '[^']*' is not accessible|error code "?InaccessibleImage\b/i],
  confidence: 0.5,
  candidates: ['repo_not_found', 'tag_not_found', 'access_denied'],
  explanation: 'Azure Container Instances could not pull the image and does not say why: usually missing or wrong registry credentials, else no such image or tag, or no right to pull it.',
};

// Azure Container Apps words a pull it could not make "Error pulling the container image. Please check the image name or
// any registry credentials to access if required." (code 90712: microsoft/azure-container-apps#50): as ACI's, usually
// the credentials, else no such image or tag.
export const CONTAINER_APPS_PULL_FAILED: PullErrorRule = {
  id: 'container-apps-pull-failed',
  category: 'auth_missing',
  patterns: [/Please check the image name or any registry credentials/i],
  confidence: 0.5,
  candidates: ['repo_not_found', 'tag_not_found', 'access_denied'],
  explanation: 'Azure Container Apps could not pull the image and does not say why: usually missing or wrong registry credentials, else no such image or tag.',
};

// Container Apps pulling from ACR with a managed identity: "unable to pull image using Managed identity <id> for registry
// <server>" (microsoft/azure-container-apps#1061) — the identity is not assigned to the app, has no AcrPull on the
// registry, or its token could not be had.
export const CONTAINER_APPS_IDENTITY_PULL: PullErrorRule = {
  id: 'container-apps-identity-pull',
  category: 'auth_missing',
  patterns: [/unable to pull image using Managed identity/i],
  confidence: 0.7,
  candidates: ['access_denied'],
  explanation: 'The app could not get a registry token with its managed identity: the identity is not assigned to the app, or has no AcrPull on the registry.',
};

// virtual-kubelet's ACI provider (AKS virtual nodes) prints the ARM call that created the container group: a 5xx there
// is Azure Container Instances' own API failing (Azure/acr#250), not the registry, so it names no pull cause.
export const ACI_PROVIDER_ARM_ERROR: PullErrorRule = {
  id: 'aci-provider-arm-error',
  category: 'unknown',
  patterns: [/api call to https:\/\/management\.azure\.com\/\S*: got HTTP response status code 5\d\d\b/i],
  confidence: 0,
  candidates: [],
  explanation: 'Azure Container Instances’ API failed while creating the virtual node’s container group (an ARM 5xx): an Azure-side failure, not the registry. Retry, and check Azure status for Container Instances.',
};

// Quay answers for every repository of a namespace (organization or user) it has disabled "unknown: Namespace <name> has
// been disabled. Please contact a system administrator." (quay.io/weaveworks: fluxcd/flux#1948, bricef/gitops-tutorial#2):
// the registry no longer serves those images to anyone, whatever the credentials.
export const QUAY_NAMESPACE_DISABLED: PullErrorRule = {
  id: 'quay-namespace-disabled',
  category: 'registry_unavailable',
  patterns: [/\bNamespace \S+ has been disabled\b/i],
  confidence: 0.7,
  candidates: ['repo_not_found', 'access_denied'],
  explanation: 'The registry has disabled the namespace (organization or user) the image lives in, so it serves none of its images: pull the image from another source (the project usually moved it).',
};

// gcr.io after Container Registry's shutdown answers a repository nobody migrated "unknown: Container Registry is
// deprecated and shutting down, please use the auto migration tool to migrate to Artifact Registry"
// (veloxpack/csi-driver-rclone#10): the image is no longer served from that path.
export const GCR_SHUT_DOWN: PullErrorRule = {
  id: 'gcr-shut-down',
  category: 'repo_not_found',
  patterns: [/Container Registry is deprecated and shutting down/i],
  confidence: 0.7,
  candidates: ['registry_unavailable'],
  explanation: 'gcr.io no longer serves this repository (Container Registry is shut down and the project was not migrated to Artifact Registry): use the image from its new registry.',
};

// A registry whose content is sold by subscription refuses the token for an account without the entitlement with
// 402 Payment Required (NVIDIA NGC's NIM images: NVIDIA-AI-Blueprints/3d-guided-genai-rtx#6): the credentials are
// valid, the right to pull is not there.
export const PAYMENT_REQUIRED: PullErrorRule = {
  id: 'payment-required',
  category: 'access_denied',
  patterns: [/\b402 \(?Payment Required\b/i],
  confidence: 0.7,
  candidates: ['auth_missing'],
  explanation: 'The registry wants a paid entitlement the account does not have (402 Payment Required): subscribe or use an account with access to that image.',
};

// gcr.io names the Google Cloud project a repository path starts with; a project that does not exist (or was deleted)
// has no repositories: "unknown: Project 'project:<id>' not found or deleted." (apache/airflow-on-k8s-operator#31), or
// "denied: Project <id> has been deleted." (GoogleCloudPlatform/cloud-sql-proxy#619, kubermatic/kubeone#3375).
export const GCR_PROJECT_NOT_FOUND: PullErrorRule = {
  id: 'gcr-project-not-found',
  category: 'repo_not_found',
  patterns: [/Project '[^']*' not found or deleted|\bProject \S+ has been deleted\b/i],
  confidence: 0.8,
  candidates: [],
  explanation: 'gcr.io has no Google Cloud project by the name the image path starts with (a typo, or the project was deleted), so no repository there.',
};

// Registries that serve images by version use the distribution spec's TAG_INVALID for a version they do not have
// ("tag invalid: No bootstrapping-image found for version: …", Dynatrace's image registry: Dynatrace/dynatrace-operator#735);
// the spec itself defines it for a tag that does not match the manifest pushed, so a malformed tag stays a candidate.
export const TAG_INVALID: PullErrorRule = {
  id: 'tag-invalid',
  category: 'tag_not_found',
  patterns: [/\btag invalid\b/i],
  confidence: 0.6,
  candidates: ['invalid_reference'],
  explanation: 'The registry rejected the tag ("tag invalid"): usually a version it does not serve, else a malformed tag.',
};

// Home Assistant's Supervisor (docker-py) reports a failed pull as "Image <ref> does not exist"
// (Ferdinand99/home-assistant-newt-addon#21): the registry has no such image, tag or repository.
export const IMAGE_DOES_NOT_EXIST: PullErrorRule = {
  id: 'image-does-not-exist',
  category: 'tag_not_found',
  patterns: [/\bImage \S+ does not exist\b/i],
  confidence: 0.6,
  candidates: ['repo_not_found'],
  explanation: 'The registry has no such image: a tag never pushed or removed, or a wrong repository path.',
};

// Azure Container Instances relays a registry's refusal as "RegistryErrorResponse" ("An error response is received from
// the docker registry 'index.docker.io'. Please retry later."); Microsoft Learn's article on it is Docker Hub's pull rate
// limit (troubleshoot/azure/container-instances/configuration-setup/docker-hub-rate-limit-registryerrorresponse).
export const ACI_REGISTRY_ERROR_DOCKER_HUB: PullErrorRule = {
  id: 'aci-registry-error-docker-hub',
  category: 'rate_limited',
  patterns: [/RegistryErrorResponse/i, /docker\.io\b/i],
  confidence: 0.6,
  candidates: ['registry_unavailable'],
  explanation: 'Docker Hub refused Azure Container Instances’ pull (RegistryErrorResponse), usually its anonymous pull rate limit: authenticate to Docker Hub or import the image into ACR.',
};

// The same code from another registry (a bare "409 … RegistryErrorResponse": virtual-kubelet/azure-aci#152): ACI says
// only that the registry answered with an error.
export const ACI_REGISTRY_ERROR: PullErrorRule = {
  id: 'aci-registry-error',
  category: 'registry_unavailable',
  patterns: [/RegistryErrorResponse/i],
  confidence: 0.45,
  candidates: ['rate_limited', 'firewall_denied', 'auth_missing'],
  explanation: 'Azure Container Instances got an error answer from the registry and does not say which: a throttle, a firewall or credentials, or the registry failing.',
};

// ACR's quarantine pattern refuses a quarantined image to anyone without the quarantine reader right: "unknown: The
// operation is disallowed." (Azure/acr docs/preview/quarantine).
export const ACR_QUARANTINED: PullErrorRule = {
  id: 'acr-quarantined',
  category: 'access_denied',
  patterns: [/The operation is disallowed/i],
  confidence: 0.7,
  candidates: [],
  explanation: 'ACR refused the image because it is quarantined: it can be pulled once a scanner marks it passed (or by an identity with the quarantine reader role).',
};

// IBM Cloud Container Registry's answers (cloud.ibm.com/docs/Registry troubleshooting): an account limited to private
// endpoints refuses the public one; the monthly pull-traffic quota. Google's gRPC RESOURCE_EXHAUSTED text ("Resource has
// been exhausted (e.g. check quota).", Artifact Registry remote repositories) is a quota too.
export const PRIVATE_ONLY_ACCOUNT: PullErrorRule = {
  id: 'private-only-account',
  category: 'firewall_denied',
  patterns: [/Private-only access is enabled on this account/i],
  confidence: 0.9,
  candidates: [],
  explanation: 'The registry account accepts only its private endpoint and the pull came over the public network: route the nodes through the private endpoint.',
};

export const QUOTA_EXCEEDED: PullErrorRule = {
  id: 'quota-exceeded',
  category: 'rate_limited',
  patterns: [/exceeded its pull traffic quota|Resource has been exhausted/i],
  confidence: 0.8,
  candidates: [],
  explanation: 'The registry account is over its pull quota: wait for it to reset, raise it, or pull from a mirror.',
};

// An Artifact Registry remote repository (a pull-through proxy) that got a bad answer from its upstream: "Received invalid
// response from external repository" / "Received invalid http status code … from external repository" (Google Cloud docs,
// troubleshoot-remote): the upstream failing, or nothing there.
export const REMOTE_REPOSITORY_UPSTREAM: PullErrorRule = {
  id: 'remote-repository-upstream',
  category: 'registry_unavailable',
  patterns: [/from external repository/i],
  confidence: 0.5,
  candidates: ['tag_not_found', 'repo_not_found', 'auth_missing'],
  explanation: 'The proxy (remote) repository got a bad answer from its upstream registry: the upstream failing or refusing its credentials, or no such image there.',
};

// A client or platform that says the registry refused the credential it sent (ngrok's
// ERR_NGROK_SHIP_CONTAINER_IMAGE_PULL_DENIED: "<registry> rejected the pull credential for <image>").
export const CREDENTIAL_REJECTED: PullErrorRule = {
  id: 'credential-rejected',
  category: 'auth_missing',
  patterns: [/rejected the (?:pull )?credential/i],
  confidence: 0.75,
  candidates: ['access_denied'],
  explanation: 'The registry rejected the credential sent with the pull (wrong, expired or for another registry): renew the pull secret or credential.',
};
