import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ChatCommandSchema } from '../commands/chat-command-schema';
import { responseUrlProblem } from '../slack/response-url';

/**
 * A Slack chat command that outlived the ack budget, on the same queue as diagnose jobs (told apart
 * by `kind`). It carries the command as parsed and validated in the request, who asked, and the
 * Slack response_url to answer through. The URL is a bearer capability (anyone holding it can post
 * into the channel for 30 minutes): it is checked here like in the request and never logged.
 */
const SLACK_ID = /^[A-Z0-9][A-Z0-9_.-]{1,40}$/;
const slackId = z.string().regex(SLACK_ID, 'must be a Slack id');

/** Slack: a response_url works for 30 minutes (https://api.slack.com/interactivity/handling#message_responses). */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export const ChatCommandJobSchema = z.object({
  kind: z.literal('chat-command'),
  jobId: z.string().uuid(),
  /** When Slack sent the request: the response_url expires 30 minutes later. */
  requestedAt: z.string().datetime(),
  actor: z.object({
    platform: z.literal('slack'),
    userId: slackId,
    userName: z.string().max(200).optional(),
    channelId: slackId.optional(),
    teamId: slackId.optional(),
  }),
  /** The incident whose button was pressed. */
  thread: z.string().regex(/^[0-9a-f]{32}$/, 'must be an incident id').optional(),
  command: ChatCommandSchema,
  // The test option (127.0.0.1) is checked again by the runner; here only the shape.
  responseUrl: z
    .string()
    .max(2000)
    .refine((url) => responseUrlProblem(url, { allowLocalTestUrls: true }) === undefined, 'must be a Slack response_url'),
  /** Buttons: answers are new messages instead of replacing the one the button sits under. */
  followUp: z.boolean().default(false),
});
export type ChatCommandJob = z.infer<typeof ChatCommandJobSchema>;
export type ChatCommandJobInput = z.input<typeof ChatCommandJobSchema>;

export function newChatCommandJob(fields: Omit<ChatCommandJobInput, 'kind' | 'jobId' | 'requestedAt'> & { requestedAt?: string }): ChatCommandJob {
  return ChatCommandJobSchema.parse({ kind: 'chat-command', jobId: randomUUID(), requestedAt: new Date().toISOString(), ...fields });
}

export function isChatCommandMessage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'chat-command';
}

/** What logs and `pull-doctor incidents` may show of a chat job: never the response_url. */
export function describeChatJob(job: ChatCommandJob): string {
  return `chat command ${job.command.verb} from slack user ${job.actor.userId} at ${job.requestedAt}`;
}
