import type { ReportView } from './report-view';
import { truncationPointer, type RenderOptions } from './report-view';

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending with "…", without splitting a surrogate
 * pair (an emoji cut in half renders as garbage in Slack and Teams).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, Math.max(0, max));
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

interface Budget {
  evidence: number;
  fixes: number;
  checks: number;
  links: number;
  otherCauses: number;
  /** Longest single text (sentence, fact, command). */
  text: number;
}

/**
 * The degradation ladder: renderers try level 0 first and step down until the platform's limits hold.
 * The last level is small enough for every platform whatever the input, because every string in it
 * is clipped and every list is short.
 */
const LADDER: Budget[] = [
  { evidence: 12, fixes: 6, checks: 11, links: 8, otherCauses: 3, text: 2400 },
  { evidence: 8, fixes: 4, checks: 8, links: 6, otherCauses: 2, text: 1200 },
  { evidence: 5, fixes: 3, checks: 6, links: 4, otherCauses: 1, text: 600 },
  { evidence: 3, fixes: 2, checks: 4, links: 2, otherCauses: 0, text: 300 },
  { evidence: 0, fixes: 1, checks: 0, links: 0, otherCauses: 0, text: 200 },
];

export const COMPACT_LEVELS = LADDER.length;

/** The view cut to ladder level `level`; `truncation` is set when anything was left out or shortened. */
export function compactView(view: ReportView, level: number, options: RenderOptions = {}): ReportView {
  const budget = LADDER[Math.min(Math.max(level, 0), LADDER.length - 1)]!;
  let cut = false;
  const text = (s: string): string => {
    const c = clip(s, budget.text);
    if (c !== s) cut = true;
    return c;
  };
  const take = <T>(items: T[], n: number): T[] => {
    if (items.length > n) cut = true;
    return items.slice(0, n);
  };
  const out: ReportView = {
    ...view,
    title: clip(view.title, 140),
    subtitle: text(view.subtitle),
    facts: view.facts.map((f) => ({ name: f.name, value: text(f.value) })),
    cause: { label: view.cause.label, sentence: text(view.cause.sentence) },
    otherCauses: take(view.otherCauses, budget.otherCauses).map(text),
    disagreement: view.disagreement === undefined ? undefined : text(view.disagreement),
    evidence: take(view.evidence, budget.evidence).map((e) => ({ fact: text(e.fact), source: text(e.source) })),
    fixes: take(view.fixes, budget.fixes).map((f) => ({ text: text(f.text), command: f.command === undefined ? undefined : text(f.command) })),
    checks: take(view.checks, budget.checks).map((c) => ({ ...c, summary: text(c.summary), missing: c.missing === undefined ? undefined : text(c.missing) })),
    links: take(view.links, budget.links),
  };
  if (view.title.length > 140) cut = true;
  if (cut || view.truncation) out.truncation = truncationPointer(view.incidentId, options, view.moreCommand);
  return out;
}
