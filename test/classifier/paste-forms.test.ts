import type { Category } from '../../lib/model/category';
import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import { allCorpus } from './all-corpus';

/**
 * The same pull error reaches pull-doctor in many wrappings: copied from a web page (HTML entities, `&nbsp;` as
 * U+00A0, typographic quotes), from kubelet's journal (klog's structured line: the error escaped inside `err="…"` with
 * kubelet's own keys after it), from `kubectl get pod -o yaml` (a single-quoted YAML scalar) or `-o json`, from
 * `kubectl get events`, quoted in Markdown. Each real corpus message the classifier reads right as pasted must be read
 * the same in every wrapping: the wrapping adds no cause and must not hide one. Shapes: kubelet's klog lines in
 * corpus-sixth/ninth (pod_workers.go "Error syncing pod, skipping" err=… pod=… podUID=…), YAML single-quoted
 * scalars (YAML 1.2 §7.3.2: `'` doubled), kubectl's event columns.
 */
const klogEscape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

const FORMS: Record<string, (message: string) => string> = {
  'HTML entities': (m) => m.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  'typographic quotes': (m) => m.replace(/"([^"]*)"/g, '\u201c$1\u201d').replace(/'([^']*)'/g, '\u2018$1\u2019'),
  'non-breaking spaces': (m) => m.replace(/ /g, '\u00a0'),
  'zero-width spaces after punctuation': (m) => m.replace(/([:/,])/g, '$1\u200b'),
  'kubelet klog line': (m) =>
    `E1207 10:12:01.123456    2291 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ErrImagePull: \\"${klogEscape(klogEscape(m))}\\"" pod="shop/web-7d9f" podUID="0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"`,
  'kubectl get pod -o yaml': (m) => `    state:\n      waiting:\n        message: '${m.replace(/'/g, "''")}'\n        reason: ErrImagePull`,
  'kubectl get pod -o json': (m) => JSON.stringify({ state: { waiting: { message: m, reason: 'ErrImagePull' } } }, null, 2),
  'kubectl get events row': (m) => `5m          Warning   Failed              pod/web-7d9f   ${m}`,
  'Markdown quote': (m) => `> ${m.replace(/\n/g, '\n> ')}`,
};

// The pod-status forms add kubelet's reason (ErrImagePull); messages that are themselves only a reason differ there.
const REASON_ONLY_CAUSE: ReadonlySet<Category> = new Set(['never_pull', 'invalid_reference']);

const named = (message: string, category: Category): boolean => {
  const result = classifyPullMessage(message);
  return result.category === category || result.candidates.includes(category);
};

describe('every paste form of a real message reads as the message does', () => {
  const readRight = allCorpus().filter((entry) => named(entry.message, entry.category));

  test('the corpus has the messages to test', () => {
    expect(readRight.length).toBeGreaterThan(800);
  });

  test.each(Object.keys(FORMS))('%s', (form) => {
    const wrap = FORMS[form];
    const adds = form.startsWith('kubectl get pod') || form === 'kubelet klog line';
    const lost = readRight
      .filter((entry) => !(adds && REASON_ONLY_CAUSE.has(entry.category)))
      .filter((entry) => !named(wrap(entry.message), entry.category))
      .map((entry) => `${entry.category} ← ${classifyPullMessage(wrap(entry.message)).category}: ${entry.message.slice(0, 120)}`);
    expect(lost).toEqual([]);
  });
});
