import type { ChatActor } from '../authz/chat-access';
import { BackgroundWork, settlesWithin } from '../commands/background-work';
import type { CommandContext, CommandReply, CommandServices } from '../commands/command-context';
import { handleChatText, handleCommand } from '../commands/handle-command';
import { RecentKeys } from '../intake/recent-keys';
import type { Logger } from '../intake/logger';
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

/**
 * Runs a command and answers within the ack budget: a command that finished by then answers in the
 * HTTP response (slash commands) or through response_url (buttons); a longer one (a diagnosis)
 * answers "working on it" and delivers through response_url when done.
 */
async function runAndAnswer(
  deps: SlackHandlerDeps,
  responseUrl: string,
  inlineAnswer: boolean,
  workingText: string,
  run: (reply: (message: CommandReply) => Promise<void>) => Promise<unknown>,
): Promise<SlackHttpAnswer> {
  const collected: Array<Record<string, unknown>> = [];
  let acked = false;
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
    const body = slackReplyMessage(message, deps.render);
    if (acked) await post(body);
    else collected.push(body);
  };
  const work = run(reply);
  const finished = await settlesWithin(work, deps.ackBudgetMs ?? 1_500);
  acked = true;
  if (finished && inlineAnswer && collected.length <= 1) {
    return { status: 200, jsonBody: collected[0] ?? { response_type: 'ephemeral', text: 'Done.' } };
  }
  for (const body of collected) void post(body);
  (deps.background ?? defaultBackground).track(work.then(() => chain));
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
  return runAndAnswer(deps, body.response_url, true, '⏳ Working on it — the answer follows here.', (reply) => {
    const ctx: CommandContext = { actor, services: deps.services, reply };
    return handleChatText(ctx, body.text);
  });
}

/** POST /api/slack/interactions: the buttons under a diagnosis (`payload=` form field). */
export async function handleSlackInteraction(deps: SlackHandlerDeps, request: SlackHttpRequest): Promise<SlackHttpAnswer> {
  const early = await admit(deps, request, 'interaction', () => {
    const parsed = parseBlockActions(request.rawBody);
    if (!parsed.ok || responseUrlProblem(parsed.value.response_url, deps.responseUrl) || !commandOfAction(parsed.value.actions[0]!).ok) return undefined;
    return `${parsed.value.trigger_id}|${parsed.value.actions[0]!.action_ts ?? ''}`;
  });
  if (early) return early;
  const parsed = parseBlockActions(request.rawBody);
  if (!parsed.ok) return refuse(deps.log, 'interaction', 400, parsed.error);
  const body = parsed.value;
  const urlProblem = responseUrlProblem(body.response_url, deps.responseUrl);
  if (urlProblem) return refuse(deps.log, 'interaction', 400, urlProblem);
  const action = commandOfAction(body.actions[0]!);
  if (!action.ok) return refuse(deps.log, 'interaction', 400, action.error);
  const actor: ChatActor = {
    platform: 'slack',
    userId: body.user.id,
    userName: body.user.username ?? body.user.name,
    channelId: body.channel?.id,
    teamId: body.team?.id,
  };
  const command = action.command;
  return runAndAnswer(deps, body.response_url, false, '', (reply) => {
    const ctx: CommandContext = { actor, thread: 'incident' in command ? command.incident : undefined, services: deps.services, reply };
    return handleCommand(ctx, command);
  });
}
