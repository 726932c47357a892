import { isPermanentChatError } from '../chat/chat-errors';
import type { WarningChatPort } from '../chat/warning-chat-port';
import type { Logger } from '../intake/logger';
import type { Change, ImpactReport } from '../model';
import type { ImpactAnalyzer, WarningPort } from '../prevent/ports';
import { changeSentence } from '../render/warning-view';
import { keysOf, totalsOf, warningId, type Warning } from './warning';
import type { WarningStore } from './warning-store';

export interface WarningServiceDeps {
  store: WarningStore;
  /** Undefined when no chat adapter can post warnings: the warning is stored with `deliveryFailed` and the call throws. */
  chat: () => WarningChatPort | undefined;
  /** Re-analyses an open warning's change when a related change arrives (self-resolution) and on Re-check. */
  analyzer?: ImpactAnalyzer;
  log: Logger;
  now?: () => Date;
  /** At most this many open warnings are re-analysed for one change (each costs an impact analysis). */
  maxRecheckPerChange?: number;
}

/** True when the report has something to say: workloads at risk, or pairs that could not be checked. */
export function speaks(report: Pick<ImpactReport, 'atRisk' | 'undecided'>): boolean {
  return report.atRisk.length > 0 || report.undecided.length > 0;
}

/**
 * Can `later` undo what `earlier` broke? A registry change only undoes one in the same repository
 * (tag pushed again); a Resource Manager change only one in the same subscription (role re-created,
 * DNS link restored). Anything else cannot, and is not worth an analysis.
 */
export function mayUndo(later: Change, earlier: Change): boolean {
  if (later.registry || earlier.registry) {
    return !!later.registry && !!earlier.registry && later.registry.loginServer.toLowerCase() === earlier.registry.loginServer.toLowerCase() && later.registry.repository === earlier.registry.repository;
  }
  const subscription = (c: Change) => /^\/subscriptions\/([^/]+)/i.exec(c.resourceId ?? '')?.[1]?.toLowerCase();
  return subscription(later) === undefined || subscription(later) === subscription(earlier);
}

/**
 * The WarningPort (issue 18): one warning per change id, stored first (so nothing is lost), then
 * posted or redrawn in place; nothing at risk resolves the change's own warning and any open warning
 * the change undoes (re-analysed with the ImpactAnalyzer to be sure). Throws when chat failed, after
 * recording why on the warning, so the queue retries the job.
 */
export class WarningService implements WarningPort {
  constructor(private readonly deps: WarningServiceDeps) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  async publish(report: ImpactReport, options: { signal?: AbortSignal } = {}): Promise<void> {
    const id = warningId(report.change.id);
    if (speaks(report)) {
      await this.record(report, options.signal);
      return;
    }
    const own = await this.deps.store.get(id, options);
    if (own && own.status !== 'resolved') await this.resolve(own, 're-check: nothing it touches is at risk any more', options.signal);
    await this.resolveUndone(report.change, options.signal);
  }

  /** Creates the warning or updates it in place (a re-run of the same change), then tells chat. */
  private async record(report: ImpactReport, signal?: AbortSignal): Promise<Warning> {
    const id = warningId(report.change.id);
    const at = this.now().toISOString();
    let reopened = false;
    const { warning } = await this.deps.store.update(
      id,
      (current) => {
        reopened = current?.status === 'resolved';
        const base: Warning = current ?? { id, changeId: report.change.id, status: 'open', report, totals: totalsOf(report), keys: [], createdAt: at, updatedAt: at };
        const expiredMute = base.status === 'muted' && base.mutedUntil !== undefined && Date.parse(base.mutedUntil) <= Date.parse(at);
        const status = reopened || expiredMute ? 'open' : base.status;
        return { ...base, status, report, totals: totalsOf(report), keys: keysOf(report), updatedAt: at, ...(reopened ? { resolvedAt: undefined, resolvedReason: undefined } : {}) };
      },
      { signal },
    );
    const stored = warning!;
    await this.deliver(stored, signal, reopened ? '⚠️ At risk again: a re-check found workloads that will fail on their next pull.' : undefined);
    return stored;
  }

  /** Posts the warning once, redraws it after; a failure is written on the warning and thrown. */
  async deliver(warning: Warning, signal?: AbortSignal, threadLine?: string): Promise<void> {
    const chat = this.deps.chat();
    try {
      if (!chat) throw new Error('no chat adapter can post warnings (PULL_DOCTOR_CHAT)');
      if (warning.chat && warning.chat.platform === chat.platform) {
        await chat.updateWarning(warning.chat, warning, { signal });
        if (threadLine) await chat.reply(warning.chat, threadLine, { signal });
      } else {
        const ref = await chat.postWarning(warning, { signal });
        await this.deps.store.update(warning.id, (c) => c && { ...c, chat: ref, deliveryFailed: undefined }, { signal });
        this.deps.log.info(`warnings: posted warning ${warning.id} for change ${warning.changeId} (${warning.totals.workloads} workloads at risk)`);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`warnings: warning ${warning.id} could not be delivered: ${reason}`);
      const failure = { reason: reason.slice(0, 1000), at: this.now().toISOString(), permanent: !chat || isPermanentChatError(error) };
      await this.deps.store.update(warning.id, (c) => c && { ...c, deliveryFailed: failure }, { signal }).catch(() => undefined);
      throw error;
    }
  }

  /** Marks the warning resolved, redraws its message and says how in its thread. */
  async resolve(warning: Warning, how: string, signal?: AbortSignal): Promise<Warning | undefined> {
    const at = this.now().toISOString();
    const { warning: resolved, written } = await this.deps.store.update(
      warning.id,
      (c) => (c && c.status !== 'resolved' ? { ...c, status: 'resolved', resolvedAt: at, resolvedReason: how, updatedAt: at } : undefined),
      { signal },
    );
    if (!written || !resolved) return undefined;
    this.deps.log.info(`warnings: warning ${warning.id} resolved: ${how}`);
    if (resolved.chat) await this.deliver(resolved, signal, `✅ No longer at risk: ${how}`);
    return resolved;
  }

  /**
   * Open warnings this change may undo are re-analysed: when their own change no longer breaks
   * anything (and nothing is undecided), they resolve; when fewer workloads are at risk, they are redrawn.
   */
  private async resolveUndone(change: Change, signal?: AbortSignal): Promise<void> {
    const { analyzer, log } = this.deps;
    const candidates = (await this.deps.store.unresolved({ signal })).filter((w) => w.changeId !== change.id && mayUndo(change, w.report.change));
    if (candidates.length === 0) return;
    if (!analyzer) {
      log.warn(`warnings: change ${change.id} may undo ${candidates.length} open warning(s), but no impact analyzer is configured to re-check them`);
      return;
    }
    const max = this.deps.maxRecheckPerChange ?? 20;
    if (candidates.length > max) log.warn(`warnings: change ${change.id} may undo ${candidates.length} open warnings; re-checking the ${max} newest`);
    const newest = candidates.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, max);
    for (const warning of newest) {
      const again = await analyzer.analyze(warning.report.change, { signal });
      if (!speaks(again)) await this.resolve(warning, `${changeSentence(change, this.now())}; nothing it broke is at risk any more`, signal);
      else if (again.atRisk.length < warning.report.atRisk.length) await this.record(again, signal);
    }
  }
}
