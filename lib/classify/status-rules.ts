import type { PullErrorRule } from './pull-error-rules';

/** A bare 400 Bad Request: what the client's URL and the body around it say decides how far it can be read. */

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
// Cloudflare worker proxy). Plain HTTP sent to a TLS port gets a 400 too, but nginx then says so in its page ("The plain
// HTTP request was sent to HTTPS port"), which the TLS rule reads.
export const BAD_REQUEST_400: PullErrorRule = {
  id: 'bad-request-400',
  category: 'registry_unavailable',
  patterns: [/\b400 Bad Request\b/i],
  confidence: 0.45,
  candidates: ['tag_not_found', 'repo_not_found', 'invalid_reference', 'tls_error'],
  explanation: 'The registry (or a mirror or proxy in front of it) refused the request as malformed (400 Bad Request): a proxy or mirror fault, a name, tag or path it rejects, or plain HTTP sent to its TLS port.',
};
