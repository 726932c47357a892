import type { ChatActor } from '../authz/chat-access';
import { BackgroundWork, settlesWithin } from '../commands/background-work';
import type { CommandContext, CommandReply, CommandServices } from '../commands/command-context';
import { READ_ONLY_VERBS } from '../commands/chat-command-schema';
import { handleChatText, handleCommand } from '../commands/handle-command';
import { parseCommand, type ChatCommand } from '../commands/parse-command';
import { RecentKeys } from '../intake/recent-keys';
import type { Logger } from '../intake/logger';
import { newChatCommandJob } from '../queue/chat-command-job';
import type { RenderOptions } from '../render/report-view';
import { postToResponseUrl, responseUrlProblem, type ResponseUrlOptions } from './response-url';
import { commandOfAction, parseBlockActions, parseSlashCommand } from './slack-payloads';
import { slackReplyMessage } from './slack-reply';
import { verifySlackRequest, type HeaderSource } from './verify-slack-request';

export interface SlackHandlerDeps {
  services: CommandServices;
  /** SLACK_SIGNING_SECRET; unset = every Slack request is refused. */
  signingSecret: string | undefined;
  log: Logger;
  responseUrl?: ResponseUrlOptions;
  render?: RenderOptions;
  /** How long the HTTP answer may wait for the command itself (Slack gives up after 3 s). Default 1.5 s (cold starts and network eat the rest). */
  ackBudgetMs?: number;
  background?: BackgroundWork;
  /** Unix seconds (tests). */
  nowSeconds?: () => number;
}

export interface SlackHttpRequest {
  headers: HeaderSource;
  rawBody: string;
}

export interface SlackHttpAnswer {
  status: number;
  jsonBody?: Record<string, unknown>;
}

/** Slack request ids handled in this process; the incident store's processed-event records hold them across instances. */
const recentTriggers = new RecentKeys(5_000);
const defaultBackground = new BackgroundWork();

function refuse(log: Logger, what: string, status: number, error: string): SlackHttpAnswer {
  log.warn(`slack ${what}: ${status} ${error}`);
  return { status, jsonBody: { error } };
}

/** The durable record of a handled request; when storage fails, this process's memory still dedupes. */
async function recordOnce(deps: SlackHandlerDeps, key: string): Promise<boolean> {
  try {
    return await deps.services.incidents.markProcessed(key);
  } catch (error) {
    deps.log.warn(`slack: could not record request ${key} as handled (${error instanceof Error ? error.message : String(error)}); deduplicating in memory only`);
    return true;
  }
}

/**
 * Signature first, then the body. Returns the parsed body's text fields only when both hold.
 * A replay of a handled request id (trigger_id) does nothing: Slack's own retries (X-Slack-Retry-Num)
 * get 200 so they stop, anything else 401.
 */
async function admit(deps: SlackHandlerDeps, request: SlackHttpRequest, what: string, triggerId: () => string | undefined): Promise<SlackHttpAnswer | undefined> {
  if (!deps.signingSecret) return refuse(deps.log, what, 503, 'Slack requests are refused: SLACK_SIGNING_SECRET is not set');
  const verified = verifySlackRequest(request.headers, request.rawBody, { signingSecret: deps.signingSecret, nowSeconds: deps.nowSeconds?.() });
  if (!verified.ok) return refuse(deps.log, what, verified.status, verified.error);
  const trigger = triggerId();
  if (!trigger) return undefined;
  const key = `slack|${trigger}`;
  const first = !recentTriggers.has(key) && (await recordOnce(deps, key));
  recentTriggers.add(key);
  if (first) return undefined;
  if (request.headers.get('x-slack-retry-num')) {
    deps.log.info(`slack ${what}: retry ${request.headers.get('x-slack-retry-num')} of a request already accepted; not run again`);
    return { status: 200, jsonBody: {} };
  }
  return refuse(deps.log, what, 401, 'replayed request: this Slack request was handled already');
}

/** A read-only command that may move to the queue when it outlives the ack budget. */
interface HandOff {
  command: ChatCommand;
  actor: ChatActor;
  thread?: string;
}

/** Part of Slack's 3 s left after the ack budget; a queue slower than this keeps the command here. */
const ENQUEUE_BUDGET_MS = 1_000;

/** Queues a chat command job; false (and one log line) when the queue cannot take it now. */
async function handOffToQueue(deps: SlackHandlerDeps, handOff: HandOff, responseUrl: string, followUp: boolean): Promise<boolean> {
  const verb = handOff.command.verb;
  try {
    const job = newChatCommandJob({
      actor: { platform: 'slack', userId: handOff.actor.userId, userName: handOff.actor.userName, channelId: handOff.actor.channelId, teamId: handOff.actor.teamId },
      ...(handOff.thread ? { thread: handOff.thread } : {}),
      command: handOff.command,
      responseUrl,
      followUp,
    });
    await deps.services.queue.enqueue(job, { signal: AbortSignal.timeout(ENQUEUE_BUDGET_MS) });
    deps.log.info(`slack: ${verb} outlived the ack budget; queued as chat command job ${job.jobId}`);
    return true;
  } catch (error) {
    deps.log.warn(`slack: could not queue ${verb} (${error instanceof Error ? error.message : String(error)}); finishing it in this process`);
    return false;
  }
}

/**
 * Runs a command and answers within the ack budget: a command that finished by then answers in the
 * HTTP response (slash commands) or through response_url (buttons). A longer read-only one (a
 * diagnosis) is cancelled here and queued as a chat command job, which survives this instance
 * and answers through response_url; anything else (or when the queue fails) finishes in this
 * process after "working on it".
 */
async function runAndAnswer(
  deps: SlackHandlerDeps,
  answer: { responseUrl: string; inlineAnswer: boolean; workingText: string; handOff?: HandOff },
  run: (reply: (message: CommandReply) => Promise<void>, signal: AbortSignal) => Promise<unknown>,
): Promise<SlackHttpAnswer> {
  const { responseUrl, inlineAnswer, workingText } = answer;
  const collected: Array<Record<string, unknown>> = [];
  // inline: replies wait for the HTTP answer; background: they go to response_url; queued: the job answers, these are dropped.
  let mode: 'inline' | 'background' | 'queued' = 'inline';
  let chain: Promise<void> = Promise.resolve();
  const post = (message: Record<string, unknown>) => {
    chain = chain.then(() =>
      postToResponseUrl(responseUrl, inlineAnswer ? message : { ...message, replace_original: false }, deps.responseUrl).catch((error: unknown) =>
        deps.log.error(`slack: could not deliver a reply through response_url: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
    return chain;
  };
  const reply = async (message: CommandReply) => {
    if (mode === 'queued') return;
    const body = slackReplyMessage(message, deps.render);
    if (mode === 'background') await post(body);
    else collected.push(body);
  };
  const cancel = new AbortController();
  const work = run(reply, cancel.signal);
  const finished = await settlesWithin(work, deps.ackBudgetMs ?? 1_500);
  const background = deps.background ?? defaultBackground;
  if (finished && inlineAnswer && collected.length <= 1) {
    return { status: 200, jsonBody: collected[0] ?? { response_type: 'ephemeral', text: 'Done.' } };
  }
  if (!finished && answer.handOff && (await handOffToQueue(deps, answer.handOff, responseUrl, !inlineAnswer))) {
    mode = 'queued';
    cancel.abort(new Error('handed over to the queue'));
    background.track(work);
    return { status: 200, jsonBody: inlineAnswer ? { response_type: 'ephemeral', text: workingText } : {} };
  }
  mode = 'background';
  for (const body of collected) void post(body);
  background.track(work.then(() => chain));
  return { status: 200, jsonBody: inlineAnswer ? { response_type: 'ephemeral', text: workingText } : {} };
}

/** POST /api/slack/commands: `/pull-doctor <verb> …`. */
export async function handleSlackCommand(deps: SlackHandlerDeps, request: SlackHttpRequest): Promise<SlackHttpAnswer> {
  // A body that will be refused below records no request id: rejected input leaves nothing behind.
  const early = await admit(deps, request, 'command', () => {
    const parsed = parseSlashCommand(request.rawBody);
    return parsed.ok && !responseUrlProblem(parsed.value.response_url, deps.responseUrl) ? parsed.value.trigger_id : undefined;
  });
  if (early) return early;
  const parsed = parseSlashCommand(request.rawBody);
  if (!parsed.ok) return refuse(deps.log, 'command', 400, parsed.error);
  const body = parsed.value;
  const urlProblem = responseUrlProblem(body.response_url, deps.responseUrl);
  if (urlProblem) return refuse(deps.log, 'command', 400, urlProblem);
  const actor: ChatActor = { platform: 'slack', userId: body.user_id, userName: body.user_name, channelId: body.channel_id, teamId: body.team_id };
  const parsedCommand = parseCommand(body.text);
  const handOff = parsedCommand.ok && READ_ONLY_VERBS.has(parsedCommand.command.verb) ? { command: parsedCommand.command, actor } : undefined;
  const answer = { responseUrl: body.response_url, inlineAnswer: true, workingText: '⏳ Working on it — the answer follows here.', handOff };
  return runAndAnswer(deps, answer, (reply, signal) => {
    const ctx: CommandContext = { actor, services: deps.services, reply, signal };
    return handleChatText(ctx, body.text);
  });
}

/** POST /api/slack/interactions: the buttons under a diagnosis (`payload=` form field). */
export async function handleSlackInteraction(deps: SlackHandlerDeps, request: SlackHttpRequest): Promise<SlackHttpAnswer> {
  const early = await admit(deps, request, 'interaction', () => {
    const parsed = parseBlockActions(request.rawBody);
    if (!parsed.ok || !parsed.value.response_url || responseUrlProblem(parsed.value.response_url, deps.responseUrl) || !commandOfAction(parsed.value.actions[0]!).ok) return undefined;
    return `${parsed.value.trigger_id}|${parsed.value.actions[0]!.action_ts ?? ''}`;
  });
  if (early) return early;
  const parsed = parseBlockActions(request.rawBody);
  if (!parsed.ok) {
    // A signed interaction pull-doctor has no use for (a shortcut, a modal): Slack shows an error for any non-200.
    if (parsed.other) return declineInteraction(deps, parsed.error, parsed.other.response_url);
    return refuse(deps.log, 'interaction', 400, parsed.error);
  }
  const body = parsed.value;
  const urlProblem = body.response_url ? responseUrlProblem(body.response_url, deps.responseUrl) : undefined;
  if (urlProblem) return refuse(deps.log, 'interaction', 400, urlProblem);
  const action = commandOfAction(body.actions[0]!);
  if (!action.ok) return declineInteraction(deps, action.error, body.response_url);
  if (!body.response_url) {
    return declineInteraction(deps, `a button outside a message (${body.container?.type ?? 'no container'}) has no response_url to answer`, undefined);
  }
  const actor: ChatActor = {
    platform: 'slack',
    userId: body.user.id,
    userName: body.user.username ?? body.user.name,
    channelId: body.channel?.id,
    teamId: body.team?.id,
  };
  const command = action.command;
  const thread = 'incident' in command ? command.incident : undefined;
  const handOff = READ_ONLY_VERBS.has(command.verb) ? { command, actor, ...(thread ? { thread } : {}) } : undefined;
  const responseUrl = body.response_url;
  return runAndAnswer(deps, { responseUrl, inlineAnswer: false, workingText: '', handOff }, (reply, signal) => {
    const ctx: CommandContext = { actor, thread, services: deps.services, reply, signal };
    return handleCommand(ctx, command);
  });
}

/**
 * A signed interaction pull-doctor cannot honour (App Home, a stale message, an unknown button, a
 * shortcut): 200 at once, one log line, and an ephemeral note through response_url when there is one.
 */
function declineInteraction(deps: SlackHandlerDeps, why: string, responseUrl: string | undefined): SlackHttpAnswer {
  deps.log.info(`slack interaction: not run: ${why}`);
  if (responseUrl && !responseUrlProblem(responseUrl, deps.responseUrl)) {
    const note = {
      response_type: 'ephemeral',
      replace_original: false,
      text: `pull-doctor could not run that: ${why}. Use /pull-doctor help for the commands, or the buttons of the incident's latest message.`,
    };
    (deps.background ?? defaultBackground).track(
      postToResponseUrl(responseUrl, note, deps.responseUrl).catch((error: unknown) =>
        deps.log.error(`slack: could not post the note through response_url: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  }
  return { status: 200, jsonBody: {} };
}
