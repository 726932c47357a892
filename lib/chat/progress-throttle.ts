import type { DiagnosisProgress } from '../diagnosis/diagnoser';

/**
 * At most one progress update per message per interval (Slack's chat.update and Teams' updateActivity
 * are rate limited per channel; eleven checks finishing within a second need not be eleven edits).
 * The last step (done === total) always goes through.
 */
export class ProgressThrottle {
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  shouldSend(key: string, progress: DiagnosisProgress): boolean {
    const now = this.now();
    const last = this.lastSent.get(key);
    if (last !== undefined && progress.done < progress.total && now - last < this.intervalMs) return false;
    this.lastSent.set(key, now);
    if (this.lastSent.size > 1_000) {
      const oldest = this.lastSent.keys().next().value;
      if (oldest !== undefined) this.lastSent.delete(oldest);
    }
    return true;
  }

  forget(key: string): void {
    this.lastSent.delete(key);
  }
}
