import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { slackSignature } from '../lib/slack/verify-slack-request';
import { startAzurite } from '../test/helpers/azurite';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const LOADER = path.join(ROOT, 'bench', 'load-functions-app.cjs');
const SIGNING_SECRET = 'bench-only-signing-secret-0123456789';

/** One fresh process's report (bench/load-functions-app.cjs). */
export interface LoadReport {
  files: string[];
  processToImportedMs: number;
  importMs: number;
  cpuMs: number;
  rssMB: number;
  loadedPackages: string[];
  registered: Array<{ name: string; type: string; route?: string }>;
  answers: Array<{ function: string; status?: number; ms?: number; cpuMs?: number; error?: string }>;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Loads the app as the Functions worker does, in a fresh `node`, optionally sending first requests. */
export async function loadInFreshProcess(env: Record<string, string>, requestsFile?: string, root = ROOT): Promise<LoadReport> {
  const { stdout } = await run(process.execPath, [LOADER, root, ...(requestsFile ? [requestsFile] : [])], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadReport;
}

/** The first request each HTTP route gets after a cold start: an alert, a forwarded k8s event, a Slack slash command. */
function firstRequests(): unknown[] {
  const slash = new URLSearchParams({ team_id: 'T0001', channel_id: 'CONCALL1', user_id: 'UDIAG01', user_name: 'bob', command: '/pull-doctor', text: 'help', response_url: 'https://hooks.slack.com/commands/T0001/1/x', trigger_id: '1.2.x' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return [
    { function: 'alertWebhook', method: 'POST', url: 'https://pull-doctor.example.net/api/alerts', headers: { 'content-type': 'application/json' }, body: readFileSync(path.join(ROOT, 'test/fixtures/alerts/log-v2-dimensions-fired.json'), 'utf8') },
    { function: 'k8sEventsWebhook', method: 'POST', url: 'https://pull-doctor.example.net/api/events/k8s', headers: { 'content-type': 'application/cloudevents+json' }, body: readFileSync(path.join(ROOT, 'test/fixtures/eventgrid/k8s-cloudevent-failed.json'), 'utf8') },
    {
      function: 'slack-commands',
      method: 'POST',
      url: 'https://pull-doctor.example.net/api/slack/commands',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, slash) },
      body: slash,
    },
  ];
}

/**
 * Issue 16's cold start targets: import of every file package.json `main` names in a fresh process
 * (≤ 300 ms, ≤ 120 MB RSS), then each HTTP route's first request (≤ 100 ms) with Table and Queue
 * Storage on Azurite and Slack configured. Median of `runs` fresh processes. With `compareMain`,
 * the same for another `main` (e.g. the tsc output `dist/functions/*.js`) for comparison.
 */
export async function runColdStartBench(options: { runs?: number; compareMain?: string } = {}): Promise<Record<string, number | string>> {
  const runs = options.runs ?? 5;
  const azurite = await startAzurite();
  const dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-cold-'));
  try {
    const reports: LoadReport[] = [];
    for (let i = 0; i < runs; i++) {
      const requestsFile = path.join(dir, `requests-${i}.json`);
      writeFileSync(requestsFile, JSON.stringify(firstRequests()));
      reports.push(
        await loadInFreshProcess(
          {
            AzureWebJobsStorage: azurite.connectionString,
            PULL_DOCTOR_INCIDENT_TABLE: `coldstart${i}`,
            PULL_DOCTOR_QUEUE_NAME: `coldstart-${i}`,
            PULL_DOCTOR_CHAT: 'slack',
            SLACK_BOT_TOKEN: 'xoxb-bench-only',
            SLACK_CHANNEL_ID: 'CONCALL1',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            // The alert's Log Analytics read needs a token: only EnvironmentCredential (unset here), so
            // it fails at once without any network (no managed identity endpoint probe) and the
            // dimensions are used alone. The Log Analytics and Resource Manager code still loads.
            AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential',
          },
          requestsFile,
        ),
      );
    }
    const result: Record<string, number | string> = {
      main: reports[0].files.join(' '),
      runs,
      loadAverage1m: loadavg()[0].toFixed(1),
      registeredFunctions: reports[0].registered.length,
      'importMs (median)': Math.round(median(reports.map((r) => r.importMs))),
      'importMs (min)': Math.round(Math.min(...reports.map((r) => r.importMs))),
      'processStartToImportedMs (median)': Math.round(median(reports.map((r) => r.processToImportedMs))),
      'cpuMs to imported (median)': Math.round(median(reports.map((r) => r.cpuMs))),
      'rssMB after import (median)': Math.round(median(reports.map((r) => r.rssMB))),
      packagesLoadedFromNodeModules: reports[0].loadedPackages.join(' '),
    };
    for (const name of reports[0].answers.map((a) => a.function)) {
      const answers = reports.map((r) => r.answers.find((a) => a.function === name)!);
      result[`first ${name} ms (median)`] = Math.round(median(answers.map((a) => a.ms ?? NaN)));
      result[`first ${name} cpuMs (median)`] = Math.round(median(answers.map((a) => a.cpuMs ?? NaN)));
      result[`first ${name} status`] = [...new Set(answers.map((a) => a.status ?? a.error))].join(',');
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
    rmSync(dir, { recursive: true, force: true });
    await azurite.stop();
  }
}
