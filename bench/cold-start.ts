import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import path from 'node:path';
import { promisify } from 'node:util';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { slackSignature } from '../lib/slack/verify-slack-request';
import { generateSandboxTls } from '../lib/sandbox/tls';
import { startAzurite, type Azurite } from '../test/helpers/azurite';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../test/helpers/managed-identity-endpoint';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const LOADER = path.join(ROOT, 'bench', 'load-functions-app.cjs');
/**
 * In the platform's format (32 lowercase hex characters), or lib/config/secret-settings.ts treats
 * it as unset and the Slack route answers 503: made per run, never a real secret.
 */
const SIGNING_SECRET = randomBytes(16).toString('hex');

/** One fresh process's report (bench/load-functions-app.cjs). */
export interface LoadReport {
  files: string[];
  processToImportedMs: number;
  importMs: number;
  cpuMs: number;
  rssMB: number;
  /** The appStart hooks, awaited after the import as the worker does. */
  appStart: { ms: number; cpuMs: number };
  /** With readyAfterMs: the wait between appStart and the first request, and the CPU the app spent in it. */
  idle?: { ms: number; cpuMs: number };
  loadedPackages: string[];
  registered: Array<{ name: string; type: string; route?: string }>;
  answers: Array<{ function: string; status?: number; ms?: number; cpuMs?: number; error?: string; body?: string }>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Loads the app as the Functions worker does, in a fresh `node`, optionally sending first requests. */
export async function loadInFreshProcess(env: Record<string, string>, requestsFile?: string, root = ROOT, readyAfterMs = 0): Promise<LoadReport> {
  const { stdout } = await run(process.execPath, [LOADER, root, ...(requestsFile ? [requestsFile] : []), ...(readyAfterMs ? [`--ready-after=${readyAfterMs}`] : [])], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadReport;
}

/** A first request and the status its route must answer (anything else fails the benchmark). */
interface FirstRequest {
  /** What the row is called: the function, and the command when there are several. */
  label: string;
  function: string;
  expectStatus: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function slashCommand(text: string): FirstRequest {
  const slash = new URLSearchParams({ team_id: 'T0001', channel_id: 'CONCALL1', user_id: 'UDIAG01', user_name: 'bob', command: '/pull-doctor', text, response_url: 'https://hooks.slack.com/commands/T0001/1/x', trigger_id: '1.2.x' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return {
    label: `slack-commands ${text}`,
    function: 'slack-commands',
    // Slack's 3-second ack: answered 200 at once (slow work goes to the queue or response_url).
    expectStatus: 200,
    method: 'POST',
    url: 'https://pull-doctor.example.net/api/slack/commands',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, slash) },
    body: slash,
  };
}

/**
 * The first request each HTTP route gets after a cold start: an alert, a forwarded k8s event, Slack
 * slash commands (`help` answers from memory; `status` reads open incidents from Table Storage).
 */
function firstRequests(): FirstRequest[] {
  const fixture = (f: string) => readFileSync(path.join(ROOT, 'test/fixtures', f), 'utf8');
  return [
    { label: 'alertWebhook', function: 'alertWebhook', expectStatus: 202, method: 'POST', url: 'https://pull-doctor.example.net/api/alerts', headers: { 'content-type': 'application/json' }, body: fixture('alerts/log-v2-dimensions-fired.json') },
    { label: 'k8sEventsWebhook', function: 'k8sEventsWebhook', expectStatus: 200, method: 'POST', url: 'https://pull-doctor.example.net/api/events/k8s', headers: { 'content-type': 'application/cloudevents+json' }, body: fixture('eventgrid/k8s-cloudevent-failed.json') },
    slashCommand('help'),
    slashCommand('status'),
  ];
}

/** The routes whose first request loads Table and Queue Storage (what appStart preloads). */
const INTAKE_ROUTES = ['alertWebhook', 'k8sEventsWebhook'];
/** "Ready instance": how long after appStart the first request arrives (its background loads are done by then). */
const READY_AFTER_MS = 1500;

/**
 * The incident table and the job queue a process uses, created before it starts, as in Azure (the
 * Bicep creates both: infra/modules/storage.bicep); the app creates them only when a write finds them
 * missing (lib/incidents/table-provisioning.ts). Made by this process, so the measured one pays nothing for them.
 */
async function provisionStorage(connectionString: string, table: string, queue: string): Promise<void> {
  await Promise.all([TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true }).createTable(), new QueueClient(connectionString, queue).create()]);
}

/** Throws, naming the route, when a first request was not answered with the status it must get. */
export function assertStatus(report: LoadReport, expected: FirstRequest): void {
  const a = report.answers.find((x) => x.function === expected.function);
  if (a?.status === expected.expectStatus) return;
  throw new Error(`cold start: ${expected.label} answered ${a?.status ?? a?.error ?? 'nothing'} (expected ${expected.expectStatus})${a?.body ? `: ${a.body}` : ''}; its timing would mean nothing`);
}

/**
 * Issue 16's cold start targets: import of every file package.json `main` names in a fresh process
 * (≤ 300 ms, ≤ 120 MB RSS), then each HTTP route's first request (≤ 100 ms) with Table and Queue
 * Storage on Azurite and Slack configured. Each route gets its own fresh process, so each row is a
 * true first request (the SDKs it loads are not already loaded by another route). Median of `runs`
 * rounds; the import figures are over every process. CPU time is reported beside wall time: on a
 * busy machine wall time measures the neighbours, CPU time still measures us. With `compareMain`,
 * the import of another `main` (e.g. the tsc output `dist/functions/*.js`) for comparison. With
 * `root`, another checkout's built app (a baseline: `npm run bench -- cold --root <dir>`).
 */
export async function runColdStartBench(options: { runs?: number; compareMain?: string; root?: string } = {}): Promise<Record<string, number | string>> {
  const runs = options.runs ?? 5;
  const root = options.root ?? ROOT;
  const loadStart = loadavg()[0].toFixed(1);
  const dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-cold-'));
  const [azurite, secure] = await Promise.all([startAzurite(), startIdentityStorage(dir)]);
  try {
    const reports: LoadReport[] = [];
    const byRoute = new Map<string, LoadReport[]>();
    // Each route once as the request that woke the instance (sent right after the appStart hooks),
    // and the intake routes once more on an instance that was up first (always ready: the request
    // comes READY_AFTER_MS later, when what appStart started in the background has finished).
    // And the intake routes on identity-based Storage (as the Bicep deploys): Azurite over HTTPS with
    // bearer tokens, the token from a local managed identity endpoint, as in Azure.
    const scenarios = firstRequests().flatMap((request) => [
      { request, label: request.label, readyAfterMs: 0, identity: false },
      ...(INTAKE_ROUTES.includes(request.function)
        ? [
            { request, label: `${request.label} (ready instance)`, readyAfterMs: READY_AFTER_MS, identity: false },
            { request, label: `${request.label} (identity-based Storage)`, readyAfterMs: 0, identity: true },
          ]
        : []),
    ]);
    for (let i = 0; i < runs; i++) {
      for (const [j, { request, label, readyAfterMs, identity }] of scenarios.entries()) {
        const requestsFile = path.join(dir, `requests-${i}-${j}.json`);
        writeFileSync(requestsFile, JSON.stringify([request]));
        const storage = identity ? secure.azurite : azurite;
        await provisionStorage(storage.connectionString, `coldstart${i}x${j}`, `coldstart-${i}-${j}`);
        const report = await loadInFreshProcess(
          {
            ...(identity
              ? {
                  AzureWebJobsStorage__tableServiceUri: storage.tableEndpoint,
                  AzureWebJobsStorage__queueServiceUri: storage.queueEndpoint,
                  ...secure.identity.env,
                  NODE_EXTRA_CA_CERTS: secure.caFile,
                }
              : { AzureWebJobsStorage: storage.connectionString }),
            PULL_DOCTOR_INCIDENT_TABLE: `coldstart${i}x${j}`,
            PULL_DOCTOR_QUEUE_NAME: `coldstart-${i}-${j}`,
            PULL_DOCTOR_CHAT: 'slack',
            SLACK_BOT_TOKEN: 'xoxb-bench-only',
            SLACK_CHANNEL_ID: 'CONCALL1',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            // No route reads Log Analytics in the request any more (the alert's read is its queue
            // job's); should one, only EnvironmentCredential (unset) is tried: no network probe. With
            // identity-based Storage, DefaultAzureCredential's whole chain, as in Azure.
            ...(identity ? {} : { AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' }),
          },
          requestsFile,
          root,
          readyAfterMs,
        );
        assertStatus(report, request);
        reports.push(report);
        byRoute.set(label, [...(byRoute.get(label) ?? []), report]);
      }
    }
    const result: Record<string, number | string> = {
      ...(root === ROOT ? {} : { root }),
      main: reports[0].files.join(' '),
      'fresh processes': reports.length,
      'loadAverage1m (start → end)': `${loadStart} → ${loadavg()[0].toFixed(1)}`,
      registeredFunctions: reports[0].registered.length,
      'importMs (median)': Math.round(median(reports.map((r) => r.importMs))),
      'importMs (min)': Math.round(Math.min(...reports.map((r) => r.importMs))),
      'processStartToImportedMs (median)': Math.round(median(reports.map((r) => r.processToImportedMs))),
      'cpuMs to imported (median)': Math.round(median(reports.map((r) => r.cpuMs))),
      'rssMB after import (median)': Math.round(median(reports.map((r) => r.rssMB))),
      'appStart hooks: ms / cpuMs (median)': `${Math.round(median(reports.map((r) => r.appStart.ms)))} / ${Math.round(median(reports.map((r) => r.appStart.cpuMs)))}`,
      packagesLoadedFromNodeModules: reports[0].loadedPackages.join(' '),
    };
    const med = (xs: LoadReport[], f: (r: LoadReport) => number | undefined) => Math.round(median(xs.map((r) => f(r) ?? NaN)));
    for (const [label, routeReports] of byRoute) {
      const answer = (r: LoadReport) => r.answers[0]!;
      result[`first ${label}: ms / cpuMs (median)`] = `${med(routeReports, (r) => answer(r).ms)} / ${med(routeReports, (r) => answer(r).cpuMs)}`;
      result[`first ${label}: status`] = [...new Set(routeReports.map((r) => answer(r).status))].join(',');
      // What the instance spent in all, so a cost moved out of the request stays in view.
      const idle = routeReports[0]!.idle ? ' + idle' : '';
      result[`first ${label}: import + appStart${idle} + request, cpuMs (median)`] = med(routeReports, (r) => r.cpuMs + r.appStart.cpuMs + (r.idle?.cpuMs ?? 0) + (answer(r).cpuMs ?? 0));
      if (!routeReports[0]!.idle) result[`first ${label}: import + appStart + request, wall ms (median)`] = med(routeReports, (r) => r.importMs + r.appStart.ms + (answer(r).ms ?? 0));
    }
    if (options.compareMain) {
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
      // A package.json beside the project's own files whose main names the other build.
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, main: path.join(ROOT, options.compareMain) }));
      const other: LoadReport[] = [];
      for (let i = 0; i < runs; i++) other.push(await loadInFreshProcess({}, undefined, dir));
      result[`compare ${options.compareMain} importMs (median)`] = Math.round(median(other.map((r) => r.importMs)));
      result[`compare ${options.compareMain} cpuMs (median)`] = Math.round(median(other.map((r) => r.cpuMs)));
      result[`compare ${options.compareMain} files`] = other[0].files.length;
      result[`compare ${options.compareMain} rssMB (median)`] = Math.round(median(other.map((r) => r.rssMB)));
    }
    return result;
  } finally {
    await Promise.all([azurite.stop(), secure.azurite.stop(), secure.identity.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Azurite over HTTPS accepting bearer tokens, and the managed identity endpoint the tokens come from
 * (test/app/identity-storage.test.ts checks the app works on them). This process trusts the CA too,
 * to create each row's table and queue with the shared key.
 */
async function startIdentityStorage(dir: string): Promise<{ azurite: Azurite; identity: ManagedIdentityEndpoint; caFile: string }> {
  const tls = await generateSandboxTls();
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, tls.ca);
  setDefaultCACertificates([...getCACertificates('default'), tls.ca]);
  const [azurite, identity] = await Promise.all([startAzurite({ tls }), startManagedIdentityEndpoint()]);
  return { azurite, identity, caFile };
}
