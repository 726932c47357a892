import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import { Application, type AdaptiveCard as TeamsAiCard } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { ChatActor } from '../authz/chat-access';
import type { CommandContext, CommandReply, CommandServices } from '../commands/command-context';
import { handleChatText, handleCommand } from '../commands/handle-command';
import { parseCommand, parseDuration, type ChatCommand } from '../commands/parse-command';
import type { CardVerb } from '../render/actions';
import { renderAdaptiveCard } from '../render/adaptive-card';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';

export interface TeamsBotDeps {
  services: CommandServices;
  render?: RenderOptions;
}

const CARD_VERBS: CardVerb[] = ['recheck', 'mute', 'resolve', 'show_checks'];

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
  const app = new Application({ startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false });
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
    // A diagnosis takes seconds: show the typing indicator meanwhile.
    if (parsed.ok && ['diagnose-pod', 'diagnose-image', 'why'].includes(parsed.command.verb)) await turn.sendActivity({ type: ActivityTypes.Typing });
    const thread = await threadIncident(services, turn.activity);
    await handleChatText(contextFor(turn, thread, send(turn), thread !== undefined), text);
  });

  app.error(async (turn, error) => {
    services.log.error(`teams: turn failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    await turn.sendActivity({ type: ActivityTypes.Message, text: 'Sorry, pull-doctor hit an error; it is logged.', textFormat: 'plain' }).catch(() => undefined);
  });
  return app;
}
