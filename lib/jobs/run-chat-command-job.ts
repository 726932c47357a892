import type { CommandContext, CommandReply, CommandServices } from '../commands/command-context';
import { handleCommand } from '../commands/handle-command';
import type { IncidentStore } from '../incidents/incident-store';
import type { Logger } from '../intake/logger';
import { ChatCommandJobSchema, RESPONSE_URL_LIFETIME_MS, type ChatCommandJob } from '../queue/chat-command-job';
import { decodeQueueMessage } from '../queue/diagnose-job';
import type { RenderOptions } from '../render/report-view';
import { postToResponseUrl, responseUrlProblem, SlackResponseUrlError, type ResponseUrlOptions } from '../slack/response-url';
import { slackReplyMessage } from '../slack/slack-reply';

export interface ChatJobDeps {
  services: CommandServices;
  log: Logger;
  responseUrl?: ResponseUrlOptions;
  render?: RenderOptions;
  now?: () => Date;
}

export type ChatJobOutcome = 'answered' | 'skipped:invalid' | 'skipped:expired' | 'skipped:answered';

/** Slack stops accepting a response_url after 30 minutes; a job that old is not worth running. A minute is left for the command itself. */
const RUN_WITHIN_MS = RESPONSE_URL_LIFETIME_MS - 60_000;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function issues(error: { issues: Array<{ path: Array<string | number>; message: string }> }): string {
  // Paths and messages only: zod's messages here never repeat the value (the response_url is a secret).
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

/** Processed-event key: a redelivered job whose answer was posted is not answered twice. */
function answeredKey(job: ChatCommandJob): string {
  return `chat-job|${job.jobId}`;
}

async function alreadyAnswered(store: IncidentStore, job: ChatCommandJob, log: Logger, signal?: AbortSignal): Promise<boolean> {
  try {
    return await store.hasProcessed(answeredKey(job), { signal });
  } catch (error) {
    log.warn(`chat command job ${job.jobId}: could not read whether it was answered (${reasonOf(error)}); answering`);
    return false;
  }
}

/**
 * The queue trigger's work for a Slack command that outlived the ack budget: run the command
 * (lib/commands, which authorises again: the actor's rights may have changed since) and post every
 * reply to the request's response_url. An unreadable job or one whose response_url expired is
 * dropped with one log line, as is one Slack refuses (4xx: expired or used up); a network error or
 * a 5xx from Slack throws so the runtime retries.
 */
export async function runChatCommandJob(message: unknown, deps: ChatJobDeps, meta: { dequeueCount?: number; signal?: AbortSignal } = {}): Promise<ChatJobOutcome> {
  const decoded = decodeQueueMessage(message);
  const parsed = decoded.ok ? ChatCommandJobSchema.safeParse(decoded.value) : undefined;
  if (!parsed?.success) {
    // Retrying cannot fix a message we cannot read; say so once and let it go.
    deps.log.error(`chat command job: unreadable message dropped (${decoded.ok ? issues(parsed!.error!) : decoded.error})`);
    return 'skipped:invalid';
  }
  const job = parsed.data;
  const now = (deps.now ?? (() => new Date()))();
  const ageMs = now.getTime() - Date.parse(job.requestedAt);
  if (ageMs > RUN_WITHIN_MS) {
    deps.log.warn(`chat command job ${job.jobId}: ${job.command.verb} asked ${Math.round(ageMs / 60_000)} min ago; Slack's response_url has expired, dropped`);
    return 'skipped:expired';
  }
  const urlProblem = responseUrlProblem(job.responseUrl, deps.responseUrl);
  if (urlProblem) {
    deps.log.error(`chat command job ${job.jobId}: unreadable message dropped (${urlProblem})`);
    return 'skipped:invalid';
  }
  const { services } = deps;
  if (await alreadyAnswered(services.incidents, job, deps.log, meta.signal)) {
    deps.log.info(`chat command job ${job.jobId}: answered already (redelivered); not run again`);
    return 'skipped:answered';
  }

  const replies: CommandReply[] = [];
  const ctx: CommandContext = {
    actor: job.actor,
    ...(job.thread ? { thread: job.thread } : {}),
    services,
    reply: async (reply) => void replies.push(reply),
    signal: meta.signal,
  };
  const outcome = await handleCommand(ctx, job.command);
  // Out of time (the host's budget): nothing was answered, so let the runtime run it again.
  if (meta.signal?.aborted) throw new Error(`chat command job ${job.jobId}: ${job.command.verb} ran out of time`);

  for (const reply of replies) {
    const body = slackReplyMessage(reply, deps.render);
    try {
      await postToResponseUrl(job.responseUrl, job.followUp ? { ...body, replace_original: false } : body, { ...deps.responseUrl, signal: meta.signal });
    } catch (error) {
      // 4xx: Slack refuses this URL for good (expired, used 5 times, or not a response_url here). Retrying cannot help.
      if (error instanceof SlackResponseUrlError && error.statusCode !== undefined && error.statusCode < 500) {
        deps.log.warn(`chat command job ${job.jobId}: ${job.command.verb} → ${outcome}, but Slack refused the answer (${error.message}); dropped`);
        return 'skipped:expired';
      }
      deps.log.error(`chat command job ${job.jobId} (attempt ${meta.dequeueCount ?? 1}): answer not delivered (${reasonOf(error)}); will retry`);
      throw error;
    }
  }
  try {
    await services.incidents.markProcessed(answeredKey(job), { signal: meta.signal });
  } catch (error) {
    deps.log.warn(`chat command job ${job.jobId}: answered, but not recorded as answered (${reasonOf(error)})`);
  }
  deps.log.info(`chat command job ${job.jobId}: ${job.command.verb} by slack user ${job.actor.userId} → ${outcome}, answered through response_url`);
  return 'answered';
}
