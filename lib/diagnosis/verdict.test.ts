import { CATEGORIES, CHECK_IDS, type Category, type CheckId, type Classification, type Finding, type FindingStatus } from '../model';
import { decideVerdict, EXPLAINS } from './verdict';

const cls = (category: Category, candidates: Category[] = [], confidence = 0.8): Classification => ({ category, confidence, candidates, explanation: '' });
const f = (checkId: CheckId, status: FindingStatus): Finding => ({ checkId, status, summary: `${checkId} ${status}`, evidence: [], fixes: [] });
const passing: Finding[] = (['image-reference', 'registry', 'cluster', 'pull-permission', 'repository-tag'] as CheckId[]).map((id) => f(id, 'pass'));
const withFinding = (x: Finding) => passing.map((p) => (p.checkId === x.checkId ? x : p));

describe('decideVerdict', () => {
  it.each<[string, Classification, Finding[], { outcome: string; top?: CheckId; confidence?: number; disagreement?: boolean; summary?: RegExp }]>([
    ['a failure that explains the message', cls('auth_missing'), withFinding(f('pull-permission', 'fail')), { outcome: 'cause_found', top: 'pull-permission', confidence: 0.9, summary: /^pull-permission fail$/ }],
    ['a failure the message does not mention, said out loud', cls('auth_missing'), [...passing, f('platform', 'fail')], { outcome: 'cause_found', top: 'platform', confidence: 0.6, disagreement: true }],
    ['an ambiguous message explained through its candidates', cls('repo_not_found', ['auth_missing']), withFinding(f('cluster', 'fail')), { outcome: 'cause_found', top: 'cluster', confidence: 0.9 }],
    ['a warning counts when it explains the message', cls('timeout_or_size'), [...passing, f('image-size', 'warn')], { outcome: 'cause_found', top: 'image-size', confidence: 0.6 }],
    ['a warning does not count when it does not', cls('auth_missing'), [...passing, f('image-size', 'warn')], { outcome: 'undecided', disagreement: true }],
    // A message the classifier is sure of (Docker Hub's toomanyrequests) makes the warning that explains it the cause.
    ['a sure message makes its warning a strong cause', cls('rate_limited', [], 0.95), withFinding(f('image-reference', 'warn')), { outcome: 'cause_found', top: 'image-reference', confidence: 0.9 }],
    ['sure starts at 0.9', cls('rate_limited', [], 0.9), withFinding(f('image-reference', 'warn')), { outcome: 'cause_found', top: 'image-reference', confidence: 0.9 }],
    ['a less sure message keeps its warning possible', cls('rate_limited', [], 0.89), withFinding(f('image-reference', 'warn')), { outcome: 'cause_found', top: 'image-reference', confidence: 0.6 }],
    ['a sure message with other candidates keeps its warning possible', cls('rate_limited', ['registry_unavailable'], 0.95), withFinding(f('image-reference', 'warn')), { outcome: 'cause_found', top: 'image-reference', confidence: 0.6 }],
    ['the check that would confirm the message could not run', cls('auth_missing'), withFinding(f('pull-permission', 'unknown')), { outcome: 'undecided', summary: /pull-permission — the check that would confirm it — could not be run/ }],
    ['a check that could not run, even one that would not confirm the message', cls('auth_missing'), [...passing, f('geo-replication', 'unknown')], { outcome: 'undecided', summary: /and geo-replication — the check/ }],
    ['auth in the message, every auth check passed: pull secret hint', cls('auth_missing'), passing, { outcome: 'undecided', disagreement: true, summary: /imagePullSecrets/ }],
    ['never-pull: imagePullPolicy hint', cls('never_pull'), passing, { outcome: 'undecided', disagreement: true, summary: /imagePullPolicy: IfNotPresent/ }],
    ['a category without its own hint points at the node', cls('rate_limited'), passing, { outcome: 'undecided', disagreement: true, summary: /kubectl debug node/ }],
    // An unrecognised message with a check that could not run is undecided, never "should work".
    ['unrecognised message, a check could not run', cls('unknown'), [...passing, f('private-dns', 'unknown')], { outcome: 'undecided', summary: /^No cause found among the checks that ran, but private-dns could not be checked/ }],
    // An unrecognised message does not make a warning the cause.
    ['unrecognised message and a warning', cls('unknown'), [...passing, f('image-size', 'warn')], { outcome: 'should_work' }],
    ['unrecognised message and a failure: the failure is the cause', cls('unknown'), [...passing, f('platform', 'fail')], { outcome: 'cause_found', top: 'platform', confidence: 0.9 }],
    ['nothing wrong and nothing claimed', cls('unknown'), [...passing, f('private-dns', 'skipped')], { outcome: 'should_work', summary: /^No cause found: 5 checks passed \(image-reference, registry, cluster, pull-permission, repository-tag\); not checked: private-dns\./ }],
    ['nothing skipped: no "not checked"', cls('unknown'), passing, { outcome: 'should_work', summary: /^No cause found: 5 checks passed \([^)]*\)\. If pods/ }],
  ])('%s', (_name, classification, findings, want) => {
    const v = decideVerdict(classification, findings);
    expect(v.outcome).toBe(want.outcome);
    if (want.top) {
      expect(v.rootCauses[0].checkId).toBe(want.top);
      expect(v.rootCauses[0].confidence).toBe(want.confidence);
    } else expect(v.rootCauses).toEqual([]);
    expect(Boolean(v.disagreement)).toBe(Boolean(want.disagreement));
    if (want.summary) expect(v.summary).toMatch(want.summary);
  });

  it('caps every cause after the first at 0.5', () => {
    const v = decideVerdict(cls('firewall_denied'), [...passing, f('network-rules', 'fail'), f('private-dns', 'fail')]);
    expect(v.rootCauses.map((r) => r.confidence)).toEqual([0.9, 0.5]);
  });

  it('puts a failure that explains the message before one that does not, whatever the check order', () => {
    const v = decideVerdict(cls('platform_mismatch'), [...passing, f('network-rules', 'fail'), f('platform', 'fail')]);
    expect(v.rootCauses.map((r) => [r.checkId, r.confidence])).toEqual([['platform', 0.9], ['network-rules', 0.5]]);
    expect(v.disagreement).toBeUndefined();
  });

  it('puts a failure before a warning of equal confidence, whatever the check order (the firewall warns, the unlinked zone failed)', () => {
    const v = decideVerdict(cls('firewall_denied', [], 0.95), [...passing, f('network-rules', 'warn'), f('private-dns', 'fail')]);
    expect(v.rootCauses.map((r) => [r.checkId, r.confidence])).toEqual([['private-dns', 0.9], ['network-rules', 0.5]]);
  });

  it('says the disagreement in words', () => {
    const v = decideVerdict(cls('auth_missing'), [...passing, f('platform', 'fail')]);
    expect(v.disagreement).toBe('The kubelet message says the registry refused the kubelet’s credentials, but the checks point at platform: platform fail');
  });
});

/**
 * Which checks explain which message — the table's content is the specification: each pair is a
 * cause Azure documents for that message. Pinned row by row: a check in the row is a confident
 * cause (0.9, no disagreement); a check outside it is a cause said out loud as a disagreement.
 */
const SPEC: Record<Category, CheckId[]> = {
  auth_missing: ['pull-permission', 'registry', 'cluster', 'image-reference', 'repository-tag', 'pull-secret', 'node-pull'],
  access_denied: ['pull-permission', 'network-rules', 'private-dns', 'private-endpoint', 'registry', 'pull-secret', 'in-cluster-dns', 'node-pull'],
  firewall_denied: ['network-rules', 'private-dns', 'private-endpoint', 'in-cluster-dns'],
  tag_not_found: ['repository-tag', 'image-reference'],
  repo_not_found: ['repository-tag', 'pull-permission', 'image-reference', 'registry'],
  platform_mismatch: ['platform'],
  // registry: a login server in no readable subscription that DNS does not know (deleted, renamed, mistyped).
  dns_failure: ['image-reference', 'registry', 'private-dns', 'private-endpoint', 'in-cluster-dns'],
  // node-egress: an NSG or Azure Firewall on the nodes' way out drops or resets the connection (a timeout, a reset).
  network_unreachable: ['private-endpoint', 'network-rules', 'private-dns', 'in-cluster-dns', 'node-pull', 'node-egress'],
  tls_error: ['image-reference'],
  rate_limited: ['image-reference', 'repository-tag'],
  timeout_or_size: ['image-size', 'geo-replication', 'network-rules', 'private-endpoint', 'node-egress'],
  disk_pressure: ['image-size'],
  invalid_reference: ['image-reference'],
  never_pull: ['image-reference'],
  registry_unavailable: ['registry', 'geo-replication'],
  unknown: [],
};
// In-cluster reads (pull secrets, DNS from a pod, a pull from the node) explain what they can observe.
const ALL_CHECKS: readonly CheckId[] = CHECK_IDS;

describe('the category → check table', () => {
  it('has a row for every category', () => {
    expect(Object.keys(EXPLAINS).sort()).toEqual([...CATEGORIES].sort());
  });

  const pairs = (Object.keys(SPEC) as Category[]).filter((c) => c !== 'unknown').flatMap((category) => ALL_CHECKS.map((check) => [category, check, SPEC[category].includes(check)] as const));
  it.each(pairs)('%s explained by a failing %s: %s', (category, check, explains) => {
    const v = decideVerdict(cls(category), [f(check, 'fail')]);
    expect([v.rootCauses[0].confidence, Boolean(v.disagreement)]).toEqual(explains ? [0.9, false] : [0.6, true]);
  });
});
