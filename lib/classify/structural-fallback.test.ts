import { classifyPullMessage } from './classify-pull-message';
import { structuralReading, withStructuralFallback } from './structural-fallback';
import type { Category, Classification } from '../model/category';

// Real messages (test/classifier/corpus-fresh.ts, batches 1–3) that the rules of their day did not know.
const REAL: ReadonlyArray<[string, Category, Category[]]> = [
  // an errno word after a dial: the connection failed
  ['Error while pulling image: Get https://index.docker.io/v1/repositories/kitematic/hello-world-nginx/images: dial tcp 0.0.8.90:443: connect: invalid argument', 'network_unreachable', []],
  // an HTTP status in its printed forms
  ['Pulling repository nlamirault/hyperion 2014/11/24 15:50:22 HTTP code: 404', 'unknown', ['repo_not_found', 'tag_not_found']],
  ['loading manifest for target platform: reading manifest sha256:8e77bd9d4e81b4031620f32f0b5774aad843ee77fca56b555ca0a71f9ff64cd5 in registry.redhat.io/openshift4/ose-oauth-proxy: StatusCode: 404, Not found', 'unknown', ['tag_not_found', 'repo_not_found']],
  ['Error response from daemon: Get "https://registry.k8s.io/v2/": Bad Gateway', 'registry_unavailable', ['network_unreachable']],
  ['pinging container registry repo-ace.example: Get "https://<myRepoURL>/v2/": Internal Server Error', 'registry_unavailable', []],
  // a bare registry noun names candidates, never a guess
  ['Error response from daemon: denied', 'unknown', ['access_denied', 'auth_missing', 'repo_not_found']],
  ['Error response from daemon: Get "https://mcr.microsoft.com/v2/": EOF', 'unknown', ['network_unreachable', 'registry_unavailable']],
  // words a runtime uses for a reference it cannot resolve
  ['rpc error: code = Unknown desc = no registries configured while trying to pull an unqualified image', 'invalid_reference', []],
  ["<h2>Our services aren't available right now</h2><p>Please check back soon.</p>", 'registry_unavailable', []],
];

describe('structural reading of real messages the rules did not know', () => {
  test.each(REAL)('%s', (message, category, candidates) => {
    const reading = structuralReading(message) as Classification;
    expect(reading.category).toBe(category);
    expect(reading.candidates).toEqual(expect.arrayContaining(candidates));
    expect(reading.candidates).not.toContain(reading.category);
    expect(reading.confidence).toBe(category === 'unknown' ? 0 : 0.4);
  });
});

describe('shapes added after batch 6 (Go and CRI-O wordings the rules had missed)', () => {
  test.each([
    ['write tcp 10.0.0.4:51234->20.1.2.3:443: write: broken pipe', 'network_unreachable'],
    ['Get "https://r.example/v2/": http2: server sent GOAWAY and closed the connection', 'network_unreachable'],
    ['net/http: HTTP/1.x transport connection broken: malformed HTTP response "HTTP/1.0 0"', 'tls_error'],
    ['short name mode is enforcing, but image name x returns an unexpected answer', 'invalid_reference'],
  ])('%s → %s', (message, category) => {
    expect((structuralReading(message) as Classification).category).toBe(category);
  });
});

describe('HTTP statuses in their printed forms', () => {
  test.each([
    ['unexpected status: 401 Unauthorized', 'auth_missing'],
    ['invalid status code from registry 403 (Forbidden)', 'access_denied'],
    ['fetching tags list 429 (Too Many Requests)', 'rate_limited'],
    ['error parsing HTTP 429 response body', 'rate_limited'],
    ['received unexpected HTTP status: 503 Service Unavailable', 'registry_unavailable'],
    ['API error (500): something', 'registry_unavailable'],
    ['StatusCode: 502, gateway', 'registry_unavailable'],
    ['remote response: 504: Gateway Timeout', 'registry_unavailable'],
    ['Get "https://r.example/v2/": Gateway Timeout', 'registry_unavailable'],
  ])('%s → %s (named)', (message, named) => {
    const reading = structuralReading(message) as Classification;
    expect([reading.category, ...reading.candidates]).toContain(named);
  });

  test('a number that is not a status is not read as one', () => {
    expect(structuralReading('pulled 404 layers in 500 ms')).toBeUndefined();
  });
});

describe('innermost cause and conflicts', () => {
  test('the innermost signal decides; the outer ones stay candidates', () => {
    const reading = structuralReading('rpc error: code = Unavailable desc = something: x509: certificate has expired') as Classification;
    expect(reading.category).toBe('tls_error');
    expect(reading.candidates).toContain('registry_unavailable');
  });

  test('a name lookup claims the error that follows it', () => {
    expect(structuralReading('dial tcp: lookup reg.example on 10.0.0.1:53: read udp: i/o timeout')?.category).toBe('dns_failure');
  });

  test('a gRPC code alone names candidates, it does not decide', () => {
    expect(structuralReading('rpc error: code = PermissionDenied desc = nope')).toMatchObject({ category: 'unknown', candidates: ['access_denied', 'auth_missing'] });
  });

  test("a denial on the node's own file (Linux or Windows path) is not a registry denial", () => {
    expect(structuralReading('open /var/lib/containerd/x: permission denied')).toBeUndefined();
    expect(structuralReading('remove \\\\?\\C:\\ProgramData\\docker\\windowsfilter\\<some id>\\x.dll: Access is denied.')).toBeUndefined();
  });
});

const decided = (what: string): string => `No known wording matched; read by structure, the innermost cause is ${what}. Tentative: check the candidates too.`;
const undecided = (what: string): string => `No known wording matched; read by structure, the innermost cause is ${what}, which does not decide the cause alone: see the candidates.`;

describe('real messages read whole: the deciding signal, its wording and the candidates in order', () => {
  // Corpus messages (test/classifier/), each chosen because it depends on one detail of the reader.
  test.each<[string, string, Category, Category[], string]>([
    // innermost wins over list order: `denied` comes first in the table, `does not exist` last in the text
    ['https://github.com/docker/hub-feedback/issues/2215', '"docker.io/library/busybox:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'unknown', ['repo_not_found', 'tag_not_found', 'registry_unavailable', 'access_denied'], 'not found'],
    // two covering signals: the outermost (the proxy) claims the lookup inside it
    ['https://github.com/cri-o/cri-o/issues/2331', 'pulling image failed: rpc error: code = Unknown desc = error pinging docker registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp: lookup http: Temporary failure in name resolution', 'network_unreachable', ['dns_failure'], 'the proxy'],
    ['https://github.com/docker/for-win/issues/7935', 'docker: Error response from daemon: Get https://registry-1.docker.io/v2/: proxyconnect tcp: dial tcp :0: connect: connection refused.', 'network_unreachable', ['dns_failure'], 'the proxy'],
    // `not found` naming a reference with a tag: the tag first
    ['https://github.com/spack/spack-tutorial/issues/391', 'Error response from daemon: failed to resolve reference "ghcr.io/spack/tutorial:hpcic24": ghcr.io/spack/tutorial:hpcic24: not found', 'unknown', ['tag_not_found', 'repo_not_found', 'registry_unavailable'], 'not found'],
    ['https://github.com/dragonflyoss/dragonfly/issues/2523', 'Failed to pull image "nginx": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latest": failed to unpack image on snapshotter overlayfs: unexpected media type text/html for sha256:723cc6bcc69478b1942d6796f2bcf2f67af9efa9974a3c8a0716d162721485bb: not found', 'unknown', ['tag_not_found', 'repo_not_found', 'registry_unavailable'], 'not found'],
    // a tag missing *in* a repository, or a manifest path naming `<repository>`, is still the tag
    ['https://github.com/flannel-io/flannel/issues/410', 'Pulling repository quay.io/coreos/flannel Tag latest not found in repository quay.io/coreos/flannel', 'unknown', ['tag_not_found', 'repo_not_found', 'registry_unavailable'], 'not found'],
    ['https://learn.microsoft.com/en-us/troubleshoot/azure/azure-container-registry/manifest-tag-not-found', 'Manifest for <container-registry-name>.azurecr.io/v2/<repository>/manifests/<tag> not found: manifest unknown: manifest tagged by "<tag>" is not found.', 'unknown', ['tag_not_found', 'repo_not_found', 'registry_unavailable'], 'not found'],
    // `repository <name> not found` is the repository, though the text also names a tag
    ['https://github.com/docker-training/docker-present/issues/15', 'Using default tag: latest Error response from daemon: repository training/docker-present not found: does not exist or no pull access', 'unknown', ['repo_not_found', 'tag_not_found', 'registry_unavailable'], 'not found'],
    // a lookup without a name: the resolver's own words say DNS; the dial stays a candidate
    ['https://github.com/podman-container-tools/podman/issues/24790', 'dial tcp: lookup: Temporary failure in name resolution', 'dns_failure', ['network_unreachable'], 'a failed name lookup'],
    ['https://github.com/ketches/registry-proxy/issues/5', 'Error response from daemon: toomanyrequests: <!DOCTYPE html>', 'rate_limited', [], 'a rate limit'],
    ['https://github.com/docker-library/repo-info/issues/19', 'debug: Download for sha256:53a0ccfb7e6fe326c54359c802287bbe5435ac269242e4883f85a1f305e1d0cb failed: unexpected status resolving reader: 400 Bad Request', 'unknown', ['registry_unavailable', 'tls_error'], 'HTTP 400'],
    // a proxy asking for credentials is the proxy (RFC 9110 §15.5.8), not the registry's `authentication required`
    ['https://github.com/docker/hub-feedback/issues/826', 'Error while pulling image: Get https://index.docker.io/v1/repositories/library/hello-world/images: Proxy Authentication Required', 'network_unreachable', ['auth_missing'], 'HTTP 407'],
    ['https://github.com/kubernetes/kubernetes/issues/30148', 'Error: Status 403 trying to pull repository <path to GCR image>: "Unable to access the repository: <path to GCR image>; please verify that it exists and you have permission to access it."', 'unknown', ['access_denied', 'auth_missing', 'firewall_denied'], 'HTTP 403'],
  ])('%s', (_source, message, category, candidates, what) => {
    expect(structuralReading(message)).toEqual({
      category,
      confidence: category === 'unknown' ? 0 : 0.4,
      candidates,
      explanation: category === 'unknown' ? undecided(what) : decided(what),
    });
  });

  test("a file missing on the node (containerd's content store) is not an HTTP 404", () => {
    // https://github.com/canonical/microk8s/issues/601: containerd wraps the stat error in its own `not found`.
    const message = 'failed to pull and unpack image "k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1": failed reading status of resume write: stat /var/snap/microk8s/common/var/lib/containerd/io.containerd.content.v1.content/ingest/6547e72b04ff8cae1a54f33fb7c3543c82aab966ce8258a797a58223e9d6a67d/data: no such file or directory: not found';
    expect(structuralReading(message)).toBeUndefined();
  });
});

describe('precedence: specific rules, kubelet reason, structural reading, unknown', () => {
  const unrecognised: Classification = { category: 'unknown', confidence: 0, candidates: [], explanation: 'no rule' };

  test('an unknown that a rule gave candidates stands; a reason is kept; no reason is added', () => {
    const ruled: Classification = { ...unrecognised, candidates: ['disk_pressure'] };
    expect(withStructuralFallback(ruled, 'denied')).toBe(ruled);
    expect(withStructuralFallback({ ...unrecognised, reason: 'ErrImagePull' }, 'HTTP 429')).toEqual({ category: 'rate_limited', confidence: 0.4, candidates: [], explanation: decided('HTTP 429'), reason: 'ErrImagePull' });
    expect(withStructuralFallback(unrecognised, 'HTTP 429')).toEqual({ category: 'rate_limited', confidence: 0.4, candidates: [], explanation: decided('HTTP 429') });
    expect(withStructuralFallback(unrecognised, '  \n ')).toBe(unrecognised);
  });

  test('a specific rule is never overridden', () => {
    // The rule reads Docker's pull-access sentence as a missing repository; structure alone would say "denied".
    const message = "Error response from daemon: pull access denied for x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    expect(classifyPullMessage(message).category).toBe('repo_not_found');
    const specific: Classification = { category: 'tls_error', confidence: 0.9, candidates: [], explanation: 'rule' };
    expect(withStructuralFallback(specific, 'denied')).toBe(specific);
  });

  test("kubelet's reason beats the structural reading", () => {
    expect(classifyPullMessage('upstream answered with status 502 while fetching layer', 'ErrImageNeverPull').category).toBe('never_pull');
  });

  test('the pull path uses the structural reading when no rule matches', () => {
    const result = classifyPullMessage('upstream answered with status 502 while fetching layer');
    expect(result).toMatchObject({ category: 'registry_unavailable', confidence: 0.4 });
    expect(result.explanation).toMatch(/read by structure/);
  });

  test('nothing structural: unknown stays unknown', () => {
    expect(classifyPullMessage('the pod is still pending', 'ImagePullBackOff')).toMatchObject({ category: 'unknown', candidates: [] });
  });
});

describe('every signal reads as its table says: the cause, or (weak) only candidates, and names itself', () => {
  // One row per row of BY_STATUS, GRPC and WORDS, in a printed form the reader must know. Weak signals decide
  // nothing (unknown) and name their cause first; strong ones decide and name what they cannot rule out.
  test.each<[string, Category, Category[], string]>([
    ['HTTP 400', 'unknown', ['registry_unavailable', 'tls_error'], 'HTTP 400'],
    ['status 401', 'unknown', ['auth_missing', 'access_denied'], 'HTTP 401'],
    ['StatusCode: 403', 'unknown', ['access_denied', 'auth_missing', 'firewall_denied'], 'HTTP 403'],
    ['HTTP code 404', 'unknown', ['repo_not_found', 'tag_not_found', 'registry_unavailable'], 'HTTP 404'],
    ['status code: 407', 'network_unreachable', ['auth_missing'], 'HTTP 407'],
    ['code=408', 'timeout_or_size', ['network_unreachable'], 'HTTP 408'],
    ['Request Time-out', 'timeout_or_size', ['network_unreachable'], 'HTTP 408'],
    ['HTTP 429', 'rate_limited', [], 'HTTP 429'],
    ['API error (500)', 'registry_unavailable', ['network_unreachable'], 'HTTP 500'],
    ['(502)', 'registry_unavailable', ['network_unreachable'], 'HTTP 502'],
    ['status 503', 'registry_unavailable', ['network_unreachable', 'rate_limited'], 'HTTP 503'],
    ['HTTP 504', 'registry_unavailable', ['timeout_or_size', 'network_unreachable'], 'HTTP 504'],
    ['rpc error: code = NotFound desc = x', 'unknown', ['tag_not_found', 'repo_not_found'], 'gRPC NotFound'],
    ['rpc error: code = Unauthenticated desc = x', 'unknown', ['auth_missing', 'access_denied'], 'gRPC Unauthenticated'],
    ['rpc error: code = DeadlineExceeded desc = x', 'unknown', ['timeout_or_size', 'network_unreachable'], 'gRPC DeadlineExceeded'],
    ['rpc error: code = Canceled desc = x', 'unknown', ['timeout_or_size', 'network_unreachable'], 'gRPC Canceled'],
    ['rpc error: code = ResourceExhausted desc = x', 'unknown', ['rate_limited', 'disk_pressure'], 'gRPC ResourceExhausted'],
    ['rpc error: code = Unavailable desc = x', 'registry_unavailable', ['network_unreachable'], 'unavailable'],
    ['lookup reg.example: x', 'dns_failure', ['network_unreachable'], 'a name lookup'],
    ['error connecting to proxy', 'network_unreachable', ['dns_failure'], 'the proxy'],
    ['NXDOMAIN', 'dns_failure', [], 'a failed name lookup'],
    ['tls: bad record MAC', 'tls_error', [], 'a TLS error'],
    ['certificate has expired', 'tls_error', [], 'a TLS error'],
    ['No connection could be made because the target machine actively refused it.', 'network_unreachable', ['registry_unavailable', 'firewall_denied'], 'connection refused'],
    ['An existing connection was forcibly closed by the remote host.', 'network_unreachable', ['firewall_denied', 'registry_unavailable'], 'connection reset'],
    ['host is down', 'network_unreachable', ['firewall_denied'], 'no route'],
    ['Client.Timeout', 'network_unreachable', ['firewall_denied', 'timeout_or_size', 'registry_unavailable'], 'a network timeout'],
    ['dial udp4 10.0.0.10:53', 'network_unreachable', ['firewall_denied'], 'a failed connection'],
    ['stream error: stream ID 3; PROTOCOL_ERROR', 'network_unreachable', ['registry_unavailable', 'firewall_denied'], 'an HTTP/2 stream reset'],
    ['unexpected EOF', 'unknown', ['timeout_or_size', 'network_unreachable', 'registry_unavailable'], 'a cut stream'],
    ['read: EOF', 'unknown', ['network_unreachable', 'registry_unavailable', 'firewall_denied'], 'a closed connection (EOF)'],
    ['request canceled', 'timeout_or_size', ['network_unreachable'], 'a deadline'],
    ['throttled', 'rate_limited', [], 'a rate limit'],
    ['disk quota exceeded', 'disk_pressure', [], 'a full disk'],
    ['must be lowercase', 'invalid_reference', [], 'an invalid reference'],
    ['unauthorised', 'unknown', ['auth_missing', 'access_denied', 'repo_not_found'], 'unauthorized'],
    ['not authorized', 'unknown', ['auth_missing', 'access_denied', 'repo_not_found'], 'unauthorized'],
    ['forbidden', 'unknown', ['access_denied', 'auth_missing', 'repo_not_found', 'firewall_denied'], 'denied'],
    ['does not exist', 'unknown', ['repo_not_found', 'tag_not_found', 'registry_unavailable'], 'not found'],
    ['tag v1 not found', 'unknown', ['tag_not_found', 'repo_not_found', 'registry_unavailable'], 'not found'],
    ['retry later', 'registry_unavailable', ['network_unreachable'], 'unavailable'],
    ["isn't available", 'registry_unavailable', ['network_unreachable'], 'unavailable'],
    // a 400 outside a decided cause adds nothing: `unknown` is never a candidate
    ['HTTP 400: x509: certificate signed by unknown authority', 'tls_error', [], 'a TLS error'],
  ])('%s → %s %j (%s)', (text, category, candidates, what) => {
    expect(structuralReading(text)).toEqual({
      category,
      confidence: category === 'unknown' ? 0 : 0.4,
      candidates,
      explanation: category === 'unknown' ? undecided(what) : decided(what),
    });
  });
});
