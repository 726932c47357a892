import type * as AdaptiveCardsTypes from 'adaptivecards';
import { renderAdaptiveCard, renderCardProgress, renderCardResolved, type AdaptiveCard } from '../../lib/render';
import { loadDiagnosisFixtures } from './fixtures';

// The package's "main" is an ES module build with extensionless imports that Node cannot load;
// its UMD bundle is the same code (the one browsers and the Chromium test load).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsTypes;

/** Every parse event (unknown element, invalid value, …) the adaptivecards library raises for the card. */
function parseEvents(card: AdaptiveCard): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  // Also validate the parsed tree (missing required properties, duplicate ids, …).
  const validation = parsed.validateProperties();
  for (const e of validation.validationEvents) events.push(e.message);
  return events;
}

const fixtures = loadDiagnosisFixtures();
const progress = { done: 6, total: 11, running: ['network rules'] };

describe('Adaptive Cards parse cleanly with the adaptivecards library', () => {
  for (const f of fixtures) {
    it(f.name, () => {
      expect(parseEvents(renderAdaptiveCard(f.diagnosis, f.incident))).toEqual([]);
    });
  }
  it('progress and resolved cards', () => {
    const f = fixtures[0]!;
    expect(parseEvents(renderCardProgress(f.incident, progress))).toEqual([]);
    expect(parseEvents(renderCardResolved(f.incident, 'image pushed'))).toEqual([]);
  });
  it('detects a broken card (the check can fail)', () => {
    const card = renderAdaptiveCard(fixtures[0]!.diagnosis, fixtures[0]!.incident);
    expect(parseEvents({ ...card, body: [...card.body, { type: 'CodeBlock', codeSnippet: 'x' }] }).length).toBeGreaterThan(0);
  });
});
