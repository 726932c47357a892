import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { runAutoResolve } from '../../lib/jobs/auto-resolve';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { report, warningOf } from './fixtures';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const DAY = 86_400_000;

/** Issue 18 + 13: the 5-minute timer deletes resolved warnings after the incidents' retention, never open ones. */
describe('auto-resolve timer sweeps warnings', () => {
  it('deletes a resolved warning older than the retention and keeps an open one', async () => {
    const warnings = new MemoryWarningStore();
    const open = warningOf(report());
    const resolved = warningOf(report({ change: { ...report().change, id: 'other-change' } }), { status: 'resolved', resolvedAt: '2026-11-25T22:00:00.000Z' });
    await warnings.update(open.id, () => open);
    await warnings.update(resolved.id, () => resolved);
    const deps = { store: new MemoryIncidentStore(), queue: new MemoryJobQueue(), log, quietPeriodMinutes: 30, resolvedRetentionDays: 7, warnings };

    const soon = await runAutoResolve({ ...deps, now: () => new Date(Date.now() + 6 * DAY) });
    expect(soon.swept?.warnings).toBe(0);
    const later = await runAutoResolve({ ...deps, now: () => new Date(Date.now() + 8 * DAY) });
    expect(later.swept?.warnings).toBe(1);
    expect(await warnings.get(resolved.id)).toBeUndefined();
    expect(await warnings.get(open.id)).toBeDefined();
  });
});
