import path from 'node:path';
import type { CheckId } from '../../lib/model';
import { diagnoseInSandbox } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import type { Fault } from '../../lib/sandbox/world-schema';

/**
 * For each check with lookups of its own: a 403, a 404, a 429 storm and a hang on those lookups
 * still yield a completed diagnosis, with that check `unknown` and a reason naming the failed read.
 * (image-reference, platform, network-rules and image-size read only facts other checks established;
 * a fault on their providers makes them `skipped`, which the world tests cover.)
 */
const CASES: Array<{ check: CheckId; world: string; route: string; server: Fault['server']; names: RegExp }> = [
  { check: 'registry', world: 'healthy', route: '^GET /subscriptions/[^/]+/providers/Microsoft.ContainerRegistry/registries$', server: 'arm', names: /registries/i },
  { check: 'cluster', world: 'healthy', route: 'managedClusters/aks-prod$', server: 'arm', names: /managedClusters\/aks-prod/i },
  { check: 'pull-permission', world: 'healthy', route: 'roleAssignments$', server: 'arm', names: /role assignments at/i },
  { check: 'repository-tag', world: 'healthy', route: '/manifests/', server: 'registry', names: /registry myacr\.azurecr\.io/i },
  { check: 'private-endpoint', world: 'private-dns-replica-record-missing', route: 'privateEndpoints/', server: 'arm', names: /privateEndpoints/i },
  { check: 'private-dns', world: 'private-dns-replica-record-missing', route: 'privateDnsZones', server: 'arm', names: /privateDnsZones/i },
  { check: 'geo-replication', world: 'no-replica-in-region', route: '/replications$', server: 'arm', names: /replications/i },
];

const FAULTS: Array<[string, Omit<Fault, 'route' | 'server'>]> = [
  ['403', { status: 403 }],
  ['404', { status: 404 }],
  ['429 storm', { status: 429, retryAfterSeconds: 0 }],
  ['hang', { hang: true }],
];

/** On a registry a 404 carries NAME_UNKNOWN, which is evidence (the repository is missing), not a failed read: use 401. */
const REGISTRY_FAULTS: typeof FAULTS = FAULTS.map(([label, f]) => (f.status === 404 ? ['401', { status: 401 }] : [label, f]));

describe.each(CASES)('$check under faults on its lookups', ({ check, world: worldName, route, server, names }) => {
  const world = loadWorld(path.join(WORLDS_DIR, `${worldName}.yaml`));
  it.each(server === 'registry' ? REGISTRY_FAULTS : FAULTS)('%s → unknown, the rest of the diagnosis completes', async (_label, fault) => {
    const diagnosis = await diagnoseInSandbox(world, {
      faults: [{ route, server, ...fault }],
      checkTimeoutMs: fault.hang ? 1500 : 8000,
      retryOptions: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
    });
    const finding = diagnosis.findings.find((f) => f.checkId === check)!;
    expect(finding.status).toBe('unknown');
    expect(finding.missing?.what).toMatch(names);
    expect(finding.summary).toMatch(fault.hang ? /timed out/ : new RegExp(String(fault.status)));
    // Every check reported; none threw the diagnosis away.
    expect(diagnosis.findings).toHaveLength(12);
    expect(diagnosis.findings.filter((f) => f.status === 'pass').length).toBeGreaterThan(0);
  }, 20_000);
});
