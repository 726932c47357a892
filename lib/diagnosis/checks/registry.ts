import type { Registry } from '@azure/arm-containerregistry';
import { parseArmId } from '../../azure/arm-id';
import type { Evidence } from '../../model';
import { listRegistries, listSubscriptionIds, registriesKey } from '../azure-lookups';
import { listInEach, refusedEvidence, refusedPermission, throwIfNothingReadable, type RefusedSubscription } from '../search-subscriptions';
import type { Check, CheckOutcome } from '../check';
import type { RegistryFacts } from '../facts';
import { setImageCommand, sh, subscriptionArg } from '../fix-commands';
import type { CheckContext } from '../check';
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
    // A subscription that refuses the list (403) is skipped, not fatal: the registry may be in another.
    const list = (ids: string[]) => listInEach(ids, (s) => listRegistries(ctx, s), registriesKey);
    const nearby = await list(first);
    const seen: Registry[] = nearby.items;
    const refused = nearby.refused;
    let found = match(seen);
    let subscriptions = first;
    if (!found) {
      subscriptions = await listSubscriptionIds(ctx, ctx.subscriptions);
      const rest = await list(subscriptions.filter((s) => !first.some((f) => f.toLowerCase() === s.toLowerCase())));
      seen.push(...rest.items);
      refused.push(...rest.refused);
      found = match(seen);
      subscriptions = [...new Set([...first, ...subscriptions])];
    }
    if (!found && ctx.classification.category === 'dns_failure') return loginServerDoesNotResolve(ctx, loginServer, subscriptions, seen);
    if (!found) throwIfNothingReadable(subscriptions, refused);
    if (!found && refused.length > 0) return notFoundWhereReadable(loginServer, subscriptions, refused);
    if (!found) {
      const secretName = `${image.acr.registryName}-pull`;
      // ARM cannot tell another tenant from a subscription of this tenant that pull-doctor may not
      // read: both look like "not in any listed subscription"
      // (https://learn.microsoft.com/rest/api/resources/subscriptions/list lists only subscriptions the
      // caller has a role on). A warning — a cause only when the message is one a cross-tenant pull
      // gives (the kubelet's token refused) — never a confident cause.
      const tokenRefused = (['auth_missing', 'access_denied', 'repo_not_found'] as const).some((c) => c === ctx.classification.category);
      return {
        finding: {
          status: tokenRefused ? 'warn' : 'unknown',
          summary: `No registry with login server ${loginServer} in the ${subscriptions.length} subscription(s) pull-doctor can read: it is in another tenant (where the cluster's managed identity cannot pull) or in a subscription pull-doctor cannot read`,
          evidence: [{ fact: `searched registries in subscriptions ${subscriptions.join(', ') || '(none visible)'}`, source: 'ARM list Microsoft.ContainerRegistry/registries' }],
          missing: { what: `the registry resource behind ${loginServer}`, permission: `Reader on its subscription (or that subscription in PULL_DOCTOR_SUBSCRIPTIONS), if it is in this tenant` },
          fixes: [
            {
              text: `If ${loginServer} belongs to another tenant, pull with a registry credential: create a pull secret (a repository-scoped ACR token is the least privilege) and reference it in the pod spec's imagePullSecrets.`,
              command: `kubectl create secret docker-registry ${secretName} --docker-server=${loginServer} --docker-username=<token-name> --docker-password=<token-password>${ctx.failure.namespace ? ` -n ${sh(ctx.failure.namespace)}` : ''}`,
              // When the pull-secret check read the pod's secrets, its advice names the real secret: one piece of advice.
              supersededBy: 'pull-secret',
            },
            {
              text: `Then add it to the workload: spec.template.spec.imagePullSecrets: [{ name: ${secretName} }].`,
              supersededBy: 'pull-secret',
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
    if (refused.length > 0) evidence.push(refusedEvidence(refused));
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
        fixes: unhealthy ? [{ text: 'Check the registry in the portal and its activity log; pulls may fail until it is Succeeded.', command: `az acr show --name ${sh(facts.name)} --query provisioningState${subscriptionArg(facts.subscriptionId, clusterSub)}` }] : [],
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

/**
 * The login server did not resolve and no readable subscription holds a registry with it. A registry
 * in another tenant or subscription would still resolve (its name is public DNS), so the name itself
 * is wrong: the registry was deleted, renamed, or the reference is mistyped
 * (https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access#check-dns-resolution).
 */
function loginServerDoesNotResolve(ctx: CheckContext, loginServer: string, subscriptions: string[], seen: Registry[]): CheckOutcome {
  const image = ctx.facts.image!;
  const path = `${image.repository}${image.digest ? `@${image.digest}` : `:${image.tag ?? 'latest'}`}`;
  // Registries the caller can see are where a moved image usually went; only the user can confirm it.
  const others = seen.filter((r) => r.loginServer && r.name).slice(0, 3);
  return {
    finding: {
      status: 'fail',
      summary: `${loginServer} does not resolve and no registry in the ${subscriptions.length} subscription(s) pull-doctor can read has that login server: the registry was deleted or renamed, or the image reference names the wrong registry`,
      evidence: [
        { fact: `the kubelet's DNS lookup of ${loginServer} found no such host`, source: 'kubelet message' },
        { fact: `registries in subscriptions ${subscriptions.join(', ') || '(none visible)'}: ${seen.map((r) => r.loginServer).join(', ') || 'none'}`, source: 'ARM list Microsoft.ContainerRegistry/registries' },
      ],
      fixes: [
        { text: `Check the registry name in the workload's image; if ${loginServer.split('.')[0]} was deleted, its images are gone with it unless they were imported elsewhere.` },
        ...others.flatMap((r) => {
          const moved = `${r.loginServer!.toLowerCase()}/${path}`;
          const set = setImageCommand(ctx.failure, moved);
          return [
            { text: `If the image was moved to ${r.name}, confirm it is there:`, command: `az acr repository show --name ${sh(r.name!)} --image ${sh(path)}${subscriptionArg(parseArmId(r.id)?.subscriptionId, parseArmId(ctx.failure.cluster)?.subscriptionId)}` },
            ...(set ? [{ text: `Then point the workload at it:`, command: set }] : []),
          ];
        }),
      ],
      docs: DOCS.cannotPullFromAcr,
    },
  };
}

/**
 * Not in any subscription pull-doctor could list, and at least one visible subscription refused the
 * list (403): the registry may well be there, in this tenant. Neither "another tenant" nor a cause:
 * `unknown`, naming the refused action, its scope and the least role that grants it.
 */
function notFoundWhereReadable(loginServer: string, subscriptions: string[], refused: RefusedSubscription[]): CheckOutcome {
  const where = refused.map((r) => r.subscriptionId).join(', ');
  return {
    finding: {
      status: 'unknown',
      summary: `No registry with login server ${loginServer} in the subscriptions pull-doctor could list; ${refused.length === 1 ? 'subscription' : 'subscriptions'} ${where} refused the list, so it may be there`,
      evidence: [
        { fact: `searched registries in subscriptions ${subscriptions.filter((s) => !refused.some((r) => r.subscriptionId === s)).join(', ') || '(none readable)'}`, source: 'ARM list Microsoft.ContainerRegistry/registries' },
        refusedEvidence(refused),
      ],
      missing: { what: `the registries of subscription ${where}`, permission: refusedPermission(refused) },
      fixes: [{ text: `Give pull-doctor's identity Reader on ${where} (or on the registry) so it can find the registry behind ${loginServer} and check the rest of the chain.` }],
      docs: DOCS.cannotPullFromAcr,
    },
  };
}
