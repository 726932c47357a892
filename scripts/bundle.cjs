#!/usr/bin/env node
'use strict';
// `npm run bundle`: the Functions app as one tree-shaken ES module bundle (dist/app/main.mjs) plus
// chunks that load only when a mode needs them (Teams, Slack Web API, Log Analytics, Resource
// Manager, the Azure Monitor distro). package.json `main` names main.mjs; the Functions worker
// import()s it and every functions/*.ts registration runs. Types: `npm run typecheck`.
// CommonJS so jest (test/app/deploy-package.test.ts) and dist/scripts/deploy-package.js can require it.
const { readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { build } = require('esbuild');

const ROOT = join(__dirname, '..');

/**
 * Left out of the bundle and shipped in node_modules (scripts/deploy-package.ts):
 * @azure/functions asks the Functions worker for `@azure/functions-core` through require(); it must
 * be the package the worker's loader answers. Everything else is bundled, the Azure Monitor distro
 * too (its own chunk, loaded only with APPLICATIONINSIGHTS_CONNECTION_STRING; as node_modules it
 * is 170 MB). Its require() hooks still see Node's built-ins (http) but not the bundled Azure SDKs:
 * our spans and metrics are exported, Azure SDK calls are not auto-instrumented.
 */
const EXTERNAL_PACKAGES = ['@azure/functions'];

/** Every functions/*.ts file, so a new trigger file is bundled without editing this script. */
function functionFiles() {
  return readdirSync(join(ROOT, 'functions'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/**
 * The external packages are loaded with require() (the banner's createRequire), not an ES import:
 * Node would otherwise run its CommonJS export scanner (cjs-module-lexer) over @azure/functions'
 * 190 kB at every cold start to find its named exports. The worker's hook for
 * `@azure/functions-core` sits on Module.prototype.require, which this require() goes through too.
 */
const requireExternals = {
  name: 'require-externals',
  setup(build) {
    const filter = new RegExp(`^(${EXTERNAL_PACKAGES.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'require-external' ? { path: args.path, external: true } : { path: args.path, namespace: 'require-external' }));
    build.onLoad({ filter: /.*/, namespace: 'require-external' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

async function bundle({ outdir = join(ROOT, 'dist', 'app'), metafile = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    stdin: {
      contents: functionFiles().map((f) => `import './functions/${f.replace(/\.ts$/, '')}';`).join('\n'),
      resolveDir: ROOT,
      sourcefile: 'functions-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outdir,
    entryNames: 'main',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    treeShaking: true,
    minifySyntax: true,
    minifyWhitespace: true,
    keepNames: true,
    legalComments: 'linked',
    external: EXTERNAL_PACKAGES,
    plugins: [requireExternals],
    // Bundled CommonJS packages call require() for Node built-ins, and code (ours: the sandbox's
    // WORLDS_DIR) reads __dirname; an ES module has neither. Each chunk gets its own: its directory.
    banner: {
      js:
        "import { createRequire as __pdCreateRequire } from 'node:module'; import { fileURLToPath as __pdFileURLToPath } from 'node:url'; " +
        'const require = __pdCreateRequire(import.meta.url); const __pdFilename = __pdFileURLToPath(import.meta.url); ' +
        "const __pdDirname = __pdFilename.slice(0, Math.max(__pdFilename.lastIndexOf('/'), __pdFilename.lastIndexOf('\\\\')));",
    },
    // Only free references are replaced: a module that declares its own __dirname keeps it.
    define: { __dirname: '__pdDirname', __filename: '__pdFilename' },
    metafile,
    logLevel: 'warning',
  });
  if (metafile) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  return result;
}

module.exports = { EXTERNAL_PACKAGES, ROOT, bundle, functionFiles };

if (require.main === module) {
  bundle({ metafile: process.argv.includes('--metafile') }).catch((error) => {
    process.stderr.write(`bundle failed: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
