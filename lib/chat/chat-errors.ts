import type { ChatMessageRef } from '../model';

export interface ChatDeliveryDetails {
  platform: ChatMessageRef['platform'];
  /** The API operation: chat.postMessage, chat.update, createConversation, updateActivity, webhook … */
  operation: string;
  /** The platform's error code: Slack `channel_not_found`, Bot Framework `BotNotInConversationRoster` … */
  code?: string;
  statusCode?: number;
  /** False for configuration errors (bad token, unknown channel) that no retry will fix. */
  retryable: boolean;
  /** The platform asked to wait this long (429 Retry-After) before calling this channel again. */
  retryAfterMs?: number;
}

/**
 * A message that could not be delivered after the SDK's retries. Thrown by every ChatPort method so
 * the queue keeps the job; the adapter has already logged it with the platform's error code.
 */
export class ChatDeliveryError extends Error {
  override readonly name = 'ChatDeliveryError';
  constructor(
    message: string,
    readonly details: ChatDeliveryDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `error` is a delivery error no retry will fix (channel gone, bot not in channel, auth). */
export function isPermanentChatError(error: unknown): error is ChatDeliveryError {
  return error instanceof ChatDeliveryError && !error.details.retryable;
}

/** Slack error codes that mean the configuration is wrong, not that Slack had a bad moment. */
export const SLACK_PERMANENT_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'missing_scope',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'message_not_found',
  'cant_update_message',
  'no_permission',
]);

