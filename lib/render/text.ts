import { styleText } from 'node:util';
import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { Diagnosis, FindingStatus, Incident } from '../model';
import { headline, buildReportView, type RenderOptions, type ReportView, type Tone } from './report-view';
import { progressBar, progressLine } from './progress';
import { redact } from './redact';

export interface TextOptions extends RenderOptions {
  /** ANSI colours: the caller decides (lib/cli/color.ts: TTY, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

const STATUS_MARK: Record<FindingStatus, { mark: string; style: Style }> = {
  fail: { mark: '✖ FAIL', style: 'red' },
  warn: { mark: '▲ WARN', style: 'yellow' },
  unknown: { mark: '? UNKN', style: 'yellow' },
  pass: { mark: '✔ PASS', style: 'green' },
  skipped: { mark: '- SKIP', style: 'dim' },
};
const TONE_STYLE: Record<Tone, Style> = { failed: 'red', healthy: 'green', undecided: 'yellow', resolved: 'green', progress: 'cyan', 'at-risk': 'yellow' };

function painter(color: boolean) {
  // The caller already decided whether colour is wanted; styleText must not second-guess it from process.stdout.
  return (style: Style, text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
}

/** Strips control characters (ANSI escapes injected through a kubelet message must not drive the terminal). */
function plain(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '');
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((l) => `${prefix}${l}`).join('\n');
}

export function textOf(view: ReportView, color: boolean): string {
  const paint = painter(color);
  const out: string[] = [paint('bold', paint(TONE_STYLE[view.tone], plain(view.title)))];
  if (view.subtitle) out.push(paint('dim', plain(view.subtitle)));
  out.push('', `${paint('bold', plain(view.cause.label))}: ${plain(view.cause.sentence)}`);
  for (const other of view.otherCauses) out.push(`Also possible: ${plain(other)}`);
  if (view.disagreement) out.push(`Note: ${plain(view.disagreement)}`);
  if (view.evidence.length > 0) {
    out.push('', paint('bold', 'Evidence'), ...view.evidence.map((e) => `  • ${plain(e.fact)} ${paint('dim', `(${plain(e.source)})`)}`));
  }
  if (view.fixes.length > 0) {
    out.push('', paint('bold', 'Fix'));
    view.fixes.forEach((fix, i) => {
      out.push(`  ${i + 1}. ${plain(fix.text)}`);
      if (fix.command) out.push(paint('cyan', indent(plain(fix.command), '       $ ')));
    });
  }
  out.push('', `${paint('bold', view.listHeading ?? 'Checks')} ${paint('dim', `(${plain(view.checkSummary)})`)}`);
  for (const c of view.checks) {
    const { mark, style } = STATUS_MARK[c.status];
    out.push(`  ${paint(style, mark)}  ${c.title.padEnd(26)} ${plain(c.summary)}${c.missing ? paint('dim', ` (${plain(c.missing)})`) : ''}`);
  }
  if (view.checksCollapsed) out.push(paint('dim', '  (passed and skipped checks hidden)'));
  if (view.links.length > 0) out.push('', paint('bold', 'Links'), ...view.links.map((l) => `  ${plain(l.label)}: ${plain(l.url)}`));
  if (view.truncation) out.push('', paint('dim', plain(view.truncation)));
  out.push('', paint('dim', plain(view.footer)));
  return `${out.join('\n')}\n`;
}

/** The diagnosis as terminal text (CLI, console adapter, logs). Nothing is truncated. */
export function renderText(diagnosis: Diagnosis, incident?: Incident, options: TextOptions = {}): string {
  return textOf(buildReportView(diagnosis, incident, { showAllChecks: true, ...options }), options.color ?? false);
}

export function renderTextProgress(incident: Incident, progress: DiagnosisProgress | undefined, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const head = headline(incident);
  const bar = progress ? ` ${progressBar(progress)}` : '';
  return `${paint('cyan', '⏳')} ${plain(head.image)} — ${plain(progressLine(progress))}${bar}\n`;
}

export function renderTextResolved(incident: Incident, how: string, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const head = headline(incident);
  return `${paint('green', `✔ Resolved: ${plain(head.image)}`)} — ${plain(redact(how))}${head.subtitle ? paint('dim', ` (${plain(head.subtitle)})`) : ''}\n`;
}
