import type { Registry } from '@azure/arm-containerregistry';
import { parseArmId } from '../../azure/arm-id';
import type { Evidence } from '../../model';
import { listRegistries, listSubscriptionIds } from '../azure-lookups';
import type { Check, CheckOutcome } from '../check';
import type { RegistryFacts } from '../facts';
import { sh } from '../fix-commands';
import { DOCS } from './docs';

/** Finds the ACR resource behind the image's login server, across the subscriptions pull-doctor can see. */
export const registryCheck: Check = {
  id: 'registry',
  title: 'registry',
  needs: ['image'],
  provides: ['registry'],
  async run(ctx): Promise<CheckOutcome> {
    const image = ctx.facts.image!;
    if (!image.acr) {
      return {
        finding: { status: 'skipped', summary: `${image.registry} is not an Azure Container Registry`, evidence: [], fixes: [] },
      };
    }
    const loginServer = image.acr.loginServer.toLowerCase();
    const match = (list: Registry[]) => list.find((r) => r.loginServer?.toLowerCase() === loginServer);
    // Most clusters pull from a registry in their own subscription: look there first and list the
    // other subscriptions only when it is not there (one round trip instead of two).
    const clusterSub = parseArmId(ctx.failure.cluster)?.subscriptionId;
    const first = ctx.subscriptions.length ? [] : clusterSub ? [clusterSub] : [];
    let found = first.length ? match(await listRegistries(ctx, first[0])) : undefined;
    let subscriptions = first;
    if (!found) {
      subscriptions = await listSubscriptionIds(ctx, ctx.subscriptions);
      const rest = subscriptions.filter((s) => !first.some((f) => f.toLowerCase() === s.toLowerCase()));
      found = match((await Promise.all(rest.map((s) => listRegistries(ctx, s)))).flat());
      subscriptions = [...new Set([...first, ...subscriptions])];
    }
    if (!found) {
      const secretName = `${image.acr.registryName}-pull`;
      return {
        finding: {
          status: 'fail',
          summary: `No registry with login server ${loginServer} in the ${subscriptions.length} subscription(s) pull-doctor can read: it is in another tenant or subscription, so the cluster's managed identity cannot be granted pull on it directly`,
          evidence: [{ fact: `searched registries in subscriptions ${subscriptions.join(', ') || '(none visible)'}`, source: 'ARM list Microsoft.ContainerRegistry/registries' }],
          fixes: [
            {
              text: `If ${loginServer} belongs to another tenant, pull with a registry credential: create a pull secret (a repository-scoped ACR token is the least privilege) and reference it in the pod spec's imagePullSecrets.`,
              command: `kubectl create secret docker-registry ${secretName} --docker-server=${loginServer} --docker-username=<token-name> --docker-password=<token-password>${ctx.failure.namespace ? ` -n ${sh(ctx.failure.namespace)}` : ''}`,
            },
            {
              text: `Then add it to the workload: spec.template.spec.imagePullSecrets: [{ name: ${secretName} }].`,
            },
            {
              text: `If the registry is in your tenant, give pull-doctor's identity Reader on it (or add its subscription to PULL_DOCTOR_SUBSCRIPTIONS) so the rest of the chain can be checked.`,
            },
          ],
          docs: DOCS.cannotPullFromAcr,
        },
      };
    }
    const facts = toRegistryFacts(found);
    const evidence: Evidence[] = [
      { fact: `${facts.name} (${facts.sku}) in ${facts.location}, resource group ${facts.resourceGroup}`, source: `ARM ${facts.id}` },
      { fact: `public network access ${facts.publicNetworkAccess}, default action ${facts.defaultAction}`, source: 'registry networkRuleSet' },
    ];
    if (facts.roleAssignmentMode === 'AbacRepositoryPermissions') {
      evidence.push({ fact: 'role assignment mode: ABAC repository permissions (AcrPull is not honoured; repository roles are)', source: 'registry roleAssignmentMode' });
    }
    if (facts.anonymousPullEnabled) evidence.push({ fact: 'anonymous pull is enabled', source: 'registry anonymousPullEnabled' });
    if (facts.adminUserEnabled) evidence.push({ fact: 'admin user is enabled (a shared credential; prefer identities)', source: 'registry adminUserEnabled' });
    if (facts.dataEndpointEnabled) evidence.push({ fact: `dedicated data endpoints: ${facts.dataEndpointHostNames.join(', ')}`, source: 'registry dataEndpointHostNames' });
    if (facts.azureADAuthenticationAsArmPolicy === 'disabled') {
      evidence.push({ fact: 'Entra tokens with the ARM audience are refused (azureADAuthenticationAsArmPolicy disabled)', source: 'registry policies' });
    }
    const unhealthy = facts.provisioningState && facts.provisioningState !== 'Succeeded';
    return {
      finding: {
        status: unhealthy ? 'warn' : 'pass',
        summary: unhealthy
          ? `Registry ${facts.name} is in provisioning state ${facts.provisioningState}`
          : `Registry ${facts.name} found (${facts.sku}, ${facts.location})`,
        evidence,
        fixes: unhealthy ? [{ text: 'Check the registry in the portal and its activity log; pulls may fail until it is Succeeded.', command: `az acr show --name ${sh(facts.name)} --query provisioningState` }] : [],
      },
      facts: { registry: facts },
    };
  },
};

export function toRegistryFacts(r: Registry): RegistryFacts {
  const id = parseArmId(r.id);
  if (!id) throw new Error(`registry without a resource id: ${r.name ?? '?'}`);
  const sku = r.sku?.name ?? 'Unknown';
  // Basic and Standard have no firewall: their default action is Allow whatever the property says.
  const hasFirewall = sku === 'Premium';
  return {
    id: id.id,
    subscriptionId: id.subscriptionId,
    resourceGroup: id.resourceGroup,
    name: id.name,
    loginServer: (r.loginServer ?? '').toLowerCase(),
    location: r.location ?? '',
    sku,
    provisioningState: r.provisioningState,
    adminUserEnabled: !!r.adminUserEnabled,
    anonymousPullEnabled: !!r.anonymousPullEnabled,
    publicNetworkAccess: r.publicNetworkAccess === 'Disabled' ? 'Disabled' : 'Enabled',
    defaultAction: hasFirewall && r.networkRuleSet?.defaultAction === 'Deny' ? 'Deny' : 'Allow',
    ipRules: (r.networkRuleSet?.ipRules ?? []).map((rule) => ({ value: rule.iPAddressOrRange, action: rule.action })),
    networkRuleBypassOptions: r.networkRuleBypassOptions,
    dataEndpointEnabled: !!r.dataEndpointEnabled,
    dataEndpointHostNames: r.dataEndpointHostNames ?? [],
    roleAssignmentMode: r.roleAssignmentMode,
    azureADAuthenticationAsArmPolicy: r.policies?.azureADAuthenticationAsArmPolicy?.status === 'disabled' ? 'disabled' : 'enabled',
    privateEndpointConnections: (r.privateEndpointConnections ?? []).map((c) => ({
      id: c.id ?? '',
      privateEndpointId: c.privateEndpoint?.id,
      status: c.privateLinkServiceConnectionState?.status,
    })),
  };
}
