import type { Category } from '../model/category';
import { classifyPullMessage, CLASSIFY_INPUT_MAX } from './classify-pull-message';
import { PULL_ERROR_RULES } from './pull-error-rules';
import { splitAggregate, stripWrappers, withDistributionCodesSpelled, withoutAnonymousRetryNoise, withoutKlogKeys } from './runtime-error';

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

/**
 * The same real messages (test/classifier corpus: GHCR's bare "denied", containerd's NotFound and "not found") as a
 * pod status shows them (`kubectl get pod -o yaml`: a single-quoted scalar; `-o json`: a string before a comma) and
 * as kubelet's journal does (klog: the error escaped inside err="…", kubelet's keys after it). The whole corpus in
 * every form: test/classifier/paste-forms.test.ts.
 */
const GHCR_DENIED = 'Error response from daemon: Get https://ghcr.io/v2/thejaysmith/mytrial/manifests/v1: denied';
const NOT_FOUND = 'failed to resolve reference "mirror.gcr.io/library/busybox:1.32.0": mirror.gcr.io/library/busybox:1.32.0: not found';
const NOT_FOUND_CUT = 'Failed to pull image "cr.kagent.dev/kagent-dev/khook:0.0.4": rpc error: code = NotFound desc = failed to pull and unpack image "cr.kagent.dev/kagent-dev/khook:0.0.4"';
const podYaml = (message: string) => `    state:\n      waiting:\n        message: '${message.replace(/'/g, "''")}'\n        reason: ErrImagePull`;
const podJson = (message: string) => JSON.stringify({ waiting: { message, reason: 'ErrImagePull' } }, null, 2);
const klog = (message: string) =>
  `E1207 10:12:01.123456    2291 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ErrImagePull: \\"${message.replace(/"/g, '\\\\\\"')}\\"" pod="shop/web-7d9f" podUID="0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`;
const PASTE_FORMS: Array<[string, string, Category]> = [
  ['pod YAML, not found', podYaml(NOT_FOUND), 'tag_not_found'],
  ['pod YAML, a quote doubled', podYaml("Access to registry 'foo.azurecr.io' was denied. Response code: 403."), 'firewall_denied'],
  ['pod JSON, bare denied', podJson(GHCR_DENIED), 'auth_missing'],
  ['pod JSON, daemon denied', podJson('Error response from daemon: denied'), 'auth_missing'],
  ['pod JSON, NotFound cut after the image', podJson(NOT_FOUND_CUT), 'tag_not_found'],
  ['klog, bare denied', klog(GHCR_DENIED), 'auth_missing'],
  ['klog, NotFound cut after the image', klog(NOT_FOUND_CUT), 'tag_not_found'],
  ['klog with logger= and image= keys', klog(GHCR_DENIED).replace(/ pod=.*$/, ' image="ghcr.io/x/y:v1" logger="UnhandledError"'), 'auth_missing'],
];

describe('pod-status and journal forms of a message', () => {
  test.each(PASTE_FORMS)('%s', (_form, pasted, category) => {
    expect(classifyPullMessage(pasted).category).toBe(category);
  });
});

describe('client formats spelled the way the rules read them', () => {
  test.each([
    // go-containerregistry (crane, kaniko, Flux, webhooks) prints the distribution spec's codes as they are.
    ['MANIFEST_UNKNOWN: Failed to fetch "v1"', 'manifest unknown: Failed to fetch "v1"'],
    ['NAME_UNKNOWN: repository name not known to registry', 'name unknown: repository name not known to registry'],
    ['blob_unknown: x; TAG_INVALID: y; NAME_INVALID; DIGEST_INVALID; SIZE_INVALID; MANIFEST_INVALID', 'blob unknown: x; tag invalid: y; name invalid; digest invalid; size invalid; manifest invalid'],
    ['BLOB_UPLOAD_INVALID BLOB_UPLOAD_UNKNOWN MANIFEST_BLOB_UNKNOWN', 'blob upload invalid blob upload unknown manifest blob unknown'],
    ['UNAUTHORIZED: authentication required; MY_MANIFEST_UNKNOWNS', 'UNAUTHORIZED: authentication required; MY_MANIFEST_UNKNOWNS'],
  ])('%s', (printed, words) => {
    expect(withDistributionCodesSpelled(printed)).toBe(words);
  });

  test.each([
    ['err="x: denied\\"" pod="ns/a" podUID="0f1e"', 'err="x: denied\\""'],
    ['err="x" image="r.io/a:1" logger="UnhandledError"  ', 'err="x"'],
    ['err="x" pod=ns/a', 'err="x"'],
    // Not kubelet's keys, or not at the end of the line: kept.
    ['msg="pull failed" error="x: denied"', 'msg="pull failed" error="x: denied"'],
    ['err="x" pod="ns/a" more text', 'err="x" pod="ns/a" more text'],
    ['pod="ns/a" err="x"', 'pod="ns/a" err="x"'],
    ['line one err="x" pod="a"\nline two', 'line one err="x"\nline two'],
    ['err="x"  pod="a"\tpodUID="b"', 'err="x"'],
    // Only after a closing quote (the end of kubelet's err="…"), never a key in the runtime's own words.
    ['denied for pod="ns/a"', 'denied for pod="ns/a"'],
    // A quoted value ends on its line.
    ['err="x" pod="a\nb"', 'err="x" pod="a\nb"'],
  ])('klog tail of %s', (line, kept) => {
    expect(withoutKlogKeys(line.replace(/\\n/g, '\n'))).toBe(kept.replace(/\\n/g, '\n'));
  });
});
