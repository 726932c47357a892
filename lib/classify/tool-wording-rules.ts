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

// balenaHUP (balena-os/balenahup#257) prints "Cannot find manifest, target image might not exist. Bailing out..." for any
// manifest fetch that failed, an unreachable registry included (the issue's own reading), so the network stays possible.
export const BALENA_MANIFEST_NOT_FOUND: PullErrorRule = {
  id: 'balena-manifest-not-found',
  category: 'tag_not_found',
  patterns: [/Cannot find manifest, target image might not exist/i],
  confidence: 0.5,
  candidates: ['repo_not_found', 'network_unreachable'],
  explanation: 'The updater could not fetch the target image\'s manifest: no such release image, or the registry could not be reached from the device.',
};

// The AWS CLI and SDKs when no credentials are configured: "Unable to locate credentials. You can configure credentials
// by running "aws configure"." (EKS AMI's pull-sandbox-image.sh fetching an ECR token: awslabs/amazon-eks-ami#1034).
export const AWS_NO_CREDENTIALS: PullErrorRule = {
  id: 'aws-no-credentials',
  category: 'auth_missing',
  patterns: [/Unable to locate credentials/i],
  confidence: 0.85,
  candidates: [],
  explanation: 'The AWS CLI on the node found no credentials to ask ECR for a token: the node role or instance profile is missing or not reachable (IMDS).',
};

// The AWS SDK for Go could not send the request at all ("RequestError: send request failed caused by: Post
// https://api.ecr…"): Fargate's agent fetching an ECR token with no route to the ECR API (no NAT gateway or VPC endpoint:
// aws-samples/aws-fargate-pipeline-lambda-autoscaling#3).
export const AWS_SEND_REQUEST_FAILED: PullErrorRule = {
  id: 'aws-send-request-failed',
  category: 'network_unreachable',
  patterns: [/RequestError: send request failed/i],
  confidence: 0.75,
  candidates: ['dns_failure', 'firewall_denied'],
  explanation: "The node could not reach the AWS API that hands out registry credentials (ECR's token endpoint): no route to it (NAT gateway, VPC endpoint) or DNS for it.",
};

// ECR Public answers 403 to a client that sends an expired token the Docker config still holds for public.ecr.aws
// (https://docs.aws.amazon.com/AmazonECR/latest/public/public-troubleshooting.html: `docker logout public.ecr.aws`);
// BuildKit prints "pulling from host public.ecr.aws failed with status code [manifests 3.9]: 403 Forbidden"
// (awslabs/generative-ai-cdk-constructs#331's neighbours).
export const ECR_PUBLIC_403: PullErrorRule = {
  id: 'ecr-public-403',
  category: 'auth_missing',
  patterns: [/public\.ecr\.aws\b[^\n]*?\b403\b/i],
  confidence: 0.6,
  candidates: ['access_denied', 'firewall_denied'],
  explanation: 'ECR Public refused the pull with 403: usually an expired token for public.ecr.aws left in the Docker config (run docker logout public.ecr.aws and pull anonymously).',
};

// A mirror that serves only the images on its allow-list refuses the rest in its own words: DaoCloud's public mirror
// answers "denied: … 这镜像不在白名单. this image is not in the allowlist." (conversun/fnos-apps#241). A policy in the path,
// not the image or the credentials.
export const MIRROR_ALLOWLIST: PullErrorRule = {
  id: 'mirror-allowlist',
  category: 'firewall_denied',
  patterns: [/not in the allow ?list/i],
  confidence: 0.8,
  candidates: ['access_denied'],
  explanation: 'A mirror or proxy in the path serves only the images on its allow-list and refused this one: pull it from its own registry, or have it added to the list.',
};
