import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * Issue 16, the cold-start rule of lib/app/lazy-ports.ts: what the Functions worker parses and runs
 * before the first request (main.mjs and the chunks it imports statically) holds no SDK. Read from
 * esbuild's metafile, then checked at run time: the app loaded as the worker loads it reads exactly
 * those files. A static import of an SDK anywhere on a function's load path (or a top-level
 * `import()`) turns this red. Timing is in BENCHMARKS.md (`npm run bench -- cold`), not here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, ROOT } = require('../../scripts/bundle.cjs') as { ROOT: string; bundle: (o: { outdir: string; metafile: boolean }) => Promise<{ metafile: Metafile }> };

interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; imports: Array<{ path: string; kind: string; external?: boolean }>; inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * The only packages allowed in the start-up chunks: zod parses settings and every request at the
 * edge, on every route; @opentelemetry/api is the no-op tracing API (32 kB) our spans go through;
 * the Table and Queue Storage SDKs (with what they depend on) serve every route's first request
 * (functions/app-lifecycle.ts). `@azure/functions` is not bundled at all (scripts/bundle.cjs).
 * Adding a name here costs every cold start.
 */
// entities: the classifier decodes HTML entities in a message copied from a web page (lib/classify/paste-sources.ts).
const START_UP_PACKAGES = ['@opentelemetry/api', 'entities', 'zod'];
const STORAGE_SDKS = ['@azure/data-tables', '@azure/storage-queue'];
/**
 * main.mjs and its static chunks: 0.38 MB without the Storage SDKs (6.5 MB before they, eventgrid
 * and the sandbox moved out), 1.1 MB with them.
 */
const START_UP_BYTES_BUDGET = 1200 * 1024;

/**
 * A package and everything it can load, by the installed package.json files: dependencies, and
 * optional or peer ones when installed (debug require()s supports-color, named only in its
 * peerDependenciesMeta, if it is there, and the bundler keeps it). Node's lookup: the nearest node_modules up the tree.
 */
function dependencyClosure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const packageDir = (name: string, from: string): string | undefined => {
    for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return path.join(dir, 'node_modules', name);
    }
    return undefined;
  };
  const visit = (name: string, dir: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Partial<Record<'dependencies' | 'optionalDependencies' | 'peerDependencies' | 'peerDependenciesMeta', Record<string, unknown>>>;
    for (const [deps, required] of [[manifest.dependencies, true], [manifest.optionalDependencies, false], [manifest.peerDependencies, false], [manifest.peerDependenciesMeta, false]] as const) {
      for (const dep of Object.keys(deps ?? {})) {
        const depDir = packageDir(dep, dir);
        if (depDir) visit(dep, depDir);
        else if (required) throw new Error(`${dep} (a dependency of ${name}) is not installed`);
      }
    }
  };
  for (const root of roots) visit(root, packageDir(root, ROOT)!);
  return seen;
}

const run = promisify(execFile);
let dir: string;
let meta: Metafile;
const MAIN = 'dist/app/main.mjs';

function packageOf(input: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

/** main.mjs and every chunk it reaches through static imports (what Node loads before the app runs). */
function startUpFiles(): string[] {
  const seen = new Set<string>();
  const stack = [MAIN];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of meta.outputs[file]!.imports) if (i.kind === 'import-statement' && !i.external && meta.outputs[i.path]) stack.push(i.path);
  }
  return [...seen].sort();
}

function packagesIn(files: string[]): string[] {
  return [...new Set(files.flatMap((f) => Object.keys(meta.outputs[f]!.inputs).map(packageOf)).filter((p): p is string => p !== undefined))].sort();
}

async function loadApp(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bench', 'load-functions-app.cjs'), dir, '--trace-files'], { env: { PATH: process.env.PATH ?? '', ...env } });
  return JSON.parse(stdout) as { appFiles: string[]; loadedPackages: string[]; registered: Array<{ name: string }> };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-cold-import-'));
  ({ metafile: meta } = await bundle({ outdir: path.join(dir, 'dist', 'app'), metafile: true }));
  // Metafile paths are relative to the working directory; make them relative to the app root.
  const rel = (p: string) => path.relative(dir, path.resolve(ROOT, p)).replace(/\\/g, '/');
  meta = { inputs: meta.inputs, outputs: Object.fromEntries(Object.entries(meta.outputs).map(([k, v]) => [rel(k), { ...v, imports: v.imports.map((i) => (i.external ? i : { ...i, path: rel(i.path) })) }])) };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'cold-import', main: MAIN }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // As in a checkout (npm run local): the sandbox's worlds are read from lib/sandbox/worlds.
  symlinkSync(path.join(ROOT, 'lib'), path.join(dir, 'lib'), 'dir');
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app bundle loads no SDK at import but Storage', () => {
  it('the start-up chunks hold no package outside the short list and the Storage SDKs', () => {
    const storage = dependencyClosure(STORAGE_SDKS);
    const startUp = packagesIn(startUpFiles());
    expect(startUp.filter((p) => !storage.has(p))).toEqual(START_UP_PACKAGES);
    expect(startUp).toEqual(expect.arrayContaining(STORAGE_SDKS));
  });

  it(`the start-up chunks stay under ${START_UP_BYTES_BUDGET / 1024} kB`, () => {
    const bytes = startUpFiles().reduce((sum, f) => sum + meta.outputs[f]!.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(START_UP_BYTES_BUDGET);
  });

  it('the SDKs are in the bundle, in lazy chunks (the list above is not vacuous)', () => {
    const lazy = packagesIn(Object.keys(meta.outputs).filter((f) => f.endsWith('.mjs') && !startUpFiles().includes(f)));
    for (const sdk of ['@azure/eventgrid', '@azure/identity', '@azure/arm-network', '@azure/monitor-query-logs', '@slack/web-api', 'botbuilder', '@microsoft/teams-ai', 'yaml']) {
      expect(lazy).toContain(sdk);
    }
  });

  it.each([
    ['Slack on Table and Queue Storage', { PULL_DOCTOR_CHAT: 'slack', SLACK_BOT_TOKEN: 'xoxb-test-only', SLACK_CHANNEL_ID: 'C1', AzureWebJobsStorage: 'UseDevelopmentStorage=true' }],
    ['no settings', {}],
  ])('loaded as the worker loads it (%s), it reads exactly the start-up chunks and only @azure/functions from node_modules', async (_mode, env) => {
    const loaded = await loadApp(env);
    expect(loaded.registered.length).toBeGreaterThan(0);
    expect([...loaded.appFiles].sort()).toEqual(startUpFiles());
    expect(loaded.loadedPackages).toEqual(['@azure/functions', '@azure/functions-extensions-base', 'cookie']);
  }, 60_000);
});

it('a lazy chunk that reads __dirname works in the ES module bundle (the sandbox worlds of npm run local)', async () => {
  const chunk = readdirSync(path.join(dir, 'dist', 'app', 'chunks')).find((f) => /^load-world-.*\.mjs$/.test(f))!;
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(dir, 'dist', 'app', 'chunks', chunk)).href)}); console.log(JSON.stringify(m.listWorlds()));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  expect((JSON.parse(stdout) as string[]).map((f) => path.basename(f, '.yaml'))).toEqual(expect.arrayContaining(['tag-missing', 'healthy']));
}, 60_000);
