import { isRestError } from '@azure/core-rest-pipeline';
import type { AzureClients } from '../../azure/clients';
import { runClusterCommand, type ClusterCommandResult } from '../../azure/run-command';
import type { ClusterScript } from './scripts';

export type InClusterMode = 'off' | 'read' | 'probe';

/** One Run Command as logged: the exact script (validated names only, no secrets) and how it ended. */
export interface InClusterCommandLog {
  clusterId: string;
  purpose: ClusterScript['purpose'];
  command: string;
  commandId?: string;
  provisioningState?: string;
  exitCode?: number;
  durationMs: number;
  /** `403 AuthorizationFailed` etc. when ARM refused or the call failed. */
  error?: string;
}

export interface InClusterOptions {
  mode?: InClusterMode;
  /** Poll interval of the command result (default: the SDK's). The sandbox uses a short one. */
  pollIntervalMs?: number;
  /** Where each command is logged (the app's logger). Default: stderr as one JSON line. */
  onCommand?: (entry: InClusterCommandLog) => void;
}

/** Raised when a check asks for a command the configured mode does not allow (never sent). */
export class InClusterNotAllowed extends Error {
  override readonly name = 'InClusterNotAllowed';
}

/** The Run Command permission, named in findings when ARM refuses it. */
export const RUN_COMMAND_ACTION = 'Microsoft.ContainerService/managedClusters/runCommand/action';
export const COMMAND_RESULTS_ACTION = 'Microsoft.ContainerService/managedClusters/commandResults/read';

export interface InClusterAccess {
  readonly mode: InClusterMode;
  /** Runs a script from scripts.ts in the cluster; logs it; throws InClusterNotAllowed when the mode forbids it. */
  run(clusterId: string, script: ClusterScript, signal: AbortSignal, options?: { clusterToken?: boolean }): Promise<ClusterCommandResult>;
}

export function inClusterAllows(mode: InClusterMode, needed: 'read' | 'probe' | undefined): boolean {
  if (needed === undefined) return true;
  return needed === 'read' ? mode !== 'off' : mode === 'probe';
}

export function createInClusterAccess(azure: AzureClients, options: InClusterOptions = {}): InClusterAccess {
  const mode = options.mode ?? 'off';
  const log = options.onCommand ?? ((entry: InClusterCommandLog) => process.stderr.write(`${JSON.stringify({ event: 'pull-doctor.run-command', ...entry })}\n`));
  return {
    mode,
    async run(clusterId, script, signal, runOptions = {}) {
      if (!inClusterAllows(mode, script.purpose === 'probe' ? 'probe' : 'read')) {
        throw new InClusterNotAllowed(`PULL_DOCTOR_IN_CLUSTER=${mode} does not allow the ${script.purpose} command`);
      }
      const started = Date.now();
      try {
        const result = await runClusterCommand(azure, clusterId, script.text, { abortSignal: signal, pollIntervalMs: options.pollIntervalMs, clusterToken: runOptions.clusterToken });
        log({ clusterId, purpose: script.purpose, command: script.text, commandId: result.commandId, provisioningState: result.provisioningState, exitCode: result.exitCode, durationMs: Date.now() - started });
        return result;
      } catch (e) {
        const error = isRestError(e) ? `${e.statusCode ?? 'network error'} ${e.code ?? ''}`.trim() : (e as Error).message?.split('\n')[0];
        log({ clusterId, purpose: script.purpose, command: script.text, durationMs: Date.now() - started, error });
        throw e;
      }
    },
  };
}

/** The `unknown` finding parts for a refused or failed Run Command: what could not be read and the action that would allow it. */
export function describeRunCommandFailure(error: unknown, what: string): { summary: string; missing: { what: string; permission?: string }; fixText: string } {
  const status = isRestError(error) ? error.statusCode : undefined;
  const code = isRestError(error) ? error.code : undefined;
  const message = (error as Error)?.message ?? '';
  if (status === 403 && /runCommand|commandResults/i.test(message)) {
    const action = /commandResults/i.test(message) ? COMMAND_RESULTS_ACTION : RUN_COMMAND_ACTION;
    return {
      summary: `could not read ${what}: Run Command was refused (403${code ? ` ${code}` : ''}) — pull-doctor's identity lacks ${action}`,
      missing: { what, permission: `${action} (and ${action === RUN_COMMAND_ACTION ? COMMAND_RESULTS_ACTION : RUN_COMMAND_ACTION}) on the cluster` },
      fixText: `Grant pull-doctor's identity ${RUN_COMMAND_ACTION} and ${COMMAND_RESULTS_ACTION} on the cluster (infra: set inClusterMode), or set PULL_DOCTOR_IN_CLUSTER=off.`,
    };
  }
  const reason = status !== undefined ? `${status}${code ? ` ${code}` : ''}` : (error as Error)?.message?.split('\n')[0] ?? String(error);
  return { summary: `could not read ${what}: Run Command failed (${reason})`, missing: { what }, fixText: 'Re-check; if Run Command keeps failing, see `az aks command invoke` on the cluster (it is disabled when the cluster sets disableRunCommand).' };
}
