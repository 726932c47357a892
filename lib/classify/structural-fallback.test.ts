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

describe('precedence: specific rules, kubelet reason, structural reading, unknown', () => {
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
    expect(classifyPullMessage('Back-off pulling image "a/b:c"', 'ImagePullBackOff')).toMatchObject({ category: 'unknown', candidates: [] });
  });
});
