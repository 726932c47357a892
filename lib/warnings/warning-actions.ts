import type { ImpactAnalyzer } from '../prevent/ports';
import type { Warning } from './warning';
import { speaks, type WarningService } from './warning-service';
import type { WarningStore } from './warning-store';

/**
 * The warning buttons and verbs (Re-check, Mute, It's intended), behind the same chat authz as the
 * incident buttons (lib/commands). Each returns the sentence to answer with; a state change is
 * stored before the message is redrawn.
 */
export interface WarningActionDeps {
  store: WarningStore;
  service: WarningService;
  analyzer?: ImpactAnalyzer;
  now?: () => Date;
}

export type WarningActionResult = { ok: true; text: string; warning: Warning } | { ok: false; text: string };

function label(w: Warning): string {
  return `warning ${w.id.slice(0, 12)} (${w.totals.workloads} workloads at risk)`;
}

/** "It's intended": the warning stops asking for attention; it still resolves if the change is undone. */
export async function acknowledgeWarning(deps: WarningActionDeps, id: string, user: string, signal?: AbortSignal): Promise<WarningActionResult> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const { warning, written } = await deps.store.update(id, (c) => (c && c.status !== 'resolved' ? { ...c, status: 'acknowledged', actedBy: user, updatedAt: at } : undefined), { signal });
  if (!warning) return { ok: false, text: `no warning ${id.slice(0, 12)}` };
  if (!written) return { ok: false, text: `${label(warning)} is already resolved` };
  const text = `✔ Marked intended by ${user}: ${label(warning)} stays open without further alerts, and resolves if the change is undone.`;
  if (warning.chat) await deps.service.deliver(warning, signal, text);
  return { ok: true, text, warning };
}

export async function muteWarning(deps: WarningActionDeps, id: string, durationMs: number, user: string, signal?: AbortSignal): Promise<WarningActionResult> {
  const now = (deps.now ?? (() => new Date()))();
  const until = new Date(now.getTime() + durationMs).toISOString();
  const { warning, written } = await deps.store.update(
    id,
    (c) => (c && c.status !== 'resolved' ? { ...c, status: 'muted', mutedUntil: until, actedBy: user, updatedAt: now.toISOString() } : undefined),
    { signal },
  );
  if (!warning) return { ok: false, text: `no warning ${id.slice(0, 12)}` };
  if (!written) return { ok: false, text: `${label(warning)} is already resolved` };
  const text = `🔕 ${label(warning)} muted until ${until} by ${user}.`;
  if (warning.chat) await deps.service.deliver(warning, signal, text);
  return { ok: true, text, warning };
}

/** Runs the impact analysis of the warning's change again and publishes the result (updated in place, or resolved). */
export async function recheckWarning(deps: WarningActionDeps, id: string, user: string, signal?: AbortSignal): Promise<WarningActionResult> {
  const warning = await deps.store.get(id, { signal });
  if (!warning) return { ok: false, text: `no warning ${id.slice(0, 12)}` };
  if (!deps.analyzer) return { ok: false, text: 'no impact analyzer is configured (PULL_DOCTOR_WORKSPACE_IDS), so the warning cannot be re-checked' };
  const report = await deps.analyzer.analyze(warning.report.change, { signal });
  await deps.service.publish(report, { signal });
  const after = (await deps.store.get(id, { signal })) ?? warning;
  const outcome = speaks(report)
    ? `${report.atRisk.length} workloads still at risk${report.undecided.length ? `, ${report.undecided.length} could not be checked` : ''}`
    : 'nothing at risk any more; the warning is resolved';
  return { ok: true, text: `🔄 Re-check of ${label(warning)} by ${user}: ${outcome}.`, warning: after };
}
