/**
 * Work that continues after an HTTP answer was sent (Slack wants its answer within 3 s; the
 * diagnosis follows through response_url). Tracked so tests, and a host shutting down, can wait.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined).finally(() => this.running.delete(settled));
    this.running.add(settled);
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when everything tracked (including work tracked meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/** Resolves true when `work` settles within `ms`, false otherwise (the timer never holds the process). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(
      () => true,
      () => true,
    ), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
