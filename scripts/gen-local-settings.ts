/**
 * Writes local.settings.sample.json from lib/config/settings.ts SETTINGS: every setting with its
 * example value, plus `_descriptions` (JSON has no comments) mapping each name to what it does.
 *
 *   npm run build && node dist/scripts/gen-local-settings.js           # rewrite the sample
 *   npm run build && node dist/scripts/gen-local-settings.js --check   # exit 1 when it is stale
 *
 * test/infra/settings.test.ts fails while the sample is stale and prints this command.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SETTINGS, type SettingSpec } from '../lib/config/settings';

/** Settings the Functions host (not pull-doctor's code) needs to run locally. */
export const LOCAL_HOST_SETTINGS: Record<string, SettingSpec> = {
  FUNCTIONS_WORKER_RUNTIME: {
    description: 'Functions host: the language worker (local runs only; Flex Consumption sets it from functionAppConfig).',
    example: 'node',
  },
  AzureWebJobsStorage: {
    description: 'Functions host storage; locally Azurite (`UseDevelopmentStorage=true`), in Azure the identity-based AzureWebJobsStorage__* settings.',
    example: 'UseDevelopmentStorage=true',
  },
};

export interface LocalSettingsSample {
  IsEncrypted: false;
  Values: Record<string, string>;
  _descriptions: Record<string, string>;
}

export function buildLocalSettingsSample(settings: Record<string, SettingSpec> = SETTINGS): LocalSettingsSample {
  const all = { ...LOCAL_HOST_SETTINGS, ...settings };
  const Values: Record<string, string> = {};
  const _descriptions: Record<string, string> = {};
  for (const [name, spec] of Object.entries(all)) {
    // Examples are never real secrets (SettingSpec says so), e.g. Azurite's UseDevelopmentStorage=true.
    Values[name] = spec.example;
    _descriptions[name] = spec.secret ? `${spec.description} Secret: in Azure a Key Vault reference.` : spec.description;
  }
  return { IsEncrypted: false, Values, _descriptions };
}

export function renderLocalSettingsSample(settings: Record<string, SettingSpec> = SETTINGS): string {
  return `${JSON.stringify(buildLocalSettingsSample(settings), null, 2)}\n`;
}

/** The repository root: the nearest folder above this file holding package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const SAMPLE_PATH = (): string => join(repoRoot(), 'local.settings.sample.json');

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const path = SAMPLE_PATH();
  const wanted = renderLocalSettingsSample();
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (check) {
    if (current === wanted) return 0;
    process.stderr.write(`${path} is stale; run: npm run build && node dist/scripts/gen-local-settings.js\n`);
    return 1;
  }
  if (current !== wanted) writeFileSync(path, wanted);
  process.stdout.write(`${current === wanted ? 'unchanged' : 'wrote'} ${path} (${Object.keys(buildLocalSettingsSample().Values).length} settings)\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
