import { ChatCommandJobSchema, describeChatJob, type ChatCommandJob } from './chat-command-job';
import type { ImpactJob } from './impact-job';
import { AlertExpandJobSchema, describeAlertJob, type AlertExpandJob } from './alert-expand-job';
import { decodeQueueMessage, parseJobMessage, type DiagnoseJob, type QueueJob } from './diagnose-job';

export interface QueueOptions {
  signal?: AbortSignal;
  /** Keep the message invisible this long (a job deferred behind a busy incident or a rate-limited channel). */
  delaySeconds?: number;
}

/** A message the Functions runtime gave up on (moved to `<queue>-poison` after maxDequeueCount). */
export interface PoisonMessage {
  messageId: string;
  insertedOn?: string;
  job?: DiagnoseJob;
  /** A chat command job, described without its response_url. */
  chatCommand?: string;
  /** An accepted alert whose Log Analytics read never succeeded. */
  alertExpansion?: string;
  /** Why the body could not be read as a job, when it could not. */
  unreadable?: string;
}

function isChatCommandJob(job: QueueJob): job is ChatCommandJob {
  return 'kind' in job && job.kind === 'chat-command';
}

function isImpactJob(job: QueueJob): job is ImpactJob {
  return 'kind' in job && job.kind === 'impact';
}

function isAlertExpandJob(job: QueueJob): job is AlertExpandJob {
  return 'kind' in job && job.kind === 'alert-expand';
}

/** A poison message's body as the CLI shows it. */
export function poisonBody(body: unknown): Pick<PoisonMessage, 'job' | 'chatCommand' | 'alertExpansion' | 'unreadable'> {
  const decoded = decodeQueueMessage(body);
  const chat = decoded.ok ? ChatCommandJobSchema.safeParse(decoded.value) : undefined;
  if (chat?.success) return { chatCommand: describeChatJob(chat.data) };
  const alert = decoded.ok ? AlertExpandJobSchema.safeParse(decoded.value) : undefined;
  if (alert?.success) return { alertExpansion: describeAlertJob(alert.data) };
  const parsed = parseJobMessage(body);
  return parsed.ok ? { job: parsed.job } : { unreadable: parsed.error };
}

/** The work queue (diagnose jobs, queued chat commands, impact analyses, alerts to expand). Storage queue in Azure; memory for the CLI, demo and benchmark. */
export interface JobQueue {
  enqueue(job: QueueJob, options?: QueueOptions): Promise<void>;
  /** Up to 32 poison messages, oldest first, without removing them. */
  peekPoison(options?: QueueOptions): Promise<PoisonMessage[]>;
}

/**
 * In-process queue: jobs wait in `pending` (diagnose jobs) or `chatCommands` until `drain` hands
 * them to a handler; a handler that throws gets the job back up to `maxAttempts` times, then the
 * job goes to `poison` (as the Functions runtime does with maxDequeueCount).
 */
export class MemoryJobQueue implements JobQueue {
  readonly pending: Array<{ job: DiagnoseJob; attempts: number }> = [];
  /** Queued Slack chat commands (kept apart so `pending` stays a list of diagnose jobs). */
  readonly chatCommands: Array<{ job: ChatCommandJob; attempts: number }> = [];
  /** Impact analyses of Azure changes (issue 18). */
  readonly impacts: Array<{ job: ImpactJob; attempts: number }> = [];
  /** Accepted alerts waiting for their Log Analytics read. */
  readonly alertExpansions: Array<{ job: AlertExpandJob; attempts: number }> = [];
  readonly poison: PoisonMessage[] = [];
  /** Delays asked for (seconds), in order; `drain` does not wait them out, it only runs delayed jobs after the others. */
  readonly delays: number[] = [];
  sent = 0;

  constructor(private readonly maxAttempts = 5) {}

  async enqueue(job: QueueJob, options?: QueueOptions): Promise<void> {
    options?.signal?.throwIfAborted();
    if (options?.delaySeconds) this.delays.push(options.delaySeconds);
    if (isAlertExpandJob(job)) this.alertExpansions.push({ job: structuredClone(job), attempts: 0 });
    else if (isImpactJob(job)) this.impacts.push({ job: structuredClone(job), attempts: 0 });
    else if (isChatCommandJob(job)) this.chatCommands.push({ job: structuredClone(job), attempts: 0 });
    else this.pending.push({ job: structuredClone(job), attempts: 0 });
    this.sent++;
  }

  async peekPoison(): Promise<PoisonMessage[]> {
    return this.poison.slice(0, 32);
  }

  /** Runs every pending job (and jobs they enqueue) through `handler`; returns how many ran. */
  async drain(handler: (job: QueueJob, dequeueCount: number) => Promise<unknown>): Promise<number> {
    let ran = 0;
    for (;;) {
      const item: { job: QueueJob; attempts: number } | undefined = this.alertExpansions.shift() ?? this.pending.shift() ?? this.chatCommands.shift() ?? this.impacts.shift();
      if (!item) return ran;
      item.attempts++;
      ran++;
      try {
        await handler(item.job, item.attempts);
      } catch {
        if (item.attempts >= this.maxAttempts) this.poison.push({ messageId: item.job.jobId, insertedOn: new Date().toISOString(), ...poisonBody(item.job) });
        else if (isAlertExpandJob(item.job)) this.alertExpansions.push({ job: item.job, attempts: item.attempts });
        else if (isImpactJob(item.job)) this.impacts.push({ job: item.job, attempts: item.attempts });
        else if (isChatCommandJob(item.job)) this.chatCommands.push({ job: item.job, attempts: item.attempts });
        else this.pending.push({ job: item.job, attempts: item.attempts });
      }
    }
  }
}
