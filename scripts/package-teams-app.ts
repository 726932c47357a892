/**
 * Builds the Teams app package appPackage/build/pull-doctor.zip: manifest.json with its
 * ${{NAME}} placeholders filled, color.png (192×192) and outline.png (32×32).
 *
 *   npm run build && BOT_ID=<client id> node dist/scripts/package-teams-app.js
 *   npm run build && node dist/scripts/package-teams-app.js --icons   # (re)write the icons only
 *
 * Values come from the environment (after `azd up`: `eval "$(azd env get-values)"` gives BOT_ID
 * and FUNCTION_APP_URL). TEAMS_APP_ID defaults to BOT_ID; the developer URLs default to the app URL.
 * Upload the zip in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './gen-local-settings';
import { teamsIcons } from './package-teams-app-png';
import { writeZip } from './package-teams-app-zip';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PackageEnv = z
  .object({
    BOT_ID: z.string({ required_error: 'BOT_ID is required (the bot\'s Microsoft App id: azd output BOT_ID)' }).regex(GUID, 'BOT_ID must be a GUID'),
    TEAMS_APP_ID: z.string().regex(GUID, 'TEAMS_APP_ID must be a GUID').optional(),
    FUNCTION_APP_URL: z.string().url().startsWith('https://', 'FUNCTION_APP_URL must be https').optional(),
    DEVELOPER_NAME: z.string().min(1).max(32).default('Platform team'),
    DEVELOPER_WEBSITE_URL: z.string().url().startsWith('https://').optional(),
    DEVELOPER_PRIVACY_URL: z.string().url().startsWith('https://').optional(),
    DEVELOPER_TERMS_URL: z.string().url().startsWith('https://').optional(),
  })
  .transform((env, ctx) => {
    const site = env.DEVELOPER_WEBSITE_URL ?? env.FUNCTION_APP_URL;
    if (!site) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'set FUNCTION_APP_URL (azd output) or DEVELOPER_WEBSITE_URL' });
      return z.NEVER;
    }
    return {
      BOT_ID: env.BOT_ID,
      TEAMS_APP_ID: env.TEAMS_APP_ID ?? env.BOT_ID,
      DEVELOPER_NAME: env.DEVELOPER_NAME,
      DEVELOPER_WEBSITE_URL: site,
      DEVELOPER_PRIVACY_URL: env.DEVELOPER_PRIVACY_URL ?? site,
      DEVELOPER_TERMS_URL: env.DEVELOPER_TERMS_URL ?? site,
    };
  });

export type PackageValues = z.output<typeof PackageEnv>;

export function parsePackageEnv(env: Record<string, string | undefined>): PackageValues {
  const parsed = PackageEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) throw new Error(`cannot package the Teams app: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** Fills every ${{NAME}} placeholder; an unknown placeholder is an error, not a silent blank. */
export function fillManifest(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest placeholder \${{${name}}} has no value`);
    // Values go inside JSON strings: escape them as JSON.
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(filled); // still valid JSON
  return filled;
}

export function appPackageDir(): string {
  return join(repoRoot(), 'appPackage');
}

export function writeIcons(dir: string = appPackageDir()): void {
  const { color, outline } = teamsIcons();
  writeFileSync(join(dir, 'color.png'), color);
  writeFileSync(join(dir, 'outline.png'), outline);
}

/** Builds the zip in memory from appPackage/ (manifest template + icons). */
export function buildTeamsPackage(values: PackageValues, dir: string = appPackageDir()): Buffer {
  const manifest = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), values);
  return writeZip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(join(dir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(dir, 'outline.png')) },
  ]);
}

function main(argv: string[]): number {
  const dir = appPackageDir();
  if (argv.includes('--icons')) {
    writeIcons(dir);
    process.stdout.write(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}\n`);
    return 0;
  }
  try {
    const values = parsePackageEnv(process.env);
    if (!existsSync(join(dir, 'color.png')) || !existsSync(join(dir, 'outline.png'))) writeIcons(dir);
    const zip = buildTeamsPackage(values, dir);
    mkdirSync(join(dir, 'build'), { recursive: true });
    const out = join(dir, 'build', 'pull-doctor.zip');
    writeFileSync(out, zip);
    process.stdout.write(`wrote ${out} (${zip.length} bytes) for bot ${values.BOT_ID}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
