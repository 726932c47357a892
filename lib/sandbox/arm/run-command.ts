import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { COMMAND_RESULTS_ACTION, RUN_COMMAND_ACTION } from '../../diagnosis/in-cluster/in-cluster-access';
import { dnsScript, probeScript, scriptHeader, secretsScript, SECRET_TYPE_DOCKERCONFIGJSON } from '../../diagnosis/in-cluster/scripts';
import type { ClusterSection, World } from '../world-schema';
import { buildSandboxRegistry } from '../registry/registry-content';
import { armError, armErrors, ok, type ArmResponse } from './arm-response';
import { actionMatches } from './arm-path';
import type { WorldIndex } from './world-index';

/**
 * AKS Run Command as ARM serves it (azure-rest-api-specs containerservice examples
 * RunCommandRequest.json, RunCommandResultSucceed.json; see lib/sandbox/SOURCES.md):
 * POST …/managedClusters/{name}/runCommand answers 202 with a Location header pointing at
 * …/commandResults/{id}; GET there answers 202 (still running, same Location) and then 200 with
 * `{ id, properties: { provisioningState, exitCode, startedAt, finishedAt, logs } }`.
 *
 * The command pod is simulated from the world's `cluster:` section, and only for the scripts
 * pull-doctor builds: the sandbox rebuilds the script from its header with the same builders and
 * refuses anything that differs, so a drift between builder and sandbox fails loudly.
 */


const CLUSTER = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.containerservice\/managedclusters\/[^/]+)\/(runcommand|commandresults\/([^/]+))$/i;
const RequestSchema = z.object({ command: z.string().min(1).max(65_536), context: z.string().optional(), clusterToken: z.string().optional() });

interface Stored {
  clusterId: string;
  polls: number;
  body: Record<string, unknown>;
}

export class SandboxRunCommands {
  private readonly results = new Map<string, Stored>();

  constructor(
    private readonly world: World,
    private readonly index: WorldIndex,
  ) {}

  /** Whether this path is Run Command's (POST runCommand, GET commandResults/{id}). */
  handles(path: string): boolean {
    return CLUSTER.test(path);
  }

  route(method: string, path: string, url: URL, baseUrl: string, body: unknown): ArmResponse {
    const m = CLUSTER.exec(path)!;
    const clusterPath = m[1];
    const cluster = this.index.get(clusterPath);
    const clusterId = (cluster?.id as string | undefined) ?? clusterPath;
    const isPost = m[2].toLowerCase() === 'runcommand';
    if (isPost !== (method === 'POST') || (!isPost && method !== 'GET')) return armErrors.methodNotAllowed(method);
    const action = isPost ? RUN_COMMAND_ACTION : COMMAND_RESULTS_ACTION;
    const denied = this.world.caller.deniedActions.some((p) => actionMatches(p, action)) || (this.world.cluster?.runCommandDenied ?? false);
    if (denied) return armErrors.authorizationFailed(this.world.caller.principalId, action, clusterId);
    if (!cluster) return armErrors.resourceNotFound(`Microsoft.ContainerService/managedClusters/${clusterPath.split('/').pop()}`, clusterPath.split('/')[4]);
    const apiVersion = url.searchParams.get('api-version') ?? '';

    if (isPost) {
      const request = RequestSchema.safeParse(body);
      if (!request.success) return armError(400, 'InvalidRequestContent', `The request content is invalid: ${request.error.issues[0]?.message ?? 'expected { command }'}.`);
      const id = randomUUID().replace(/-/g, '');
      const started = new Date();
      const run = simulate(this.world, request.data.command);
      this.results.set(id, {
        clusterId,
        polls: 0,
        body: {
          id,
          properties: {
            provisioningState: run.failedReason ? 'failed' : 'succeeded',
            exitCode: run.exitCode,
            startedAt: started.toISOString(),
            finishedAt: new Date(started.getTime() + 1000).toISOString(),
            logs: run.logs,
            ...(run.failedReason ? { reason: run.failedReason } : {}),
          },
        },
      });
      return { status: 202, body: undefined, headers: { location: `${baseUrl}${clusterId}/commandResults/${id}?api-version=${apiVersion}` } };
    }
    const stored = this.results.get(m[3]!);
    if (!stored || stored.clusterId.toLowerCase() !== clusterId.toLowerCase()) return armError(404, 'NotFound', `Command result '${m[3]}' was not found.`);
    stored.polls += 1;
    // The first poll finds the command still running, as a real command pod takes a while.
    if (stored.polls === 1) return { status: 202, body: undefined, headers: { location: `${baseUrl}${clusterId}/commandResults/${m[3]}?api-version=${apiVersion}` } };
    return ok(stored.body);
  }
}

/** What the command pod would print for one of pull-doctor's scripts in this world. */
function simulate(world: World, command: string): { exitCode: number; logs: string; failedReason?: string } {
  const section: ClusterSection | undefined = world.cluster;
  const header = scriptHeader(command);
  const refuse = { exitCode: 127, logs: '', failedReason: 'The sandbox command pod runs only the scripts pull-doctor builds (lib/diagnosis/in-cluster/scripts.ts).' };
  if (!header) return refuse;
  const p = header.params;
  const c = section ?? { mode: 'read', runCommandDenied: false, pods: [], secrets: [], dns: {} };
  try {
    if (header.purpose === 'secrets') {
      if (secretsScript({ namespace: p.namespace ?? '', pod: p.pod ?? '' }).text !== command) return refuse;
      const pod = c.pods.find((x) => x.namespace === p.namespace && x.name === p.pod);
      if (!pod) return { exitCode: 0, logs: 'pod notfound\n' };
      const lines = ['pod ok', `pod-pull-secrets ${pod.imagePullSecrets.join(' ')}`];
      for (const name of pod.imagePullSecrets) {
        const s = c.secrets.find((x) => x.namespace === pod.namespace && x.name === name);
        if (!s) lines.push(`secret ${name} notfound`);
        else if (s.forbidden) lines.push(`secret ${name} forbidden`);
        else {
          const docker = s.type === SECRET_TYPE_DOCKERCONFIGJSON;
          const guid = docker && s.username !== 'other' && s.username !== 'none';
          const user = !docker ? 'none' : guid ? 'guid' : s.username;
          lines.push(`secret ${name} found type=${s.type} hosts=${docker ? s.hosts.join(',') : ''} user=${user} apps=${guid ? s.username.toLowerCase() : ''}`);
        }
      }
      return { exitCode: 0, logs: `${lines.join('\n')}\n` };
    }
    if (header.purpose === 'dns') {
      const hosts = (p.hosts ?? '').split(',');
      if (dnsScript({ hosts }).text !== command) return refuse;
      return { exitCode: 0, logs: hosts.map((h) => `dns ${h} ${(c.dns[h] ?? []).join(' ')} `).join('\n') + '\n' };
    }
    const probe = { nodePool: p.pool ?? '', loginServer: p.registry ?? '', podName: p.pod ?? '', repository: p.repository ?? '', reference: p.reference ?? '' };
    if (probeScript(probe).text !== command) return refuse;
    const pull = c.nodePull;
    if (!pull) return { exitCode: 0, logs: 'error: timed out waiting for the condition\ncanipull-exit 124\nerror: timed out waiting for the condition\n' };
    const lines = pull.steps.map((s, i) => `[2026-11-25T21:42:${String(i).padStart(2, '0')}Z] ${s.step}: ${s.result}`);
    const canPull = pull.exitCode === 0 && pull.steps.every((s) => s.result === 'SUCCEEDED');
    if (canPull) lines.push(`Your cluster can pull images from ${p.registry}!`);
    lines.push(`canipull-exit ${pull.exitCode}`);
    lines.push(...manifestHeadLines(world, probe, pull.head ?? (canPull ? undefined : { identity: 'ok', exchange: 401 })));
    return { exitCode: 0, logs: `${lines.join('\n')}\n` };
  } catch {
    return refuse;
  }
}

type HeadAnswer = NonNullable<NonNullable<ClusterSection['nodePull']>['head']>;

/** What the manifest HEAD pod prints: the world's answer, or — the node authenticating — the registry content's (digest as the sandbox registry serves it). */
function manifestHeadLines(world: World, probe: { loginServer: string; repository: string; reference: string }, given: HeadAnswer | undefined): string[] {
  let answer = given;
  if (!answer) {
    const content = world.registries[probe.loginServer];
    const repo = content ? buildSandboxRegistry(probe.loginServer, content).repositories.get(probe.repository) : undefined;
    const digest = probe.reference.startsWith('sha256:') ? (repo?.manifests.has(probe.reference) ? probe.reference : undefined) : repo?.tags.get(probe.reference);
    answer = { identity: 'ok', exchange: 200, token: 200, manifest: digest ? 200 : 404, digest };
  }
  if (answer.identity === 'none') return ['head identity none'];
  const lines = ['head identity ok'];
  for (const step of ['exchange', 'token'] as const) {
    if (answer[step] === undefined) return lines;
    lines.push(`head ${step} ${answer[step]}`);
    if (answer[step] !== 200) return lines;
  }
  if (answer.manifest !== undefined) lines.push(`head manifest ${answer.manifest}${answer.manifest === 200 && answer.digest ? ` ${answer.digest}` : ''}`);
  return lines;
}
