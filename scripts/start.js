#!/usr/bin/env node
'use strict';
// `npm start`: run the Functions host where Core Tools is installed; say what to do where it is not.
const { spawnSync } = require('node:child_process');
const probe = spawnSync('func', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  process.stderr.write(
    [
      'pull-doctor: Azure Functions Core Tools (`func`) is not installed here.',
      'Its npm package downloads the host binary at install time, which needs internet access, so it is an',
      'optional dependency. To run the Functions host locally:',
      '  npm install -g azure-functions-core-tools@4   (or see https://learn.microsoft.com/azure/azure-functions/functions-run-local)',
      '  cp local.settings.sample.json local.settings.json && npm start',
      'Without it you can still run everything else: `npm run demo`, `npx pull-doctor …`, `npm test`.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const run = spawnSync('func', ['start', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
