import { classifyPullMessage, classifyPullMessageWith, decidingText } from './classify-pull-message';
import { PULL_ERROR_RULES } from './pull-error-rules';
import { splitAggregate, stripWrappers, withoutAnonymousRetryNoise } from './runtime-error';

/**
 * The classifier's own logic (not its wordings, which the real-message corpus covers): kubelet reasons,
 * input cleaning, kubelet's per-credential aggregates and the runtime error extraction. Each row pins one
 * decision, so changing it changes an answer here.
 */
describe('kubelet reasons', () => {
  test.each([
    ['ErrImageNeverPull', 'never_pull', 0.9, [], 'imagePullPolicy is Never and the image is not on the node, so kubelet will not pull it.'],
    ['InvalidImageName', 'invalid_reference', 0.9, [], 'The image reference in the pod spec is malformed, so it is never pulled.'],
    ['RegistryUnavailable', 'registry_unavailable', 0.6, ['network_unreachable'], 'kubelet reports the registry as unavailable.'],
  ])('an empty message with reason %s is %s', (reason, category, confidence, candidates, explanation) => {
    expect(classifyPullMessage('', reason)).toEqual({ category, confidence, candidates, explanation, reason });
  });

  test.each([['ImagePullBackOff'], ['ErrImagePull'], ['ErrImageInspect'], ['SignatureValidationFailed']])(
    'a reason that names no cause (%s) leaves an empty message unknown, and is reported',
    (reason) => {
      expect(classifyPullMessage('', reason)).toMatchObject({ category: 'unknown', confidence: 0, reason, explanation: 'The message is empty.' });
    },
  );

  test('an unrecognised message falls back to its reason; the reason word is found inside the text', () => {
    expect(classifyPullMessage('kubelet says RegistryUnavailable for this node')).toMatchObject({
      category: 'registry_unavailable',
      candidates: ['network_unreachable'],
      reason: 'RegistryUnavailable',
    });
    expect(classifyPullMessage('nothing to see here', 'InvalidImageName').category).toBe('invalid_reference');
    expect(classifyPullMessage('nothing to see here').reason).toBeUndefined();
    expect(classifyPullMessage('xErrImagePullx').reason).toBeUndefined();
  });

  test('an explicit reason wins over one found in the text; a blank one does not count', () => {
    expect(classifyPullMessage('Error: ErrImagePull', 'ImagePullBackOff').reason).toBe('ImagePullBackOff');
    expect(classifyPullMessage('Error: ErrImagePull', '  ').reason).toBe('ErrImagePull');
  });

  test('a recognised message keeps the rule answer, not the reason fallback', () => {
    const result = classifyPullMessage('Failed to pull image "a:1": x509: certificate signed by unknown authority', 'RegistryUnavailable');
    expect(result).toMatchObject({ category: 'tls_error', reason: 'RegistryUnavailable', candidates: [] });
  });
});

describe('input cleaning', () => {
  test('control characters become spaces and runs of blanks collapse, so wordings still match', () => {
    expect(classifyPullMessage('dial tcp 10.0.0.4:443:\u0007connect:\t\t  connection refused').category).toBe('network_unreachable');
    expect(decidingText('a\u0000\u0001b \t  c')).toBe('a b c');
    expect(decidingText('line one\nline two')).toBe('line one\nline two');
  });

  test('binary is more than a tenth of junk characters, not a tenth exactly', () => {
    const text = 'no space left on device';
    const tenth = `${'\uFFFD'.repeat(3)}${text}${'x'.repeat(4)}`; // 3 junk of 30 characters
    expect(classifyPullMessage(tenth).category).toBe('disk_pressure');
    const more = `${'\uFFFD'.repeat(4)}${text}`; // 4 of 27
    expect(classifyPullMessage(more)).toMatchObject({ category: 'unknown', explanation: expect.stringContaining('does not look like text') });
  });

  test('the empty message says so; so does a value that is not text', () => {
    expect(classifyPullMessage('   ')).toMatchObject({ category: 'unknown', explanation: 'The message is empty.' });
    expect(classifyPullMessage(undefined as unknown as string)).toMatchObject({ category: 'unknown', explanation: 'The message is empty.' });
    expect(classifyPullMessage('')).toEqual({ category: 'unknown', confidence: 0, candidates: [], explanation: 'The message is empty.' });
  });

  test('a message no rule knows says so', () => {
    expect(classifyPullMessage('the moon is made of cheese')).toEqual({
      category: 'unknown',
      confidence: 0,
      candidates: [],
      explanation: 'The message matches no known image pull failure wording.',
    });
  });
});

describe('kubelet aggregates', () => {
  const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "r/a:1": failed to resolve reference "r/a:1": r/a:1: not found';
  const anon401 = 'rpc error: code = Unknown desc = failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized';

  test('splits on each "rpc error" after a comma, and only there', () => {
    expect(splitAggregate(`${notFound}, ${anon401}`)).toEqual([notFound, anon401]);
    expect(splitAggregate(`${notFound},${anon401}`)).toEqual([notFound, anon401]);
    expect(splitAggregate('a, b, c')).toEqual(['a, b, c']);
    expect(splitAggregate('x rpc error: code = Unknown desc = y')).toEqual(['x rpc error: code = Unknown desc = y']);
  });

  test('drops attempts that only say 401/unauthorized when another attempt says more; keeps all when none does', () => {
    expect(withoutAnonymousRetryNoise([notFound, anon401])).toEqual([notFound]);
    expect(withoutAnonymousRetryNoise(['a: authentication required', 'b: something else'])).toEqual(['b: something else']);
    expect(withoutAnonymousRetryNoise(['a: 401 Unauthorized', 'b: unauthorized'])).toEqual(['a: 401 Unauthorized', 'b: unauthorized']);
    expect(withoutAnonymousRetryNoise([anon401])).toEqual([anon401]);
  });

  test('the remaining attempts are read together, separated, so a wording at the end of one still ends there', () => {
    const other = 'rpc error: code = Unknown desc = something else';
    expect(classifyPullMessage(`[${notFound}, ${other}]`).category).toBe('tag_not_found');
  });

  test('the structural fallback also reads the attempts separated: a cause at the end of the first still counts', () => {
    const result = classifyPullMessage('[rpc error: code = Unknown desc = blob fetch failed: i/o timeout, rpc error: code = Unknown desc = something odd]');
    expect(result).toMatchObject({ category: 'network_unreachable', candidates: ['firewall_denied', 'timeout_or_size', 'registry_unavailable'] });
  });

  test('missing credentials are not their own candidate after dropped 401 attempts', () => {
    const noCreds = 'rpc error: code = Unknown desc = Get https://r/v2/a/manifests/1: no basic auth credentials';
    const result = classifyPullMessage(`[${noCreds}, ${anon401}]`);
    expect(result.category).toBe('auth_missing');
    expect(result.candidates).toEqual(['access_denied', 'network_unreachable']);
  });

  test('a decision taken after dropping 401 attempts keeps missing credentials among the candidates, once', () => {
    const result = classifyPullMessage(`Failed to pull image "r/a:1": [${notFound}, ${anon401}]`);
    expect(result.category).toBe('tag_not_found');
    expect(result.candidates).toEqual(['repo_not_found', 'registry_unavailable', 'auth_missing']);
    const alone = classifyPullMessage(notFound);
    expect(alone.candidates).toEqual(['repo_not_found', 'registry_unavailable']);
    const bothAuth = classifyPullMessage(`[${anon401}, ${anon401}]`);
    expect(bothAuth.category).toBe('auth_missing');
    expect(bothAuth.candidates).toEqual(['access_denied', 'repo_not_found', 'registry_unavailable']);
  });
});

describe('runtime error extraction', () => {
  test.each([
    ['Failed: Failed to pull image "a": rpc error: code = Unknown desc = x509: bad', 'x509: bad'],
    ['ErrImagePull: rpc error: code = Unknown desc = x: not found', 'x: not found'],
    ['ImagePullBackOff: Error response from daemon: manifest unknown', 'manifest unknown'],
    ['ctr: failed to resolve reference "a": a: not found', 'a: not found'],
    ['failed to pull image "a": failed to do request: Head "https://r/v2/": EOF', 'EOF'],
    ['Error initializing source docker://r/a:1: reading manifest 1 in r/a: manifest unknown', 'reading manifest 1 in r/a: manifest unknown'],
    ['initializing source docker://r/a:1: x', 'x'],
    ['Warning  Failed  2m (x4 over 3m)  kubelet, node-1  Failed to pull image "a": rpc error: code = Unknown desc = no space left on device', 'no space left on device'],
    ['Normal  BackOff  2m  kubelet  x: not found', 'x: not found'],
    ['[rpc error: code = NotFound desc = a: not found]', 'a: not found'],
  ])('%s → %s', (input, inner) => {
    expect(stripWrappers(input)).toEqual({ inner, stripped: true });
  });

  test.each([
    // Each wrapper is anchored: the same words later in the text are the runtime's own.
    ['x509: see Failed to pull image "a": bad', 'x509: see Failed to pull image "a": bad', false],
    ['proxy said: rpc error: code = Unknown desc = boom', 'proxy said: rpc error: code = Unknown desc = boom', false],
    ['note: Error response from daemon: boom', 'note: Error response from daemon: boom', false],
    ['cmd ctr: boom', 'cmd ctr: boom', false],
    ['a failed to pull and unpack image "x": boom', 'a failed to pull and unpack image "x": boom', false],
    ['a failed to pull image "x": boom', 'a failed to pull image "x": boom', false],
    ['a failed to resolve reference "x": boom', 'a failed to resolve reference "x": boom', false],
    ['a failed to do request: Head "x": boom', 'a failed to do request: Head "x": boom', false],
    ['a initializing source docker://x: boom', 'a initializing source docker://x: boom', false],
    ['a Failed: boom', 'a Failed: boom', false],
    ['a Warning Failed 1m kubelet boom', 'a Warning Failed 1m kubelet boom', false],
    ['certificate is valid for [a], not b', 'certificate is valid for [a], not b', false],
    // …and takes what follows with or without a blank, but nothing of the next word.
    ['Failed to pull image "a":boom', 'boom', true],
    ['Failed to pull image "a:1":boom now', 'boom now', true],
    ['Error response from daemon:boom now', 'boom now', true],
    ['ctr:boom now', 'boom now', true],
    ['ErrImagePull:boom now', 'boom now', true],
    ['failed to pull and unpack image "a":boom now', 'boom now', true],
    ['failed to pull image "a":boom now', 'boom now', true],
    ['failed to resolve image "a":boom now', 'boom now', true],
    ['failed to do request: Get "a":boom now', 'boom now', true],
    ['Error initializing source docker://a:1:boom now', 'boom now', true],
    ['initializing source a:boom now', 'boom now', true],
    ['Warning\tFailed\t1m\tkubelet\tboom now'.replace(/\\t/g, '\t'), 'boom now', true],
    ['Warning  Failed  1m  kubelet, node-7  boom now', 'boom now', true],
    ['Warning  Failed  1m  kubelet  kubelet boom now', 'kubelet boom now', true],
    ['Normal BackOff 2s (x4 over 34s) kubelet, kworker2 boom now', 'boom now', true],
    // The aggregate's closing bracket goes, with the blanks after it, and only at the end.
    ['[rpc error: code = Unknown desc = x509: certificate is valid for [a], not b]', 'x509: certificate is valid for [a], not b', true],
    ['[rpc error: code = NotFound desc = a: not found]  ', 'a: not found', true],
    // Wrappers are peeled until none is left, in any order: a later one in the list may uncover an earlier one.
    ['failed to resolve reference "a:1": rpc error: code = Unknown desc = boom', 'boom', true],
  ])('%s → %s', (input, inner, stripped) => {
    expect(stripWrappers(input)).toEqual({ inner, stripped });
  });

  test('text without a wrapper is not "stripped", and surrounding blanks alone do not count', () => {
    expect(stripWrappers('  no space left on device ')).toEqual({ inner: 'no space left on device', stripped: false });
  });

  test('the runtime error is cut at 600 characters with an ellipsis', () => {
    const long = `Failed to pull image "a": ${'y'.repeat(700)}`;
    const { inner } = stripWrappers(long);
    expect(inner).toHaveLength(601);
    expect(inner.endsWith('…')).toBe(true);
    expect(stripWrappers(`Failed to pull image "a": ${'y'.repeat(600)}`).inner).toHaveLength(600);
  });

  test('classification reports the runtime error only when a wrapper was peeled and a cause was found', () => {
    expect(classifyPullMessage('Failed to pull image "a": rpc error: code = Unknown desc = no space left on device').runtimeError).toBe(
      'no space left on device',
    );
    expect(classifyPullMessage('no space left on device').runtimeError).toBeUndefined();
    expect(classifyPullMessage('Failed to pull image "a": rpc error: code = Unknown desc = something new').runtimeError).toBeUndefined();
    expect(classifyPullMessage('Failed to pull image "a": ').runtimeError).toBeUndefined();
  });

  test('in pasted events the runtime error comes from the line the rule matched, else the first line', () => {
    const pasted = ['Normal Pulling 1m kubelet pulling image "a"', 'Warning Failed 1m kubelet Failed to pull image "a": rpc error: code = Unknown desc = no space left on device'].join('\n');
    expect(classifyPullMessage(pasted).runtimeError).toBe('no space left on device');
  });
});

describe('long and wrapped pastes', () => {
  test('a paste over 16 KB is read as its first and last halves: a cause at the end counts, one in the middle does not', () => {
    const padding = 'Environment: X=1\n'.repeat(1100);
    expect(classifyPullMessage(`${padding}Failed to pull image "a:1": no space left on device`).category).toBe('disk_pressure');
    expect(classifyPullMessage(`${padding}no space left on device\n${padding}`).category).toBe('unknown');
    expect(classifyPullMessage(`no space left on device\n${padding}`).category).toBe('disk_pressure');
  });

  test('a cause that only a joined reading shows decides, and so does a kubelet reason cut by a wrap', () => {
    expect(classifyPullMessage('read tcp 10.0.0.4:48514->1.2.3.4:443: read: connectio\nn reset by peer').category).toBe('network_unreachable');
    expect(classifyPullMessage('Error: ErrImage\nPull').reason).toBe('ErrImagePull');
    // Re-cased pastes (a chat client, `tr`): the reason is still reported in kubelet's spelling.
    expect(classifyPullMessage('ERROR: ERRIMAGEPULL').reason).toBe('ErrImagePull');
  });

  test('the deciding text keeps the attempts that decide, comma-separated', () => {
    const a = 'rpc error: code = NotFound desc = a: not found';
    const b = 'rpc error: code = Unknown desc = b: i/o timeout';
    expect(decidingText(`${a}, ${b}`)).toBe(`${a}, ${b}`);
  });
});

describe('rule table wiring', () => {
  test('the rule table is the one classifyPullMessage uses; without rules only the tentative structural reading is left', () => {
    const message = 'x509: certificate signed by unknown authority';
    expect(classifyPullMessageWith(PULL_ERROR_RULES, message)).toEqual(classifyPullMessage(message));
    expect(classifyPullMessage(message).confidence).toBeGreaterThan(0.4);
    expect(classifyPullMessageWith([], message)).toMatchObject({ category: 'tls_error', confidence: 0.4 });
    expect(classifyPullMessageWith([], 'something went wrong').category).toBe('unknown');
  });

  test('a rule whose "unless" matches does not apply', () => {
    const token403 = 'failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=x: 403 Forbidden';
    expect(classifyPullMessage(token403).category).toBe('access_denied');
    const acr403 = 'failed to fetch anonymous token: unexpected status from GET request to https://myacr.azurecr.io/oauth2/token?scope=x: 403 Forbidden';
    expect(classifyPullMessage(acr403).category).toBe('firewall_denied');
  });

  test('a rule applies only when all of its patterns match', () => {
    const rule = { ...PULL_ERROR_RULES[0], id: 'two', category: 'disk_pressure' as const, patterns: [/alpha/, /beta/] };
    expect(classifyPullMessageWith([rule], 'alpha beta').category).toBe('disk_pressure');
    expect(classifyPullMessageWith([rule], 'alpha only').category).toBe('unknown');
  });

  test('a throwing rule is reported as unclassified, never thrown', () => {
    const throwing = { ...PULL_ERROR_RULES[0], patterns: [{ test: () => { throw new Error('boom'); } } as unknown as RegExp] };
    expect(classifyPullMessageWith([throwing], 'anything')).toMatchObject({
      category: 'unknown',
      explanation: 'The message could not be classified (boom).',
    });
    const throwsString = { ...PULL_ERROR_RULES[0], patterns: [{ test: () => { throw 'plain'; } } as unknown as RegExp] };
    expect(classifyPullMessageWith([throwsString], 'anything').explanation).toBe('The message could not be classified (plain).');
  });
});

describe('search-registry lists (containers/image short names)', () => {
  // A real list: https://github.com/bcgov/pipeline-templates/issues/22 (test/classifier/corpus-sixth.ts), one item per
  // search registry; the quay.io item is the same shape with a TLS failure, to have two new candidates out of order.
  const header =
    'error creating build container: The following failures happened while trying to pull image specified by "ubi8/nodejs-16" based on search registries in /etc/containers/registries.conf:';
  const refused =
    '"localhost/ubi8/nodejs-16": Error initializing source docker://localhost/ubi8/nodejs-16:latest: error pinging docker registry localhost: Get "https://localhost/v2/": dial tcp [::1]:443: connect: connection refused';
  const gateway =
    '"registry.access.redhat.com/ubi8/nodejs-16": Error initializing source docker://registry.access.redhat.com/ubi8/nodejs-16:latest: error pinging docker registry registry.access.redhat.com: invalid status code from registry 504 (Gateway Timeout)';
  const login =
    '"registry.redhat.io/ubi8/nodejs-16": Error initializing source docker://registry.redhat.io/ubi8/nodejs-16:latest: unable to retrieve auth token: invalid username/password: unauthorized: Please login to the Red Hat Registry using your Customer Portal credentials.';
  const untrusted =
    '"quay.io/ubi8/nodejs-16": Error initializing source docker://quay.io/ubi8/nodejs-16:latest: pinging container registry quay.io: Get "https://quay.io/v2/": x509: certificate signed by unknown authority';

  test.each([
    ['one item per line', `${header}\n* ${refused}\n* ${gateway}\n* ${login}`],
    ['joined onto one line', `${header} * ${refused} * ${gateway} * ${login}`],
    ['a wrap that ate the blank before "*"', `${header}\n* ${refused}* ${gateway}* ${login}`],
  ])('every registry\'s answer is a candidate: %s', (_shape, message) => {
    expect(classifyPullMessage(message)).toMatchObject({ category: 'network_unreachable', candidates: ['registry_unavailable', 'firewall_denied', 'auth_missing'] });
  });

  test('the list adds its items\' categories in category order, never "unknown", and only under a search-list header', () => {
    expect(classifyPullMessage(`${header}\n* ${gateway}\n* ${untrusted}\n* ${login}`)).toMatchObject({ category: 'tls_error', candidates: ['auth_missing', 'registry_unavailable'] });
    expect(classifyPullMessage(`${header}\n* ${refused}\n* "x/y": something nobody knows`).candidates).toEqual(['registry_unavailable', 'firewall_denied']);
    // A signature-policy refusal is a rule whose category is "unknown" (it decides the whole text): never a candidate.
    const rejected = '"x/y": Source image rejected: A signature was required, but no signature exists';
    expect(classifyPullMessage(`${header}\n* ${refused}\n* ${rejected}`)).toMatchObject({ category: 'unknown', candidates: ['network_unreachable'] });
    expect(classifyPullMessage(`* ${refused}\n* ${gateway}\n* ${login}`).candidates).toEqual(['registry_unavailable', 'firewall_denied']);
    // …nor when a rule ahead of the signature rule decides the whole text (a platform miss on another registry).
    const noVariant = '"docker.io/ubi8/nodejs-16": Error choosing an image from manifest list docker://docker.io/ubi8/nodejs-16:latest: no image found in manifest list for architecture arm64, variant "v8", OS linux';
    expect(classifyPullMessage(`${header}\n* ${noVariant}\n* ${rejected}`)).toMatchObject({ category: 'platform_mismatch', candidates: [] });
  });

  test('an item glued to the one before it by `* "` (no blank before the star) is an item of its own', () => {
    // The 504 item would otherwise read as the start of the login item, and the earlier (auth) rule would hide it.
    expect(classifyPullMessage(`${header}\n* ${untrusted}\n* ${gateway}* ${login}`)).toMatchObject({ category: 'tls_error', candidates: ['auth_missing', 'registry_unavailable'] });
  });
});

describe('podman\'s "N errors occurred while pulling:" list (items without a quoted name)', () => {
  // Items in containers/image's wording ("initializing source docker://…: <cause>", podman#9990's shape).
  const notFound = 'initializing source docker://docker.io/library/nodejs-16:latest: reading manifest latest in docker.io/library/nodejs-16: manifest unknown';
  const untrusted = 'initializing source docker://quay.io/ubi8/nodejs-16:latest: pinging container registry quay.io: Get "https://quay.io/v2/": x509: certificate signed by unknown authority';
  const list = `Error: 2 errors occurred while pulling:\n * ${notFound}\n * ${untrusted}`;

  test('every item after the header is one, whichever comes first (the joined reading glues them to a word)', () => {
    expect(classifyPullMessage(list)).toMatchObject({ category: 'tls_error', candidates: ['tag_not_found'] });
  });

  test('a cause pasted before the list is a candidate too (a retry warning podman printed first)', () => {
    // containers/common's retry: `Failed, retrying in %s ... (%d/%d). Error: %v`.
    const retry = 'WARN[0003] Failed, retrying in 1s ... (1/3). Error: initializing source docker://registry.access.redhat.com/ubi8/nodejs-16:latest: reading manifest latest in registry.access.redhat.com/ubi8/nodejs-16: received unexpected HTTP status: 503 Service Unavailable';
    expect(classifyPullMessage(`${retry}\n${list}`)).toMatchObject({ category: 'tls_error', candidates: ['tag_not_found', 'registry_unavailable'] });
  });
});

test('podman\'s "N errors occurred while pulling:" list: items without a quoted name (the shape of podman#9990)', () => {
  const message =
    'Error: 2 errors occurred while pulling:\n * Error initializing source docker://localhost/ubi8/nodejs-16:latest: error pinging docker registry localhost: Get "https://localhost/v2/": dial tcp [::1]:443: connect: connection refused\n * Error initializing source docker://registry.redhat.io/ubi8/nodejs-16:latest: unable to retrieve auth token: invalid username/password: unauthorized: Please login to the Red Hat Registry using your Customer Portal credentials.';
  expect(classifyPullMessage(message)).toMatchObject({ category: 'network_unreachable', candidates: ['registry_unavailable', 'firewall_denied', 'auth_missing'] });
});

describe('wrapped kubelet aggregates', () => {
  test('on the same rule, the reading that splits into more attempts decides (its dropped 401 keeps missing credentials a candidate)', () => {
    const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "r/a:1": failed to resolve reference "r/a:1": r/a:1: not found';
    const wrapped = `Failed to pull image "r/a:1": [${notFound}, rpc er\nror: code = Unknown desc = failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized]`;
    expect(classifyPullMessage(wrapped)).toMatchObject({ category: 'tag_not_found', candidates: ['repo_not_found', 'registry_unavailable', 'auth_missing'] });
  });

  test('a wrap inside the anonymous retry\'s 401 does not let the 401 decide (the unwrapped paste drops it as noise)', () => {
    // Each attempt in containerd's wording; the 401 rule (unauthorized) precedes the server-error rule in the table,
    // so the as-pasted reading (one attempt: the wrap cut the joint) matches the 401 first.
    const unavailable = 'rpc error: code = Unknown desc = failed to pull and unpack image "r/a:1": failed to resolve reference "r/a:1": unexpected status from HEAD request to https://r/v2/a/manifests/1: 503 Service Unavailable';
    const anonymous = 'code = Unknown desc = failed to pull and unpack image "r/a:1": failed to resolve reference "r/a:1": pulling from host r failed with status code [manifests 1]: 401 Unauthorized';
    const flat = classifyPullMessage(`Failed to pull image "r/a:1": [${unavailable}, rpc error: ${anonymous}]`);
    expect(flat).toMatchObject({ category: 'registry_unavailable', candidates: ['network_unreachable', 'auth_missing'] });
    expect(classifyPullMessage(`Failed to pull image "r/a:1": [${unavailable}, rpc er\nror: ${anonymous}]`)).toEqual(flat);
    // A wrap at "code\n=": the folded reading splits, the joined one ("code=") does not: the split still decides.
    expect(classifyPullMessage(`Failed to pull image "r/a:1": [${unavailable}, rpc error: code\n${anonymous.slice('code '.length)}]`)).toEqual(flat);
  });

  test('a cause folded inside the second attempt reads as it does unfolded', () => {
    const message = 'rpc error: code = NotFound desc = a: not found, rpc error: code = Unknown desc = lookup r on 10.0.0.10:53: no such\n host';
    expect(classifyPullMessage(message).category).toBe(classifyPullMessage(message.replace('\n', '')).category);
  });
});
