import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net';

/**
 * Azurite (npm `azurite`) Table and Queue services for tests: started with the current Node on
 * 127.0.0.1 free ports, in-memory, and stopped by PID.
 */
export interface Azurite {
  connectionString: string;
  tableEndpoint: string;
  queueEndpoint: string;
  stop(): Promise<void>;
}

/** Azurite's documented well-known development account key (public, identical in every Azurite). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * HTTPS and bearer tokens, as identity-based Storage is used in Azure: Azurite's `--oauth basic`
 * accepts a token whose issuer, audience and lifetime are right (the signature is not checked) and
 * only over HTTPS. `cert`/`key` are PEM (e.g. lib/sandbox/tls.ts); clients must trust their CA.
 */
export interface AzuriteTls {
  cert: string;
  key: string;
}

function startService(service: 'table' | 'queue', port: number, cwd: string, tls?: AzuriteTls): Promise<ChildProcess> {
  const main = require.resolve(`azurite/dist/src/${service}/main.js`);
  const secure = tls ? ['--cert', join(cwd, 'cert.pem'), '--key', join(cwd, 'key.pem'), '--oauth', 'basic'] : [];
  const child = spawn(
    process.execPath,
    [main, `--${service}Host`, '127.0.0.1', `--${service}Port`, String(port), '--inMemoryPersistence', '--skipApiVersionCheck', '--disableTelemetry', '--loose', ...secure],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite ${service} did not start within 20 s: ${output.slice(-500)}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully (started|listens)/i.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a full pipe never blocks Azurite.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite ${service} exited (${code}): ${output.slice(-500)}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(child.pid!, 'SIGTERM');
  });
}

/**
 * A free port can be taken by another test process between `freePort()` and Azurite's listen (the
 * suite runs workers in parallel): pick the port right before each start and try a new one on
 * EADDRINUSE.
 */
async function startOnFreePort(service: 'table' | 'queue', cwd: string, tls?: AzuriteTls): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return { child: await startService(service, port, cwd, tls), port };
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(error instanceof Error ? error.message : '')) throw error;
    }
  }
}

/** With `tls`: HTTPS endpoints that also accept bearer tokens (AzuriteTls); the connection string still works. */
export async function startAzurite(options: { tls?: AzuriteTls } = {}): Promise<Azurite> {
  const cwd = mkdtempSync(join(tmpdir(), 'pull-doctor-azurite-'));
  const { tls } = options;
  if (tls) {
    writeFileSync(join(cwd, 'cert.pem'), tls.cert);
    writeFileSync(join(cwd, 'key.pem'), tls.key, { mode: 0o600 });
  }
  const children: ChildProcess[] = [];
  let tablePort = 0;
  let queuePort = 0;
  try {
    const table = await startOnFreePort('table', cwd, tls);
    children.push(table.child);
    tablePort = table.port;
    const queue = await startOnFreePort('queue', cwd, tls);
    children.push(queue.child);
    queuePort = queue.port;
  } catch (error) {
    await Promise.all(children.map(stopChild));
    throw error;
  }
  const scheme = tls ? 'https' : 'http';
  const tableEndpoint = `${scheme}://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`;
  const queueEndpoint = `${scheme}://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
  return {
    tableEndpoint,
    queueEndpoint,
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    async stop() {
      await Promise.all(children.map(stopChild));
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
