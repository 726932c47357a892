import { parseArmId } from '../azure/arm-id';
import { formatImageRef, type Fix, type ImageRef } from '../model';
import type { CheckContext } from './check';
import { getManagedCluster, listRoleAssignmentsFor } from './azure-lookups';
import { describeFailure } from './describe-failure';
import { setImageCommand, sh } from './fix-commands';
import { pullIdentityOf } from './checks/cluster';

const REGISTRY_SCOPE = /\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)$/i;

/**
 * The Azure Container Registry the cluster already pulls from: a registry on which its kubelet
 * identity holds a role assignment (ARM lists a principal's assignments at, above and below a scope).
 * `note` says why none could be named.
 */
export async function knownRegistryOf(ctx: CheckContext): Promise<{ name?: string; note?: string }> {
  const clusterId = parseArmId(ctx.failure.cluster);
  if (!clusterId) return { note: 'no AKS cluster given' };
  try {
    const identity = pullIdentityOf(await getManagedCluster(ctx, clusterId.id));
    if (!identity.kubelet) return { note: 'the cluster has no kubelet identity' };
    const assignments = await listRoleAssignmentsFor(ctx, `/subscriptions/${clusterId.subscriptionId}`, identity.kubelet.objectId);
    const names = [...new Set(assignments.map((a) => REGISTRY_SCOPE.exec(a.scope ?? '')?.[1]).filter((n): n is string => Boolean(n)))].sort();
    return names.length ? { name: names[0] } : { note: 'the kubelet identity holds no role on a registry in the cluster’s subscription' };
  } catch (error) {
    return { note: describeFailure(error, undefined).summary.replace(/^could not read a lookup: /, 'could not read the kubelet identity’s registries: ') };
  }
}

/** `az acr import` into the cluster's registry, then point the workload at the imported copy. */
export function importFixes(ctx: CheckContext, ref: ImageRef, registry: { name?: string; note?: string }): Fix[] {
  const target = `${ref.repository.replace(/^library\//, '')}:${ref.tag ?? 'latest'}`;
  const source = formatImageRef(ref);
  if (!registry.name) {
    return [
      {
        text: `Import the image into your Azure Container Registry once and pull it from there (replace <registry> with your registry name; ${registry.note ?? 'the cluster’s registry is not known'}).`,
        command: `az acr import --name <registry> --source ${sh(source)} --image ${sh(target)}`,
      },
    ];
  }
  const imported = `${registry.name}.azurecr.io/${target}`;
  return [
    {
      text: `Import the image into ${registry.name}, the registry the cluster already pulls from, once (Docker Hub is not asked again).`,
      command: `az acr import --name ${sh(registry.name)} --source ${sh(source)} --image ${sh(target)}`,
    },
    { text: `Then point the workload at ${imported}.`, command: setImageCommand(ctx.failure, imported) ?? `# image: ${imported}` },
  ];
}
