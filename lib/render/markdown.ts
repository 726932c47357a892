import type { Diagnosis, Incident } from '../model';
import { STATUS_EMOJI } from './checks';
import { buildReportView, type RenderOptions, type ReportView, type Tone } from './report-view';

const TONE_EMOJI: Record<Tone, string> = { failed: '🔴', healthy: '🟢', undecided: '🟡', resolved: '✅', progress: '⏳', 'at-risk': '⚠️' };

/** Inline text in GitHub-flavoured Markdown: characters that would format or link are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/^(\s*)([#+-]|\d+\.)(\s)/gm, '$1\\$2$3');
}

/** A fenced block long enough that no run of backticks inside the command can close it. */
function fence(command: string): string {
  const longest = Math.max(2, ...[...command.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}sh\n${command}\n${ticks}`;
}

export function markdownOf(view: ReportView): string {
  const out: string[] = [`## ${TONE_EMOJI[view.tone]} ${escapeMarkdown(view.title)}`, ''];
  if (view.subtitle) out.push(escapeMarkdown(view.subtitle), '');
  out.push(`**${escapeMarkdown(view.cause.label)}:** ${escapeMarkdown(view.cause.sentence)}`, '');
  for (const other of view.otherCauses) out.push(`_Also possible:_ ${escapeMarkdown(other)}`, '');
  if (view.disagreement) out.push(`_Note:_ ${escapeMarkdown(view.disagreement)}`, '');
  if (view.evidence.length > 0) {
    out.push('### Evidence', '', ...view.evidence.map((e) => `- ${escapeMarkdown(e.fact)} — _${escapeMarkdown(e.source)}_`), '');
  }
  if (view.fixes.length > 0) {
    out.push('### Fix', '');
    view.fixes.forEach((fix, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(fix.text)}`);
      if (fix.command) out.push('', ...fence(fix.command).split('\n').map((l) => `   ${l}`));
      out.push('');
    });
  }
  out.push(`### ${escapeMarkdown(view.listHeading ?? 'Checks')} (${escapeMarkdown(view.checkSummary)})`, '');
  for (const c of view.checks) {
    out.push(`- ${STATUS_EMOJI[c.status]} **${escapeMarkdown(c.title)}** — ${escapeMarkdown(c.summary)}${c.missing ? ` _(${escapeMarkdown(c.missing)})_` : ''}`);
  }
  if (view.checksCollapsed) out.push('- _passed and skipped checks hidden_');
  out.push('');
  if (view.links.length > 0) out.push('### Links', '', ...view.links.map((l) => `- [${escapeMarkdown(l.label)}](<${l.url}>)`), '');
  if (view.truncation) out.push(`_${escapeMarkdown(view.truncation)}_`, '');
  out.push(`<sub>${escapeMarkdown(view.footer)}</sub>`, '');
  return out.join('\n');
}

/** The diagnosis as GitHub-flavoured Markdown (issues, wikis, `pull-doctor diagnose --format markdown`). Nothing is truncated. */
export function renderMarkdown(diagnosis: Diagnosis, incident?: Incident, options: RenderOptions = {}): string {
  return markdownOf(buildReportView(diagnosis, incident, { showAllChecks: true, ...options }));
}
