import path from 'node:path';
import { startSandboxImpact } from '../../lib/prevent/impact-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { parseChangeEvents } from '../../lib/prevent/parse-change-events';
import { applyChangesToWorld } from '../../lib/prevent/world-change';
import { auditCluster } from '../../lib/warnings/audit';

const cluster = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const audit = async (name: string) => {
  // The estate as it is once the world's change (if any) happened.
  const world = loadWorld(path.join(WORLDS_DIR, `${name}.yaml`));
  const parsed = await parseChangeEvents(world.change ?? []);
  const { analyzer, stop } = await startSandboxImpact(applyChangesToWorld(world, parsed.flatMap((p) => (p.kind === 'change' ? [p.change] : []))));
  try {
    return await auditCluster(analyzer, cluster, { at: new Date('2026-11-25T21:50:00Z') });
  } finally {
    await stop();
  }
};

describe('the fleet audit reuses the impact analyzer (every running image of a cluster)', () => {
  it('finds nothing at risk in a healthy estate, after re-checking every running image', async () => {
    const report = await audit('change-base');
    expect(report.atRisk).toEqual([]);
    expect(report.undecided).toEqual([]);
    expect(report.checked).toBe(3);
  }, 60_000);

  it('lists every workload whose image a recycled node could not pull, largest first', async () => {
    const report = await audit('change-acrpull-deleted');
    expect(report.atRisk.map((w) => [`${w.namespace}/${w.workload}`, w.pods, w.checkId])).toEqual([
      ['shop/Deployment/web', 3, 'pull-permission'],
      ['shop/Deployment/payments', 2, 'pull-permission'],
      ['batch/StatefulSet/worker', 1, 'pull-permission'],
    ]);
  }, 60_000);
});
