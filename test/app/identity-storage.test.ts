import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateSandboxTls } from '../../lib/sandbox/tls';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../helpers/managed-identity-endpoint';

/**
 * Storage as the Bicep configures it in Azure: identity-based (`AzureWebJobsStorage__*ServiceUri`, no
 * key), the token from the platform's managed identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER)
 * through DefaultAzureCredential, over HTTPS to Azurite with `--oauth basic`. The built app is
 * loaded in a fresh process as the Functions worker loads it (bench/load-functions-app.cjs) and sent
 * its first alert: the 202 means the dedupe read, the incident write and the enqueue all went
 * through with the bearer token. Timing is `npm run bench -- cold`, not here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle, ROOT } = require('../../scripts/bundle.cjs') as { ROOT: string; bundle: (o: { outdir: string }) => Promise<unknown> };
const run = promisify(execFile);

let azurite: Azurite;
let identity: ManagedIdentityEndpoint;
let dir: string;
let caFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-identity-storage-'));
  // The app under test is the bundle, built into this test's own directory (as cold-import.test.ts
  // does), never into the checkout's dist/ that other runs read.
  await bundle({ outdir: path.join(dir, 'dist', 'app') });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'identity-storage', main: 'dist/app/main.mjs' }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tls = await generateSandboxTls();
  [azurite, identity] = await Promise.all([startAzurite({ tls }), startManagedIdentityEndpoint()]);
  caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, tls.ca);
}, 120_000);

afterAll(async () => {
  await Promise.all([azurite?.stop(), identity?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Answer = { status?: number; error?: string; body?: string };

/** The app in a fresh process on identity-based Storage: sends `requests` (none: it only starts, then waits `readyAfterMs`). */
async function loadApp(identityHeader: string, table: string, requests: unknown[], readyAfterMs = 0): Promise<Answer[]> {
  const requestsFile = path.join(dir, `${table}.json`);
  writeFileSync(requestsFile, JSON.stringify(requests));
  const args = [path.join(ROOT, 'bench', 'load-functions-app.cjs'), dir, requestsFile, ...(readyAfterMs ? [`--ready-after=${readyAfterMs}`] : [])];
  const { stdout } = await run(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '',
      AzureWebJobsStorage__tableServiceUri: azurite.tableEndpoint,
      AzureWebJobsStorage__queueServiceUri: azurite.queueEndpoint,
      PULL_DOCTOR_INCIDENT_TABLE: table,
      PULL_DOCTOR_QUEUE_NAME: table,
      IDENTITY_ENDPOINT: identity.env.IDENTITY_ENDPOINT,
      IDENTITY_HEADER: identityHeader,
      // Only the managed identity: a refused token must not fall through to a developer login.
      AZURE_TOKEN_CREDENTIALS: 'ManagedIdentityCredential',
      NODE_EXTRA_CA_CERTS: caFile,
    },
  });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { answers: Answer[] }).answers;
}

async function firstAlert(identityHeader: string, table: string): Promise<Answer> {
  const body = readFileSync(path.join(ROOT, 'test/fixtures/alerts/log-v2-dimensions-fired.json'), 'utf8');
  const [answer] = await loadApp(identityHeader, table, [{ function: 'alertWebhook', method: 'POST', url: 'https://pull-doctor.example.net/api/alerts', headers: { 'content-type': 'application/json' }, body }]);
  return answer!;
}

it('the first alert is deduplicated, recorded and queued on identity-based Storage with a managed identity token', async () => {
  const before = identity.tokenRequests.length;
  const answer = await firstAlert(identity.env.IDENTITY_HEADER, 'identityok');
  expect(answer).toMatchObject({ status: 202 });
  const asked = identity.tokenRequests.slice(before);
  expect(asked.length).toBeGreaterThan(0);
  expect(new Set(asked)).toEqual(new Set(['https://storage.azure.com']));
}, 60_000);

it('a token the platform refuses: 503, which the action group retries (never a 202, never a 500 it would not retry)', async () => {
  const answer = await firstAlert('not-the-platform-header', 'identityrefused');
  expect(answer).toMatchObject({ status: 503 });
}, 60_000);

it('an instance that starts asks for its Storage token once, before any request arrives (appStart): the table and queue clients both reuse it', async () => {
  const before = identity.tokenRequests.length;
  expect(await loadApp(identity.env.IDENTITY_HEADER, 'identitystart', [], 1500)).toEqual([]);
  expect(identity.tokenRequests.slice(before)).toEqual(['https://storage.azure.com']);
}, 60_000);
