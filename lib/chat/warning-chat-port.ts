import type { ChatMessageRef } from '../model';
import type { Warning } from '../warnings/warning';

/**
 * What prevention (issue 18) needs from chat, beside ChatPort's `reply` for thread lines: a warning
 * is one message per change, posted once and redrawn in place (more workloads, muted, intended,
 * resolved). Every chat adapter implements it; methods throw on a post that failed after retries.
 * Modes that cannot edit (incoming webhooks, Teams Workflows) post the warning once and leave later
 * states to `reply` lines.
 */
export interface WarningChatPort {
  readonly platform: ChatMessageRef['platform'];
  /** Posts the warning as a new message (a thread root); returns where it lives. */
  postWarning(warning: Warning, options?: { signal?: AbortSignal }): Promise<ChatMessageRef>;
  /** Redraws the warning's message in place. */
  updateWarning(ref: ChatMessageRef, warning: Warning, options?: { signal?: AbortSignal }): Promise<void>;
  /** A line in the warning's thread. */
  reply(ref: ChatMessageRef, text: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export function isWarningChat(chat: unknown): chat is WarningChatPort {
  return typeof chat === 'object' && chat !== null && typeof (chat as WarningChatPort).postWarning === 'function' && typeof (chat as WarningChatPort).updateWarning === 'function';
}
