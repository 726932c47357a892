#!/usr/bin/env node
// `npm run bundle`: the Functions app as one tree-shaken ES module bundle (dist/app/main.mjs) plus
// chunks that load only when a mode needs them (Teams, Slack Web API, Container insights, Azure
// SDK clients). package.json `main` names main.mjs; the Functions host imports it and every
// functions/*.ts registration runs. Types are checked separately (`npm run typecheck`).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'app');

/**
 * Left out of the bundle and shipped in node_modules (see scripts/deploy-package.mjs):
 * - @azure/functions asks the Functions worker for `@azure/functions-core` through require(); it
 *   must be the package the worker's loader sees.
 * - @azure/monitor-opentelemetry instruments modules by hooking require(); it loads only when
 *   APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 */
export const EXTERNAL_PACKAGES = ['@azure/functions', '@azure/monitor-opentelemetry'];

/** Every functions/*.ts file, so a new trigger file is bundled without editing this script. */
export function functionFiles() {
  return readdirSync(join(ROOT, 'functions'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

export async function bundle({ outdir = OUT, metafile = false } = {}) {
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
    // Bundled CommonJS packages call require() for Node built-ins; an ES module has none of its own.
    banner: { js: "import { createRequire as __pdCreateRequire } from 'node:module'; const require = __pdCreateRequire(import.meta.url);" },
    metafile,
    logLevel: 'warning',
  });
  if (metafile) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundle({ metafile: process.argv.includes('--metafile') });
}
