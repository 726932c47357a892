#!/usr/bin/env node
'use strict';
// `prepare`: builds dist/ so the CLI runs after `npm ci`. Under `npx pull-doctor` npm links the
// project into its npx cache and runs prepare again; with dist/ already built that would be a
// silent 20-second compile on every first run, so it is skipped there.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const built = fs.existsSync(path.join(__dirname, '..', 'dist', 'lib', 'cli', 'main.js'));
if (process.env.npm_command === 'exec' && built) process.exit(0);
const npm = process.env.npm_execpath;
const run = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
