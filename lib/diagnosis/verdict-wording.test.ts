import { CATEGORIES, type Category, type CheckId, type Classification, type Finding, type FindingStatus } from '../model';
import { decideVerdict } from './verdict';

// What the verdict says in words: each category's own phrase, each hint that points outside Azure,
// what the in-cluster reads add, and which checks an "undecided" names. (Which check explains
// which message is pinned in verdict.test.ts.)
const cls = (category: Category, candidates: Category[] = []): Classification => ({ category, confidence: 0.8, candidates, explanation: '' });
const f = (checkId: CheckId, status: FindingStatus, summary = `${checkId} ${status}`): Finding => ({ checkId, status, summary, evidence: [], fixes: [] });
const passing: Finding[] = (['image-reference', 'registry', 'cluster', 'pull-permission', 'repository-tag'] as CheckId[]).map((id) => f(id, 'pass'));

describe('what the verdict says the message says', () => {
  const named = CATEGORIES.filter((c) => c !== 'unknown');
  const phraseOf = (category: Category) => /^The kubelet message says (.*?), but every check that applies passed/.exec(decideVerdict(cls(category), passing).summary)?.[1];

  it('gives every recognised category its own phrase, in the summary and the disagreement', () => {
    const phrases = named.map(phraseOf);
    for (const phrase of phrases) expect(phrase).toMatch(/^the \w/);
    expect(new Set(phrases).size).toBe(named.length);
    for (const category of named) {
      expect(decideVerdict(cls(category), passing).disagreement).toBe(`The message says ${phraseOf(category)}; the checks found nothing that explains it.`);
    }
  });

  it.each<[Category, RegExp]>([
    ['auth_missing', /the registry refused the kubelet’s credentials/],
    ['platform_mismatch', /no variant for the node’s platform/],
    ['firewall_denied', /firewall blocked the node/],
    ['tag_not_found', /the tag does not exist/],
  ])('%s reads as %s', (category, words) => {
    expect(phraseOf(category)).toMatch(words);
  });
});

describe('where to look when every check that applies passed', () => {
  it.each<[Category, RegExp]>([
    ['auth_missing', /imagePullSecrets.*instead of its identity/],
    ['access_denied', /scope map must include the repository/],
    ['never_pull', /imagePullPolicy: IfNotPresent/],
    ['tls_error', /TLS-inspecting firewall or proxy/],
    ['dns_failure', /nslookup <login server>/],
    ['disk_pressure', /DiskPressure/],
    // Categories without a hint of their own point at the node.
    ['rate_limited', /outside what pull-doctor can see.*kubectl debug node/],
    ['platform_mismatch', /outside what pull-doctor can see/],
  ])('%s: %s', (category, hint) => {
    const v = decideVerdict(cls(category), passing);
    expect(v.outcome).toBe('undecided');
    expect(v.summary).toMatch(hint);
  });

  // When the pod's pull secrets were read inside the cluster and are fine, say so instead of
  // "check imagePullSecrets yourself" — but only for the messages a pull secret can explain.
  const secretsFine = [...passing, f('pull-secret', 'pass', 'the pod has no imagePullSecrets')];
  it.each<[Category, boolean]>([
    ['auth_missing', true],
    ['access_denied', true],
    ['tag_not_found', false],
    ['rate_limited', false],
  ])('%s with pull secrets read and fine: says so (%s)', (category, said) => {
    const v = decideVerdict(cls(category), secretsFine);
    expect(v.outcome).toBe('undecided');
    expect(v.summary.includes('the pod has no imagePullSecrets (read inside the cluster). Re-check')).toBe(said);
    if (said) expect(v.summary).not.toMatch(/kubectl get pod/);
  });

  it('does not claim the pull secrets were read when that check was skipped', () => {
    const v = decideVerdict(cls('auth_missing'), [...passing, f('pull-secret', 'skipped', 'no cluster access')]);
    expect(v.summary).not.toMatch(/read inside the cluster/);
    expect(v.summary).toMatch(/kubectl get pod <pod> -o jsonpath/);
  });
});

describe('what an undecided verdict names', () => {
  it('names only the checks that would confirm the message when one of those could not run', () => {
    const v = decideVerdict(cls('auth_missing'), [...passing.filter((p) => p.checkId !== 'pull-permission'), f('pull-permission', 'unknown'), f('geo-replication', 'unknown')]);
    expect(v.outcome).toBe('undecided');
    expect(v.summary).toMatch(/says the registry refused the kubelet’s credentials, and pull-permission — the check/);
    expect(v.summary).not.toMatch(/geo-replication/);
  });

  it('names every check that could not run, in order, for an unrecognised message', () => {
    const v = decideVerdict(cls('unknown'), [...passing, f('private-dns', 'unknown'), f('geo-replication', 'unknown')]);
    expect(v.summary).toMatch(/but private-dns, geo-replication could not be checked/);
  });

  it('adds what an in-cluster read could not read, and only for in-cluster checks', () => {
    const v = decideVerdict(cls('auth_missing'), [
      ...passing,
      f('pull-secret', 'unknown', 'cannot read secret acr-creds'),
      f('node-pull', 'unknown', 'Run Command needs runCommand/action'),
      f('geo-replication', 'unknown', 'replications not readable'),
    ]);
    expect(v.outcome).toBe('undecided');
    expect(v.summary).toContain('could not be run; nothing else explains it. pull-secret: cannot read secret acr-creds. node-pull: Run Command needs runCommand/action. See what');
    expect(v.summary).not.toContain('replications not readable');
  });

  it('adds nothing when no in-cluster check is among them', () => {
    const v = decideVerdict(cls('auth_missing'), [...passing, f('geo-replication', 'unknown', 'replications not readable')]);
    expect(v.summary).toContain('could not be run; nothing else explains it. See what pull-doctor could not read.');
  });
});

describe('should work', () => {
  it('says how many checks passed and never counts a skipped, warned or unknown one', () => {
    const v = decideVerdict(cls('unknown'), [f('registry', 'pass'), f('platform', 'skipped'), f('image-size', 'warn'), f('cluster', 'pass'), f('private-dns', 'skipped')]);
    expect(v).toEqual({
      outcome: 'should_work',
      rootCauses: [],
      summary:
        'No cause found: 2 checks passed (registry, cluster); warnings that do not explain a failure: image-size; not checked: platform, private-dns. If pods still fail, re-check with the pod’s latest Failed event.',
    });
  });

  it('lists several warnings apart', () => {
    const v = decideVerdict(cls('unknown'), [f('registry', 'pass'), f('image-size', 'warn'), f('geo-replication', 'warn')]);
    expect(v.summary).toContain('; warnings that do not explain a failure: image-size, geo-replication.');
  });
});

describe('causes', () => {
  it('keeps each cause’s own summary and the first one as the verdict summary', () => {
    const v = decideVerdict(cls('firewall_denied'), [...passing, f('network-rules', 'fail', 'node subnet not allowed'), f('private-dns', 'warn', 'zone not linked')]);
    expect(v).toEqual({
      outcome: 'cause_found',
      rootCauses: [
        { checkId: 'network-rules', confidence: 0.9, summary: 'node subnet not allowed' },
        { checkId: 'private-dns', confidence: 0.5, summary: 'zone not linked' },
      ],
      summary: 'node subnet not allowed',
      disagreement: undefined,
    });
  });

  it('keeps the check order among causes of equal confidence', () => {
    const v = decideVerdict(cls('auth_missing'), [...passing, f('platform', 'fail'), f('network-rules', 'fail'), f('image-size', 'fail')]);
    expect(v.rootCauses.map((r) => r.checkId)).toEqual(['platform', 'network-rules', 'image-size']);
  });

  it('ranks a failure above a warning that explains the message, whatever the order', () => {
    const v = decideVerdict(cls('firewall_denied'), [...passing, f('private-dns', 'warn'), f('network-rules', 'fail')]);
    expect(v.rootCauses.map((r) => [r.checkId, r.confidence])).toEqual([['network-rules', 0.9], ['private-dns', 0.5]]);
  });

  it('does not let a passing or skipped check become a cause', () => {
    const v = decideVerdict(cls('platform_mismatch'), [...passing, f('platform', 'skipped')]);
    expect(v.rootCauses).toEqual([]);
  });
});
