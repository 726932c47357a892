import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAdaptiveCard, renderCardPng, renderCardProgress, writeChatArtifacts, CardRenderError } from '../../lib/render';
import { chromiumForTests, pngSize } from '../helpers/chromium';
import { loadDiagnosisFixtures } from './fixtures';

const { path: chromium, describeIfChromium } = chromiumForTests();
const fixtures = loadDiagnosisFixtures();
const out = mkdtempSync(join(tmpdir(), 'pd-card-png-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describeIfChromium('Adaptive Cards render in headless Chromium', () => {
  jest.setTimeout(60_000);

  for (const f of fixtures) {
    it(`${f.name} renders without error to a non-trivial PNG`, async () => {
      const png = join(out, `${f.name}.png`);
      const result = await renderCardPng(renderAdaptiveCard(f.diagnosis, f.incident), png, { chromiumPath: chromium });
      const bytes = readFileSync(png);
      const size = pngSize(bytes);
      expect(size.width).toBeGreaterThanOrEqual(600);
      expect(size.height).toBe(result.height);
      // A blank page compresses to ~1–3 KB; a rendered card with text is far larger.
      expect(bytes.length).toBeGreaterThan(20_000);
    });
  }

  it('reports a card the renderer rejects (the check can fail)', async () => {
    const card = renderCardProgress(fixtures[0]!.incident);
    const broken = { ...card, body: [...card.body, { type: 'NoSuchElement' }] };
    await expect(renderCardPng(broken, join(out, 'broken.png'), { chromiumPath: chromium })).rejects.toThrow(CardRenderError);
    await expect(renderCardPng(broken, join(out, 'broken.png'), { chromiumPath: chromium })).rejects.toThrow(/Unknown element type "NoSuchElement"/);
  });

  it('writeChatArtifacts writes the Slack payload, the card and its PNG', async () => {
    const f = fixtures.find((x) => x.name === 'acr-not-attached') ?? fixtures[0]!;
    const written = await writeChatArtifacts(f.diagnosis, f.incident, join(out, 'demo'), { name: f.name, chromiumPath: chromium });
    expect(JSON.parse(readFileSync(written.slack, 'utf8')).blocks.length).toBeGreaterThan(3);
    expect(JSON.parse(readFileSync(written.card, 'utf8')).type).toBe('AdaptiveCard');
    expect(pngSize(readFileSync(written.png!)).height).toBeGreaterThan(200);
  });
});
