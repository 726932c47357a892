'use strict';
// `node bench/chunk-cost.cjs [app root] [rounds]`: what each lazily loaded piece of the bundle costs
// on first use. For each named chunk of dist/app/chunks (the `await import()` targets: Table and
// Queue Storage, Event Grid, identity, Log Analytics, …) a fresh process first imports main.mjs the
// way the worker does (bench/load-functions-app.cjs answers @azure/functions-core), then imports the
// chunk, timing that second import alone (wall and CPU). Medians of `rounds` processes.
const { execFileSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(process.argv[2] ?? '.');
const rounds = Number(process.argv[3] ?? 5);
const chunks = join(root, 'dist', 'app', 'chunks');
const wanted = /^(table-incident-store|storage-job-queue|event-grid-sdk|default-credential|logs-client|slack-chat|table-warning-store)-/;

const child = `
const Module = require('node:module');
const core = { registerHook() { return { dispose() {} }; }, setProgrammingModel() {}, getProgrammingModel() {}, log() {}, registerFunction() { return { dispose() {} }; }, Disposable: class { constructor(c) { this.c = c; } dispose() { this.c(); } } };
Module.prototype.require = new Proxy(Module.prototype.require, { apply: (t, a, args) => (args[0] === '@azure/functions-core' ? core : Reflect.apply(t, a, args)) });
globalThis.console = new (require('node:console').Console)({ stdout: process.stderr, stderr: process.stderr });
(async () => {
  const { pathToFileURL } = require('node:url');
  await import(pathToFileURL(process.argv[1]).href);
  const t = performance.now(); const c = process.cpuUsage();
  if (process.argv[2]) await import(pathToFileURL(process.argv[2]).href);
  const u = process.cpuUsage(c);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000 }));
})();`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const files = readdirSync(chunks).filter((f) => wanted.test(f) && f.endsWith('.mjs'));
const rows = [];
for (const file of files) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(JSON.parse(execFileSync(process.execPath, ['-e', child, join(root, 'dist', 'app', 'main.mjs'), join(chunks, file)], { cwd: root, encoding: 'utf8' })));
  rows.push({ chunk: file.replace(/-[A-Z0-9]{8}\.mjs$/, ''), ms: Math.round(median(runs.map((r) => r.ms))), cpuMs: Math.round(median(runs.map((r) => r.cpuMs))) });
}
process.stdout.write(`load average ${require('node:os').loadavg()[0].toFixed(1)}\n`);
for (const r of rows) process.stdout.write(`${r.chunk.padEnd(24)} ${String(r.ms).padStart(5)} ms  ${String(r.cpuMs).padStart(5)} ms CPU\n`);
