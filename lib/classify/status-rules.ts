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

export const RATE_LIMITED: PullErrorRule = {
  id: 'rate-limited',
  category: 'rate_limited',
  patterns: [/toomanyrequests|\bToo Many Requests\b|pull rate limit|(?:status(?: code)?:?|HTTP) 429\b/i],
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
