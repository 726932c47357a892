import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { renderAdaptiveCard, renderCardProgress, renderCardResolved } from '../../lib/render';
import { readZip } from '../../scripts/package-teams-app-zip';
import { buildTeamsPackage, parsePackageEnv } from '../../scripts/package-teams-app';
import { loadDiagnosisFixtures } from '../render/fixtures';
import { adaptiveCardCheck, slackManifestCheck, teamsManifestCheck } from './official-schemas';

const ROOT = join(__dirname, '..', '..');

describe('Teams app manifest against the Teams manifest schema v1.30', () => {
  const check = teamsManifestCheck();
  const values = parsePackageEnv({ BOT_ID: '11111111-2222-3333-4444-555555555555', FUNCTION_APP_URL: 'https://func-pd.azurewebsites.net' });
  const packaged = JSON.parse(readZip(buildTeamsPackage(values)).get('manifest.json')!.toString('utf8')) as Record<string, unknown>;

  it('the packaged manifest (placeholders filled) is valid', () => {
    expect(check(packaged)).toEqual([]);
    expect(packaged.manifestVersion).toBe('1.30');
    expect(packaged.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
  });

  it.each([
    ['an unknown top-level field', { ...packaged, botz: [] }, /additional properties \(botz\)/],
    ['a bot scope Teams does not know', { ...packaged, bots: [{ ...(packaged.bots as object[])[0], scopes: ['team', 'channel'] }] }, /\/bots\/0\/scopes\/1/],
    ['a short description over 80 characters', { ...packaged, description: { ...(packaged.description as object), short: 'x'.repeat(81) } }, /\/description\/short/],
  ])('fails on %s', (_what, manifest, error) => {
    expect(check(manifest).join('\n')).toMatch(error);
  });
});

describe('Slack app manifest against slackapi/manifest-schema', () => {
  const check = slackManifestCheck();
  const manifest = parseYaml(readFileSync(join(ROOT, 'slack', 'manifest.yaml'), 'utf8')) as Record<string, unknown>;

  it('slack/manifest.yaml is valid', () => {
    expect(check(manifest)).toEqual([]);
  });

  it.each([
    ['a misspelt settings field', { ...manifest, settings: { ...(manifest.settings as object), socket_mode_enable: false } }],
    ['a scope list that is not a list', { ...manifest, oauth_config: { scopes: { bot: 'chat:write' } } }],
    ['no display name', { ...manifest, display_information: {} }],
  ])('fails on %s', (_what, broken) => {
    expect(check(broken).length).toBeGreaterThan(0);
  });
});

describe('Adaptive Cards against the Adaptive Cards 1.5 schema', () => {
  const schema = adaptiveCardCheck();
  /**
   * `msteams` is Teams' host extension of the card root, outside the Adaptive Cards schema
   * (MS Learn, "Format cards in Microsoft Teams": full-width cards `"msteams": { "width": "Full" }`,
   * mentions in `msteams.entities`): only those keys are allowed, the rest is the 1.5 schema's.
   */
  const check = (card: object): string[] => {
    const { msteams, ...rest } = card as { msteams?: Record<string, unknown> };
    const hostErrors = msteams === undefined ? [] : Object.keys(msteams).filter((k) => !['width', 'entities'].includes(k)).map((k) => `/msteams: unknown Teams card property ${k}`);
    if (msteams?.width !== undefined && msteams.width !== 'Full') hostErrors.push('/msteams/width: must be "Full"');
    return [...hostErrors, ...schema(rest)];
  };
  const fixtures = loadDiagnosisFixtures();

  for (const f of fixtures) {
    it(`diagnosis card: ${f.name}`, () => {
      expect(check(renderAdaptiveCard(f.diagnosis, f.incident))).toEqual([]);
      expect(check(renderAdaptiveCard(f.diagnosis, f.incident, { showAllChecks: true }))).toEqual([]);
    });
  }

  it('progress and resolved cards', () => {
    const f = fixtures[0]!;
    expect(check(renderCardProgress(f.incident, { done: 6, total: 11, running: ['network rules'] }))).toEqual([]);
    expect(check(renderCardResolved(f.incident, 'image pushed'))).toEqual([]);
  });

  it('fails on a wrong field', () => {
    const card = renderAdaptiveCard(fixtures[0]!.diagnosis, fixtures[0]!.incident);
    expect(check({ ...card, body: [...card.body, { type: 'TextBlock', text: 'x', size: 'huge' }] }).join('\n')).toMatch(/\/body\/\d+/);
    expect(check({ ...card, version: 1.5 }).join('\n')).toMatch(/\/version/);
    expect(check({ ...card, msteams: { width: 'Wide' } }).join('\n')).toMatch(/\/msteams\/width/);
  });
});
