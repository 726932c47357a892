import type { PullErrorRule } from './pull-error-rules';

/**
 * What goes wrong on the way from the registry to the node, other than the connection itself (connection-rules.ts):
 * an HTTP proxy that wants credentials of its own, and content whose digest or size is not what the manifest
 * promised. Both sit in tier 1 of PULL_ERROR_RULES: the cause is named in words, whatever status or wrapper surrounds
 * it. Real examples: test/classifier/corpus-eighth.ts.
 */

// An HTTP(S) proxy answering 407 (RFC 9110 §15.5.8). Go's net/http returns the status text of a refused CONNECT as the
// error itself ("Get <url>: Proxy Authentication Required"); through a plain-HTTP proxy the runtime prints the status
// line ("… 407 Proxy Authentication Required"). It is the node's proxy talking, not the registry: the words
// "Authentication Required" must not be read as the registry asking for a pull secret.
export const PROXY_AUTH: PullErrorRule = {
  id: 'proxy-auth',
  category: 'network_unreachable',
  patterns: [/\bProxy Authentication Required\b/i],
  confidence: 0.85,
  candidates: ['firewall_denied'],
  explanation: "The node's HTTP(S) proxy wants proxy credentials (407): set them in the runtime's HTTPS_PROXY or exempt the registry via NO_PROXY; the registry was not reached.",
};

// The bytes arrived but are not what the manifest promised. containerd content/local/writer.go: "unexpected commit
// digest %s, expected %s" and "failed size validation: %v != %v" (metadata/content.go says the same with the ref in
// front); containers/image copy/digesting_reader.go (CRI-O, podman): "Digest did not match,
// expected %s, got %s"; dockerd: "filesystem layer verification failed". A transfer cut short or altered by a proxy, or
// a mirror or registry serving other content than its manifest names (containerd/containerd#11925, a mirror;
// podman#7298, an empty blob from the registry; an Artifactory manifest: containerd/containerd#3323): the threads'
// causes split between the three, so none is decided.
export const CONTENT_MISMATCH: PullErrorRule = {
  id: 'content-mismatch',
  category: 'unknown',
  patterns: [/unexpected commit digest|failed size validation|Digest did not match|layer verification failed/i],
  confidence: 0,
  candidates: ['timeout_or_size', 'registry_unavailable', 'network_unreachable'],
  explanation: 'The download does not match the digest or size its manifest names: cut short or altered on the way (a proxy), or a mirror or registry serving other content — the text cannot tell which.',
};
