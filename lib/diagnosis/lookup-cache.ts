import { abortable } from '../util/abortable';
import type { Lookups } from './check';

interface Entry {
  promise: Promise<unknown>;
  expiresAt: number;
}

/**
 * Single-flight cache shared by every check of every run: concurrent callers of one key share one
 * request, a result is reused until the TTL passes, and a failure is forgotten at once (the next
 * caller tries again instead of inheriting a stale error).
 */
export class LookupCache {
  private readonly entries = new Map<string, Entry>();
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Loads in flight at once; 1 makes every read wait for the previous one (the benchmark's naive baseline). */
    private readonly maxConcurrentLoads = Number.POSITIVE_INFINITY,
  ) {}

  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return abortable(hit.promise as Promise<T>, signal);
    // A shared load must not die with the first caller's budget: it gets its own controller and is
    // only abandoned (never cancelled) by callers that time out.
    const controller = new AbortController();
    const promise = this.inSlot(() => load(controller.signal));
    const entry: Entry = { promise, expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, entry);
    promise.then(
      () => {
        entry.expiresAt = this.now() + this.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return abortable(promise, signal);
  }

  clear(): void {
    this.entries.clear();
  }

  private async inSlot<T>(run: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrentLoads) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await run();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The per-check view of the cache: remembers which lookups the check is waiting on, for `unknown` findings. */
export class TrackedLookups implements Lookups {
  readonly pending = new Set<string>();
  /** The lookup that failed or was abandoned last, named in the check's `unknown` finding. */
  failed?: string;

  constructor(
    private readonly cache: LookupCache,
    private readonly signal: AbortSignal,
  ) {}

  async get<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.pending.add(key);
    try {
      const value = await this.cache.get(key, load, this.signal);
      this.pending.delete(key);
      return value;
    } catch (error) {
      this.pending.delete(key);
      this.failed = key;
      throw error;
    }
  }
}
