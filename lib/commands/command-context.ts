import type { ChatAccessPolicy, ChatActor } from '../authz/chat-access';
import type { ChatPort } from '../chat/chat-port';
import type { Diagnoser } from '../diagnosis/diagnoser';
import type { IncidentStore } from '../incidents/incident-store';
import type { Logger } from '../intake/logger';
import type { ContainerInsightsPort } from '../logs/container-insights';
import type { Diagnosis, ImpactReport, Incident } from '../model';
import type { WarningActionDeps } from '../warnings/warning-actions';
import type { JobQueue } from '../queue/job-queue';

/** What chat commands may touch. Functions build it from lib/app's services; tests pass their own. */
export interface CommandServices {
  incidents: IncidentStore;
  queue: JobQueue;
  diagnoser: Diagnoser;
  /** Updates an incident's own message (resolve); optional. */
  chat?: ChatPort;
  /** Issue 18: the warning buttons' actions; absent = warnings are not configured here. */
  warnings?: WarningActionDeps;
  /** Issue 18: the fleet audit of one cluster (needs Container insights); absent = `audit` answers why not. */
  audit?: (cluster: string, signal?: AbortSignal) => Promise<ImpactReport>;
  /** Finds a pod's image and failure for `diagnose <pod>`; absent = only `diagnose image` works. */
  containerInsights?: ContainerInsightsPort;
  settings: CommandSettings;
  log: Logger;
  now?: () => Date;
}

export interface CommandSettings {
  /** PULL_DOCTOR_ALLOWED_CLUSTERS: the only clusters chat may ask about. */
  allowedClusters: readonly string[];
  /** PULL_DOCTOR_WORKSPACE_IDS: Log Analytics workspaces with Container insights. */
  workspaceIds: readonly string[];
  access: ChatAccessPolicy;
  /** PULL_DOCTOR_ALLOWED_REGISTRIES (lowercase): registries an image typed in chat may name; empty = public DNS names only. */
  allowedRegistries: readonly string[];
  /** How far back `diagnose <pod>` looks for the pod's failure (default 24 h). */
  lookbackHours?: number;
}

/** A reply, platform-neutral: Slack renders Block Kit, Teams an Adaptive Card, both fall back to text. */
export type CommandReply =
  | { kind: 'text'; text: string; /** Only the asker should see it (Slack ephemeral). */ private?: boolean }
  | { kind: 'diagnosis'; diagnosis: Diagnosis; incident?: Incident; showAllChecks?: boolean };

/** One command's context (Probot style): who asked, where, the services, and how to answer. */
export interface CommandContext {
  actor: ChatActor;
  /** The incident whose thread the command was typed in (or whose button was pressed). */
  thread?: string;
  /** True when `reply` itself lands in `thread`'s chat thread (a Teams thread message), so the thread needs no second copy. */
  inThread?: boolean;
  services: CommandServices;
  reply(message: CommandReply): Promise<void>;
  signal?: AbortSignal;
}

/** How a command ended, for logs and tests. Every outcome has sent exactly one reply or more. */
export type CommandOutcome = 'done' | 'invalid' | 'denied' | 'not-found' | 'failed';
