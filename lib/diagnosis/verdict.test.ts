import type { Category, CheckId, Classification, Finding, FindingStatus } from '../model';
import { decideVerdict } from './verdict';

const cls = (category: Category, candidates: Category[] = []): Classification => ({ category, confidence: 0.8, candidates, explanation: '' });
const f = (checkId: CheckId, status: FindingStatus): Finding => ({ checkId, status, summary: `${checkId} ${status}`, evidence: [], fixes: [] });
const passing: Finding[] = (['image-reference', 'registry', 'cluster', 'pull-permission', 'repository-tag'] as CheckId[]).map((id) => f(id, 'pass'));
const withFinding = (x: Finding) => passing.map((p) => (p.checkId === x.checkId ? x : p));

describe('decideVerdict', () => {
  it.each<[string, Classification, Finding[], { outcome: string; top?: CheckId; confidence?: number; disagreement?: boolean; summary?: RegExp }]>([
    ['a failure that explains the message', cls('auth_missing'), withFinding(f('pull-permission', 'fail')), { outcome: 'cause_found', top: 'pull-permission', confidence: 0.9 }],
    ['a failure the message does not mention, said out loud', cls('auth_missing'), [...passing, f('platform', 'fail')], { outcome: 'cause_found', top: 'platform', confidence: 0.6, disagreement: true }],
    ['an ambiguous message explained through its candidates', cls('repo_not_found', ['auth_missing']), withFinding(f('cluster', 'fail')), { outcome: 'cause_found', top: 'cluster', confidence: 0.9 }],
    ['a warning counts when it explains the message', cls('timeout_or_size'), [...passing, f('image-size', 'warn')], { outcome: 'cause_found', top: 'image-size', confidence: 0.6 }],
    ['a warning does not count when it does not', cls('auth_missing'), [...passing, f('image-size', 'warn')], { outcome: 'undecided', disagreement: true }],
    ['the check that would confirm the message could not run', cls('auth_missing'), withFinding(f('pull-permission', 'unknown')), { outcome: 'undecided', summary: /pull-permission — the check that would confirm it — could not be run/ }],
    ['auth in the message, every auth check passed: pull secret hint', cls('auth_missing'), passing, { outcome: 'undecided', disagreement: true, summary: /imagePullSecrets/ }],
    ['never-pull: imagePullPolicy hint', cls('never_pull'), passing, { outcome: 'undecided', disagreement: true, summary: /imagePullPolicy: IfNotPresent/ }],
    ['nothing wrong and nothing claimed', cls('unknown'), [...passing, f('private-dns', 'skipped')], { outcome: 'should_work', summary: /5 checks passed .*not checked: private-dns/ }],
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
});
