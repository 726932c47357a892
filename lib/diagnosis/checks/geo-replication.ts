import type { Evidence, Fix } from '../../model';
import { listReplications } from '../azure-lookups';
import type { Check, CheckOutcome } from '../check';
import { sh, subscriptionArg } from '../fix-commands';
import { DOCS } from './docs';

const norm = (region: string) => region.toLowerCase().replace(/\s/g, '');

/** A healthy replica in the cluster's region, so layers come from nearby (Premium registries). */
export const geoReplicationCheck: Check = {
  id: 'geo-replication',
  title: 'geo-replication',
  needs: ['registry', 'cluster'],
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const region = norm(cluster.location);
    const sub = subscriptionArg(registry.subscriptionId, cluster.subscriptionId);
    if (norm(registry.location) === region) {
      return { finding: { status: 'pass', summary: `${registry.name} is in the cluster's region (${cluster.location})`, evidence: [], fixes: [] } };
    }
    const evidence: Evidence[] = [{ fact: `registry home region ${registry.location}; cluster region ${cluster.location}`, source: `ARM ${registry.id}` }];
    const replicaFix: Fix = {
      text: `Add a replica of ${registry.name} in ${cluster.location}, so nodes pull from their own region.`,
      command: `az acr replication create --registry ${sh(registry.name)} --location ${sh(region)}${sub}`,
    };
    if (registry.sku !== 'Premium') {
      return {
        finding: {
          status: 'warn',
          summary: `${registry.name} (${registry.sku}) is in ${registry.location}, far from the cluster in ${cluster.location}; geo-replication needs Premium`,
          evidence,
          fixes: [{ text: 'Upgrade to Premium to allow replicas.', command: `az acr update --name ${sh(registry.name)} --sku Premium${sub}` }, replicaFix],
          docs: DOCS.geoReplication,
        },
      };
    }
    const replicas = await listReplications(ctx, registry.id);
    evidence.push({ fact: `replicas: ${replicas.map((r) => `${r.location} (${r.status?.displayStatus ?? r.provisioningState ?? '?'})`).join(', ') || 'none'}`, source: `ARM ${registry.id}/replications` });
    const local = replicas.find((r) => !!r.location && norm(r.location) === region);
    if (!local) {
      return {
        finding: { status: 'warn', summary: `${registry.name} has no replica in ${cluster.location}: every layer crosses regions`, evidence, fixes: [replicaFix], docs: DOCS.geoReplication },
      };
    }
    const healthy = (local.provisioningState ?? 'Succeeded') === 'Succeeded' && (local.status?.displayStatus ?? 'Ready') === 'Ready';
    if (!healthy) {
      return {
        finding: {
          status: 'warn',
          summary: `${registry.name}'s replica in ${cluster.location} is ${local.status?.displayStatus ?? local.provisioningState}`,
          evidence,
          fixes: [{ text: 'Check the replica’s status; pulls are routed to it while it is enabled.', command: `az acr replication show --registry ${sh(registry.name)} --name ${sh(local.name ?? region)}${sub}` }],
          docs: DOCS.geoReplication,
        },
      };
    }
    if (local.regionEndpointEnabled === false) {
      return {
        finding: {
          status: 'warn',
          summary: `${registry.name}'s replica in ${cluster.location} has its region endpoint disabled: pulls are routed elsewhere`,
          evidence,
          fixes: [{ text: 'Enable routing to the replica.', command: `az acr replication update --registry ${sh(registry.name)} --name ${sh(local.name ?? region)} --region-endpoint-enabled true${sub}` }],
          docs: DOCS.geoReplication,
        },
      };
    }
    return { finding: { status: 'pass', summary: `${registry.name} has a healthy replica in ${cluster.location}`, evidence, fixes: [] } };
  },
};
