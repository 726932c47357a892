import type { Replication } from '@azure/arm-containerregistry';
import { clusterFacts, logicContext, REGISTRY_ID, registryFacts } from '../../../test/helpers/check-logic';
import type { ClusterFacts, RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { geoReplicationCheck } from './geo-replication';

// The geo-replication check's decisions on facts and the replications ARM lists (preset per lookup
// key; the sandbox worlds in geo-replication.test.ts cover the read itself): same region, SKU,
// replica present, healthy, routed to, and the exact fix commands.
const OTHER_SUB = '00000000-0000-0000-0000-000000000002';
const REPLICATIONS = `LIST ${REGISTRY_ID}/replications`;
const HOME = { fact: 'registry home region westeurope; cluster region East US', source: `ARM ${REGISTRY_ID}` };
const replica = (over: Partial<Replication> = {}): Replication => ({ name: 'eastus-1', location: 'eastus', provisioningState: 'Succeeded', status: { displayStatus: 'Ready' }, regionEndpointEnabled: true, ...over }) as Replication;

async function check(registry: Partial<RegistryFacts>, cluster: Partial<ClusterFacts>, replications?: Replication[]) {
  const ctx = logicContext({ facts: { registry: registryFacts(registry), cluster: clusterFacts(cluster) }, answers: replications ? { [REPLICATIONS]: replications } : {} });
  return { finding: (await geoReplicationCheck.run(ctx)).finding, asked: ctx.lookups.asked };
}

describe('geo-replication check on facts', () => {
  it('declares what it needs (the engine schedules on it) and the title progress shows', () => {
    const { id, title, needs } = geoReplicationCheck;
    expect({ id, title, needs }).toEqual({ id: 'geo-replication', title: 'geo-replication', needs: ['registry', 'cluster'] });
  });

  it.each<[string, string, string]>([
    ['the same name', 'westeurope', 'westeurope'],
    ['display name against name', 'West Europe', 'westeurope'],
    ['name against display name', 'westeurope', 'West  Europe'],
  ])('passes a registry in the cluster region (%s), without reading replicas', async (_what, registryLocation, clusterLocation) => {
    const { finding, asked } = await check({ location: registryLocation }, { location: clusterLocation });
    expect(finding).toEqual({ status: 'pass', summary: `myacr is in the cluster's region (${clusterLocation})`, evidence: [], fixes: [] });
    expect(asked).toEqual([]);
  });

  it('warns about a far Standard registry: upgrade, then a replica (without reading replicas)', async () => {
    const { finding, asked } = await check({ sku: 'Standard' }, { location: 'East US' });
    expect(finding).toEqual({
      status: 'warn',
      summary: 'myacr (Standard) is in westeurope, far from the cluster in East US; geo-replication needs Premium',
      evidence: [HOME],
      fixes: [
        { text: 'Upgrade to Premium to allow replicas.', command: 'az acr update --name myacr --sku Premium' },
        { text: 'Add a replica of myacr in East US, so nodes pull from their own region.', command: 'az acr replication create --registry myacr --location eastus' },
      ],
      docs: DOCS.geoReplication,
    });
    expect(asked).toEqual([]);
  });

  it('names the registry subscription in every command when it is not the cluster one', async () => {
    const { finding } = await check({ sku: 'Basic', subscriptionId: OTHER_SUB }, { location: 'eastus' });
    expect(finding.fixes.map((f) => f.command)).toEqual([
      `az acr update --name myacr --sku Premium --subscription ${OTHER_SUB}`,
      `az acr replication create --registry myacr --location eastus --subscription ${OTHER_SUB}`,
    ]);
  });

  it.each<[string, Replication[], string]>([
    ['no replica at all', [], 'replicas: none'],
    ['replicas elsewhere only', [replica({ name: 'northeurope', location: 'northeurope' }), replica({ name: 'westus', location: 'westus', status: undefined, provisioningState: 'Creating' }), replica({ name: 'x', location: undefined, status: undefined, provisioningState: undefined })], 'replicas: northeurope (Ready), westus (Creating), undefined (?)'],
  ])('warns about a Premium registry with %s in the cluster region', async (_what, replications, replicasFact) => {
    const { finding, asked } = await check({}, { location: 'East US' }, replications);
    expect(finding).toEqual({
      status: 'warn',
      summary: 'myacr has no replica in East US: every layer crosses regions',
      evidence: [HOME, { fact: replicasFact, source: `ARM ${REGISTRY_ID}/replications` }],
      fixes: [{ text: 'Add a replica of myacr in East US, so nodes pull from their own region.', command: 'az acr replication create --registry myacr --location eastus' }],
      docs: DOCS.geoReplication,
    });
    expect(asked).toEqual([REPLICATIONS]);
  });

  it.each<[string, Partial<Replication>, string, string]>([
    ['syncing', { status: { displayStatus: 'Syncing' } }, 'Syncing', 'eastus-1'],
    ['failed to provision, with a status', { provisioningState: 'Failed', status: { displayStatus: 'Ready' } }, 'Ready', 'eastus-1'],
    ['failed to provision, no status', { provisioningState: 'Failed', status: undefined }, 'Failed', 'eastus-1'],
    ['unnamed and syncing', { name: undefined, status: { displayStatus: 'Syncing' } }, 'Syncing', 'eastus'],
  ])('warns about a local replica that is %s, with a show command', async (_what, over, state, name) => {
    const { finding } = await check({}, { location: 'East US' }, [replica({ name: 'westus', location: 'westus' }), replica({ location: 'East US', ...over })]);
    expect(finding).toEqual({
      status: 'warn',
      summary: `myacr's replica in East US is ${state}`,
      evidence: [HOME, { fact: `replicas: westus (Ready), East US (${state})`, source: `ARM ${REGISTRY_ID}/replications` }],
      fixes: [{ text: 'Check the replica’s status; pulls are routed to it while it is enabled.', command: `az acr replication show --registry myacr --name ${name}` }],
      docs: DOCS.geoReplication,
    });
  });

  it('warns about a healthy local replica whose region endpoint is disabled', async () => {
    const { finding } = await check({ subscriptionId: OTHER_SUB }, { location: 'eastus' }, [replica({ name: 'eastusreplica', regionEndpointEnabled: false })]);
    expect(finding).toEqual({
      status: 'warn',
      summary: "myacr's replica in eastus has its region endpoint disabled: pulls are routed elsewhere",
      evidence: [
        { fact: 'registry home region westeurope; cluster region eastus', source: `ARM ${REGISTRY_ID}` },
        { fact: 'replicas: eastus (Ready)', source: `ARM ${REGISTRY_ID}/replications` },
      ],
      fixes: [{ text: 'Enable routing to the replica.', command: `az acr replication update --registry myacr --name eastusreplica --region-endpoint-enabled true --subscription ${OTHER_SUB}` }],
      docs: DOCS.geoReplication,
    });
    const unnamed = await check({}, { location: 'eastus' }, [replica({ name: undefined, regionEndpointEnabled: false })]);
    expect(unnamed.finding.fixes[0]!.command).toBe('az acr replication update --registry myacr --name eastus --region-endpoint-enabled true');
  });

  it.each<[string, Partial<Replication>, string]>([
    ['ready and routed', {}, 'Ready'],
    ['with neither state nor routing reported (defaults: Succeeded, Ready, enabled)', { provisioningState: undefined, status: undefined, regionEndpointEnabled: undefined }, '?'],
    ['with a status but no provisioning state', { provisioningState: undefined }, 'Ready'],
    ['with a provisioning state but no status', { status: undefined }, 'Succeeded'],
  ])('passes a local replica %s', async (_what, over, shown) => {
    const { finding } = await check({}, { location: 'East US' }, [replica({ location: 'East US', ...over })]);
    expect(finding).toEqual({
      status: 'pass',
      summary: 'myacr has a healthy replica in East US',
      evidence: [HOME, { fact: `replicas: East US (${shown})`, source: `ARM ${REGISTRY_ID}/replications` }],
      fixes: [],
    });
  });
});
