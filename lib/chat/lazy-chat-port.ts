import type { ChatMessageRef } from '../model';
import { onceAsync } from '../util/lazy';
import { ChatDeliveryError } from './chat-errors';
import type { ChatPort } from './chat-port';
import type { WarningChatPort } from './warning-chat-port';

/**
 * A chat adapter whose module (and SDK: `@slack/web-api`, `botbuilder`, …) is imported on its first
 * message, not when the app starts. The settings were checked before this is built, so a missing
 * setting still fails at start-up; only the SDK load waits.
 */
export class LazyChatPort implements ChatPort, WarningChatPort {
  readonly load: () => Promise<ChatPort & WarningChatPort>;

  constructor(
    readonly platform: ChatMessageRef['platform'],
    make: () => Promise<ChatPort & WarningChatPort>,
  ) {
    this.load = onceAsync(make);
  }

  async start(...args: Parameters<ChatPort['start']>): ReturnType<ChatPort['start']> {
    return (await this.load()).start(...args);
  }

  /** Forwards to the adapter's lookup; an adapter without one answers with a permanent error saying so. */
  async find(...args: Parameters<NonNullable<ChatPort['find']>>): Promise<ChatMessageRef | undefined> {
    const inner = await this.load();
    if (!inner.find) throw new ChatDeliveryError(`${this.platform} cannot look up a posted message`, { platform: this.platform, operation: 'find', code: 'unsupported', retryable: false });
    return inner.find(...args);
  }

  async progress(...args: Parameters<ChatPort['progress']>): ReturnType<ChatPort['progress']> {
    return (await this.load()).progress(...args);
  }

  async diagnosis(...args: Parameters<ChatPort['diagnosis']>): ReturnType<ChatPort['diagnosis']> {
    return (await this.load()).diagnosis(...args);
  }

  async resolved(...args: Parameters<ChatPort['resolved']>): ReturnType<ChatPort['resolved']> {
    return (await this.load()).resolved(...args);
  }

  async reply(...args: Parameters<ChatPort['reply']>): ReturnType<ChatPort['reply']> {
    return (await this.load()).reply(...args);
  }

  async unfinished(...args: Parameters<ChatPort['unfinished']>): ReturnType<ChatPort['unfinished']> {
    return (await this.load()).unfinished(...args);
  }

  async postWarning(...args: Parameters<WarningChatPort['postWarning']>): ReturnType<WarningChatPort['postWarning']> {
    return (await this.load()).postWarning(...args);
  }

  async updateWarning(...args: Parameters<WarningChatPort['updateWarning']>): ReturnType<WarningChatPort['updateWarning']> {
    return (await this.load()).updateWarning(...args);
  }

  async withdraw(...args: Parameters<ChatPort['withdraw']>): ReturnType<ChatPort['withdraw']> {
    return (await this.load()).withdraw(...args);
  }
}
