'use strict';
// Loads a Functions app the way the Azure Functions Node.js worker does, in a fresh process, and
// prints what happened as one JSON line. Used by `npm run bench -- cold` and test/app/bundle.test.ts.
//
// The worker (azure-functions-nodejs-worker, setupCoreModule) answers require('@azure/functions-core')
// with its core API through a Proxy on Module.prototype.require, then loads every file package.json
// `main` names (one file or a glob): import() for ES modules (.mjs, or "type": "module"), require()
// otherwise. @azure/functions registers each trigger through coreApi.registerFunction.
//
// usage: node bench/load-functions-app.cjs <app root> [requests.json] [--trace-files]
//   --trace-files: also report `appFiles`, every file of the app (outside node_modules) Node loaded
//   during the import, through a module.registerHooks load hook (test/app/cold-import.test.ts; the
//   benchmark runs without it, as the worker does).
//   requests.json: [{ "function": "alertWebhook", "method": "POST", "url": "...", "headers": {…}, "body": "…" }]
//   each is sent, in order, to the registered HTTP handler right after the import.
const startedAt = performance.now();
const startCpu = process.cpuUsage();
const Module = require('node:module');
const { globSync, readFileSync } = require('node:fs');
const { isAbsolute, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const args = process.argv.slice(2).filter((a) => a !== '--trace-files');
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
const registered = [];
const coreApi = {
  version: '3.10.1',
  hostVersion: '4.1037.0',
  registerHook: () => ({ dispose() {} }),
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
  const appFiles = traced?.filter((f) => f.startsWith(root) && !/[\\/]node_modules[\\/]/.test(f)).map((f) => f.slice(root.length + 1).replace(/\\/g, '/'));
  const cpu = process.cpuUsage(startCpu);
  const rssMB = process.memoryUsage().rss / 1048576;

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
      const t = performance.now();
      const c = process.cpuUsage();
      const request = new HttpRequest({ method: spec.method, url: spec.url, headers: spec.headers, body: { string: spec.body } });
      const context = new InvocationContext({ invocationId: `bench-${answers.length}`, functionName: spec.function, logHandler: () => undefined });
      const response = await fn.handler(request, context);
      const used = process.cpuUsage(c);
      answers.push({ function: spec.function, status: response?.status ?? 200, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 });
    }
  }
  process.stdout.write(
    JSON.stringify({
      files: files.map((f) => f.slice(root.length + 1)),
      processToImportedMs: performance.now() - startedAt,
      importMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMB,
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
