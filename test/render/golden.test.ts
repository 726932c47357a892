import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderAdaptiveCard, renderMarkdown, renderSlack, renderText } from '../../lib/render';
import { DiagnosisSchema } from '../../lib/model';
import { loadDiagnosisFixtures } from './fixtures';

/**
 * Golden files: every renderer over every fixture in test/fixtures/diagnoses.
 * `UPDATE_GOLDEN=1 npx jest test/render` rewrites them; review the diff before committing.
 */
const GOLDEN_DIR = join(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';
const options = { fullReportUrl: 'https://pull-doctor.example.net/incidents' };

const renderers: Array<[kind: string, render: (f: ReturnType<typeof loadDiagnosisFixtures>[number]) => string]> = [
  ['slack.json', (f) => `${JSON.stringify(renderSlack(f.diagnosis, f.incident, options), null, 2)}\n`],
  ['card.json', (f) => `${JSON.stringify(renderAdaptiveCard(f.diagnosis, f.incident, options), null, 2)}\n`],
  ['md', (f) => renderMarkdown(f.diagnosis, f.incident, options)],
  ['txt', (f) => renderText(f.diagnosis, f.incident, options)],
];

const fixtures = loadDiagnosisFixtures();

describe('renderer goldens', () => {
  it('has fixtures to render, each a valid Diagnosis (the loader parses them with DiagnosisSchema)', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const f of fixtures) expect(DiagnosisSchema.safeParse(f.diagnosis).success).toBe(true);
    const attach = fixtures.find((f) => f.name === 'acr-not-attached')!.diagnosis;
    expect(attach.findings.find((f) => f.checkId === 'pull-permission')).toMatchObject({
      status: 'fail',
      fixes: expect.arrayContaining([expect.objectContaining({ command: 'az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr' })]),
    });
  });

  it('shows a muted incident in the headline', () => {
    const f = fixtures[0]!;
    const muted = { ...f.incident, status: 'muted' as const, mutedUntil: '2026-11-20T04:12:00Z' };
    expect(renderText(f.diagnosis, muted)).toContain('muted until 2026-11-20T04:12:00Z');
  });

  for (const fixture of fixtures) {
    for (const [kind, render] of renderers) {
      it(`${fixture.name}.${kind}`, () => {
        const actual = render(fixture);
        const file = join(GOLDEN_DIR, `${fixture.name}.${kind}`);
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
