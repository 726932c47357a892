import { CARD_MAX_BYTES, cardBytes, clip, renderAdaptiveCard, renderCardProgress, renderCardResolved, renderSlack, renderSlackProgress, renderSlackResolved, SLACK_LIMITS, validateSlackMessage } from '../../lib/render';
import type { Diagnosis } from '../../lib/model';
import { loadDiagnosisFixtures } from './fixtures';

const fixtures = loadDiagnosisFixtures();
const secrets = [/xox[abposr]-/, /eyJ[A-Za-z0-9_-]{4,}\.eyJ/, /sig=(?!\[REDACTED\])/, /password=(?!\[REDACTED\])/i, /client_secret=(?!\[REDACTED\])/i];
const progress = { done: 6, total: 11, running: ['network rules'], last: { checkId: 'pull-permission' as const, title: 'pull permission', status: 'pass' as const } };

/** A diagnosis far beyond every limit: 11 findings × 200 evidence items × 5 KB, 50 fixes of 4 KB. */
function enormous(base: Diagnosis): Diagnosis {
  const huge = 'x'.repeat(5000);
  return {
    ...base,
    findings: base.findings.map((f) => ({
      ...f,
      status: 'fail',
      summary: `${f.summary} ${huge}`,
      evidence: Array.from({ length: 200 }, (_, i) => ({ fact: `${i} ${huge}`, source: huge })),
      fixes: Array.from({ length: 50 }, (_, i) => ({ text: `${i} ${huge}`, command: `az ${huge}` })),
    })),
    verdict: { ...base.verdict, summary: huge, rootCauses: base.findings.map((f) => ({ checkId: f.checkId, confidence: 0.5, summary: huge })) },
  };
}

describe('platform limits', () => {
  for (const f of fixtures) {
    it(`${f.name}: Slack message passes the Block Kit limits and carries the buttons`, () => {
      const payload = renderSlack(f.diagnosis, f.incident);
      expect(validateSlackMessage(payload)).toEqual([]);
      const actions = payload.blocks.find((b) => b.type === 'actions');
      expect(actions).toBeDefined();
      const ids = (actions as { elements: Array<{ action_id: string; value: string }> }).elements.map((e) => [e.action_id, e.value]);
      expect(ids).toEqual(['pd_recheck', 'pd_mute_1h', 'pd_mute_24h', 'pd_resolve', 'pd_show_checks'].map((id) => [id, f.incident.id]));
    });

    it(`${f.name}: card fits ${CARD_MAX_BYTES} bytes and has Action.Execute buttons with Action.Submit fallback`, () => {
      const card = renderAdaptiveCard(f.diagnosis, f.incident);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(card.version).toBe('1.5');
      const actions = (card.actions ?? []) as Array<{ type: string; verb: string; data: Record<string, unknown>; fallback: { type: string; data: Record<string, unknown> } }>;
      expect(actions.map((a) => [a.type, a.verb, a.data.duration])).toEqual([
        ['Action.Execute', 'recheck', undefined],
        ['Action.Execute', 'mute', '1h'],
        ['Action.Execute', 'mute', '24h'],
        ['Action.Execute', 'resolve', undefined],
        ['Action.Execute', 'show_checks', undefined],
      ]);
      for (const a of actions) {
        expect(a.data.incidentId).toBe(f.incident.id);
        expect(a.fallback).toMatchObject({ type: 'Action.Submit', data: { incidentId: f.incident.id, verb: a.verb } });
      }
    });

    it(`${f.name}: no secret survives any rendering`, () => {
      const all = JSON.stringify([renderSlack(f.diagnosis, f.incident), renderAdaptiveCard(f.diagnosis, f.incident)]);
      for (const pattern of secrets) expect(all).not.toMatch(pattern);
    });
  }

  it('the root-cause fix command appears verbatim in Slack and card', () => {
    const f = fixtures.find((x) => x.name === 'acr-not-attached');
    expect(f).toBeDefined();
    const command = 'az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr';
    expect(JSON.stringify(renderSlack(f!.diagnosis, f!.incident))).toContain(`\`\`\`${command}\`\`\``);
    expect(JSON.stringify(renderAdaptiveCard(f!.diagnosis, f!.incident))).toContain(JSON.stringify({ type: 'TextRun', text: command, fontType: 'Monospace' }));
  });

  it('truncates an enormous diagnosis with a pointer instead of failing', () => {
    const f = fixtures[0]!;
    const d = enormous(f.diagnosis);
    const slack = renderSlack(d, f.incident, { fullReportUrl: 'https://pd.example.net/r' });
    expect(validateSlackMessage(slack)).toEqual([]);
    expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(JSON.stringify(slack)).toContain(`pull-doctor why ${f.incident.id}`);
    expect(JSON.stringify(slack)).toContain(`https://pd.example.net/r/${f.incident.id}`);
    const card = renderAdaptiveCard(d, f.incident);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(JSON.stringify(card)).toContain('truncated');
  });

  it('the validator reports each broken limit', () => {
    const problems = validateSlackMessage({
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'a' }, { type: 'button', text: { type: 'plain_text', text: 'ok' }, action_id: 'a' }] },
        ...Array.from({ length: 48 }, () => ({ type: 'divider' })),
      ],
    });
    expect(problems).toEqual([
      expect.stringContaining('message text is empty'),
      expect.stringContaining('51 blocks'),
      expect.stringContaining('block 0 (header): text is 151 characters (max 150)'),
      expect.stringContaining('block 1 (section): text is 3001 characters'),
      expect.stringContaining('block 2 button 0: text is 76 characters'),
      expect.stringContaining('duplicate action_id a'),
    ]);
  });

  it('progress and resolved variants pass the limits too', () => {
    const f = fixtures[0]!;
    for (const payload of [renderSlackProgress(f.incident, progress), renderSlackProgress(f.incident), renderSlackResolved(f.incident, 'image pushed'), renderSlackResolved(f.incident, 're-check passed', f.diagnosis)]) {
      expect(validateSlackMessage(payload)).toEqual([]);
    }
    expect(renderSlackProgress(f.incident, progress).text).toContain('checking network rules… 6/11');
    expect(JSON.stringify(renderSlackResolved(f.incident, 'image pushed').blocks[0])).toContain('Resolved');
    expect(JSON.stringify(renderCardProgress(f.incident, progress))).toContain('6/11');
    expect(JSON.stringify(renderCardResolved(f.incident, 'alert resolved'))).toContain('alert resolved');
    expect(JSON.stringify(renderCardResolved(f.incident, 'alert resolved', f.diagnosis).body[0])).toContain('Resolved');
  });

  it('clip never splits an emoji', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
