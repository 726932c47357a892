import type { Button, KnownBlock } from '@slack/types';
import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { Diagnosis, Incident } from '../model';
import { buttonsOf, type ViewActions } from './actions';
import { STATUS_EMOJI } from './checks';
import { clip, compactView, COMPACT_LEVELS } from './compact';
import { progressLine, progressBar } from './progress';
import { redact } from './redact';
import { buildReportView, headline, viewActions, type RenderOptions, type ReportView, type Tone } from './report-view';
import { SLACK_LIMITS, validateSlackMessage } from './slack-limits';

export interface SlackPayload {
  /** Notification / screen-reader text, shown where blocks are not. */
  text: string;
  blocks: KnownBlock[];
}

const TONE_EMOJI: Record<Tone, string> = { failed: '🔴', healthy: '🟢', undecided: '🟡', resolved: '✅', progress: '⏳', 'at-risk': '⚠️' };

/** Slack mrkdwn needs &, < and > escaped (they start entities and links); nothing else can be escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackLink(url: string, label: string): string {
  return `<${url.replace(/[|>\s]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** Joins lines into as few section texts as fit the 3,000-character limit (a line longer than that is clipped). */
function sectionsOf(heading: string, lines: string[]): KnownBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const chunks: string[] = [];
  let current = heading;
  for (const raw of lines) {
    const line = clip(raw, max - heading.length - 2);
    if (current.length + line.length + 1 > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks.map(section);
}

function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.headerText), emoji: true } };
}

export function slackButtons(target: string | ViewActions): KnownBlock {
  const actions: ViewActions = typeof target === 'string' ? { kind: 'incident', id: target } : target;
  const elements: Button[] = buttonsOf(actions).map((b) => {
    const button: Button = {
      type: 'button',
      action_id: b.slackActionId,
      text: { type: 'plain_text', text: b.label, emoji: true },
      value: actions.id,
      ...(b.style ? { style: b.style } : {}),
    };
    if (b.verb === 'resolve') {
      button.confirm = {
        title: { type: 'plain_text', text: 'Resolve this incident?' },
        text: { type: 'plain_text', text: 'pull-doctor stops updating this message and closes the incident.' },
        confirm: { type: 'plain_text', text: 'Resolve' },
        deny: { type: 'plain_text', text: 'Cancel' },
      };
    }
    return button;
  });
  return { type: 'actions', block_id: 'pd_actions', elements };
}

function codeBlock(command: string): string {
  // A ``` inside the command would end the block early; Slack has no escape for it.
  return `\`\`\`${escapeMrkdwn(command).replace(/```/g, "'''")}\`\`\``;
}

function blocksOf(view: ReportView): KnownBlock[] {
  const blocks: KnownBlock[] = [header(`${TONE_EMOJI[view.tone]} ${view.title}`)];
  if (view.subtitle) blocks.push(context(escapeMrkdwn(view.subtitle)));
  const causeLines = [`*${escapeMrkdwn(view.cause.label)}*`, escapeMrkdwn(view.cause.sentence)];
  for (const other of view.otherCauses) causeLines.push(`_Also possible:_ ${escapeMrkdwn(other)}`);
  if (view.disagreement) causeLines.push(`_Note:_ ${escapeMrkdwn(view.disagreement)}`);
  blocks.push(...sectionsOf('', causeLines));
  if (view.evidence.length > 0) {
    blocks.push(...sectionsOf('*Evidence*', view.evidence.map((e) => `• ${escapeMrkdwn(e.fact)} — _${escapeMrkdwn(e.source)}_`)));
  }
  view.fixes.forEach((fix, i) => {
    const title = `${i === 0 ? '*Fix*\n' : ''}${i + 1}. ${escapeMrkdwn(fix.text)}`;
    const text = fix.command ? `${title}\n${codeBlock(fix.command)}` : title;
    blocks.push(section(clip(text, SLACK_LIMITS.sectionText)));
  });
  blocks.push({ type: 'divider' });
  const checkLines = view.checks.map(
    (c) => `${STATUS_EMOJI[c.status]} *${escapeMrkdwn(c.title)}* — ${escapeMrkdwn(c.summary)}${c.missing ? ` _(${escapeMrkdwn(c.missing)})_` : ''}`,
  );
  if (view.checksCollapsed) checkLines.push('_Passed and skipped checks are hidden: press *Show all checks*._');
  blocks.push(...sectionsOf(`*${escapeMrkdwn(view.listHeading ?? 'Checks')}* — ${escapeMrkdwn(view.checkSummary)}`, checkLines));
  if (view.links.length > 0) blocks.push(...sectionsOf('*Links*', view.links.map((l) => `🔗 ${slackLink(l.url, l.label)}`)));
  if (view.truncation) blocks.push(context(escapeMrkdwn(view.truncation)));
  const actions = viewActions(view);
  if (actions) blocks.push(slackButtons(actions));
  blocks.push(context(escapeMrkdwn(view.footer)));
  return blocks;
}

function fallbackText(view: ReportView): string {
  // The notification text is mrkdwn too (Slack parses <!channel>, <@U…> and <url|label> in it).
  return clip(`${TONE_EMOJI[view.tone]} ${escapeMrkdwn(view.title)} — ${escapeMrkdwn(view.cause.sentence)}`, 3_000);
}

/** Steps down the compaction ladder until the message passes the Block Kit limits. Never throws. */
export function fitSlackView(view: ReportView, options: RenderOptions = {}): SlackPayload {
  return fit(view, options);
}

function fit(view: ReportView, options: RenderOptions): SlackPayload {
  for (let level = 0; level < COMPACT_LEVELS; level++) {
    const compact = compactView(view, level, options);
    const payload = { text: fallbackText(compact), blocks: blocksOf(compact) };
    if (validateSlackMessage(payload).length === 0) return payload;
  }
  // Unreachable with the ladder's last level, kept so a future change can never post an invalid message.
  const minimal = compactView(view, COMPACT_LEVELS - 1, options);
  return { text: fallbackText(minimal), blocks: blocksOf(minimal).slice(0, SLACK_LIMITS.blocksPerMessage) };
}

/** The full diagnosis as a Slack message (Block Kit + notification text). */
export function renderSlack(diagnosis: Diagnosis, incident: Incident | undefined, options: RenderOptions = {}): SlackPayload {
  return fit(buildReportView(diagnosis, incident, options), options);
}

/** "Diagnosing…" with the running check and a progress bar; posted first, then updated in place. */
export function renderSlackProgress(incident: Incident, progress?: DiagnosisProgress): SlackPayload {
  const head = headline(incident);
  const line = progressLine(progress);
  const blocks: KnownBlock[] = [header(`⏳ Diagnosing ${head.image}`)];
  if (head.subtitle) blocks.push(context(escapeMrkdwn(head.subtitle)));
  blocks.push(section(clip(`${escapeMrkdwn(line)}${progress ? `\n\`${progressBar(progress)}\`` : ''}`, SLACK_LIMITS.sectionText)));
  if (progress?.last) blocks.push(context(escapeMrkdwn(redact(`${STATUS_EMOJI[progress.last.status]} ${progress.last.title}: ${progress.last.status}`))));
  blocks.push(context(escapeMrkdwn(`pull-doctor · incident ${redact(incident.id)}`)));
  return { text: clip(`⏳ Diagnosing ${escapeMrkdwn(head.image)}: ${escapeMrkdwn(line)}`, 3_000), blocks };
}

/**
 * The resolved state: the full diagnosis with a resolved headline when the diagnosis is at hand,
 * otherwise a short card saying what was resolved and how.
 */
export function renderSlackResolved(incident: Incident, how: string, diagnosis?: Diagnosis, options: RenderOptions = {}): SlackPayload {
  const resolved: Incident = { ...incident, status: 'resolved', resolvedReason: incident.resolvedReason ?? how };
  if (diagnosis) return renderSlack(diagnosis, resolved, options);
  const head = headline(resolved);
  const cause = resolved.rootCause ? `\nWas: ${escapeMrkdwn(redact(resolved.rootCause))}` : '';
  const blocks: KnownBlock[] = [header(`✅ Resolved: ${head.image}`)];
  if (head.subtitle) blocks.push(context(escapeMrkdwn(head.subtitle)));
  blocks.push(section(clip(`*Resolved* — ${escapeMrkdwn(redact(how))}${cause}`, SLACK_LIMITS.sectionText)));
  blocks.push(context(escapeMrkdwn(`pull-doctor · incident ${redact(incident.id)}`)));
  return { text: clip(`✅ Resolved: ${escapeMrkdwn(head.image)} — ${escapeMrkdwn(redact(how))}`, 3_000), blocks };
}

/** The final state of a message whose job gave up: what went wrong, the incident id and the buttons (Re-check first). */
export function renderSlackUnfinished(incident: Incident, reason: string): SlackPayload {
  const head = headline(incident);
  const blocks: KnownBlock[] = [header(`⚠️ Could not finish diagnosing ${head.image}`)];
  if (head.subtitle) blocks.push(context(escapeMrkdwn(head.subtitle)));
  blocks.push(section(clip(`*could not finish:* ${escapeMrkdwn(redact(reason))}\nPress *Re-check* to try again, or run \`pull-doctor diagnose\` for this image.`, SLACK_LIMITS.sectionText)));
  blocks.push(slackButtons(incident.id));
  blocks.push(context(escapeMrkdwn(`pull-doctor · incident ${redact(incident.id)}`)));
  return { text: clip(`⚠️ ${head.image}: could not finish: ${redact(reason)} (incident ${incident.id})`, 3_000), blocks };
}
