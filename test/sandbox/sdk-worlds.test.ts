import type { AzureClients } from '../../lib/azure/clients';
import { createAzureClients } from '../../lib/azure/create-azure-clients';
import { startArmServer } from '../../lib/sandbox/arm-server';
import { actionMatches, parseArmPath, readActionFor } from '../../lib/sandbox/arm/arm-path';
import { isAtOrAbove } from '../../lib/sandbox/arm/role-assignments';
import { listWorlds, loadWorld } from '../../lib/sandbox/load-world';
import { sandboxCredential } from '../../lib/sandbox/start-sandbox';
import { generateSandboxTls, type SandboxTls } from '../../lib/sandbox/tls';
import type { ArmResource } from '../../lib/sandbox/world-schema';

// Every shipped world, read back through the official SDK clients the engine uses. The SDKs'
// deserializers are strict about some fields (a registry without `sku` throws a TypeError), so
// this is what proves a world's resources are "as ARM returns them" enough for the engine.

type Reader = (azure: AzureClients, r: ArmResource) => Promise<{ id?: string }>;

function parts(id: string): { sub: string; rg: string; names: string[] } {
  const p = parseArmPath(id);
  return { sub: p.subscriptionId ?? '', rg: p.resourceGroup ?? '', names: p.names };
}

const readers: Record<string, Reader> = {
  'microsoft.containerservice/managedclusters': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.containerService(sub).managedClusters.get(rg, names[0]!);
  },
  'microsoft.containerregistry/registries': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.containerRegistry(sub).registries.get(rg, names[0]!);
  },
  'microsoft.containerregistry/registries/replications': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.containerRegistry(sub).replications.get(rg, names[0]!, names[1]!);
  },
  'microsoft.network/virtualnetworks': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).virtualNetworks.get(rg, names[0]!);
  },
  'microsoft.network/privateendpoints': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).privateEndpoints.get(rg, names[0]!);
  },
  'microsoft.network/publicipaddresses': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).publicIPAddresses.get(rg, names[0]!);
  },
  'microsoft.network/loadbalancers': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).loadBalancers.get(rg, names[0]!);
  },
  'microsoft.network/natgateways': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).natGateways.get(rg, names[0]!);
  },
  'microsoft.network/networkinterfaces': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.network(sub).networkInterfaces.get(rg, names[0]!);
  },
  'microsoft.network/privatednszones': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.privateDns(sub).privateZones.get(rg, names[0]!);
  },
  'microsoft.network/privatednszones/virtualnetworklinks': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.privateDns(sub).virtualNetworkLinks.get(rg, names[0]!, names[1]!);
  },
  'microsoft.network/privatednszones/a': (a, r) => {
    const { sub, rg, names } = parts(r.id);
    return a.privateDns(sub).recordSets.get(rg, names[0]!, 'A', names[1]!);
  },
  'microsoft.authorization/roleassignments': async (a, r) => {
    const sub = parts(r.id).sub || '00000000-0000-0000-0000-000000000000';
    return (await a.authorization(sub).roleAssignments.getById(r.id)) as { id?: string };
  },
};

let tls: SandboxTls;
beforeAll(async () => {
  tls = await generateSandboxTls();
});

const worlds = listWorlds();

it('finds the shipped worlds', () => {
  expect(worlds.length).toBeGreaterThan(0);
});

describe.each(worlds.map((w) => [w.split('/').pop()!, w]))('%s', (_name, file) => {
  it('every resource the engine reads comes back through its SDK client', async () => {
    const world = loadWorld(file);
    const arm = await startArmServer(world, { tls, pageSize: 2 });
    try {
      const azure = createAzureClients({ credential: sandboxCredential(), resourceManagerEndpoint: arm.url, tlsCa: arm.ca });
      let read = 0;
      for (const r of world.resources) {
        const reader = readers[r.type.toLowerCase()];
        if (!reader) continue;
        const action = readActionFor(r.id);
        const denied =
          world.caller.deniedActions.some((pattern) => actionMatches(pattern, action)) ||
          world.caller.deniedAt.some((d) => isAtOrAbove(d.scope, r.id) && d.actions.some((pattern) => actionMatches(pattern, action)));
        // A fault the world injects on this GET (ARM's 429 throttling): the SDK must surface that status.
        const fault = world.faults.find((f) => f.status && f.server !== 'registry' && f.server !== 'logs' && !f.times && new RegExp(f.route).test(`GET ${r.id}`));
        if (fault) {
          await expect(reader(azure, r)).rejects.toMatchObject({ statusCode: fault.status });
          continue;
        }
        if (denied) {
          // The world's caller may not read this: the SDK must surface ARM's 403.
          await expect(reader(azure, r)).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
          continue;
        }
        const got = await reader(azure, r).catch((e: unknown) => {
          throw new Error(`${r.type} ${r.id}: ${(e as Error).message}`);
        });
        expect(got.id?.toLowerCase()).toBe(r.id.toLowerCase());
        read += 1;
      }
      const subs = [];
      for await (const s of azure.subscriptions().subscriptions.list()) subs.push(s);
      expect(subs.length).toBeGreaterThan(0);
      expect(read).toBeGreaterThan(0);
    } finally {
      await arm.stop();
    }
  });
});
