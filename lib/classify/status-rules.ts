import type { PullErrorRule } from './pull-error-rules';

/**
 * Rules read from a status: a rate limit (the registry's 429, kubelet's own limiter) and a bare 400 Bad Request, where
 * the client's URL and the body around it decide how far it can be read.
 */

// kubelet's own limiter (pkg/kubelet/images: ErrImagePull "pull QPS exceeded"), not the registry's.
export const KUBELET_PULL_QPS: PullErrorRule = {
  id: 'kubelet-pull-qps',
  category: 'rate_limited',
  patterns: [/pull QPS exceeded/i],
  confidence: 0.9,
  candidates: [],
  explanation: "kubelet's own pull rate limit (registryPullQPS/registryBurst) was hit on this node; it retries on its own.",
};

// Docker Hub locks a username or address out after failed logins and says so under its 429 code ("toomanyrequests: too
// many failed login attempts for username or IP address": docker/hub-feedback#786, a wrong password): the credentials are
// the cause; many parallel logins with good ones trip it too (docker/hub-feedback#642), so the rate limit stays possible.
export const FAILED_LOGIN_LOCKOUT: PullErrorRule = {
  id: 'failed-login-lockout',
  category: 'auth_missing',
  patterns: [/too many failed login attempts/i],
  confidence: 0.7,
  candidates: ['rate_limited'],
  explanation: 'The registry locked the account or address out after failed logins: the pull secret or login password is wrong (fix it, then wait for the lockout to expire); many parallel logins trip it too.',
};

export const RATE_LIMITED: PullErrorRule = {
  id: 'rate-limited',
  category: 'rate_limited',
  // AWS APIs throttle in their own words ("ThrottlingException: Rate exceeded": ECR's token and pull APIs).
  patterns: [/toomanyrequests|\bToo Many Requests\b|pull rate limit|(?:status(?: code)?:?|HTTP) 429\b|\bRate exceeded\b/i],
  confidence: 0.95,
  candidates: [],
  explanation: 'The registry throttled the pulls (HTTP 429); Docker Hub anonymous limits are the usual cause — authenticate or mirror the image to ACR.',
};

// Plain HTTP sent to a TLS port: the client shows the http:// URL it used and the 400 the TLS server answered.
export const PLAIN_HTTP_400: PullErrorRule = {
  id: 'plain-400',
  category: 'tls_error',
  patterns: [/\bhttp:\/\/[^\n]*\b400 Bad Request\b/i],
  confidence: 0.7,
  candidates: ['registry_unavailable'],
  explanation: 'The registry answered 400 Bad Request to plain HTTP: the node sent http:// to its TLS port (an http:// mirror or insecure-registry setting).',
};

// Any other 400: the registry, a mirror or a proxy refused the request's form. The distribution spec's 400s are a name
// or reference it rejects (NAME_INVALID, TAG_INVALID); gcr.io answers it for a repository path that does not exist
// (kubernetes-sigs/karpenter-provider-cluster-api#60), image factories for an image they cannot build (factory.talos.dev:
// siderolabs/omni#215); a proxy or CDN in front of the registry for its own faults (docker-library/repo-info#19, a
// Cloudflare worker proxy); and a request whose token was dropped (containerd 2.1 to Artifactory: bottlerocket-os/bottlerocket#4709). Plain HTTP sent to a TLS port gets a 400 too, but nginx then says so in its page ("The plain
// HTTP request was sent to HTTPS port"), which the TLS rule reads.
export const BAD_REQUEST_400: PullErrorRule = {
  id: 'bad-request-400',
  category: 'registry_unavailable',
  patterns: [/\b400 Bad Request\b/i],
  confidence: 0.45,
  candidates: ['tag_not_found', 'repo_not_found', 'invalid_reference', 'tls_error', 'auth_missing'],
  explanation: 'The registry (or a mirror or proxy in front of it) refused the request as malformed (400 Bad Request): a proxy or mirror fault, a name, tag or path it rejects, or plain HTTP sent to its TLS port.',
};

// A bare 404 in the runtime's own words (dockerd "error parsing HTTP 404 response body", CRI-O/skopeo
// "StatusCode: 404", the v1 client's "HTTP code: 404"): the registry has nothing at that path.
export const HTTP_404: PullErrorRule = {
  id: 'http-404',
  category: 'tag_not_found',
  patterns: [/error parsing HTTP 404 response body|\bStatusCode: 404\b|\bHTTP code: 404\b/i],
  confidence: 0.7,
  candidates: ['repo_not_found'],
  explanation: 'The registry answered 404: no such tag or digest, or no such repository at that path (it does not say which).',
};

// containerd's CRI maps a reference it could not resolve to gRPC NotFound (errdefs.ToGRPC in the CRI image
// service); kubelet sometimes shows only that code and the wrapper, with the "…: not found" cut off — or only the code
// (Azure/aad-pod-identity#1282).
export const GRPC_NOT_FOUND: PullErrorRule = {
  id: 'grpc-not-found',
  category: 'tag_not_found',
  patterns: [/\bcode = NotFound(?: desc = failed to pull and unpack image "[^"]*")?["'\])]*,?\s*$/im],
  confidence: 0.6,
  candidates: ['repo_not_found'],
  explanation: 'The runtime could not find the image: no such tag or digest, or no such repository at that path (the text does not say which).',
};
