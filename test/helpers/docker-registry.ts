import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net';

/** CNCF Distribution as Debian packages it (`apt-get install docker-registry`). */
export const DOCKER_REGISTRY_BIN = '/usr/bin/docker-registry';

export function dockerRegistryInstalled(): boolean {
  return existsSync(DOCKER_REGISTRY_BIN);
}

/**
 * The one user of the basic-auth registry. A throwaway test password, not a secret; its bcrypt line
 * was made once with `htpasswd -Bbn pull-doctor-test not-a-secret-test-password` so the tests need
 * no apache2-utils.
 */
export const TEST_USER = { username: 'pull-doctor-test', password: 'not-a-secret-test-password' };
const TEST_USER_HTPASSWD = 'pull-doctor-test:$2y$05$ryXKT1/KyCEWo74F4pam.ujNmevrKo6q9Gj1h/wFiBgwtopMoymK6';

export interface RunningRegistry {
  /** `127.0.0.1:<port>` — the registry host as an image reference names it. */
  host: string;
  /** `https://127.0.0.1:<port>` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  /** Server certificate and key (PEM) for 127.0.0.1; clients trust its CA. */
  tls: { cert: string; key: string };
  /** Require basic auth for TEST_USER (htpasswd). */
  basicAuth?: boolean;
}

/**
 * Starts `docker-registry serve` on 127.0.0.1 on a free port, HTTPS, filesystem storage in a temp
 * dir, and waits until `/v2/` answers. stop() ends that process by its PID and removes the dir.
 */
export async function startDockerRegistry(options: StartRegistryOptions & { ca: string }): Promise<RunningRegistry> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pull-doctor-registry-'));
  try {
    await writeFile(path.join(dir, 'cert.pem'), options.tls.cert);
    await writeFile(path.join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
    if (options.basicAuth) await writeFile(path.join(dir, 'htpasswd'), `${TEST_USER_HTPASSWD}\n`);
    let lastError: unknown;
    // A free port can be taken between probing and binding; try a few.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      await writeFile(path.join(dir, 'config.yml'), registryConfig(dir, port, options.basicAuth ?? false));
      const child = spawn(DOCKER_REGISTRY_BIN, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString('utf8')).slice(-4000);
      });
      try {
        await waitForV2(`https://127.0.0.1:${port}`, options.ca, child, 10_000);
      } catch (err) {
        lastError = new Error(`${(err as Error).message}\n${stderr}`);
        await stopChild(child);
        continue;
      }
      return {
        host: `127.0.0.1:${port}`,
        url: `https://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: async () => {
          await stopChild(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    throw lastError;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function registryConfig(dir: string, port: number, basicAuth: boolean): string {
  // JSON is YAML; no YAML library needed to write the config.
  return JSON.stringify({
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: path.join(dir, 'data') }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${port}`,
      secret: randomBytes(16).toString('hex'),
      tls: { certificate: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') },
    },
    ...(basicAuth ? { auth: { htpasswd: { realm: 'pull-doctor-test', path: path.join(dir, 'htpasswd') } } } : {}),
  });
}

async function waitForV2(url: string, ca: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}`);
    const status = await new Promise<number>((resolve) => {
      const req = request(`${url}/v2/`, { ca, timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.on('timeout', () => req.destroy());
      req.end();
    });
    // 200, or 401 when basic auth is on: either way the API is up.
    if (status === 200 || status === 401) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
