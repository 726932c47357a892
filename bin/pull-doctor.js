#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm ci` (prepare) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('pull-doctor: not built yet — run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(3);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`pull-doctor: needs Node 22 (this is ${process.version}); run it through npm/npx in the project so the pinned Node is used\n`);
  process.exit(3);
}
const { runCli, processIO } = require(main);
runCli(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
