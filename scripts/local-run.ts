/**
 * `npm run local [world]`: everything the Functions app needs on a laptop, no Azure account —
 * Azurite (blob, queue, table on their default ports, data in .azurite/) and the settings that
 * point the app at a sandbox world (PULL_DOCTOR_SANDBOX_WORLD; the sandbox's ARM and registry
 * servers start inside the app on the first diagnosis). It writes local.settings.json when there is
 * none, prints the settings otherwise, and writes curl-ready sample payloads for the world under
 * out/local/. Then, in a second terminal: `npm start` (Azure Functions Core Tools).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';
import type { World } from '../lib/sandbox/world-schema';
import { repoRoot } from './gen-local-settings';

export const DEFAULT_WORLD = 'tag-missing';

/** Settings for a local run against `world` (merged over local.settings.sample.json). */
export function localSettings(worldName: string, world: World): Record<string, string> {
  const workspace = Object.keys(world.logs)[0] ?? '';
  const image = world.failure.image;
  return {
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    PULL_DOCTOR_SANDBOX_WORLD: worldName,
    PULL_DOCTOR_CHAT: 'console',
    PULL_DOCTOR_ALLOWED_CLUSTERS: world.failure.cluster ?? '',
    PULL_DOCTOR_ALLOWED_REGISTRIES: image.split('/')[0]!,
    PULL_DOCTOR_WORKSPACE_IDS: workspace,
    PULL_DOCTOR_SUBSCRIPTIONS: '',
  };
}

/**
 * Sample payloads for the world's failure, in the shapes of the committed conformance samples
 * (test/fixtures/eventgrid/k8s-cloudevent-failed.json, test/fixtures/alerts/log-v2-dimensions-fired.json)
 * with the world's cluster, pod and image, so the app's answer is the world's diagnosis.
 */
export function samplePayloads(world: World): { k8sEvent: unknown; alert: unknown } {
  const f = world.failure;
  const fixtures = join(repoRoot(), 'test', 'fixtures');
  const event = JSON.parse(readFileSync(join(fixtures, 'eventgrid', 'k8s-cloudevent-failed.json'), 'utf8')) as {
    source: string;
    subject: string;
    data: Record<string, unknown> & { involvedObject: Record<string, unknown>; source: Record<string, unknown> };
  };
  const pod = f.pod ?? 'web-0';
  const namespace = f.namespace ?? 'default';
  const when = f.lastSeen ?? f.firstSeen ?? new Date().toISOString();
  event.source = f.cluster ?? event.source;
  event.subject = `${namespace}/${pod}`;
  event.data = {
    ...event.data,
    cluster: f.cluster,
    reason: 'Failed',
    message: f.message ?? `Failed to pull image "${f.image}"`,
    firstTimestamp: f.firstSeen ?? when,
    lastTimestamp: when,
    source: { ...event.data.source, host: f.node ?? event.data.source.host },
    involvedObject: { ...event.data.involvedObject, namespace, name: pod, fieldPath: `spec.containers{${f.container ?? 'app'}}` },
  };
  // The alert: the log search alert v2 sample with this world's dimensions and a window around its KubeEvents rows.
  const rows = Object.values(world.logs).flatMap((tables) => tables.KubeEvents ?? []);
  const times = rows.map((r) => Date.parse(String(r.TimeGenerated ?? ''))).filter((t) => !Number.isNaN(t));
  const end = new Date((times.length ? Math.max(...times) : Date.now()) + 60_000);
  const start = new Date(end.getTime() - 10 * 60_000);
  const alert = JSON.parse(readFileSync(join(fixtures, 'alerts', 'log-v2-dimensions-fired.json'), 'utf8')) as {
    data: {
      alertContext: {
        condition: {
          windowStartTime: string;
          windowEndTime: string;
          allOf: Array<{ dimensions: Array<{ name: string; value: string }>; linkToSearchResultsAPI?: string; linkToFilteredSearchResultsAPI?: string }>;
        };
      };
    };
  };
  const condition = alert.data.alertContext.condition;
  condition.windowStartTime = start.toISOString().replace(/\.\d+Z$/, 'Z');
  condition.windowEndTime = end.toISOString().replace(/\.\d+Z$/, 'Z');
  const values: Record<string, string> = { ClusterId: f.cluster ?? '', Namespace: namespace, Name: pod, Image: f.image, Reason: 'Failed' };
  // The search-results links name the Log Analytics workspace the app reads the kubelet message from.
  const workspace = Object.keys(world.logs)[0];
  const inWorkspace = (link: string | undefined) => (link && workspace ? link.replace(/\/workspaces\/[^/]+\//, `/workspaces/${workspace}/`) : link);
  for (const c of condition.allOf) {
    c.dimensions = c.dimensions.map((d) => ({ name: d.name, value: values[d.name] ?? d.value }));
    c.linkToSearchResultsAPI = inWorkspace(c.linkToSearchResultsAPI);
    c.linkToFilteredSearchResultsAPI = inWorkspace(c.linkToFilteredSearchResultsAPI);
  }
  return { k8sEvent: event, alert };
}

function main(argv: string[]): void {
  const worldName = argv[0] ?? DEFAULT_WORLD;
  const file = [worldName, join(WORLDS_DIR, `${worldName}.yaml`)].find((f) => existsSync(f) && f.endsWith('.yaml'));
  if (!file) {
    process.stderr.write(`npm run local: no world "${worldName}" (a name under lib/sandbox/worlds or a .yaml file)\n`);
    process.exit(3);
  }
  const world = loadWorld(file);
  const root = repoRoot();
  const settings = localSettings(worldName, world);
  const settingsFile = join(root, 'local.settings.json');
  const lines: string[] = [`World ${worldName}: ${world.description}`];
  if (existsSync(settingsFile)) {
    lines.push('local.settings.json exists; make sure its Values contain:', ...Object.entries(settings).map(([k, v]) => `  "${k}": ${JSON.stringify(v)}`));
  } else {
    const sample = JSON.parse(readFileSync(join(root, 'local.settings.sample.json'), 'utf8')) as { Values: Record<string, string> };
    writeFileSync(settingsFile, `${JSON.stringify({ IsEncrypted: false, Values: { ...sample.Values, ...settings } }, null, 2)}\n`);
    lines.push('wrote local.settings.json (sample values + the sandbox settings below):', ...Object.entries(settings).map(([k, v]) => `  ${k}=${v}`));
  }
  const out = join(root, 'out', 'local');
  mkdirSync(out, { recursive: true });
  const payloads = samplePayloads(world);
  writeFileSync(join(out, 'k8s-event.json'), `${JSON.stringify(payloads.k8sEvent, null, 2)}\n`);
  writeFileSync(join(out, 'alert.json'), `${JSON.stringify(payloads.alert, null, 2)}\n`);
  lines.push(
    '',
    'Azurite: blob 10000, queue 10001, table 10002 on 127.0.0.1 (data in .azurite/). Ctrl-C stops it.',
    'Next, in another terminal:  npm start      (Azure Functions Core Tools; then)',
    `  curl -i -X POST http://localhost:7071/api/events/k8s -H 'content-type: application/cloudevents+json' --data @out/local/k8s-event.json`,
    `  curl -i -X POST http://localhost:7071/api/alerts -H 'content-type: application/json' --data @out/local/alert.json`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  const azurite = spawn(
    process.execPath,
    [require.resolve('azurite/dist/src/azurite.js'), '--location', join(root, '.azurite'), '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1', '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
    { stdio: 'inherit' },
  );
  azurite.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => azurite.kill(signal));
}

if (require.main === module) main(process.argv.slice(2));
