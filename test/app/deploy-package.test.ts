import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildDeployPackage, type DeployPackage } from '../../scripts/deploy-package';
import { readZip } from '../../scripts/package-teams-app-zip';

/**
 * The deployment package as azd ships it (scripts/deploy-package.ts → dist/deploy + zip): what is
 * inside, and that the Functions app loads from it alone the way the worker loads `main` and
 * registers every trigger functions/*.ts declares.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);
let dir: string;
let pkg: DeployPackage;
/** The zip unpacked, as the platform unpacks it: the app is loaded from here. */
let unpacked: string;

/** Every `app.<trigger>('name', …)` in functions/*.ts, read as text (independent of the bundle). */
const declared = readdirSync(path.join(ROOT, 'functions'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .flatMap((f) => [...readFileSync(path.join(ROOT, 'functions', f), 'utf8').matchAll(/app\.(http|eventGrid|storageQueue|timer)\(\s*'([^']+)'/g)].map((m) => m[2]))
  .sort();

async function loadFromPackage(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bench', 'load-functions-app.cjs'), unpacked], { env: { PATH: process.env.PATH ?? '', ...env } });
  return JSON.parse(stdout) as { files: string[]; registered: Array<{ name: string; type: string }>; loadedPackages: string[] };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-deploy-'));
  pkg = await buildDeployPackage({ outDir: path.join(dir, 'deploy') });
  unpacked = path.join(dir, 'unpacked');
  for (const [name, data] of readZip(readFileSync(pkg.zipPath))) {
    mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
    writeFileSync(path.join(unpacked, name), data);
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deployment package', () => {
  it('holds host.json, package.json, the bundle and production node_modules only', () => {
    const entries = [...readZip(readFileSync(pkg.zipPath)).keys()].sort();
    expect(entries).toEqual(pkg.files);
    expect(entries).toEqual(expect.arrayContaining(['host.json', 'package.json', 'dist/app/main.mjs']));
    const topLevel = [...new Set(entries.map((e) => e.split('/')[0]))].sort();
    expect(topLevel).toEqual(['dist', 'host.json', 'node_modules', 'package.json']);
    expect(entries.filter((e) => /(^|\/)(test|bench|docs|out|lib|functions|scripts|infra)\//.test(e) && !e.startsWith('node_modules/'))).toEqual([]);
    expect(entries.filter((e) => /\.ts$|(^|\/)local\.settings/.test(e))).toEqual([]);
  });

  it('ships no dev-only package', () => {
    const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const shipped = new Set(pkg.files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1].startsWith('@') ? 3 : 2).join('/')));
    expect([...shipped].filter((name) => name in root.devDependencies)).toEqual([]);
    // The dev toolchain by name too (the pinned node binary, Azurite, jest, TypeScript, esbuild).
    expect([...shipped].filter((name) => /^(node|azurite|jest|typescript|esbuild|ts-jest|@esbuild\/.*|@types\/.*)$/.test(name))).toEqual([]);
    expect(pkg.packages.map((p) => p.replace(/@[^@]+$/, '')).sort()).toEqual([...shipped].sort());
  });

  it('names the bundle as main and depends only on what the bundle leaves external', () => {
    const manifest = JSON.parse(readFileSync(path.join(pkg.dir, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies?: unknown; scripts?: unknown };
    expect(manifest.main).toBe('dist/app/main.mjs');
    expect(Object.keys(manifest.dependencies)).toEqual(['@azure/functions']);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('is at most 30 MB zipped', () => {
    expect(pkg.zipBytes).toBeLessThanOrEqual(30 * 1024 * 1024);
  });

  it('loads from the unzipped package alone as the worker loads main, registering every declared trigger', async () => {
    const slack = await loadFromPackage({ PULL_DOCTOR_CHAT: 'slack', SLACK_BOT_TOKEN: 'xoxb-test-only', SLACK_CHANNEL_ID: 'C1', SLACK_SIGNING_SECRET: 'test-only-secret' });
    const teams = await loadFromPackage({ PULL_DOCTOR_CHAT: 'teams', TEAMS_CHANNEL_ID: '19:x@thread.tacv2', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/' });
    expect(slack.files).toEqual(['dist/app/main.mjs']);
    const names = new Set([...slack.registered, ...teams.registered].map((r) => r.name));
    // Every registration is one functions/*.ts declares; the mode-dependent ones appear in their mode
    // (routes bound to other settings, such as a Kubernetes event sender, are left unset here).
    expect([...names].filter((n) => !declared.includes(n))).toEqual([]);
    expect(slack.registered.map((r) => r.name)).toEqual(expect.arrayContaining(['slack-commands', 'slack-interactions']));
    expect(teams.registered.map((r) => r.name)).toContain('messages');
    for (const always of ['alertWebhook', 'k8sEvents', 'k8sEventsWebhook', 'acrEvents', 'acrEventsWebhook', 'diagnoseJob', 'autoResolve']) {
      expect(slack.registered.map((r) => r.name)).toContain(always);
    }
    expect(slack.registered.find((r) => r.name === 'diagnoseJob')?.type).toBe('queueTrigger');
    // Only the external package (and its dependencies) came from node_modules: the rest is bundled.
    expect(slack.loadedPackages).toEqual(['@azure/functions', '@azure/functions-extensions-base', 'cookie']);
  }, 60_000);
});
