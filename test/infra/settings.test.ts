import { join } from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SETTINGS } from '../../lib/config/settings';
import {
  buildLocalSettingsSample,
  renderLocalSettingsSample,
  renderSettingsTable,
  withSettingsTable,
  LOCAL_HOST_SETTINGS,
  DOC_BEGIN,
  DOC_END,
} from '../../scripts/gen-local-settings';
import { INFRA, ROOT, read, varObjectEntries } from './bicep-text';

/**
 * One configuration surface: every setting the code reads (lib/config/settings.ts SETTINGS) is set
 * by infra/ and listed with its description in local.settings.sample.json, and nothing else is.
 */
const REGENERATE = 'UPDATE_GENERATED=1 npx jest test/infra (or: npm run build && node dist/scripts/gen-local-settings.js)';

// Opt-in regeneration, like `jest -u` for snapshots: rewrite the generated files, then check them.
if (process.env.UPDATE_GENERATED === '1') {
  writeFileSync(join(ROOT, 'local.settings.sample.json'), renderLocalSettingsSample());
  const docPath = join(ROOT, 'README.md');
  writeFileSync(docPath, withSettingsTable(readFileSync(docPath, 'utf8')));
}

/**
 * Host settings infra/ may set besides SETTINGS: read by the Functions host / platform, not by
 * pull-doctor's code (Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME and
 * FUNCTIONS_EXTENSION_VERSION, so they are not here).
 */
const ALLOWED_HOST_SETTINGS = new Set([
  'AzureWebJobsStorage__credential', // identity-based host storage …
  'AzureWebJobsStorage__clientId', // … with the user-assigned identity
  'APPLICATIONINSIGHTS_CONNECTION_STRING', // Functions host + OpenTelemetry exporter (lib/telemetry)
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', // Entra auth to Application Insights (local auth off)
  'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT', // the host refuses larger HTTP bodies before the worker reads them
]);

/**
 * Settings deliberately left unset in Azure, each with the reason main.bicep gives in a comment.
 */
const UNSET_IN_AZURE: Record<string, RegExp> = {
  // The connection string is replaced by identity-based AzureWebJobsStorage__* settings.
  AzureWebJobsStorage: /except AzureWebJobsStorage: intentionally not set in Azure/,
  // The account-name form is used; the service-URI form is documented for deployments that prefer it.
  AzureWebJobsStorage__queueServiceUri: /AzureWebJobsStorage__queueServiceUri\/__tableServiceUri: intentionally not set/,
  AzureWebJobsStorage__tableServiceUri: /AzureWebJobsStorage__queueServiceUri\/__tableServiceUri: intentionally not set/,
  // Set by the platform: its presence means "running in Azure".
  WEBSITE_SITE_NAME: /WEBSITE_SITE_NAME: intentionally not set — the platform sets it/,
};

const mainBicep = read(join(INFRA, 'main.bicep'));
const functionAppBicep = read(join(INFRA, 'modules', 'function-app.bicep'));
const appSettings = varObjectEntries(mainBicep, 'appSettings');
const hostSettings = varObjectEntries(functionAppBicep, 'hostSettings');
const settingNames = Object.keys(SETTINGS);

describe('infra/ app settings', () => {
  it('sets every setting of lib/config/settings.ts (except the documented Azure-unset ones)', () => {
    const set = new Set(appSettings.map((e) => e.key));
    const missing = settingNames.filter((n) => !set.has(n) && !(n in UNSET_IN_AZURE));
    expect({ missingFromInfraMainBicepAppSettings: missing }).toEqual({ missingFromInfraMainBicepAppSettings: [] });
    for (const [name, reason] of Object.entries(UNSET_IN_AZURE)) {
      expect(settingNames).toContain(name); // the exception is still needed
      expect(set.has(name)).toBe(false);
      expect(mainBicep).toMatch(reason);
    }
  });

  it('sets nothing that is not a setting (app) or an allowed host setting (function-app.bicep)', () => {
    expect(appSettings.map((e) => e.key).filter((k) => !(k in SETTINGS))).toEqual([]);
    expect(hostSettings.map((e) => e.key).filter((k) => !ALLOWED_HOST_SETTINGS.has(k))).toEqual([]);
    expect(hostSettings.map((e) => e.key).filter((k) => k in SETTINGS)).toEqual([]);
    // The function app merges exactly these two objects.
    expect(functionAppBicep).toMatch(/properties: union\(hostSettings, appSettings\)/);
  });

  it('sets no key twice', () => {
    const keys = [...appSettings, ...hostSettings].map((e) => e.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('gives every secret setting a Key Vault reference, never a literal or a parameter value', () => {
    const secretNames = settingNames.filter((n) => (SETTINGS as Record<string, { secret?: boolean }>)[n].secret && !(n in UNSET_IN_AZURE));
    expect(secretNames.length).toBeGreaterThan(0);
    for (const name of secretNames) {
      const entry = appSettings.find((e) => e.key === name);
      expect(entry).toBeDefined();
      // `<chat mode needs it> ? <vault reference> : ''` — an unused chat mode never sees an unresolved reference.
      const ref = /^.+ \? '\$\{kvRefPrefix\}\$\{secretNames\.(\w+)\}\/\)' : ''$/.exec(entry!.value);
      expect({ name, value: entry!.value, isVaultReference: Boolean(ref) }).toEqual({ name, value: entry!.value, isVaultReference: true });
      // The referenced secret is one main.bicep stores in the vault.
      expect(mainBicep).toContain(`'\${secretNames.${ref![1]}}':`);
    }
    expect(mainBicep).toMatch(/var kvRefPrefix = '@Microsoft\.KeyVault\(SecretUri=\$\{keyVault\.outputs\.uri\}secrets\/'/);
  });
});

describe('local.settings.sample.json', () => {
  const path = join(ROOT, 'local.settings.sample.json');

  it(`is what scripts/gen-local-settings.ts writes (regenerate: ${REGENERATE})`, () => {
    expect(existsSync(path)).toBe(true);
    const current = read(path);
    if (current !== renderLocalSettingsSample()) {
      const sample = JSON.parse(current) as { Values?: Record<string, string> };
      const have = new Set(Object.keys(sample.Values ?? {}));
      const want = new Set(Object.keys(buildLocalSettingsSample().Values));
      throw new Error(
        `local.settings.sample.json is stale — run: ${REGENERATE}\n` +
          `missing: ${[...want].filter((n) => !have.has(n)).join(', ') || '-'}; extra: ${[...have].filter((n) => !want.has(n)).join(', ') || '-'}`,
      );
    }
  });

  it('lists exactly the settings plus the local host ones, each with a description', () => {
    const sample = JSON.parse(read(path)) as { IsEncrypted: boolean; Values: Record<string, string>; _descriptions: Record<string, string> };
    expect(sample.IsEncrypted).toBe(false);
    expect(Object.keys(sample.Values).sort()).toEqual([...new Set([...settingNames, ...Object.keys(LOCAL_HOST_SETTINGS)])].sort());
    expect(Object.keys(sample._descriptions).sort()).toEqual(Object.keys(sample.Values).sort());
    for (const [name, description] of Object.entries(sample._descriptions)) {
      expect({ name, description: description.length > 10 }).toEqual({ name, description: true });
    }
    expect(sample.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(sample.Values.AzureWebJobsStorage).toBe('UseDevelopmentStorage=true');
  });

  it('carries no secret-looking value', () => {
    const values = Object.values(buildLocalSettingsSample().Values).join('\n');
    expect(values).not.toMatch(/xox[abp]-|AccountKey=|SharedAccessSignature|sig=|-----BEGIN/);
  });
});

describe('README.md settings table', () => {
  it(`lists every setting with its description (regenerate: ${REGENERATE})`, () => {
    const doc = read(join(ROOT, 'README.md'));
    if (doc !== withSettingsTable(doc)) throw new Error(`the settings table in README.md is stale — run: ${REGENERATE}`);
    const table = doc.slice(doc.indexOf(DOC_BEGIN), doc.indexOf(DOC_END));
    for (const name of settingNames) expect(table).toContain(`| \`${name}\` |`);
  });
});

describe('gen-local-settings', () => {
  it('renders the settings table, escaping pipes and marking secrets', () => {
    const table = renderSettingsTable({ A: { description: 'x | y', example: '1' }, B: { description: 'key', secret: true, example: '' } });
    expect(table.split('\n')).toEqual([
      '| setting | what it does | secret / example |',
      '|---|---|---|',
      '| `A` | x \\| y | `1` |',
      '| `B` | key | secret (Key Vault reference) |',
    ]);
    expect(() => withSettingsTable('no markers')).toThrow(/lacks the markers/);
  });

  it('renders a given settings table with examples and descriptions', () => {
    const out = buildLocalSettingsSample({ X_ONE: { description: 'first thing', example: '1' }, X_KEY: { description: 'a key', secret: true, example: '' } });
    expect(out.Values).toEqual({ FUNCTIONS_WORKER_RUNTIME: 'node', AzureWebJobsStorage: 'UseDevelopmentStorage=true', X_ONE: '1', X_KEY: '' });
    expect(out._descriptions.X_ONE).toBe('first thing');
    expect(out._descriptions.X_KEY).toMatch(/^a key Secret: in Azure a Key Vault reference\.$/);
  });
});
