import type { Category } from '../model/category';

/**
 * One recognised runtime/kubelet wording. The list below is data: order is specificity (first match
 * wins), so a rule that must beat another sits above it — e.g. platform before auth (a 401 often
 * follows "no match for platform"), rate limits before the generic "failed to copy" timeout.
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

// Wordings come from containerd 1.4–2.x (remotes/docker, pkg/cri), CRI-O / containers-image,
// dockerd, kubelet (pkg/kubelet/images) and ACR; test/classifier/corpus.ts has real examples of each.
export const PULL_ERROR_RULES: readonly PullErrorRule[] = [
  {
    id: 'never-pull',
    category: 'never_pull',
    patterns: [/ErrImageNeverPull|is not present with pull policy of Never/i],
    confidence: 0.98,
    candidates: [],
    explanation: 'imagePullPolicy is Never and the image is not on the node, so kubelet will not pull it.',
  },
  {
    id: 'invalid-reference',
    category: 'invalid_reference',
    patterns: [
      /InvalidImageName|couldn't parse image (?:reference|name)|invalid reference format|Failed to apply default image tag|repository name must be lowercase|invalid image name/i,
    ],
    confidence: 0.95,
    candidates: [],
    explanation: 'The image reference in the pod spec is malformed (case, characters, scheme or extra ":"), so it is never pulled.',
  },
  {
    id: 'platform-no-match',
    category: 'platform_mismatch',
    patterns: [
      /no match for (?:current )?platform\b|no matching manifest for \S+ in the manifest list|no image found in (?:image index|manifest list) for architecture|image operating system "[^"]+" cannot be used on this platform|does not match the specified platform|image platform \([^)]{0,100}\) does not match/i,
    ],
    confidence: 0.92,
    candidates: [],
    explanation: "The tag exists but has no variant for the node's OS/architecture (e.g. an amd64-only image on an arm64 or Windows node pool).",
  },
  {
    id: 'exec-format-error',
    category: 'platform_mismatch',
    patterns: [/exec format error/i],
    confidence: 0.8,
    candidates: [],
    explanation: "The image's binaries are built for another CPU architecture than the node's.",
  },
  {
    id: 'disk-full',
    category: 'disk_pressure',
    patterns: [/no space left on device|DiskPressure|disk pressure|low on resource: ephemeral-storage|failed to garbage collect required amount of images/i],
    confidence: 0.92,
    candidates: [],
    explanation: "The node's disk (container image store) is full, so layers cannot be written.",
  },
  {
    id: 'acr-firewall-client-ip',
    category: 'firewall_denied',
    patterns: [/client with IP '[^']*' is not allowed access|aka\.ms\/acr\/firewall/i],
    confidence: 0.97,
    candidates: [],
    explanation: "ACR's network rules rejected the node's source IP (public network access off or firewall rules without the cluster's egress IP).",
  },
  {
    id: 'repository-name-unknown',
    category: 'repo_not_found',
    patterns: [/NAME_UNKNOWN|repository name not known to registry|name unknown|repository [^\s]+ not found|repository does not exist(?! or may require)/i],
    confidence: 0.9,
    candidates: [],
    explanation: 'The registry has no repository by that name (typo in the path, wrong registry, or it was deleted).',
  },
  {
    id: 'pull-access-denied-repo-missing',
    category: 'repo_not_found',
    patterns: [/pull access denied.*repository does not exist or may require/i],
    confidence: 0.5,
    candidates: ['auth_missing', 'access_denied'],
    explanation: 'The registry answers the same for a missing repository and one you may not read: check the name first, then credentials.',
  },
  {
    id: 'manifest-unknown',
    category: 'tag_not_found',
    patterns: [/manifest unknown|MANIFEST_UNKNOWN|manifest tagged by "[^"]*" is not found|manifest for \S+ not found|: not found(?:$|[\s,\]"])|\b404 Not Found\b/i],
    confidence: 0.88,
    candidates: ['repo_not_found'],
    explanation: 'The registry has no manifest for this tag or digest (tag never pushed, deleted, or a typo); containerd words a missing repository the same way.',
  },
  {
    // kubelet's own limiter (pkg/kubelet/images: ErrImagePull "pull QPS exceeded"), not the registry's.
    id: 'kubelet-pull-qps',
    category: 'rate_limited',
    patterns: [/pull QPS exceeded/i],
    confidence: 0.9,
    candidates: [],
    explanation: "kubelet's own pull rate limit (registryPullQPS/registryBurst) was hit on this node; it retries on its own.",
  },
  {
    id: 'rate-limited',
    category: 'rate_limited',
    patterns: [/toomanyrequests|\b429 Too Many Requests\b|pull rate limit|status(?: code)?:? 429\b/i],
    confidence: 0.95,
    candidates: [],
    explanation: 'The registry throttled the pulls (HTTP 429); Docker Hub anonymous limits are the usual cause — authenticate or mirror the image to ACR.',
  },
  {
    id: 'tls',
    category: 'tls_error',
    patterns: [
      /x509:|tls: failed to verify certificate|certificate signed by unknown authority|certificate has expired|certificate is valid for|server gave HTTP response to HTTPS client|tls: handshake failure|remote error: tls|first record does not look like a TLS handshake/i,
    ],
    confidence: 0.95,
    candidates: [],
    explanation: "The TLS connection to the registry failed: its certificate is not trusted by the node (private CA, TLS-inspecting proxy) or it does not speak HTTPS.",
  },
  {
    id: 'dns',
    category: 'dns_failure',
    patterns: [/no such host|server misbehaving|Temporary failure in name resolution|\blookup \S+(?: on \S+)?: (?:read udp \S+: )?i\/o timeout/i],
    confidence: 0.92,
    candidates: [],
    explanation: "The node could not resolve the registry's host name (typo, private DNS zone not linked to the cluster VNet, or custom DNS).",
  },
  {
    id: 'connect',
    category: 'network_unreachable',
    patterns: [/connection refused|network is unreachable|no route to host|connection reset by peer|dial tcp \S+: i\/o timeout|TLS handshake timeout|failed to do request: \w+ "[^"]*": EOF/i],
    confidence: 0.8,
    candidates: ['firewall_denied'],
    explanation: "The node could not open a connection to the registry (egress firewall/NSG/UDR, unreachable private endpoint, or a proxy).",
  },
  {
    id: 'acr-token-403',
    category: 'firewall_denied',
    patterns: [/(?:anonymous token|oauth2?\/token|fetch oauth token)[^\n]{0,800}?\b403 Forbidden/i],
    // A token URL on another registry (ghcr.io/token, auth.docker.io) is that registry refusing access.
    unless: /request to https?:\/\/(?![^\s/]*\.azurecr\.(?:io|cn|us)\/)[^\s/]+\//i,
    confidence: 0.7,
    candidates: ['access_denied'],
    explanation: "ACR refused the token request with 403: usually its network rules (firewall/private endpoint) reject the node, otherwise the identity lacks pull rights.",
  },
  {
    id: 'insufficient-scope',
    category: 'access_denied',
    patterns: [/insufficient_scope/i],
    confidence: 0.5,
    candidates: ['repo_not_found', 'auth_missing'],
    explanation: 'The token does not cover this repository: either the repository does not exist or the identity may not pull it.',
  },
  {
    id: 'denied',
    category: 'access_denied',
    patterns: [/\b403 Forbidden\b|: Forbidden\b|requested access to the resource is denied|\bdenied:|status(?: code)?:? 403\b|HTTP 403\b/i],
    confidence: 0.65,
    candidates: ['firewall_denied', 'repo_not_found'],
    explanation: 'The registry knows who is asking but refuses the pull (no pull role on this registry or repository, or a network rule).',
  },
  {
    id: 'unauthorized',
    category: 'auth_missing',
    patterns: [/\b401 Unauthorized\b|unauthorized|authentication required|no basic auth credentials|status(?: code)?:? 401\b/i],
    confidence: 0.85,
    candidates: ['access_denied'],
    explanation: "The registry wants credentials the node did not present or that it rejected (kubelet identity without AcrPull, no pull secret, expired secret).",
  },
  {
    id: 'server-error',
    category: 'registry_unavailable',
    patterns: [/\b50[0234] (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b|received unexpected HTTP status: 5\d\d|service unavailable|status(?: code)?:? 5\d\d\b/i],
    confidence: 0.85,
    candidates: ['network_unreachable'],
    explanation: 'The registry (or a proxy in front of it) answered with a server error; usually transient — check the registry status and retry.',
  },
  {
    id: 'deadline',
    category: 'timeout_or_size',
    patterns: [/context deadline exceeded|DeadlineExceeded|context canceled|unexpected EOF|httpReadSeeker|failed to copy|Client\.Timeout exceeded|i\/o timeout|request canceled/i],
    confidence: 0.7,
    candidates: ['network_unreachable'],
    explanation: 'The pull started but did not finish in time or the download broke off; large images and slow or throttled links are typical.',
  },
  {
    id: 'back-off-only',
    category: 'unknown',
    patterns: [/Back-off pulling image|ImagePullBackOff|ErrImagePull/i],
    confidence: 0,
    candidates: [],
    explanation: 'This event only says kubelet is backing off; the cause is in the earlier Failed event (kubectl describe pod).',
  },
];
