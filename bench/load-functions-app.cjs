'use strict';
// Loads a Functions app the way the Azure Functions Node.js worker does, in a fresh process, and
// prints what happened as one JSON line. Used by `npm run bench -- cold`, test/app/cold-import.test.ts
// and test/app/deploy-package.test.ts.
//
// The worker (azure-functions-nodejs-worker, setupCoreModule) answers require('@azure/functions-core')
// with its core API through a Proxy on Module.prototype.require, then loads every file package.json
// `main` names (one file or a glob): import() for ES modules (.mjs, or "type": "module"), require()
// otherwise. @azure/functions registers each trigger through coreApi.registerFunction and each hook
// through coreApi.registerHook; the worker awaits the appStart hooks after the import (startApp) and
// runs the preInvocation hooks before each handler. This script does the same, timing each part.
//
// usage: node bench/load-functions-app.cjs <app root> [requests.json] [--trace-files] [--ready-after=<ms>]
//   --ready-after=<ms>: an instance that is up before its first request (always ready): wait this
//   long after the appStart hooks (what they started in the background finishes) and report the
//   CPU spent meanwhile as `idle.cpuMs`, then send the requests.
//   --trace-files: also report `appFiles`, every file of the app (outside node_modules) Node loaded
//   during the import (and each answer's `loaded`, the files its request loaded), through a
//   module.registerHooks load hook (test/app/cold-import.test.ts; the benchmark runs without it).
//   requests.json: [{ "function": "alertWebhook", "method": "POST", "url": "...", "headers": {…}, "body": "…" }]
//   each is sent, in order, to the registered HTTP handler right after the import.
const startedAt = performance.now();
const startCpu = process.cpuUsage();
const Module = require('node:module');
const { globSync, readFileSync } = require('node:fs');
const { isAbsolute, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const args = process.argv.slice(2).filter((a) => a !== '--trace-files' && !a.startsWith('--ready-after='));
const readyAfterMs = Number(process.argv.find((a) => a.startsWith('--ready-after='))?.slice('--ready-after='.length) ?? 0);
const root = resolve(args[0] ?? '.');
const traced = process.argv.includes('--trace-files') ? [] : undefined;
if (traced) {
  Module.registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) traced.push(require('node:url').fileURLToPath(url));
      return nextLoad(url, context);
    },
  });
}
// The app's console output goes to stderr (the worker forwards it to the host's log): stdout carries
// only this script's JSON line.
globalThis.console = new (require('node:console').Console)({ stdout: process.stderr, stderr: process.stderr });
const registered = [];
/** Hooks by name (appStart, preInvocation, …), run when the worker runs them (see main). */
const hooks = new Map();
const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1037.0',
  registerHook(name, callback) {
    hooks.set(name, [...(hooks.get(name) ?? []), callback]);
    return { dispose() {} };
  },
  setProgrammingModel() {},
  getProgrammingModel() {},
  log() {},
  registerFunction(metadata, handler) {
    const trigger = Object.values(metadata.bindings).find((b) => /trigger$/i.test(b.type)) ?? {};
    registered.push({ name: metadata.name, trigger, handler });
    return { dispose() {} };
  },
  Disposable: class {
    constructor(callback) {
      this.callback = callback;
    }
    dispose() {
      this.callback();
    }
  },
};
Module.prototype.require = new Proxy(Module.prototype.require, {
  apply(target, thisArg, args) {
    return args[0] === '@azure/functions-core' ? coreApi : Reflect.apply(target, thisArg, args);
  },
});

async function main() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const main = pkg.main ?? 'index.js';
  const files = (/[*?{[]/.test(main) ? globSync(main, { cwd: root }).sort() : [main]).map((f) => (isAbsolute(f) ? f : resolve(root, f)));
  const importStart = performance.now();
  for (const file of files) {
    if (file.endsWith('.mjs') || (pkg.type === 'module' && file.endsWith('.js'))) await import(pathToFileURL(file).href);
    else require(file);
  }
  const importMs = performance.now() - importStart;
  const appFilesIn = (list) => list.filter((f) => f.startsWith(root) && !/[\\/]node_modules[\\/]/.test(f)).map((f) => f.slice(root.length + 1).replace(/\\/g, '/'));
  const appFiles = traced && appFilesIn(traced);
  const cpu = process.cpuUsage(startCpu);
  const rssMB = process.memoryUsage().rss / 1048576;
  // The worker then runs the appStart hooks, awaited, before it reports itself ready (startApp).
  const appStartAt = performance.now();
  const appStartCpu = process.cpuUsage();
  const appHookData = {};
  for (const hook of hooks.get('appStart') ?? []) await hook({ hookData: {}, appHookData, functionAppDirectory: root });
  const appStartUsed = process.cpuUsage(appStartCpu);
  const appStart = { ms: performance.now() - appStartAt, cpuMs: (appStartUsed.user + appStartUsed.system) / 1000 };
  let idle;
  if (readyAfterMs > 0) {
    const idleCpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, readyAfterMs));
    const used = process.cpuUsage(idleCpu);
    idle = { ms: readyAfterMs, cpuMs: (used.user + used.system) / 1000 };
  }

  const requests = args[1] ? JSON.parse(readFileSync(args[1], 'utf8')) : [];
  const answers = [];
  if (requests.length > 0) {
    const { HttpRequest, InvocationContext } = require(require.resolve('@azure/functions', { paths: [root] }));
    for (const spec of requests) {
      const fn = registered.find((r) => r.name === spec.function);
      if (!fn) {
        answers.push({ function: spec.function, error: 'not registered' });
        continue;
      }
      const tracedBefore = traced?.length ?? 0;
      const t = performance.now();
      const c = process.cpuUsage();
      const request = new HttpRequest({ method: spec.method, url: spec.url, headers: spec.headers, body: { string: spec.body } });
      const context = new InvocationContext({
        invocationId: `bench-${answers.length}`,
        functionName: spec.function,
        logHandler: () => undefined,
        options: { trigger: { ...fn.trigger, name: 'request' }, extraInputs: [], extraOutputs: [] },
      });
      // As the worker invokes: preInvocation hooks first (they may replace the handler), then the handler.
      const invocation = { hookData: {}, appHookData, invocationContext: context, inputs: [request], functionCallback: fn.handler };
      for (const hook of hooks.get('preInvocation') ?? []) await hook(invocation);
      const response = await invocation.functionCallback(...invocation.inputs, context);
      const used = process.cpuUsage(c);
      const status = response?.status ?? 200;
      // A refusal's reason (the route's own words), so a benchmark that got one can say why.
      const reason = status >= 300 ? JSON.stringify(response?.jsonBody ?? response?.body ?? '').slice(0, 300) : undefined;
      answers.push({ function: spec.function, status, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, ...(reason ? { body: reason } : {}), ...(traced ? { loaded: appFilesIn(traced.slice(tracedBefore)) } : {}) });
    }
  }
  process.stdout.write(
    JSON.stringify({
      files: files.map((f) => f.slice(root.length + 1)),
      processToImportedMs: performance.now() - startedAt,
      importMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMB,
      appStart,
      ...(idle ? { idle } : {}),
      loadedPackages: loadedPackages(),
      ...(appFiles ? { appFiles } : {}),
      registered: registered.map((r) => ({ name: r.name, type: r.trigger.type, route: r.trigger.route, authLevel: r.trigger.authLevel, methods: r.trigger.methods })),
      answers,
    }) + '\n',
  );
}

/** node_modules packages that Node loaded from disk (the bundle's externals; bundled code shows none). */
function loadedPackages() {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) names.add(m[1].replace(/\\/g, '/'));
  }
  return [...names].sort();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
