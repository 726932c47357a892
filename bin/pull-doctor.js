#!/usr/bin/env node
'use strict';
// Thin launcher for the CLI compiled to dist/ (by `npm ci` through prepare, or `npm run build`).
// It never compiles: a missing build is reported, not silently rebuilt.
const path = require('node:path');
const fs = require('node:fs');
const root = path.join(__dirname, '..');
const main = path.join(root, 'dist', 'lib', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`pull-doctor: not built yet — run \`npm run build\` in ${root}\n`);
  process.exit(3);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // Started by an older machine Node (a global link, or a shell without the project's PATH): hand
  // over to the project's pinned Node 22 (the `node` devDependency) when it is installed.
  let pinned;
  try {
    pinned = path.join(path.dirname(require.resolve('node/package.json', { paths: [root] })), 'bin', 'node');
  } catch {
    pinned = undefined;
  }
  if (!pinned || !fs.existsSync(pinned)) {
    process.stderr.write(`pull-doctor: needs Node 22 (this is ${process.version}); run \`npm ci\` in ${root} to install the pinned Node, or use Node 22\n`);
    process.exit(3);
  }
  const { spawnSync } = require('node:child_process');
  const run = spawnSync(pinned, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 4);
}
const { runCli, processIO } = require(main);
runCli(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
