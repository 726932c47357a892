import path from 'node:path';
import { readActionFor } from '../../lib/sandbox/arm/arm-path';
import { diagnoseInSandbox, startSandboxEngine } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import type { World } from '../../lib/sandbox/world-schema';

/**
 * A 403 AuthorizationFailed on each kind of ARM read the engine makes. ARM's message names the
 * refused action and scope; the `unknown` finding must name both and the least built-in role that
 * grants the action, and the diagnosis must never say the pull should work.
 */
const ROWS: Array<[action: string, world: string, role: string]> = [
  ['Microsoft.ContainerService/managedClusters/read', 'healthy', 'Reader'],
  ['Microsoft.ContainerRegistry/registries/read', 'healthy', 'Reader'],
  ['Microsoft.Network/publicIPAddresses/read', 'healthy', 'Reader'],
  ['Microsoft.Network/virtualNetworks/read', 'healthy', 'Reader'],
  ['Microsoft.Authorization/roleAssignments/read', 'healthy', 'Reader'],
  ['Microsoft.Authorization/roleDefinitions/read', 'healthy', 'Reader'],
  ['Microsoft.Authorization/denyAssignments/read', 'healthy', 'Reader'],
  ['Microsoft.ManagedIdentity/userAssignedIdentities/read', 'healthy', 'Reader'],
  ['Microsoft.Network/privateEndpoints/read', 'private-link-healthy', 'Reader'],
  ['Microsoft.Network/privateDnsZones/read', 'private-link-healthy', 'Reader'],
  ['Microsoft.Network/privateDnsZones/virtualNetworkLinks/read', 'private-link-healthy', 'Reader'],
  ['Microsoft.Network/privateDnsZones/A/read', 'private-link-healthy', 'Reader'],
  ['Microsoft.ContainerRegistry/registries/replications/read', 'no-replica-in-region', 'Reader'],
];

const load = (name: string): World => loadWorld(path.join(WORLDS_DIR, `${name}.yaml`));
const denying = (world: World, action: string): World => ({ ...world, caller: { ...world.caller, deniedActions: [action] } });

describe('a 403 on each lookup the engine makes', () => {
  it('covers every ARM read the engine makes in these worlds', async () => {
    const made = new Set<string>();
    for (const name of new Set(ROWS.map((r) => r[1]))) {
      const world = load(name);
      const { engine, sandbox, stop } = await startSandboxEngine(world, { checkTimeoutMs: 8000 });
      try {
        await engine.diagnose(world.failure, {});
        for (const e of sandbox.requestLog.entries('arm')) made.add(readActionFor(e.path.split('?')[0]!));
      } finally {
        await stop();
      }
    }
    expect([...made].filter((a) => !ROWS.some((r) => r[0] === a))).toEqual([]);
  }, 60_000);

  it.each(ROWS)('%s denied (%s) → unknown naming the action, the scope and %s', async (action, name, role) => {
    const diagnosis = await diagnoseInSandbox(denying(load(name), action), {
      checkTimeoutMs: 8000,
      retryOptions: { maxRetries: 0 },
    });
    const naming = diagnosis.findings.filter((f) => f.status === 'unknown' && f.summary.includes(`may not perform ${action} on /subscriptions/`));
    expect(naming.map((f) => f.checkId)).not.toEqual([]);
    for (const f of naming) expect(f.missing?.permission).toMatch(new RegExp(`^${action.replace(/[/.]/g, '\\$&')} on /subscriptions/\\S+ \\(least built-in role that grants it: ${role}\\)$`));
    expect(diagnosis.verdict.outcome).not.toBe('should_work');
  }, 30_000);
});
