import type { PullErrorRule } from './pull-error-rules';

/**
 * How the connection to the registry failed, in Go's own words (net, net/http, crypto/tls as containerd,
 * CRI-O and dockerd print them). The first seven sit in tier 1 of PULL_ERROR_RULES (a named cause beats
 * any status code around it); the last three in tier 3 (a pull that broke off). Real examples of each:
 * test/classifier/corpus*.ts.
 */

export const TLS_FAILURE: PullErrorRule = {
  id: 'tls',
  category: 'tls_error',
  patterns: [
    // Go words every certificate problem "x509: …" (unknown authority, expired, valid for another name). Plain HTTP
    // sent to a TLS port gets a TLS record back, which Go's net/http prints as `malformed HTTP response "\x15\x03…"`
    // (an alert) or `"\x16\x03…"` (a handshake) — net/http/response.go badStringError.
    // A paste may drop the "x509: " prefix of a name mismatch (home-assistant/supervised-installer#184: a captive DNS
    // answer sent the node to another host's certificate).
    /x509:|certificate is valid for [^\n]{1,300}?, not [\w.-]+|server gave HTTP response to HTTPS client|remote error: tls|first record does not look like a TLS handshake|plain HTTP request was sent to HTTPS port|malformed HTTP response \\?"\\x1[56]\\x03/i,
  ],
  confidence: 0.95,
  candidates: [],
  explanation: "TLS to the registry failed: a certificate the node does not trust (private CA, inspecting proxy), or HTTP and HTTPS mixed up (an http:// mirror on a TLS port, or the reverse).",
};

// The proxy's own host name did not resolve ("proxyconnect tcp: dial tcp: lookup <proxy> on <resolver>:53: no such host":
// dotnet/core#4326): a name lookup, of the proxy rather than the registry.
export const PROXY_LOOKUP: PullErrorRule = {
  id: 'proxy-lookup',
  category: 'dns_failure',
  patterns: [/proxyconnect tcp: dial tcp: lookup [^\n]*?(?:no such host|server misbehaving)/i],
  confidence: 0.85,
  candidates: ['network_unreachable'],
  explanation: "The node could not resolve its HTTP(S) proxy's host name: check the proxy name in HTTPS_PROXY/HTTP_PROXY of the container runtime's environment, and the node's DNS.",
};

export const PROXY_CONNECT: PullErrorRule = {
  // Go's net/http "proxyconnect tcp: <dial error>": the node never reached its HTTP(S) proxy, so whatever follows
  // (a lookup, a refusal, a timeout) is about the proxy — a wrong HTTPS_PROXY host or port in the runtime's
  // environment — not the registry. TLS to the proxy (https:// scheme for a plain proxy) is decided above by TLS_FAILURE.
  id: 'proxy-connect',
  category: 'network_unreachable',
  patterns: [/proxyconnect tcp:/i],
  confidence: 0.8,
  candidates: ['dns_failure', 'firewall_denied'],
  explanation: "The node could not reach its HTTP(S) proxy (the proxy's host name does not resolve, or it refuses or drops the connection): check HTTPS_PROXY/NO_PROXY in the container runtime's environment.",
};

// The lookup itself could not reach the resolver ("lookup gcr.io on 169.254.169.254:53: dial udp 169.254.169.254:53:
// network is unreachable": kubernetes/kubernetes#23669): DNS failed because the node's network did.
export const RESOLVER_UNREACHABLE: PullErrorRule = {
  id: 'resolver-unreachable',
  category: 'dns_failure',
  patterns: [/\blookup \S+ on \S+: (?:dial udp \S+: )?(?:connect: )?(?:network is unreachable|no route to host)/i],
  confidence: 0.7,
  candidates: ['network_unreachable'],
  explanation: "The node could not reach its DNS resolver to look the registry up (no route or no network to it): the node's network or its DNS server address is wrong.",
};

// A lookup that failed at the node's own stub resolver (systemd-resolved's 127.0.0.53, dnsmasq's 127.0.1.1, a loopback
// CoreDNS cache): the stub answers "no such host" or "server misbehaving" as well when it cannot reach its upstream, so a
// node whose only way out is a proxy reads the same (docker/for-mac#3597: HTTP_PROXY for the daemon fixed it).
export const LOCAL_RESOLVER_LOOKUP: PullErrorRule = {
  id: 'local-resolver-lookup',
  category: 'dns_failure',
  patterns: [/\blookup [\w.-]+ on 127\.\d+\.\d+\.\d+:53: (?!dial udp)/i],
  confidence: 0.8,
  candidates: ['network_unreachable'],
  explanation: "The node's local DNS stub (127.x: systemd-resolved, dnsmasq) could not resolve the registry's host name: a wrong name or private zone, or the stub cannot reach its upstream DNS server.",
};

export const NAME_LOOKUP: PullErrorRule = {
  id: 'dns',
  category: 'dns_failure',
  // "dial tcp: lookup <host> on <resolver>:53: <anything>": the name never resolved, whatever the resolver said.
  // Go's resolver error (net/dnsclient_unix.go: "lookup " + name + " on " + server). Users paste it with the
  // addresses masked ("on <IP ADDRESS REMOVED>:", "on x.x.x.x:53:", "on ***:53:"): still a lookup.
  // A paste cut right after the host ("dial tcp: lookup registry.k8s.io": k0sproject/k0sctl#1117) is still a lookup.
  // Node.js tools (Podman Desktop, Docker Desktop extensions) print libuv's codes: "getaddrinfo ENOTFOUND <host>" (no such
  // name) and "getaddrinfo EAI_AGAIN <host>" (the resolver did not answer): podman-desktop/podman-desktop#12163.
  patterns: [/no such host|Temporary failure in name resolution|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)\b|\blookup [\w.-]+(?: on (?:[\w.:[\]*-]+|<[^>\n]*>(?::\d+)?))?: \S|\bdial tcp: lookup [\w.-]+(?=[\s"'\\,]*(?:$|\n))/i],
  confidence: 0.92,
  candidates: [],
  explanation: "The node could not resolve the registry's host name (typo, private DNS zone not linked to the cluster VNet, or custom DNS).",
};

export const CONNECTION_REFUSED: PullErrorRule = {
  // ECONNREFUSED (Go "connect: connection refused", Windows connectex "… actively refused it"): the host answered with a
  // reset, so nothing listens on that address and port — the registry (or a mirror or an in-cluster registry service)
  // is down or on another port — or a firewall or proxy rejects actively. Either way the node never spoke HTTP to it.
  id: 'connection-refused',
  category: 'network_unreachable',
  patterns: [/connection refused|actively refused/i],
  confidence: 0.75,
  candidates: ['registry_unavailable', 'firewall_denied'],
  explanation: 'Nothing accepted the connection at the registry address: the registry (or mirror) is down or on another port, or a firewall or proxy rejects it.',
};

export const HANDSHAKE_TIMEOUT: PullErrorRule = {
  // Go's crypto/tls deadline (net/http "TLS handshake timeout"): the TCP connection was accepted but no TLS answer came.
  // A middlebox holding the connection does it, and so does an overloaded registry front end (registry.access.redhat.com
  // during an outage: podman-container-tools/podman#14864).
  id: 'handshake-timeout',
  category: 'network_unreachable',
  // A paste may stop inside the last word ("TLS handshake timeou": karmada-io/karmada#3592).
  patterns: [/TLS handshake time/i],
  confidence: 0.75,
  candidates: ['firewall_denied', 'registry_unavailable'],
  explanation: 'The registry accepted the connection but did not complete TLS in time: a firewall or proxy holding the connection, or an overloaded registry.',
};

export const TCP_CONNECT: PullErrorRule = {
  id: 'connect',
  category: 'network_unreachable',
  patterns: [
    // Go's dial errors (syscall wording) and Windows' connectex and WSAECONNRESET ("An existing connection was forcibly
    // closed by the remote host", Windows Sockets error codes); "connect: invalid argument" is a dial to an
    // address the node cannot use (a mangled proxy setting). ECS/Fargate words it for its own ECR calls: "There is a
    // connection issue between the task and Amazon ECR" (AWS ECS developer guide, task_cannot_pull_image).
    /connection issue between the task and Amazon ECR|\bconnectex\b|network is unreachable|cannot assign requested address|no route to host|connection reset by peer|forcibly closed by the remote host|connect: invalid argument/i,
  ],
  confidence: 0.8,
  candidates: ['firewall_denied'],
  explanation: "The node could not open a connection to the registry (egress firewall/NSG/UDR, unreachable private endpoint, or a proxy).",
};

// A dial that timed out got no answer at all: a firewall dropping the SYN looks the same as a registry or mirror host
// that is down (DaoCloud/public-image-mirror#721: the mirror was down that night), so the registry stays possible. A dial
// timeout may be printed without the address ("dial tcp: i/o timeout", or elided by the user). Docker 1.x gave up on
// every mirror and the registry with "Could not reach any registry endpoint" (oracle/container-images#10,
// aws/amazon-ecs-agent#719): no more said.
export const TCP_CONNECT_TIMEOUT: PullErrorRule = {
  id: 'connect-timeout',
  category: 'network_unreachable',
  patterns: [/connection timed out|dial tcp(?: \S+?)?:? i\/o timeout|Network timed out while trying to connect|Could not reach any registry endpoint/i],
  confidence: 0.8,
  candidates: ['firewall_denied', 'registry_unavailable'],
  explanation: "The node's connection to the registry got no answer: an egress firewall, NSG or UDR dropping it, an unreachable private endpoint or proxy, or the registry or mirror host itself down.",
};

export const REQUEST_EOF: PullErrorRule = {
  // Go's net/http `Get "<url>": EOF` (containerd prefixes "failed to do request: "; skopeo/CRI-O and dockerd
  // print it bare): the connection closed before any HTTP answer. An egress firewall cutting it, a
  // TLS-intercepting proxy, HTTPS spoken to a plain-HTTP registry, the registry's own front end, or a private
  // DNS record pointing at the wrong endpoint all end this way.
  id: 'request-eof',
  category: 'network_unreachable',
  patterns: [/\b(?:Get|Head|Post) \\?"?https?:\/\/[^\s"\\]+\\?"?: EOF\b/i],
  confidence: 0.6,
  candidates: ['firewall_denied', 'tls_error', 'registry_unavailable', 'dns_failure'],
  explanation: 'The registry connection closed before any answer: usually an egress firewall or proxy, else TLS spoken to a plain-HTTP endpoint or a registry outage.',
};

export const CONNECT_WAIT: PullErrorRule = {
  // Go's net/http: no connection (or no response headers) before the client deadline, with or without the Client.Timeout
  // part (openfaas/faas-netes#322). Outages look the same.
  id: 'connect-wait',
  category: 'network_unreachable',
  patterns: [/Client\.Timeout exceeded while awaiting headers|request canceled while waiting for connection/i],
  confidence: 0.6,
  candidates: ['registry_unavailable', 'timeout_or_size', 'firewall_denied'],
  explanation: 'No answer from the registry before the client gave up: egress blocked or slow, or the registry itself is down.',
};

export const DEADLINE_ON_PING: PullErrorRule = {
  // The deadline hit on the registry's /v2/ ping or its token request (/v2/auth, /token, /oauth2/token), before any
  // layer was requested: the connection never came up (Microsoft Learn traces this one to name resolution), so it is
  // not a size problem.
  id: 'deadline-on-ping',
  category: 'network_unreachable',
  patterns: [/\/(?:v2\/(?:auth)?|(?:oauth2\/)?token)(?:\?[^"\s]*)?"?: (?:context deadline exceeded|i\/o timeout)/i],
  confidence: 0.55,
  candidates: ['dns_failure', 'registry_unavailable', 'timeout_or_size'],
  explanation: 'The registry did not answer its first request (its ping or token) in time: DNS or egress is failing, or the registry is down; no layer was being downloaded.',
};

export const STREAM_CUT: PullErrorRule = {
  // A layer stream that ended early ("unexpected EOF") or arrived damaged: the link, a proxy cutting long
  // transfers, or the registry's storage dropping the connection (Docker Hub and registry.k8s.io outages).
  id: 'stream-cut',
  category: 'timeout_or_size',
  patterns: [/unexpected EOF/i],
  confidence: 0.65,
  candidates: ['network_unreachable', 'registry_unavailable'],
  explanation: 'The download broke off mid-layer: an unstable or throttled link, a proxy cutting long transfers, or the registry dropping the connection.',
};

export const DEADLINE: PullErrorRule = {
  id: 'deadline',
  category: 'timeout_or_size',
  patterns: [/context deadline exceeded|context canceled|request canceled/i],
  confidence: 0.7,
  // A registry mirror that stalls (spegel, Zot on-demand sync) cancels the pull the same way.
  candidates: ['network_unreachable', 'registry_unavailable'],
  explanation: 'The pull started but did not finish in time; large images and slow or throttled links are typical, else a stalled registry or mirror.',
};

// containerd CRI "cancel pulling image %s because of no progress in %v" (image_pull_progress_timeout);
// dockershim "Cancel pulling image %q because of no progress for %v".
export const NO_PROGRESS: PullErrorRule = {
  id: 'no-progress',
  category: 'timeout_or_size',
  patterns: [/because of no progress/i],
  confidence: 0.85,
  candidates: ['network_unreachable', 'registry_unavailable'],
  explanation: 'The runtime cancelled the pull because no bytes arrived for its progress deadline: a very large layer on a slow or stalled link.',
};
