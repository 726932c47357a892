import { parseArmId } from '../azure/arm-id';
import type { Evidence, Fix } from '../model';
import { getUserAssignedIdentity } from './azure-lookups';
import type { CheckContext } from './check';
import type { ClusterFacts } from './facts';
import { sh } from './fix-commands';

/**
 * The kubelet pulls with the user-assigned identity in the cluster's identityProfile; the node asks IMDS
 * for a token by its client id. ARM keeps that profile (and the identity's role assignments, shown as
 * "Identity not found") after the identity is deleted, and a new identity created under the same name
 * has another principal and client id: either way no token comes for the old one and the pull goes
 * anonymous (https://learn.microsoft.com/azure/aks/use-managed-identity#use-a-pre-created-kubelet-managed-identity ,
 * https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignments-with-identity-not-found).
 */
export interface KubeletIdentityProblem {
  summary: string;
  evidence: Evidence[];
  fixes: Fix[];
}

/** The identity could not be read (403, throttling): whether it still exists is unknown, never assumed. */
export interface KubeletIdentityUnreadable {
  unreadable: unknown;
  key: string;
}

/** `deleted` when GET answers 404; `replaced` when the resource now has another principal; undefined when it is the one the cluster names, or cannot be read. */
export function kubeletIdentityState(kubeletObjectId: string, read: { status?: number; principalId?: string }): 'deleted' | 'replaced' | undefined {
  if (read.status === 404) return 'deleted';
  if (read.principalId && read.principalId.toLowerCase() !== kubeletObjectId.toLowerCase()) return 'replaced';
  return undefined;
}

export async function kubeletIdentityProblem(
  ctx: Pick<CheckContext, 'azure' | 'lookups' | 'failure'>,
  cluster: Pick<ClusterFacts, 'id' | 'name' | 'resourceGroup' | 'kubelet'>,
  controlPlaneIdentityId: string | undefined,
): Promise<KubeletIdentityProblem | KubeletIdentityUnreadable | undefined> {
  const kubelet = cluster.kubelet;
  const id = kubelet?.resourceId ? parseArmId(kubelet.resourceId) : undefined;
  if (!kubelet || !id) return undefined;
  const read: { status?: number; principalId?: string; error?: unknown } = await getUserAssignedIdentity(ctx, id.id).then(
    (identity) => ({ principalId: identity.principalId }),
    (error: { statusCode?: number }) => ({ status: error.statusCode, error }),
  );
  if (read.error !== undefined && read.status !== 404) return { unreadable: read.error, key: `GET ${id.id}` };
  const state = kubeletIdentityState(kubelet.objectId, read);
  if (!state) return undefined;
  const source = `ARM ${id.id}`;
  // Stryker disable next-line StringLiteral: with no image, any text that is not an ACR reference names no registry either.
  const acr = /^([a-z0-9]+)\.azurecr\.(?:io|us|cn)\//i.exec(ctx.failure.image ?? '')?.[1];
  const assign = `az aks update --resource-group ${sh(cluster.resourceGroup)} --name ${sh(cluster.name)}${controlPlaneIdentityId ? ` --enable-managed-identity --assign-identity ${sh(controlPlaneIdentityId)}` : ''} --assign-kubelet-identity ${sh(id.id)}`;
  // Stryker disable next-line StringLiteral: an identity's ARM id always names its subscription, so the empty branch is never taken.
  const inSubscription = id.subscriptionId ? ` --subscription ${sh(id.subscriptionId)}` : '';
  const fixes: Fix[] = [
    ...(state === 'deleted' ? [{ text: `Create the identity ${id.name} again (a new principal: the old one cannot come back).`, command: `az identity create --resource-group ${sh(id.resourceGroup)} --name ${sh(id.name)}${inSubscription}` }] : []),
    { text: `Assign it as ${cluster.name}'s kubelet identity, so the nodes get its new client id (the node pools are updated).`, command: assign },
    ...(acr ? [{ text: `Then grant it AcrPull on ${acr} again: the old assignment names the old principal.`, command: `az aks update --resource-group ${sh(cluster.resourceGroup)} --name ${sh(cluster.name)} --attach-acr ${sh(acr)}` }] : []),
  ];
  return state === 'deleted'
    ? {
        summary: `${cluster.name}'s kubelet identity ${id.name} was deleted: the nodes cannot get a token for it, so they pull anonymously`,
        evidence: [{ fact: `identityProfile.kubeletidentity names ${id.id} (object id ${kubelet.objectId}); GET answers 404`, source }],
        fixes,
      }
    : {
        summary: `${cluster.name}'s kubelet identity ${id.name} was recreated: it is now principal ${read.principalId}, not the ${kubelet.objectId} the cluster uses`,
        evidence: [{ fact: `identityProfile.kubeletidentity names object id ${kubelet.objectId}; ${id.name} now has principal ${read.principalId}`, source }],
        fixes,
      };
}
