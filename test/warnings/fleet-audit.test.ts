import { ConsoleChat } from '../../lib/chat/console-chat';
import { silentLogger } from '../../lib/intake/logger';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { auditCluster } from '../../lib/warnings/audit';
import { startSandboxImpact } from '../../lib/warnings/audit-in-sandbox';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { runFleetAudit } from '../../lib/warnings/run-fleet-audit';
import { WarningService } from '../../lib/warnings/warning-service';

const AKS = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';

/** The weekly timer's work on sandbox worlds: a warning only when something is at risk. */
async function timerOn(world: string, clusters: string[] = [AKS]) {
  const sandbox = await startSandboxImpact(loadWorld(`${WORLDS_DIR}/${world}.yaml`));
  try {
    const out: string[] = [];
    const store = new MemoryWarningStore();
    const warnings = new WarningService({ store, chat: () => new ConsoleChat({ write: (t) => void out.push(t), color: false }), log: silentLogger });
    const result = await runFleetAudit({ audit: (c, signal) => auditCluster(sandbox.engine, c, { at: sandbox.now, ...(signal ? { signal } : {}) }), warnings, clusters, log: silentLogger });
    return { result, out: out.join(''), unresolved: await store.unresolved() };
  } finally {
    await sandbox.stop();
  }
}

describe('fleet audit timer', () => {
  it('posts one audit warning when a cluster has workloads that would fail', async () => {
    const { result, out, unresolved } = await timerOn('change-arm64-pool-added');
    expect(result).toEqual({ audited: 1, posted: [AKS], failed: [] });
    expect(out).toContain('Would fail if nodes were recycled now: ');
    expect(out).toContain('platform (OS/architecture)');
    expect(unresolved).toHaveLength(1);
  }, 60_000);

  it('posts nothing for a healthy cluster', async () => {
    const { result, out } = await timerOn('change-base');
    expect(result).toEqual({ audited: 1, posted: [], failed: [] });
    expect(out).toBe('');
  }, 60_000);

  it('audits nothing (and says so) when no AKS cluster id is allowed', async () => {
    const { result } = await timerOn('change-base', ['/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod']);
    expect(result.audited).toBe(0);
  }, 60_000);
});
