import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createServices } from '../../lib/app/create-services';
import { stopSandboxServices } from '../../lib/app/sandbox-services';
import { silentLogger } from '../../lib/intake/logger';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { foldChanges } from '../../lib/prevent/fold-changes';
import { parseChangeEvents } from '../../lib/prevent/parse-change-events';
import { applyChangesToWorld } from '../../lib/prevent/world-change';
import { worldInventory } from '../../lib/warnings/audit-in-sandbox';

const AKS = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('the Functions app in sandbox mode (PULL_DOCTOR_SANDBOX_WORLD) audits and analyses changes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-sandbox-mode-'));
  afterAll(async () => {
    await stopSandboxServices();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the workloads a recycled node could not pull, on the same sandbox its diagnoses use', async () => {
    // The estate after an arm64 pool was added (the world's change applied), as a world file of its own.
    const before = loadWorld(path.join(WORLDS_DIR, 'change-arm64-pool-added.yaml'));
    const events = await parseChangeEvents(before.change ?? []);
    const world = applyChangesToWorld(before, foldChanges(events.flatMap((e) => (e.kind === 'change' ? [e.change] : []))));
    const { change: _change, ...after } = world;
    const file = path.join(dir, 'after-arm64-pool.yaml');
    writeFileSync(file, stringify(after));
    const now = worldInventory(world).now;

    const services = createServices({ PULL_DOCTOR_SANDBOX_WORLD: file }, { log: silentLogger, now: () => now });
    const report = await services.warnings.audit(AKS);
    expect(report.atRisk.map((w) => w.checkId)).toContain('platform');
    expect(report.undecided).toEqual([]);
  }, 60_000);
});
