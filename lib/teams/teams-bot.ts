import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, INVOKE_RESPONSE_KEY, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { Application, type AdaptiveCard as TeamsAiCard } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { ChatActor } from '../authz/chat-access';
import type { CommandContext, CommandReply, CommandServices } from '../commands/command-context';
import { handleChatText, handleCommand } from '../commands/handle-command';
import { HELP_TEXT, parseCommand, parseDuration, type ChatCommand } from '../commands/parse-command';
import type { CardVerb } from '../render/actions';
import { escapeCardMarkdown, renderAdaptiveCard } from '../render/adaptive-card';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';

export interface TeamsBotDeps {
  services: CommandServices;
  render?: RenderOptions;
}

const CARD_VERBS: CardVerb[] = ['recheck', 'mute', 'resolve', 'show_checks', 'warning_recheck', 'warning_mute', 'warning_intended'];

/** `data` of a warning card's buttons (issue 18). */
const WarningCardDataSchema = z.object({ warningId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a warning id'), duration: z.string().max(8).optional() });

/** `data` of the diagnosis card's buttons (lib/render/actions.ts CardActionData), parsed at the edge. */
const CardDataSchema = z.object({
  incidentId: z.string().regex(/^[0-9a-f]{32}$/, 'must be an incident id'),
  duration: z.string().max(8).optional(),
});

const ChannelDataSchema = z
  .object({
    channel: z.object({ id: z.string() }).partial().optional(),
    team: z.object({ id: z.string(), aadGroupId: z.string() }).partial().optional(),
  })
  .passthrough();

/** Who wrote, from the activity Bot Framework authenticated. */
export function teamsActor(activity: Partial<Activity>): ChatActor {
  const channelData = ChannelDataSchema.safeParse(activity.channelData ?? {});
  const cd = channelData.success ? channelData.data : {};
  const groupId = cd.team?.aadGroupId;
  return {
    platform: 'teams',
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
    ...(activity.from?.name ? { userName: activity.from.name } : {}),
    ...(cd.channel?.id ? { channelId: cd.channel.id } : {}),
    ...(cd.team?.id ? { teamId: cd.team.id } : {}),
    ...(groupId ? { groups: [groupId] } : {}),
  };
}

/**
 * The incident whose thread this is: Teams names a channel thread `19:…@thread.tacv2;messageid=<root
 * activity id>`, and TeamsChat stored that conversation and the root activity id on the incident.
 */
export async function threadIncident(services: CommandServices, activity: Partial<Activity>, signal?: AbortSignal): Promise<string | undefined> {
  const conversationId = activity.conversation?.id;
  if (!conversationId) return undefined;
  const rootId = /;messageid=([^;]+)$/.exec(conversationId)?.[1];
  const incidents = await services.incidents.list(undefined, { signal });
  const match = incidents.find((i) => {
    if (i.chat?.platform !== 'teams') return false;
    const reference = i.chat.conversationReference as { conversation?: { id?: unknown } } | undefined;
    return reference?.conversation?.id === conversationId || (!!rootId && i.chat.activityId === rootId);
  });
  return match?.id;
}

/**
 * Bot Framework may deliver an activity again when the bot answered slowly; a message (or submit)
 * id seen before is not run twice (processed-event record in the incident store).
 */
async function firstDelivery(services: CommandServices, activity: Partial<Activity>): Promise<boolean> {
  if (!activity.id || !activity.conversation?.id) return true;
  let first = true;
  try {
    first = await services.incidents.markProcessed(`teams|${activity.conversation.id}|${activity.id}`);
  } catch (error) {
    services.log.warn(`teams: could not record activity ${activity.id} as handled: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!first) services.log.info(`teams: activity ${activity.id} delivered again; not run twice`);
  return first;
}

function replyActivity(reply: CommandReply, render: RenderOptions | undefined): Partial<Activity> {
  if (reply.kind === 'text') return { type: ActivityTypes.Message, text: redact(reply.text), textFormat: 'plain' };
  const card = renderAdaptiveCard(reply.diagnosis, reply.incident, { ...render, showAllChecks: reply.showAllChecks });
  return { type: ActivityTypes.Message, summary: redact(reply.diagnosis.verdict.summary).slice(0, 250), attachments: [CardFactory.adaptiveCard(card)] };
}

function commandOfCard(verb: string, data: unknown): { ok: true; command: ChatCommand } | { ok: false; error: string } {
  if (verb.startsWith('warning_')) {
    const w = WarningCardDataSchema.safeParse(data);
    if (!w.success) return { ok: false, error: 'the button carries no valid warning id' };
    const warning = w.data.warningId;
    if (verb === 'warning_recheck') return { ok: true, command: { verb: 'warning-recheck', warning } };
    if (verb === 'warning_intended') return { ok: true, command: { verb: 'warning-intended', warning } };
    const ms = parseDuration(w.data.duration ?? '24h');
    if (verb === 'warning_mute' && ms.ok) return { ok: true, command: { verb: 'warning-mute', duration: w.data.duration ?? '24h', durationMs: ms.ms, warning } };
    return { ok: false, error: `unknown button verb ${JSON.stringify(verb.slice(0, 40))}` };
  }
  const parsed = CardDataSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: 'the button carries no valid incident id' };
  const incident = parsed.data.incidentId;
  switch (verb) {
    case 'recheck':
      return { ok: true, command: { verb: 'recheck', incident } };
    case 'resolve':
      return { ok: true, command: { verb: 'resolve', incident } };
    case 'show_checks':
      return { ok: true, command: { verb: 'why', incident } };
    case 'mute': {
      const duration = parsed.data.duration ?? '1h';
      const ms = parseDuration(duration);
      return ms.ok ? { ok: true, command: { verb: 'mute', duration, durationMs: ms.ms, incident } } : { ok: false, error: ms.error };
    }
    default:
      return { ok: false, error: `unknown button verb ${JSON.stringify(verb.slice(0, 40))}` };
  }
}

/**
 * The Teams bot: a @microsoft/teams-ai Application whose routes feed the platform-neutral command
 * handlers. Text (`@pull-doctor diagnose …`, the mention stripped by teams-ai), Action.Execute
 * (Universal Actions, answered in the invoke response) and Action.Submit (older clients, answered
 * in the thread) reach the same handlers. Replies land in the conversation the activity came
 * from, which for a channel thread is the incident's thread.
 */
export function createTeamsBot(deps: TeamsBotDeps): Application {
  const app = new PullDoctorTeamsApplication(deps.services.log);
  const { services } = deps;

  const contextFor = (turn: TurnContext, thread: string | undefined, reply: CommandContext['reply'], inThread: boolean): CommandContext => ({
    actor: teamsActor(turn.activity),
    ...(thread ? { thread } : {}),
    inThread,
    services,
    reply,
  });
  const send = (turn: TurnContext) => async (reply: CommandReply) => {
    await turn.sendActivity(replyActivity(reply, deps.render));
  };

  // Universal Actions: the invoke must be answered in Teams' 5 s; text answers show as a toast
  // message, a diagnosis (Show all checks) replaces the card for the person who pressed it.
  app.adaptiveCards.actionExecute<Record<string, unknown>>(CARD_VERBS, async (turn, _state, data) => {
    const verb = String((turn.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb ?? '');
    const command = commandOfCard(verb, data);
    if (!command.ok) {
      services.log.warn(`teams: card action refused: ${command.error}`);
      return `Sorry, ${command.error}.`;
    }
    const texts: string[] = [];
    let card: TeamsAiCard | undefined;
    await handleCommand(
      // The invoke answer is a toast for the presser only, so the thread hears of it separately.
      contextFor(
        turn,
        'incident' in command.command ? command.command.incident : undefined,
        async (reply) => {
          if (reply.kind === 'text') texts.push(redact(reply.text));
          else card = renderAdaptiveCard(reply.diagnosis, reply.incident, { ...deps.render, showAllChecks: reply.showAllChecks }) as unknown as TeamsAiCard;
        },
        false,
      ),
      command.command,
    );
    return card ?? (texts.join('\n') || 'Done.');
  });

  // Action.Submit fallback: data carries `verb` (teams-ai's default actionSubmitFilter).
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(CARD_VERBS, async (turn, _state, data) => {
    if (!(await firstDelivery(services, turn.activity))) return;
    const command = commandOfCard(String(data.verb ?? ''), data);
    if (!command.ok) {
      services.log.warn(`teams: card submit refused: ${command.error}`);
      await turn.sendActivity({ type: ActivityTypes.Message, text: `Sorry, ${command.error}.`, textFormat: 'plain' });
      return;
    }
    const incident = 'incident' in command.command ? command.command.incident : undefined;
    const thread = await threadIncident(services, turn.activity);
    await handleCommand(contextFor(turn, incident, send(turn), thread !== undefined && thread === incident), command.command);
  });

  app.activity(ActivityTypes.Message, async (turn) => {
    const text = turn.activity.text ?? '';
    if (!text.trim() && turn.activity.value) {
      await turn.sendActivity({ type: ActivityTypes.Message, text: 'Sorry, that button is not one pull-doctor knows.', textFormat: 'plain' });
      return;
    }
    if (!(await firstDelivery(services, turn.activity))) return;
    const parsed = parseCommand(text);
    if (!parsed.ok && /^unknown command/.test(parsed.error)) {
      // A thread reply between people ("looking into it") is not a command: say what the bot does, once.
      services.log.info(`teams: message is not a command; answered with help`);
      await turn.sendActivity({ type: ActivityTypes.Message, text: `pull-doctor reads only its commands here.\n${HELP_TEXT}`, textFormat: 'plain' });
      return;
    }
    // A diagnosis takes seconds: show the typing indicator meanwhile.
    if (parsed.ok && ['diagnose-pod', 'diagnose-image', 'why', 'audit', 'warning-recheck'].includes(parsed.command.verb)) await turn.sendActivity({ type: ActivityTypes.Typing });
    const thread = await threadIncident(services, turn.activity);
    await handleChatText(contextFor(turn, thread, send(turn), thread !== undefined), text);
  });

  return app;
}

/** What the card's buttons do, for a press the bot cannot map to one (old card, missing or unknown verb). */
export function buttonsHelpCard(problem: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // The verb came from outside: card Markdown is escaped.
      { type: 'TextBlock', text: `pull-doctor could not run that button: ${escapeCardMarkdown(problem)}.`, wrap: true, weight: 'Bolder' },
      {
        type: 'FactSet',
        facts: [
          { title: 'Re-check', value: 'diagnose the incident again now' },
          { title: 'Mute 1 h / 24 h', value: 'stop updates for a while' },
          { title: 'Resolve', value: 'close the incident' },
          { title: 'Show all checks', value: 'the full evidence' },
        ],
      },
      { type: 'TextBlock', text: 'Buttons on older cards may no longer work: mention @pull-doctor with recheck, why, mute or resolve in the incident thread.', wrap: true, isSubtle: true },
    ],
  };
}

function apologyCard(reference: string): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Sorry, pull-doctor hit an error handling that.', wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: `It is logged with reference ${reference}; try again, or ask your pull-doctor admins.`, wrap: true },
    ],
  };
}

/**
 * The invoke answer when no route answered. Teams shows an error for any non-200 invoke answer
 * (CloudAdapter's default is 501 with an empty body), so every invoke gets a 200 that says what happened.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
 */
export function unansweredInvoke(activity: Partial<Activity>): InvokeResponse {
  const name = activity.name ?? '';
  if (name === 'adaptiveCard/action') {
    const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    const problem = typeof verb === 'string' && verb ? `it asked for "${verb.slice(0, 40)}", which pull-doctor does not know` : 'it carries no verb';
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: buttonsHelpCard(problem) } };
  }
  const text = 'pull-doctor does not support this here; mention @pull-doctor help in a channel for its commands.';
  if (name.startsWith('composeExtension/')) return { status: 200, body: { composeExtension: { type: 'message', text } } };
  if (name.startsWith('task/')) return { status: 200, body: { task: { type: 'message', value: text } } };
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

/**
 * The Application with the turn wrapped: teams-ai attaches `app.error` only to an adapter it owns,
 * and ours is built at the HTTP edge, so a thrown turn would reach CloudAdapter, which answers 500
 * with the raw error message. Here the error is logged with a reference, the user gets an apology
 * card (in the invoke answer for invokes), and an invoke no route answered gets a polite 200.
 */
class PullDoctorTeamsApplication extends Application {
  constructor(private readonly log: TeamsBotDeps['services']['log']) {
    super({ startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false });
  }

  override async run(turn: TurnContext): Promise<boolean> {
    const isInvoke = turn.activity.type === ActivityTypes.Invoke;
    try {
      const handled = await super.run(turn);
      if (isInvoke && !turn.turnState.get(INVOKE_RESPONSE_KEY)) {
        this.log.info(`teams: invoke ${JSON.stringify(String(turn.activity.name ?? '').slice(0, 60))} has no handler; answered 200 with an explanation`);
        await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: unansweredInvoke(turn.activity) });
      }
      return handled;
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      this.log.error(`teams: turn failed (reference ${reference}, ${turn.activity.type}${turn.activity.name ? ` ${turn.activity.name}` : ''}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      const card = CardFactory.adaptiveCard(apologyCard(reference));
      try {
        if (isInvoke) {
          const body = turn.activity.name === 'adaptiveCard/action' ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content } : unansweredInvoke({ name: turn.activity.name }).body;
          turn.turnState.set(INVOKE_RESPONSE_KEY, { type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
        } else {
          await turn.sendActivity({ type: ActivityTypes.Message, attachments: [card] });
        }
      } catch (answerError) {
        this.log.error(`teams: could not send the apology (reference ${reference}): ${answerError instanceof Error ? answerError.message : String(answerError)}`);
      }
      return true;
    }
  }
}
