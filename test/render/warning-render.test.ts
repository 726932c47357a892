import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as AdaptiveCardsTypes from 'adaptivecards';
import {
  CARD_MAX_BYTES,
  cardBytes,
  changeSentence,
  renderWarningCard,
  renderWarningMarkdown,
  renderWarningSlack,
  renderWarningText,
  validateSlackMessage,
  type AdaptiveCard,
  type AtRiskSource,
  type AtRiskViewOptions,
} from '../../lib/render';
import { adaptiveCardCheck } from '../schemas/official-schemas';
import { CLUSTER, atRisk, hugeReport, report, tagDeleted, warningOf } from '../warnings/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsTypes;

/**
 * Warnings and audits through every renderer: goldens (`UPDATE_GOLDEN=1 npx jest test/render`
 * rewrites them), the Adaptive Cards 1.5 schema, the adaptivecards parser and the Block Kit limits.
 */
const GOLDEN_DIR = join(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';
const now = new Date('2026-11-25T21:04:30.000Z');
const warn: AtRiskViewOptions = { now };

const cases: Array<[name: string, source: AtRiskSource, options: AtRiskViewOptions]> = [
  ['warning-tag-deleted', warningOf(report()), warn],
  ['warning-one-workload', warningOf(report({ atRisk: [atRisk('web', 3)] })), warn],
  [
    'warning-role-deleted-undecided',
    warningOf(
      report({
        change: tagDeleted({
          kind: 'role-assignment-deleted',
          registry: undefined,
          principal: 'ana@contoso.com',
          operation: 'Microsoft.Authorization/roleAssignments/delete',
          resourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/myacr/providers/Microsoft.Authorization/roleAssignments/5d1c2f8a-0000-4000-8000-000000000009',
          checks: ['pull-permission'],
        }),
        atRisk: [atRisk('web', 3, { checkId: 'pull-permission', summary: 'kubelet identity aks-prod-agentpool has no role with pull on myacr', fix: { text: 'Give the kubelet identity AcrPull on the registry.', command: 'az aks update -g rg-aks -n aks-prod --attach-acr myacr' } })],
        undecided: [{ cluster: CLUSTER, image: 'otheracr.azurecr.io/batch/job:2.0', checkId: 'pull-permission', reason: 'pull-doctor may not read role assignments on otheracr (needs Reader)' }],
      }),
    ),
    warn,
  ],
  ['warning-acknowledged', warningOf(report(), { status: 'acknowledged', actedBy: 'ana' }), warn],
  ['warning-resolved', warningOf(report(), { status: 'resolved', resolvedReason: 'tag v1.2 was pushed again', resolvedAt: '2026-11-25T21:30:00.000Z' }), warn],
  ['audit-at-risk', { report: report() }, { now, mode: 'audit', cluster: CLUSTER }],
  ['audit-healthy', { report: report({ atRisk: [] }) }, { now, mode: 'audit', cluster: CLUSTER }],
];

const renderers: Array<[kind: string, render: (s: AtRiskSource, o: AtRiskViewOptions) => string]> = [
  ['slack.json', (s, o) => `${JSON.stringify(renderWarningSlack(s, o), null, 2)}\n`],
  ['card.json', (s, o) => `${JSON.stringify(renderWarningCard(s, o), null, 2)}\n`],
  ['md', (s, o) => renderWarningMarkdown(s, o)],
  ['txt', (s, o) => renderWarningText(s, o)],
];

function parseEvents(card: AdaptiveCard): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  return events;
}

const schema = adaptiveCardCheck();
const schemaErrors = (card: AdaptiveCard): string[] => {
  const { msteams: _host, ...rest } = card;
  return schema(rest);
};

describe('warning goldens', () => {
  for (const [name, source, options] of cases) {
    for (const [kind, render] of renderers) {
      it(`${name}.${kind}`, () => {
        const actual = render(source, options);
        const file = join(GOLDEN_DIR, `${name}.${kind}`);
        if (update || !existsSync(file)) {
          if (!update && process.env.CI) throw new Error(`golden ${file} is missing: run UPDATE_GOLDEN=1 npx jest test/render`);
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(file, actual);
        }
        expect(actual).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

describe('warning cards and messages are valid', () => {
  const all: Array<[string, AtRiskSource, AtRiskViewOptions]> = [...cases, ['5,000 workloads', warningOf(hugeReport(5_000)), warn]];
  it.each(all)('%s: Adaptive Cards 1.5 schema, adaptivecards parser, size, Block Kit limits', (_name, source, options) => {
    const card = renderWarningCard(source, options);
    expect(schemaErrors(card)).toEqual([]);
    expect(parseEvents(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(validateSlackMessage(renderWarningSlack(source, options))).toEqual([]);
  });
});

describe('what a warning says', () => {
  it('headlines the blast radius, the change, when and who', () => {
    const slack = renderWarningSlack(warningOf(report({ atRisk: [atRisk('web', 3)] })), warn);
    expect(slack.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^⚠️ Will fail on next pull: 3 pods of shop\/web — tag v1\.2 of shop\/web was deleted 4 min ago by pipeline-cleanup/) } });
  });

  it('lists workloads by blast radius with their own buttons (warning id, not an incident id)', () => {
    const w = warningOf(report());
    const slack = renderWarningSlack(w, warn);
    const actions = slack.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string; value: string }> };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['pd_warning_recheck', 'pd_warning_mute_24h', 'pd_warning_intended']);
    expect(actions.elements.every((e) => e.value === w.id)).toBe(true);
    const card = renderWarningCard(w, warn);
    expect(card.actions?.map((a) => [a.verb, (a.data as { warningId?: string }).warningId])).toEqual([
      ['warning_recheck', w.id],
      ['warning_mute', w.id],
      ['warning_intended', w.id],
    ]);
    const text = renderWarningText(w, warn);
    expect(text.indexOf('shop/Deployment/web (3 pods)')).toBeLessThan(text.indexOf('shop/Deployment/web-canary (1 pod)'));
  });

  it('says "could not check" for undecided pairs and never calls them safe', () => {
    const only = warningOf(report({ atRisk: [], undecided: [{ cluster: CLUSTER, image: 'myacr.azurecr.io/a:1', checkId: 'repository-tag', reason: 'registry answered 503' }] }));
    const text = renderWarningText(only, warn);
    expect(text).toContain('Could not check 1 running image');
    expect(text).toContain('could not check repository and tag: registry answered 503');
    expect(text).not.toMatch(/nothing at risk|would pull|passed the checks/i);
  });

  it('a resolved or acknowledged warning carries no buttons', () => {
    for (const status of ['resolved', 'acknowledged'] as const) {
      const slack = renderWarningSlack(warningOf(report(), { status }), warn);
      if (status === 'resolved') expect(slack.blocks.some((b) => b.type === 'actions')).toBe(false);
    }
  });

  it('redacts secrets and escapes markup that came from outside', () => {
    const hostile = report({
      change: tagDeleted({ principal: 'x <!channel> Bearer abc.def.ghi' }),
      atRisk: [atRisk('web', 1, { summary: 'tag *gone* <!here> token xoxb-1234567890-abcdef' })],
    });
    const payload = renderWarningSlack(warningOf(hostile), warn);
    // mrkdwn (the notification text and every block but the plain_text header) must not carry a live mention.
    const mrkdwn = JSON.stringify([payload.text, payload.blocks.filter((b) => b.type !== 'header')]);
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<!here>');
    const slack = JSON.stringify(payload);
    expect(slack).not.toContain('xoxb-1234567890');
    expect(slack).not.toContain('abc.def.ghi');
    expect(JSON.stringify(renderWarningCard(warningOf(hostile), warn))).toContain('tag \\\\*gone\\\\*');
  });

  it('a 5,000-workload report is cut with a pointer to the full list', () => {
    const slack = JSON.stringify(renderWarningSlack(warningOf(hugeReport(5_000)), warn));
    expect(slack).toContain('5000 pods in 5000 workloads');
    expect(slack).toContain('pull-doctor audit --cluster aks-prod');
  });

  it('names each kind of change', () => {
    const base = { at: '2026-11-25T20:00:00.000Z', eventIds: [] as string[], checks: [], id: 'x' };
    expect(changeSentence({ ...base, kind: 'tag-moved', registry: { loginServer: 'a.azurecr.io', repository: 'web', tags: ['v1'] } }, now)).toBe('tag v1 of web was pushed again with another digest 64 min ago');
    expect(changeSentence({ ...base, kind: 'private-dns-changed', operation: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks/delete', resourceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/hub' }, now)).toBe(
      'private DNS hub was deleted 64 min ago',
    );
    expect(changeSentence({ ...base, kind: 'tag-deleted', registry: { loginServer: 'a.azurecr.io', repository: 'web', tags: ['1', '2', '3', '4', '5'] } }, now)).toBe('tags 1, 2, 3 +2 more of web were deleted 64 min ago');
  });
});
