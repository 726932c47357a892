import { classifyPullMessageWith, decidingText } from '../../lib/classify/classify-pull-message';
import { PULL_ERROR_RULES, type PullErrorRule } from '../../lib/classify/pull-error-rules';
import type { Classification } from '../../lib/model/category';
import { allCorpus } from './all-corpus';

/**
 * The rule table is data; these tests replay the real-message corpus on edited copies of it, the way a
 * mutation tool would, so that no wording and no ordering survives unnoticed:
 *  - every alternative of every rule decides at least one real message that nothing else decides the same way;
 *  - every pair of rules that a real message matches with different answers is pinned by that message.
 */
const corpus = allCorpus();
const baseline = corpus.map((entry) => classifyPullMessageWith(PULL_ERROR_RULES, entry.message, entry.reason));

// What a reader sees: the category, the candidates and the explanation (the back-off rule only changes the latter).
const outcome = (c: Classification): string => `${c.category}|${c.candidates.join(',')}|${c.explanation}`;

/** Top-level alternatives of a regular expression source (no split inside groups, classes or escapes). */
export function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

function changedMessages(rules: readonly PullErrorRule[]): string[] {
  return corpus
    .filter((entry, i) => outcome(classifyPullMessageWith(rules, entry.message, entry.reason)) !== outcome(baseline[i]))
    .map((entry) => entry.message);
}

const alternatives = PULL_ERROR_RULES.flatMap((rule, ruleIndex) =>
  rule.patterns.flatMap((pattern, patternIndex) => {
    const alts = topLevelAlternatives(pattern.source);
    return alts.length < 2 ? [] : alts.map((alt, altIndex) => ({ rule, ruleIndex, patternIndex, alts, alt, altIndex, flags: pattern.flags }));
  }),
);

/**
 * Catch-all alternatives kept for wordings the corpus has not met yet: every corpus message they match is
 * decided by a more specific rule above. The test fails once a real message depends on one (then drop it here).
 */
const CATCH_ALL_ALTERNATIVES: Readonly<Record<string, string>> = {};

describe('rule audit: every alternative decides a real message', () => {
  test('the splitter keeps groups and classes whole', () => {
    expect(topLevelAlternatives('a|(b|c)|[|]|d\\|e')).toEqual(['a', '(b|c)', '[|]', 'd\\|e']);
  });

  test.each(alternatives.map((a) => [a.rule.id, a.alt, a] as const))('%s: /%s/', (id, alt, a) => {
    const without = new RegExp(a.alts.filter((_, i) => i !== a.altIndex).join('|'), a.flags);
    const rules = PULL_ERROR_RULES.map((rule, i) =>
      i === a.ruleIndex ? { ...rule, patterns: rule.patterns.map((p, j) => (j === a.patternIndex ? without : p)) } : rule,
    );
    if (`${id}: ${alt}` in CATCH_ALL_ALTERNATIVES) expect(changedMessages(rules).length).toBe(0);
    else expect(changedMessages(rules).length).toBeGreaterThan(0);
  });
});

/**
 * Rules whose wording comes from source code, not from a corpus message that only they decide. Each entry says
 * why; the test below fails once a real message does depend on the rule, so the list cannot go stale.
 */
const DECIDES_NO_CORPUS_MESSAGE: Readonly<Record<string, string>> = {
};

describe('rule audit: every rule and every exception decides a real message', () => {
  test.each(PULL_ERROR_RULES.map((rule, i) => [rule.id, i] as const))('%s', (id, ruleIndex) => {
    const changed = changedMessages(PULL_ERROR_RULES.filter((_, i) => i !== ruleIndex)).length;
    if (id in DECIDES_NO_CORPUS_MESSAGE) expect(changed).toBe(0);
    else expect(changed).toBeGreaterThan(0);
  });

  const exceptions = PULL_ERROR_RULES.flatMap((rule, ruleIndex) =>
    rule.unless ? topLevelAlternatives(rule.unless.source).map((alt, altIndex, alts) => ({ rule, ruleIndex, alt, altIndex, alts })) : [],
  );
  test.each(exceptions.map((e) => [e.rule.id, e.alt, e] as const))('%s unless /%s/', (_id, _alt, e) => {
    const rest = e.alts.filter((_, i) => i !== e.altIndex);
    const unless = rest.length > 0 ? new RegExp(rest.join('|'), e.rule.unless?.flags) : undefined;
    const rules = PULL_ERROR_RULES.map((rule, i) => (i === e.ruleIndex ? { ...rule, unless } : rule));
    expect(changedMessages(rules).length).toBeGreaterThan(0);
  });
});

describe('rule audit: order between rules that a real message matches both of is pinned', () => {
  const matches = (rule: PullErrorRule, text: string): boolean =>
    rule.patterns.every((p) => p.test(text)) && !(rule.unless && rule.unless.test(text));
  const deciding = corpus.map((entry) => decidingText(entry.message));
  const pairs = PULL_ERROR_RULES.flatMap((earlier, i) =>
    PULL_ERROR_RULES.slice(i + 1).flatMap((later, k) =>
      earlier.category !== later.category &&
      // a message that the earlier rule decides (no rule above it matches) and the later one also matches
      deciding.some((text) => matches(earlier, text) && matches(later, text) && !PULL_ERROR_RULES.slice(0, i).some((r) => matches(r, text)))
        ? [{ earlier, later, i, j: i + 1 + k }]
        : [],
    ),
  );

  test('some real messages match two rules with different answers', () => {
    expect(pairs.length).toBeGreaterThan(5);
  });

  test.each(pairs.map((p) => [p.earlier.id, p.later.id, p] as const))('%s before %s', (_a, _b, p) => {
    // Moving the later rule just above the earlier one must change at least one real message's answer.
    const reordered = [...PULL_ERROR_RULES];
    reordered.splice(p.j, 1);
    reordered.splice(p.i, 0, p.later);
    expect(changedMessages(reordered).length).toBeGreaterThan(0);
  });
});
