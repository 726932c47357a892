import type { Category } from '../model/category';
import {
  CONNECT_WAIT,
  CONNECTION_REFUSED,
  DEADLINE,
  DEADLINE_ON_PING,
  HANDSHAKE_TIMEOUT,
  LOCAL_RESOLVER_LOOKUP,
  NAME_LOOKUP,
  NO_PROGRESS,
  PROXY_CONNECT,
  RESOLVER_UNREACHABLE,
  REQUEST_EOF,
  STREAM_CUT,
  TCP_CONNECT,
  TCP_CONNECT_TIMEOUT,
  TLS_FAILURE,
  PROXY_LOOKUP,
} from './connection-rules';
import { ACI_REGISTRY_IDENTITY_MISSING, ARM_AUTHORIZATION_FAILED, AWS_NO_CREDENTIALS, MIRROR_ALLOWLIST, AWS_SEND_REQUEST_FAILED, ECR_PUBLIC_403, BALENA_MANIFEST_NOT_FOUND, NOT_A_V2_REGISTRY, PODMAN_DESKTOP_PULL_500, PULL_SECRET_MISSING } from './tool-wording-rules';
import { IMAGE_NOT_FOUND_V1, MANIFEST_UNKNOWN, PULL_ACCESS_DENIED, REPOSITORY_NAME_UNKNOWN } from './not-found-rules';
import { CONTENT_MISMATCH, PROXY_AUTH } from './download-rules';
import {
  DISK_FULL,
  DISK_IO_ERROR,
  EXEC_FORMAT_ERROR,
  LAYER_APPLY,
  LOCAL_CONTENT_STORE,
  LOCAL_ENGINE_UNREACHABLE,
  LOCAL_IMAGE_MISSING,
  LOCAL_ONLY_IMAGE_MISSING,
  PLATFORM_NO_MATCH,
  SIGNATURE_POLICY,
  WINDOWS_LINUX_LAYER,
  WINDOWS_IMAGE_WRONG_HOST,
} from './node-rules';
import {
  ANONYMOUS_REFUSED,
  ARTIFACT_REGISTRY_PERMISSION,
  ARTIFACT_REGISTRY_UNAUTHENTICATED,
  BARE_DENIED,
  CREDENTIAL_PROVIDER_FAILED,
  DENIED_CODE_IN_BODY,
  ECR_BAD_REQUEST,
  ECR_IAM_DENIED,
  EXPIRED_CREDENTIAL,
  GCR_NO_CREDENTIAL,
  GITLAB_ACCESS_FORBIDDEN,
  HARBOR_ARTIFACT_NOT_FOUND,
  HARBOR_REPOSITORY_NOT_FOUND,
  HARBOR_UNAUTHORIZED_REPOSITORY,
  HTML_INSTEAD_OF_REGISTRY,
  JFROG_NO_PERMISSION,
  NO_CREDENTIALS_SENT,
  QUAY_NOT_AUTHORIZED,
  REGISTRY_UNSUPPORTED,
  STORAGE_AUTHORIZATION_FAILURE,
  STORAGE_SIGNATURE_MISMATCH,
  UNAUTHENTICATED_TOKEN,
  UNKNOWN_BLOB,
} from './registry-wording-rules';
import {
  ACI_INACCESSIBLE_IMAGE,
  ACI_PROVIDER_ARM_ERROR,
  ACI_REGISTRY_ERROR,
  ACI_REGISTRY_ERROR_DOCKER_HUB,
  ACR_FIREWALL_CLIENT_IP,
  ACR_QUARANTINED,
  ACR_TOKEN_403,
  CONTAINER_APPS_IDENTITY_PULL,
  CONTAINER_APPS_PULL_FAILED,
  CREDENTIAL_REJECTED,
  GCR_PROJECT_NOT_FOUND,
  GCR_SHUT_DOWN,
  IMAGE_DOES_NOT_EXIST,
  PAYMENT_REQUIRED,
  PRIVATE_ONLY_ACCOUNT,
  QUAY_NAMESPACE_DISABLED,
  QUOTA_EXCEEDED,
  REMOTE_REPOSITORY_UPSTREAM,
  TAG_INVALID,
  FRONT_DOOR_BLOCKED,
} from './service-wording-rules';
import { BAD_REQUEST_400, FAILED_LOGIN_LOCKOUT, GRPC_NOT_FOUND, HTTP_404, KUBELET_PULL_QPS, PLAIN_HTTP_400, RATE_LIMITED } from './status-rules';
import { DIGEST_AS_NAME, DOT_REFERENCE, HOST_IN_REPOSITORY_PATH, INVALID_REFERENCE, SHORT_NAME } from './reference-rules';

/**
 * One recognised runtime/kubelet wording. The list below is data: order is specificity (first match
 * wins). Three tiers, top to bottom:
 *  1. a cause named in words (platform, disk, rate limit, name lookup, TLS, TCP) — it is the innermost
 *     error, so it beats every status code wrapped around it ("pull access denied …: denied: Request
 *     exceeded pull rate limit", "(HTTP code 500) server error - … lookup … i/o timeout");
 *  2. registry status words (not found, denied, unauthorized, 5xx), registry-specific ones first;
 *  3. symptoms of a pull that broke off (deadline, canceled, EOF) and the bare back-off.
 */
export interface PullErrorRule {
  id: string;
  category: Category;
  /** Matched against the normalised message; every pattern must match. */
  patterns: RegExp[];
  /** The rule does not apply when this matches. */
  unless?: RegExp;
  confidence: number;
  /** Categories the text alone cannot rule out, most likely first. */
  candidates: Category[];
  explanation: string;
}

// Wordings come from containerd 1.4–2.x, CRI-O / containers-image, dockerd, kubelet and registries; test/classifier has real examples.
export const PULL_ERROR_RULES: readonly PullErrorRule[] = [
  {
    id: 'never-pull',
    category: 'never_pull',
    // A bare ErrImageNeverPull reason is answered by the reason table in classify-pull-message.ts.
    patterns: [/is not present with pull policy of Never/i],
    confidence: 0.98,
    candidates: [],
    explanation: 'imagePullPolicy is Never and the image is not on the node, so kubelet will not pull it.',
  },
  INVALID_REFERENCE,
  SHORT_NAME,
  DOT_REFERENCE,
  DIGEST_AS_NAME,
  PLATFORM_NO_MATCH,
  WINDOWS_LINUX_LAYER,
  WINDOWS_IMAGE_WRONG_HOST,
  SIGNATURE_POLICY,
  EXEC_FORMAT_ERROR,
  DISK_FULL,
  DISK_IO_ERROR,
  LOCAL_CONTENT_STORE,
  LAYER_APPLY,
  LOCAL_ENGINE_UNREACHABLE,
  LOCAL_ONLY_IMAGE_MISSING,
  LOCAL_IMAGE_MISSING,
  CONTENT_MISMATCH,
  ACR_FIREWALL_CLIENT_IP,
  FRONT_DOOR_BLOCKED,
  MIRROR_ALLOWLIST,
  PRIVATE_ONLY_ACCOUNT,
  KUBELET_PULL_QPS,
  FAILED_LOGIN_LOCKOUT,
  QUOTA_EXCEEDED,
  ACI_REGISTRY_ERROR_DOCKER_HUB,
  ACI_REGISTRY_ERROR,
  RATE_LIMITED,
  NO_PROGRESS,
  TLS_FAILURE,
  PROXY_AUTH,
  PROXY_LOOKUP,
  PROXY_CONNECT,
  RESOLVER_UNREACHABLE,
  LOCAL_RESOLVER_LOOKUP,
  NAME_LOOKUP,
  CONNECTION_REFUSED,
  HANDSHAKE_TIMEOUT,
  TCP_CONNECT,
  TCP_CONNECT_TIMEOUT,
  REQUEST_EOF,
  CONNECT_WAIT,
  // After the connection rules: the SDK's wrapper decides only when no cause is printed inside it.
  AWS_SEND_REQUEST_FAILED,
  HOST_IN_REPOSITORY_PATH,
  REGISTRY_UNSUPPORTED,
  NOT_A_V2_REGISTRY,
  PODMAN_DESKTOP_PULL_500,
  HTML_INSTEAD_OF_REGISTRY,
  STORAGE_AUTHORIZATION_FAILURE,
  STORAGE_SIGNATURE_MISMATCH,
  EXPIRED_CREDENTIAL,
  ECR_IAM_DENIED,
  ECR_PUBLIC_403,
  AWS_NO_CREDENTIALS,
  ARM_AUTHORIZATION_FAILED,
  ARTIFACT_REGISTRY_UNAUTHENTICATED,
  ARTIFACT_REGISTRY_PERMISSION,
  UNAUTHENTICATED_TOKEN,
  GCR_NO_CREDENTIAL,
  QUAY_NOT_AUTHORIZED,
  HARBOR_UNAUTHORIZED_REPOSITORY,
  ANONYMOUS_REFUSED,
  DENIED_CODE_IN_BODY,
  BARE_DENIED,
  ACI_REGISTRY_IDENTITY_MISSING,
  ACI_INACCESSIBLE_IMAGE,
  ACI_PROVIDER_ARM_ERROR,
  CONTAINER_APPS_IDENTITY_PULL,
  CONTAINER_APPS_PULL_FAILED,
  ACR_QUARANTINED,
  REMOTE_REPOSITORY_UPSTREAM,
  CREDENTIAL_REJECTED,
  JFROG_NO_PERMISSION,
  GITLAB_ACCESS_FORBIDDEN,
  CREDENTIAL_PROVIDER_FAILED,
  NO_CREDENTIALS_SENT,
  HARBOR_REPOSITORY_NOT_FOUND,
  HARBOR_ARTIFACT_NOT_FOUND,
  GCR_PROJECT_NOT_FOUND,
  GCR_SHUT_DOWN,
  QUAY_NAMESPACE_DISABLED,
  PAYMENT_REQUIRED,
  TAG_INVALID,
  IMAGE_DOES_NOT_EXIST,
  PULL_SECRET_MISSING,
  BALENA_MANIFEST_NOT_FOUND,
  PULL_ACCESS_DENIED,
  REPOSITORY_NAME_UNKNOWN,
  IMAGE_NOT_FOUND_V1,
  MANIFEST_UNKNOWN,
  HTTP_404,
  GRPC_NOT_FOUND,
  ACR_TOKEN_403,
  {
    // distribution's token error code "insufficient_scope"; ECR words the same refusal "access token has insufficient scopes".
    id: 'insufficient-scope',
    category: 'access_denied',
    patterns: [/insufficient[_ ]scopes?\b/i],
    confidence: 0.5,
    candidates: ['repo_not_found', 'auth_missing'],
    explanation: 'The token does not cover this repository: either the repository does not exist or the identity may not pull it.',
  },
  {
    // dockerd prints a 403 whose body is not JSON as "error parsing HTTP 403 response body" (moby registry/errors).
    // Some registries (GitLab, GHCR) answer 403 to a request that carried no credentials at all, hence auth_missing.
    id: 'denied',
    category: 'access_denied',
    patterns: [/\b403 \(?Forbidden\b|: Forbidden\b|\bdenied:|(?:status(?: code)?:?|HTTP) 403\b/i],
    confidence: 0.65,
    candidates: ['firewall_denied', 'repo_not_found', 'auth_missing'],
    explanation: 'The registry knows who is asking but refuses the pull (no pull role on this registry or repository, or a network rule).',
  },
  {
    // Docker Hub and other distribution registries answer an anonymous pull of a repository that does not exist with
    // the same 401 as a private one (dockerd then adds "repository does not exist or may require 'docker login'":
    // moby distribution/errors.go), so a missing repository stays a candidate; a registry whose token service is down
    // answers every pull 401 too (docker.elastic.co outages: elastic/elasticsearch-docker#237, elastic/elasticsearch#61047).
    // BuildKit's progress output cuts a line at the terminal's width ("…: 401 Unauthorize": dotnet/dotnet-docker#7246).
    // go-containerregistry (Knative's tag resolution) writes "unsupported status code 401; body: …" (knative/serving#1996).
    // Docker's v1 registry client says "Authentication is required." (moby registry/session.go); a proxy's 407 is decided earlier.
    id: 'unauthorized',
    category: 'auth_missing',
    patterns: [/unauthorized|(?:status|response) code:? 401\b|invalid username\/password|\bauthentication ?(?:is )?required\b|\b401 Unauthori[sz]e\b/i],
    confidence: 0.85,
    candidates: ['access_denied', 'repo_not_found', 'registry_unavailable'],
    explanation: "The registry wants credentials the node did not present or rejected (no AcrPull for the kubelet identity, no or expired pull secret), or the repository does not exist.",
  },
  ECR_BAD_REQUEST,
  PLAIN_HTTP_400,
  BAD_REQUEST_400,
  {
    id: 'server-error',
    category: 'registry_unavailable',
    // Status lines with or without the code; Azure Front Door's outage page (in front of mcr.microsoft.com).
    patterns: [
      /\b50[0234] \(?(?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b|service unavailable|malformed MIME header|\bBad Gateway\b|Our services aren't available right now|: Internal Server Error\b/i,
    ],
    confidence: 0.85,
    candidates: ['network_unreachable'],
    explanation: 'The registry (or a proxy in front of it) answered with a server error; usually transient — check the registry status and retry.',
  },
  UNKNOWN_BLOB,
  DEADLINE_ON_PING,
  STREAM_CUT,
  DEADLINE,
  // A bare back-off or ErrImagePull names no cause: it is not a rule but the end of the chain (causeless-pull.ts), after
  // the structural reading has looked for a cause in whatever follows it.
];
