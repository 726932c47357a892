import type { ChatPort } from '../../lib/chat/chat-port';
import { SlackChat } from '../../lib/chat/slack-chat';
import { TeamsChat } from '../../lib/chat/teams-chat';
import { startBotConnectorServer, type ScriptedFailure } from '../helpers/bot-connector-server';
import { startSlackApiServer } from '../helpers/slack-api-server';
import { slackAnswer, type Fault, type Mode, type Step } from './fault-kit';

/**
 * One chat platform for the fault matrix: the real adapter against its local server, the faults a
 * step injects there (Slack Web API scripted answers, Bot Framework connector scripted failures),
 * and the incident messages the channel ends up with (top-level messages / thread-root cards).
 */
export interface ChatRig {
  readonly platform: 'slack' | 'teams';
  readonly chat: ChatPort;
  /** Makes the platform fail the calls of `step` with `fault` (once, or for the whole phase). */
  arm(step: Step, fault: Fault, mode: Mode): void;
  clear(): void;
  /** The channel's incident messages, each as its state: diagnosing…, verdict, could not finish, resolved. */
  messages(): string[];
  /** What the platform was asked, for FAULT_CELL debugging. */
  trace(): string;
  close(): Promise<void>;
}

export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

const CALLS_WHILE_ALWAYS = 60;

const SLACK_TOKEN = 'xoxb-fault-token';
const SLACK_CHANNEL = 'CFAULTS01';

function slackState(text: string | undefined): string {
  if (!text) return 'empty';
  if (/Diagnosing/.test(text)) return 'diagnosing…';
  if (/could not finish/.test(text)) return 'could not finish';
  if (/Resolved/.test(text)) return 'resolved';
  return 'verdict';
}

export async function slackRig(): Promise<ChatRig> {
  const slack = await startSlackApiServer({ token: SLACK_TOKEN, channels: [SLACK_CHANNEL] });
  const chat = new SlackChat({ token: SLACK_TOKEN, channel: SLACK_CHANNEL, slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, timeoutMs: 10_000, minProgressIntervalMs: 0, maxInlineRateLimitWaitMs: 0 });
  return {
    platform: 'slack',
    chat,
    arm(step, fault, mode) {
      if (!['chat-start', 'chat-update', 'resolution'].includes(step)) return;
      slack.script(step === 'chat-start' ? 'chat.postMessage' : 'chat.update', ...Array.from({ length: mode === 'once' ? 1 : CALLS_WHILE_ALWAYS }, () => slackAnswer(fault)));
    },
    clear: () => slack.clearScripts(),
    messages: () => [...slack.messages.values()].filter((m) => !m.thread_ts && m.channel === SLACK_CHANNEL).map((m) => slackState(m.text)),
    trace: () => JSON.stringify({ messages: [...slack.messages.values()].map((m) => [m.ts, m.text?.slice(0, 80), m.edits]), calls: slack.calls.map((c) => c.method) }),
    close: () => slack.close(),
  };
}

const TEAMS_CHANNEL = '19:f0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
const TEAMS_TENANT = '72f988bf-0000-0000-0000-2d7cd011db47';

/** The Bot Framework connector's answer for each fault; a permanent 4xx is the bot removed from the team (create) or the thread gone (update). */
export function connectorAnswer(fault: Fault, kind: 'create' | 'update'): ScriptedFailure {
  switch (fault) {
    case 'throw':
      return { hangMs: 0 };
    case '5xx':
      return { status: 503, code: 'ServiceUnavailable' };
    case '429':
      return { status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 };
    case 'timeout':
      return { hangMs: 300 };
    case '4xx':
      return kind === 'create' ? { status: 403, code: 'BotNotInConversationRoster' } : { status: 404, code: 'ConversationNotFound' };
  }
}

/** A card's state from its activity summary (cardActivity in lib/chat/teams-chat.ts sets one per state). */
function cardState(activity: Record<string, unknown>): string {
  const summary = typeof activity.summary === 'string' ? activity.summary : '';
  if (/^Diagnosing/.test(summary)) return 'diagnosing…';
  if (/^Could not finish/.test(summary)) return 'could not finish';
  if (/^Resolved/.test(summary)) return 'resolved';
  return summary ? 'verdict' : 'empty';
}

export async function teamsRig(): Promise<ChatRig> {
  const server = await startBotConnectorServer({ channels: [TEAMS_CHANNEL] });
  const chat = new TeamsChat({
    channelId: TEAMS_CHANNEL,
    serviceUrl: server.serviceUrl,
    tenantId: TEAMS_TENANT,
    minProgressIntervalMs: 0,
    timeoutMs: 10_000,
    // As the Slack rig: no retries inside a call, no Retry-After waited in it (the queue and the outbox do the retrying).
    retry: { maxRetries: 0, maxInlineWaitMs: 0 },
  });
  return {
    platform: 'teams',
    chat,
    arm(step, fault, mode) {
      if (!['chat-start', 'chat-update', 'resolution'].includes(step)) return;
      const kind = step === 'chat-start' ? 'create' : 'update';
      server.fail(kind, ...Array.from({ length: mode === 'once' ? 1 : CALLS_WHILE_ALWAYS }, () => connectorAnswer(fault, kind)));
    },
    clear: () => server.clearFailures(),
    // The incident card is the root of the thread createConversation started (conversation `<channel>;messageid=<id>`).
    messages: () => [...server.activities.values()].filter((a) => !a.replyToId && a.conversationId === `${TEAMS_CHANNEL};messageid=${a.id}`).map((a) => cardState(a.activity)),
    trace: () => JSON.stringify({ cards: [...server.activities.values()].map((a) => [a.id, a.replyToId, a.activity.summary, a.updates]), calls: server.requests.map((r) => `${r.method} ${r.activityId ?? ''}`) }),
    close: () => server.close(),
  };
}
