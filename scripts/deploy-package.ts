/**
 * `npm run package`: the Functions deployment package in dist/deploy/ and its zip. azd deploys this
 * folder (azure.yaml `dist: dist/deploy`, built by the `prepackage` hook); Core Tools can publish it
 * too (`cd dist/deploy && func azure functionapp publish <app>`).
 *
 * Contents: host.json, a package.json whose `main` names the bundle and whose only dependencies are
 * the bundle's externals, the bundle (dist/app/**), and those externals' production dependency
 * closure copied from this project's installed node_modules (the lockfile's exact versions) — no
 * tests, benchmarks, docs, sources or dev-only packages. Files matching .funcignore are left out of
 * the zip as azd and Core Tools leave them out.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeZip } from './package-teams-app-zip';

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'host.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('deploy-package: host.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const ROOT = projectRoot();

interface PackageJson {
  name: string;
  version: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** The installed folder of `name` as Node would resolve it from `from` (walking up node_modules). */
function resolvePackageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || path.dirname(dir) === dir) return undefined;
  }
}

/** Production dependency closure of `names`, as installed folders under ROOT/node_modules. */
export function productionClosure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string, optional: boolean) => {
    const dir = resolvePackageDir(name, from);
    if (!dir) {
      if (optional) return;
      throw new Error(`deploy-package: ${name} is not installed (run npm ci)`);
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = readPackage(dir);
    for (const d of Object.keys(pkg.dependencies ?? {})) visit(d, dir, false);
    for (const d of Object.keys(pkg.optionalDependencies ?? {})) visit(d, dir, true);
  };
  for (const n of names) visit(n, ROOT, false);
  return [...seen].sort();
}

/** .funcignore patterns (gitignore subset: `dir/`, `*.ext`, `name`, leading `/` anchors, `#` comments). */
export function funcIgnore(text: string): (relPath: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const dirOnly = l.endsWith('/');
      const body = l.replace(/^\//, '').replace(/\/$/, '');
      const anchored = l.startsWith('/') || body.includes('/');
      const re = new RegExp('^' + body.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
      return { dirOnly, anchored, body, re };
    });
  return (relPath) => {
    const parts = relPath.split('/');
    return rules.some((r) => {
      if (r.anchored) return parts.some((_, i) => r.re.test(parts.slice(0, i + 1).join('/')) && (!r.dirOnly || i < parts.length - 1));
      return parts.some((p, i) => r.re.test(p) && (!r.dirOnly || i < parts.length - 1));
    });
  };
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export interface DeployPackage {
  dir: string;
  zipPath: string;
  zipBytes: number;
  /** Files in the zip, relative to the package root. */
  files: string[];
  /** Packages under node_modules (name@version). */
  packages: string[];
}

export async function buildDeployPackage(options: { outDir?: string } = {}): Promise<DeployPackage> {
  const dir = options.outDir ?? path.join(ROOT, 'dist', 'deploy');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundler = require(path.join(ROOT, 'scripts', 'bundle.cjs')) as { EXTERNAL_PACKAGES: string[]; bundle(o: { outdir: string }): Promise<unknown> };
  await bundler.bundle({ outdir: path.join(dir, 'dist', 'app') });

  const root = readPackage(ROOT);
  const dependencies = Object.fromEntries(bundler.EXTERNAL_PACKAGES.map((n) => [n, root.dependencies?.[n] ?? '*']));
  const main = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: root.name, version: root.version, private: true, main, engines: root.engines, dependencies }, null, 2) + '\n');
  for (const f of ['host.json', '.funcignore']) cpSync(path.join(ROOT, f), path.join(dir, f));

  const packages: string[] = [];
  for (const pkgDir of productionClosure(bundler.EXTERNAL_PACKAGES)) {
    cpSync(pkgDir, path.join(dir, path.relative(ROOT, pkgDir)), { recursive: true, dereference: true });
    const p = readPackage(pkgDir);
    packages.push(`${p.name}@${p.version}`);
  }

  const ignored = funcIgnore(readFileSync(path.join(ROOT, '.funcignore'), 'utf8'));
  const files = listFiles(dir).filter((f) => f !== '.funcignore' && !ignored(f)).sort();
  const zip = writeZip(files.map((name) => ({ name, data: readFileSync(path.join(dir, name)) })));
  const zipPath = `${dir}.zip`;
  writeFileSync(zipPath, zip);
  return { dir, zipPath, zipBytes: statSync(zipPath).size, files, packages };
}

if (require.main === module) {
  buildDeployPackage().then(
    (p) => {
      process.stdout.write(`deployment package: ${path.relative(ROOT, p.dir)}/ (${p.files.length} files) → ${path.relative(ROOT, p.zipPath)} ${(p.zipBytes / 1048576).toFixed(1)} MB\n`);
      process.stdout.write(`node_modules: ${p.packages.join(', ')}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`package failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
