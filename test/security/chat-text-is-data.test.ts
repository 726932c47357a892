import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnosis, Incident } from '../../lib/model';
import { renderAdaptiveCard, renderCardProgress, renderCardResolved } from '../../lib/render/adaptive-card';
import { renderMarkdown } from '../../lib/render/markdown';
import { renderSlack, renderSlackProgress, renderSlackResolved } from '../../lib/render/slack';

/**
 * Attack: a pod whose image, name or kubelet message carries chat markup. Slack parses <!channel>,
 * <@U…> and <url|label> in every mrkdwn field — the notification `text` included — and Teams
 * renders Markdown in card TextBlocks. Every outside string must arrive as text.
 */
const HOSTILE = ['<!channel>', '<@U0HOSTILE>', '<https://x.example|y>', '*bold*', '[click](https://evil.example)'];
const image = `evil.example.com/${HOSTILE.join('')}:v1`;

function hostileDiagnosis(): Diagnosis {
  const d = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'diagnoses', 'tag-missing.json'), 'utf8')) as Diagnosis;
  const text = HOSTILE.join(' ');
  d.failure = { ...d.failure, image, pod: `web ${text}`, namespace: `shop ${text}`, message: `Failed to pull ${text}` };
  d.findings = d.findings.map((f) => ({ ...f, summary: `${f.summary} ${text}`, evidence: f.evidence.map((e) => ({ ...e, fact: `${e.fact} ${text}` })) }));
  d.verdict = { ...d.verdict, summary: `${d.verdict.summary} ${text}`, rootCauses: d.verdict.rootCauses.map((r) => ({ ...r, summary: `${r.summary} ${text}` })) };
  return d;
}

function hostileIncident(): Incident {
  const i = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'diagnoses', 'tag-missing.incident.json'), 'utf8')) as Incident;
  return { ...i, image, rootCause: HOSTILE.join(' ') };
}

/** Every string a Slack client parses as mrkdwn: top-level text and mrkdwn objects (plain_text is not parsed). */
function slackMrkdwnStrings(payload: { text: string; blocks: unknown[] }): string[] {
  const out = [payload.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(payload.blocks);
  return out;
}

function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (Array.isArray(o.facts)) for (const f of o.facts as Array<{ value: string }>) out.push(f.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const SLACK_MARKUP = /<!channel>|<@U0HOSTILE>|<https:\/\/x\.example\|y>/;

describe('chat text is data, never markup', () => {
  const diagnosis = hostileDiagnosis();
  const incident = hostileIncident();

  it.each([
    ['diagnosis', () => renderSlack(diagnosis, incident)],
    ['progress', () => renderSlackProgress(incident, { done: 1, total: 3, running: ['registry'], last: { checkId: 'registry', title: 'registry', status: 'pass' } } as never)],
    ['resolved (short)', () => renderSlackResolved(incident, `image pushed by ${HOSTILE.join(' ')}`)],
  ])('Slack %s: no field, `text` included, carries a mention, broadcast or link from outside', (_what, render) => {
    const payload = render();
    const strings = slackMrkdwnStrings(payload);
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.filter((s) => SLACK_MARKUP.test(s))).toEqual([]);
    expect(payload.text).toContain('&lt;!channel&gt;');
  });

  it.each([
    ['diagnosis', () => renderAdaptiveCard(diagnosis, incident)],
    ['progress', () => renderCardProgress(incident)],
    ['resolved (short)', () => renderCardResolved(incident, `image pushed by ${HOSTILE.join(' ')}`)],
  ])('Adaptive Card %s: emphasis and links from outside are escaped in every TextBlock and fact', (_what, render) => {
    const texts = cardTexts(render());
    expect(texts.length).toBeGreaterThan(1);
    // An unescaped `[click](` would be a link and `*bold*` emphasis; escaped they read \[click\]( and \*bold\*.
    expect(texts.filter((t) => /(^|[^\\])\[click(\\)?\]\(|(^|[^\\])\*bold\*/.test(t))).toEqual([]);
    expect(texts.join('\n')).toContain('\\*bold\\*');
  });

  it('Markdown: links and emphasis from outside are escaped', () => {
    const md = renderMarkdown(diagnosis, incident);
    expect(md).not.toMatch(/(^|[^\\])\[click\]\(https:\/\/evil/m);
    expect(md).not.toMatch(/(^|[^\\])\*bold\*/m);
    expect(md).not.toContain('<!channel>');
  });
});
