import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT, filesUnder, read, rel } from './bicep-text';
import { readPngHeader, teamsIcons, encodePng } from '../../scripts/package-teams-app-png';
import { readZip, writeZip } from '../../scripts/package-teams-app-zip';
import { buildTeamsPackage, fillManifest, parsePackageEnv } from '../../scripts/package-teams-app';
import { parseCommand } from '../../lib/commands/parse-command';

const APP = join(ROOT, 'appPackage');
const manifestText = read(join(APP, 'manifest.json'));
const manifest = JSON.parse(manifestText) as {
  manifestVersion: string;
  id: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  icons: { color: string; outline: string };
  description: { short: string; full: string };
  name: { short: string; full: string };
};

/** The verbs of issue 7 (Teams bot and Slack slash command share them). */
const ISSUE_7_VERBS = ['diagnose', 'recheck', 'why', 'mute', 'resolve', 'status', 'help'];

/**
 * The verbs the chat grammar (lib/commands/parse-command.ts) defines: the `verb` members of its
 * ChatCommand union, with diagnose-pod / diagnose-image both typed as `diagnose`.
 */
function codeVerbs(): string[] {
  const text = read(join(ROOT, 'lib', 'commands', 'parse-command.ts'));
  const union = /export type ChatCommand =([\s\S]*?);\n/.exec(text);
  if (!union) throw new Error('ChatCommand union not found in lib/commands/parse-command.ts');
  const verbs = [...union[1].matchAll(/verb: '([a-z-]+)'/g)].map((m) => m[1].replace(/^diagnose-.*/, 'diagnose').replace(/^warning-.*/, 'warning'));
  return [...new Set(verbs)];
}

describe('Teams app manifest', () => {
  it('is schema 1.17 or later with a bot in team and personal scope', () => {
    const [major, minor] = manifest.manifestVersion.split('.').map(Number);
    expect(major === 1 && minor >= 17).toBe(true);
    expect(manifestText).toContain(`"$schema": "https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json"`);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe('${{BOT_ID}}');
    expect(manifest.bots[0].scopes.sort()).toEqual(['personal', 'team']);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('lists exactly the bot verbs as commands, within Teams limits', () => {
    const [list] = manifest.bots[0].commandLists;
    const titles = list.commands.map((c) => c.title);
    expect([...titles].sort()).toEqual([...codeVerbs()].sort());
    expect([...titles].sort()).toEqual([...ISSUE_7_VERBS, 'audit', 'warning'].sort());
    // Each command typed as Teams suggests it reaches a handler (at worst a usage hint), never
    // "unknown command".
    for (const title of titles) {
      const parsed = parseCommand(title);
      expect({ title, unknown: !parsed.ok && /unknown command/.test(parsed.error) }).toEqual({ title, unknown: false });
    }
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const c of list.commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon, as the code draws them', () => {
    const color = readFileSync(join(APP, manifest.icons.color));
    const outline = readFileSync(join(APP, manifest.icons.outline));
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192, bitDepth: 8, colorType: 6 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    const fresh = teamsIcons();
    expect(color.equals(fresh.color)).toBe(true);
    expect(outline.equals(fresh.outline)).toBe(true);
  });
});

describe('Teams app package', () => {
  const values = parsePackageEnv({ BOT_ID: '11111111-2222-3333-4444-555555555555', FUNCTION_APP_URL: 'https://func-pd.azurewebsites.net' });

  it('zips the filled manifest and both icons', () => {
    const files = readZip(buildTeamsPackage(values));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packaged = JSON.parse(files.get('manifest.json')!.toString('utf8')) as typeof manifest & { developer: Record<string, string> };
    expect(packaged.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(packaged.bots[0].botId).toBe('11111111-2222-3333-4444-555555555555');
    expect(packaged.developer.privacyUrl).toBe('https://func-pd.azurewebsites.net');
    expect(JSON.stringify(packaged)).not.toContain('${{');
    expect(files.get('color.png')!.equals(readFileSync(join(APP, 'color.png')))).toBe(true);
  });

  it('is byte-identical for the same inputs', () => {
    expect(buildTeamsPackage(values).equals(buildTeamsPackage(values))).toBe(true);
  });

  it('refuses a missing or malformed bot id and unknown placeholders', () => {
    expect(() => parsePackageEnv({ FUNCTION_APP_URL: 'https://x.azurewebsites.net' })).toThrow(/BOT_ID is required/);
    expect(() => parsePackageEnv({ BOT_ID: 'not-a-guid', FUNCTION_APP_URL: 'https://x.azurewebsites.net' })).toThrow(/BOT_ID must be a GUID/);
    expect(() => parsePackageEnv({ BOT_ID: '11111111-2222-3333-4444-555555555555' })).toThrow(/FUNCTION_APP_URL/);
    expect(() => fillManifest('{"a":"${{NOPE}}"}', {})).toThrow(/\$\{\{NOPE\}\} has no value/);
    // Values are JSON-escaped, so a quote cannot break the manifest.
    expect(JSON.parse(fillManifest('{"a":"${{X}}"}', { X: 'say "hi"' }))).toEqual({ a: 'say "hi"' });
  });
});

describe('zip and PNG (fflate, pngjs)', () => {
  it('round-trip arbitrary content and reject unsafe names', () => {
    const big = Buffer.alloc(100_000, 7);
    const files = readZip(writeZip([{ name: 'a/b.txt', data: Buffer.from('hello') }, { name: 'big.bin', data: big }, { name: 'empty', data: Buffer.alloc(0) }]));
    expect(files.get('a/b.txt')!.toString()).toBe('hello');
    expect(files.get('big.bin')!.equals(big)).toBe(true);
    expect(files.get('empty')!.length).toBe(0);
    expect(() => writeZip([{ name: '../evil', data: Buffer.alloc(1) }])).toThrow(/unsafe zip entry name/);
  });

  it('PNG: round-trips the header and detects corruption', () => {
    const png = encodePng({ width: 1, height: 1, pixels: new Uint8Array([1, 2, 3, 4]) });
    expect(readPngHeader(png)).toEqual({ width: 1, height: 1, bitDepth: 8, colorType: 6 });
    const badPng = Buffer.from(png);
    badPng[20] ^= 0xff;
    expect(() => readPngHeader(badPng)).toThrow();
    expect(() => encodePng({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow(/expected 16 bytes/);
  });
});

describe('Slack app manifest', () => {
  const slack = parseYaml(read(join(ROOT, 'slack', 'manifest.yaml'))) as {
    features: { slash_commands: Array<{ command: string; url: string; usage_hint: string }>; bot_user: { display_name: string } };
    oauth_config: { scopes: { bot: string[]; user?: string[] } };
    settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
  };

  it('has the /pull-doctor command, interactivity, and only the chat:write, commands and history scopes', () => {
    expect(slack.features.slash_commands.map((c) => c.command)).toEqual(['/pull-doctor']);
    expect(slack.settings.interactivity.is_enabled).toBe(true);
    expect(slack.settings.socket_mode_enabled).toBe(false);
    expect([...slack.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history']);
    expect(slack.oauth_config.scopes.user).toBeUndefined();
  });

  it('points at one https host for both URLs and names every verb in the usage hint', () => {
    const urls = [slack.features.slash_commands[0].url, slack.settings.interactivity.request_url].map((u) => new URL(u));
    expect(urls.every((u) => u.protocol === 'https:')).toBe(true);
    expect(new Set(urls.map((u) => u.host)).size).toBe(1);
    const hint = slack.features.slash_commands[0].usage_hint;
    for (const verb of codeVerbs()) expect(hint).toContain(verb);
  });
});
