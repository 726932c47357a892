import type { Category, Classification } from '../../lib/model/category';
import { CATEGORIES } from '../../lib/model/category';
import type { CorpusEntry } from './corpus';

export interface CategoryScore {
  category: Category;
  messages: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  messages: number;
  exact: number;
  exactOrCandidate: number;
  perCategory: CategoryScore[];
  misses: Array<{ entry: CorpusEntry; result: Classification }>;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Exact = the category is the message's cause; exact-or-candidate also counts the cause among the candidates. */
export function scoreCorpus(results: ReadonlyArray<{ entry: CorpusEntry; result: Classification }>): CorpusScore {
  const perCategory = CATEGORIES.map((category) => {
    const truth = results.filter(({ entry }) => entry.category === category);
    const predicted = results.filter(({ result }) => result.category === category);
    const hits = truth.filter(({ result }) => result.category === category).length;
    return { category, messages: truth.length, precision: ratio(hits, predicted.length), recall: ratio(hits, truth.length) };
  });
  const exact = results.filter(({ entry, result }) => result.category === entry.category).length;
  const misses = results.filter(({ entry, result }) => result.category !== entry.category && !result.candidates.includes(entry.category));
  return {
    messages: results.length,
    exact: ratio(exact, results.length),
    exactOrCandidate: ratio(results.length - misses.length, results.length),
    perCategory,
    misses: [...misses],
  };
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

export function formatScore(score: CorpusScore): string {
  const rows = score.perCategory.map(
    (row) => `${row.category.padEnd(22)}${String(row.messages).padStart(5)}  ${pct(row.precision).padStart(7)}  ${pct(row.recall).padStart(7)}`,
  );
  return [
    `classifier corpus: ${score.messages} messages, exact ${pct(score.exact)}, exact-or-candidate ${pct(score.exactOrCandidate)}`,
    `${'category'.padEnd(22)}${'n'.padStart(5)}  ${'prec'.padStart(7)}  ${'recall'.padStart(7)}`,
    ...rows,
  ].join('\n');
}
