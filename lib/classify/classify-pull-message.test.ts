import type { Category } from '../model/category';
import { classifyPullMessage, CLASSIFY_INPUT_MAX } from './classify-pull-message';
import { PULL_ERROR_RULES } from './pull-error-rules';
import { splitAggregate, stripWrappers, withoutAnonymousRetryNoise } from './runtime-error';

/**
 * Wordings built from the runtimes' format strings (the real-message corpus is test/classifier):
 * containerd 1.7+/2.x remotes/errors ErrUnexpectedStatus "unexpected status from %s request to %s: %s",
 * containerd 1.6 resolver "pulling from host %s failed with status code %v: %v",
 * kubelet pkg/kubelet/images "pull QPS exceeded", dockerd "no matching manifest for %s in the manifest list entries",
 * dockerd "image operating system %q cannot be used on this platform".
 */
const WORDINGS: Array<[string, Category]> = [
  ['failed to resolve reference "myacr.azurecr.io/app:v1": unexpected status from HEAD request to https://myacr.azurecr.io/v2/app/manifests/v1: 401 Unauthorized', 'auth_missing'],
  ['failed to resolve reference "myacr.azurecr.io/app:v1": unexpected status from HEAD request to https://myacr.azurecr.io/v2/app/manifests/v1: 403 Forbidden', 'access_denied'],
  ['failed to authorize: failed to fetch oauth token: unexpected status from POST request to https://myacr.azurecr.io/oauth2/token: 403 Forbidden', 'firewall_denied'],
  ['failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://auth.docker.io/token?scope=x: 403 Forbidden', 'access_denied'],
  ['pulling from host myacr.azurecr.io failed with status code [manifests v1]: 503 Service Unavailable', 'registry_unavailable'],
  ['pull QPS exceeded', 'rate_limited'],
  ['no matching manifest for linux/arm64/v8 in the manifest list entries', 'platform_mismatch'],
  ['image operating system "windows" cannot be used on this platform', 'platform_mismatch'],
  ['exec /app/server: exec format error', 'platform_mismatch'],
  ['failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://myacr.westeurope.data.azurecr.io/v2/app/blobs/sha256:abc": dial tcp: lookup myacr.westeurope.data.azurecr.io on 168.63.129.16:53: no such host', 'dns_failure'],
  ['failed to do request: Head "https://myacr.azurecr.io/v2/app/manifests/v1": x509: certificate is valid for *.azurecr.io, not myacr.privatelink.azurecr.io', 'tls_error'],
  ['proxyconnect tcp: dial tcp 10.0.0.1:3128: connect: connection refused', 'network_unreachable'],
  ['read tcp 10.224.0.4:51234->20.1.2.3:443: read: connection reset by peer', 'network_unreachable'],
  ['The node had condition: [DiskPressure].', 'disk_pressure'],
  ['Failed to pull image "Nginx": InvalidImageName', 'invalid_reference'],
];

describe('classifyPullMessage wordings across runtime versions', () => {
  test.each(WORDINGS)('%s → %s', (message, category) => {
    expect(classifyPullMessage(message).category).toBe(category);
  });
});

describe('rule table', () => {
  test('every rule has an id, a category other than candidates, a confidence in 0..1 and a one-line explanation', () => {
    const ids = new Set<string>();
    for (const rule of PULL_ERROR_RULES) {
      // The rule audit's exception lists and its test names refer to rules by id.
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
      expect(rule.candidates).not.toContain(rule.category);
      expect(rule.confidence).toBeGreaterThanOrEqual(0);
      expect(rule.confidence).toBeLessThanOrEqual(1);
      expect(rule.explanation).not.toMatch(/\n/);
      expect(rule.explanation.length).toBeLessThan(200);
      // Shown to the user as the cause: a sentence, also for rules that decide no corpus message.
      expect(rule.explanation).toMatch(/^\S.{20,}\.$/);
    }
  });
});

describe('runtime error extraction', () => {
  test('peels kubelet, CRI and containerd wrappers', () => {
    const { inner, stripped } = stripWrappers(
      'Failed to pull image "a:1": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/a:1": failed to resolve reference "docker.io/library/a:1": failed to do request: Head "https://registry-1.docker.io/v2/library/a/manifests/1": dial tcp 1.2.3.4:443: i/o timeout',
    );
    expect(stripped).toBe(true);
    expect(inner).toBe('dial tcp 1.2.3.4:443: i/o timeout');
    expect(stripWrappers('plain text').stripped).toBe(false);
  });

  test('splits kubelet aggregates and drops the anonymous retry when something else failed', () => {
    const parts = splitAggregate('[rpc error: code = NotFound desc = x: not found, rpc error: code = Unknown desc = 401 Unauthorized]');
    expect(parts).toHaveLength(2);
    expect(withoutAnonymousRetryNoise(parts)).toEqual([parts[0]]);
    expect(withoutAnonymousRetryNoise(['a: 401 Unauthorized', 'b: 401 Unauthorized'])).toHaveLength(2);
  });

  test('the runtime error is bounded', () => {
    const result = classifyPullMessage(`Failed to pull image "a": rpc error: code = Unknown desc = ${'x'.repeat(5000)}: not found`);
    expect(result.category).toBe('tag_not_found');
    expect(result.runtimeError?.length).toBeLessThanOrEqual(601);
    expect(CLASSIFY_INPUT_MAX).toBe(16 * 1024);
  });
});
