import type { ChatMessageRef } from '../model';
import { ChatDeliveryError } from './chat-errors';

/** A Retry-After up to this long is waited out inside the job; a longer one hands the job back to the queue with that delay. */
export const MAX_INLINE_WAIT_MS = 5_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Rate-limit state per channel (Slack channel, Teams conversation): a 429 holds back calls to that
 * channel only, never the whole client (the Slack SDK's own handling pauses every call of the client).
 */
export class ChannelBackoff {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly platform: ChatMessageRef['platform'],
    private readonly now: () => number = Date.now,
    readonly maxInlineWaitMs = MAX_INLINE_WAIT_MS,
  ) {}

  hold(channel: string, retryAfterMs: number): void {
    const until = this.now() + Math.max(0, retryAfterMs);
    this.until.set(channel, Math.max(this.until.get(channel) ?? 0, until));
    if (this.until.size > 1_000) {
      const oldest = this.until.keys().next().value;
      if (oldest !== undefined) this.until.delete(oldest);
    }
  }

  remainingMs(channel: string): number {
    const left = (this.until.get(channel) ?? 0) - this.now();
    if (left <= 0) this.until.delete(channel);
    return Math.max(0, left);
  }

  /** Waits out a short hold on the channel; throws a retryable error carrying the delay for a long one. */
  async ready(channel: string, operation: string, signal?: AbortSignal): Promise<void> {
    const left = this.remainingMs(channel);
    if (left === 0) return;
    if (left <= this.maxInlineWaitMs) return sleep(left, signal);
    throw new ChatDeliveryError(`${this.platform} ${operation}: channel ${channel} is rate limited for ${Math.ceil(left / 1000)} s more`, {
      platform: this.platform,
      operation,
      code: 'rate_limited',
      statusCode: 429,
      retryable: true,
      retryAfterMs: left,
    });
  }
}
