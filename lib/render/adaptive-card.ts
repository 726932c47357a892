import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { Diagnosis, Incident } from '../model';
import { buttonsOf, type CardActionData, type ViewActions } from './actions';
import { STATUS_EMOJI } from './checks';
import { clip, compactView, COMPACT_LEVELS } from './compact';
import { progressBar, progressLine } from './progress';
import { redact } from './redact';
import { buildReportView, headline, viewActions, type RenderOptions, type ReportView, type Tone } from './report-view';

/** An Adaptive Card as JSON (schema 1.5). Elements are plain objects: the card is data, not a class tree. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}
export type CardElement = Record<string, unknown> & { type: string };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams rejects messages over ~28 KB (card plus activity envelope); keep the card itself under 26 KiB
 * so the envelope (conversation, from, channelData) always fits.
 */
export const CARD_MAX_BYTES = 26 * 1024;

const TONE_STYLE: Record<Tone, string> = { failed: 'attention', healthy: 'good', undecided: 'warning', resolved: 'good', progress: 'accent', 'at-risk': 'warning' };
const TONE_EMOJI: Record<Tone, string> = { failed: '🔴', healthy: '🟢', undecided: '🟡', resolved: '✅', progress: '⏳', 'at-risk': '⚠️' };

const text = (value: string, extra: Record<string, unknown> = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/**
 * Text for a TextBlock, which Teams runs through its Markdown subset: characters that would start
 * emphasis, links or lists in arbitrary text (image names, ARM ids, kubelet messages) are escaped.
 */
export function escapeCardMarkdown(value: string): string {
  return value
    .replace(/([\\*_[\]`])/g, '\\$1')
    .replace(/^(\s*)([#>])/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)([-+])\s/gm, '$1\\$2 ');
}

/** Commands go in a RichTextBlock TextRun: monospace, wrapped, and never Markdown-processed, so they copy verbatim. */
function codeBlock(command: string): CardElement {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: command, fontType: 'Monospace' }] }],
  };
}

function headerContainer(tone: Tone, title: string, subtitle: string): CardElement {
  const items: CardElement[] = [text(`${TONE_EMOJI[tone]} ${escapeCardMarkdown(title)}`, { size: 'Large', weight: 'Bolder' })];
  if (subtitle) items.push(text(escapeCardMarkdown(subtitle), { isSubtle: true, spacing: 'None' }));
  return { type: 'Container', style: TONE_STYLE[tone], bleed: true, items };
}

function actionsFor(target: string | ViewActions): CardElement[] {
  const actions: ViewActions = typeof target === 'string' ? { kind: 'incident', id: target } : target;
  return buttonsOf(actions).map((b) => {
    const id: CardActionData = actions.kind === 'warning' ? { warningId: actions.id } : { incidentId: actions.id };
    const data: CardActionData = { ...id, ...(b.duration ? { duration: b.duration } : {}) };
    return {
      type: 'Action.Execute',
      title: b.label,
      verb: b.verb,
      data,
      ...(b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {}),
      // Clients without Universal Actions (older Teams mobile, Outlook) fall back to a submit carrying the verb.
      fallback: { type: 'Action.Submit', title: b.label, data: { ...data, verb: b.verb } },
    };
  });
}

function card(body: CardElement[], actions?: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

function bodyOf(view: ReportView): CardElement[] {
  const body: CardElement[] = [headerContainer(view.tone, view.title, view.subtitle)];
  body.push({ type: 'FactSet', facts: view.facts.map((f) => ({ title: f.name, value: escapeCardMarkdown(f.value) })) });
  body.push(text(escapeCardMarkdown(view.cause.label), { weight: 'Bolder', color: view.tone === 'failed' ? 'Attention' : 'Default', spacing: 'Medium' }));
  body.push(text(escapeCardMarkdown(view.cause.sentence), { spacing: 'Small' }));
  for (const other of view.otherCauses) body.push(text(`Also possible: ${escapeCardMarkdown(other)}`, { isSubtle: true, spacing: 'Small' }));
  if (view.disagreement) body.push(text(`Note: ${escapeCardMarkdown(view.disagreement)}`, { isSubtle: true, spacing: 'Small' }));
  if (view.evidence.length > 0) {
    body.push(text('Evidence', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(view.evidence.map((e) => `- ${escapeCardMarkdown(e.fact)} — *${escapeCardMarkdown(e.source)}*`).join('\n'), { spacing: 'Small' }));
  }
  if (view.fixes.length > 0) {
    body.push(text('Fix', { weight: 'Bolder', spacing: 'Medium' }));
    view.fixes.forEach((fix, i) => {
      body.push(text(`${i + 1}\\. ${escapeCardMarkdown(fix.text)}`, { spacing: 'Small' }));
      if (fix.command) body.push(codeBlock(fix.command));
    });
  }
  body.push(text(`${escapeCardMarkdown(view.listHeading ?? 'Checks')} — ${escapeCardMarkdown(view.checkSummary)}`, { weight: 'Bolder', spacing: 'Medium', separator: true }));
  const lines = view.checks.map(
    (c) => `${STATUS_EMOJI[c.status]} **${escapeCardMarkdown(c.title)}** — ${escapeCardMarkdown(c.summary)}${c.missing ? ` *(${escapeCardMarkdown(c.missing)})*` : ''}`,
  );
  if (view.checksCollapsed) lines.push('*Passed and skipped checks are hidden: press Show all checks.*');
  if (lines.length > 0) body.push(text(lines.join('\n\n'), { spacing: 'Small' }));
  if (view.links.length > 0) {
    body.push(text('Links', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(view.links.map((l) => `[${escapeCardMarkdown(l.label)}](${l.url.replace(/[()\s]/g, encodeURIComponent)})`).join(' · '), { spacing: 'Small' }));
  }
  if (view.truncation) body.push(text(escapeCardMarkdown(view.truncation), { isSubtle: true, spacing: 'Medium' }));
  body.push(text(escapeCardMarkdown(view.footer), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return body;
}

export function cardBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The full diagnosis as an Adaptive Card 1.5; steps down the compaction ladder until it fits CARD_MAX_BYTES. */
export function renderAdaptiveCard(diagnosis: Diagnosis, incident: Incident | undefined, options: RenderOptions = {}): AdaptiveCard {
  return fitCardView(buildReportView(diagnosis, incident, options), options);
}

/** Any view (a diagnosis, a warning) as a card that fits CARD_MAX_BYTES. */
export function fitCardView(view: ReportView, options: RenderOptions = {}): AdaptiveCard {
  const target = viewActions(view);
  const actions = target ? actionsFor(target) : undefined;
  let last: AdaptiveCard | undefined;
  for (let level = 0; level < COMPACT_LEVELS; level++) {
    last = card(bodyOf(compactView(view, level, options)), actions);
    if (cardBytes(last) <= CARD_MAX_BYTES) return last;
  }
  // Unreachable with the ladder's last level; never post an oversize card whatever changes later.
  const minimal = compactView(view, COMPACT_LEVELS - 1, options);
  return card([headerContainer(minimal.tone, minimal.title, ''), text(escapeCardMarkdown(clip(minimal.cause.sentence, 500))), text(escapeCardMarkdown(minimal.truncation ?? ''))], actions);
}

/** "Diagnosing…" card, updated in place as checks complete. */
export function renderCardProgress(incident: Incident, progress?: DiagnosisProgress): AdaptiveCard {
  const head = headline(incident);
  const body: CardElement[] = [headerContainer('progress', `Diagnosing ${head.image}`, head.subtitle)];
  body.push(text(escapeCardMarkdown(progressLine(progress)), { spacing: 'Medium' }));
  if (progress) body.push(text(progressBar(progress), { fontType: 'Monospace', spacing: 'Small' }));
  if (progress?.last) {
    body.push(text(escapeCardMarkdown(redact(`${STATUS_EMOJI[progress.last.status]} ${progress.last.title}: ${progress.last.status}`)), { isSubtle: true, spacing: 'Small' }));
  }
  body.push(text(escapeCardMarkdown(`pull-doctor · incident ${redact(incident.id)}`), { isSubtle: true, size: 'Small' }));
  return card(body);
}

/** Resolved: the full card with a resolved headline when the diagnosis is at hand, else a short card. */
export function renderCardResolved(incident: Incident, how: string, diagnosis?: Diagnosis, options: RenderOptions = {}): AdaptiveCard {
  const resolved: Incident = { ...incident, status: 'resolved', resolvedReason: incident.resolvedReason ?? how };
  if (diagnosis) return renderAdaptiveCard(diagnosis, resolved, options);
  const head = headline(resolved);
  const body: CardElement[] = [headerContainer('resolved', `Resolved: ${head.image}`, head.subtitle)];
  body.push(text(escapeCardMarkdown(clip(redact(how), 2000)), { spacing: 'Medium' }));
  if (resolved.rootCause) body.push(text(`Was: ${escapeCardMarkdown(clip(redact(resolved.rootCause), 2000))}`, { isSubtle: true }));
  body.push(text(escapeCardMarkdown(`pull-doctor · incident ${redact(incident.id)}`), { isSubtle: true, size: 'Small' }));
  return card(body);
}

/** The final state of a card whose job gave up: what went wrong, the incident id and the buttons (Re-check first). */
export function renderCardUnfinished(incident: Incident, reason: string): AdaptiveCard {
  const head = headline(incident);
  const body: CardElement[] = [headerContainer('undecided', `Could not finish diagnosing ${head.image}`, head.subtitle)];
  body.push(text(`**could not finish:** ${escapeCardMarkdown(clip(redact(reason), 2000))}`, { spacing: 'Medium' }));
  body.push(text('Press Re-check to try again.', { isSubtle: true }));
  body.push(text(escapeCardMarkdown(`pull-doctor · incident ${redact(incident.id)}`), { isSubtle: true, size: 'Small' }));
  return card(body, actionsFor(incident.id));
}
