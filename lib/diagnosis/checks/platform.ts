import { formatImageRef } from '../../model';
import { poolOfNode } from '../aks-node-name';
import type { Check, CheckContext, CheckOutcome } from '../check';
import type { ManifestFacts, NodePoolFacts } from '../facts';
import { ltscNameOf, windowsBuildRunsOn, windowsHostBuild } from '../windows-build';
import { nodeSelectorPatchCommand } from '../fix-commands';
import { fallbackEntry } from '../platform-fallback';
import { DOCS } from './docs';

/** The manifest (or index) offers the OS/architecture of every node pool the pod can land on. */
export const platformCheck: Check = {
  id: 'platform',
  title: 'platform',
  needs: ['manifest', 'cluster', 'image'],
  async run(ctx): Promise<CheckOutcome> {
    const { manifest, cluster, image } = ctx.facts as Required<typeof ctx.facts>;
    const offered = new Set(manifest.platforms.map((p) => p.split('/').slice(0, 2).join('/').toLowerCase()));
    const platformOf = (p: NodePoolFacts) => `${p.osType.toLowerCase()}/${p.architecture}`;
    const pools = poolsForPod(cluster.nodePools, ctx.failure.node);
    const buildMismatch = pools.filter((p) => offered.has(platformOf(p)) && !windowsBuildOffered(manifest, p));
    if (buildMismatch.length > 0) return windowsBuildOutcome(ctx, buildMismatch);
    const lacking = pools.filter((p) => !offered.has(platformOf(p)));
    const evidence = [
      { fact: `${formatImageRef(image)} offers ${manifest.platforms.join(', ') || 'no platform'}`, source: `registry manifest ${manifest.digest}` },
      { fact: `node pools considered: ${pools.map((p) => `${p.name} ${platformOf(p)}`).join(', ')}`, source: ctx.failure.node ? `node ${ctx.failure.node}` : 'cluster agentPoolProfiles' },
    ];
    // containerd falls back to a 32-bit entry (arm/v8…v5 on arm64, 386 on amd64): such a pool pulls.
    const fallbacks = lacking.flatMap((p) => {
      const entry = fallbackEntry(manifest.platforms, p.osType, p.architecture);
      return entry ? [{ pool: p, entry }] : [];
    });
    for (const f of fallbacks) {
      evidence.push({ fact: `node pool ${f.pool.name} (${platformOf(f.pool)}) pulls the ${f.entry} entry: containerd falls back to it when the index has no ${platformOf(f.pool)} entry`, source: 'containerd platform matching (github.com/containerd/platforms)' });
    }
    const missing = lacking.filter((p) => !fallbacks.some((f) => f.pool === p));
    if (lacking.length === 0) {
      return { finding: { status: 'pass', summary: `The image offers every node pool's platform`, evidence, fixes: [] } };
    }
    if (missing.length === 0) return fallbackOutcome(ctx, fallbacks, evidence);
    const needed = [...new Set(missing.map(platformOf))];
    const windowsMismatch = missing.some((p) => p.osType === 'Windows') && [...offered].every((o) => o.startsWith('linux/'));
    // Where the pod could run instead: any pool of the cluster (not only the failing node's) whose
    // platform the image offers and that takes ordinary pods (no NoSchedule taint).
    // Stryker disable next-line ArrayDeclaration,Regex: a taint is key=value:Effect, so nothing follows ':NoSchedule' and no default entry can match it
    const compatible = cluster.nodePools.filter((p) => offered.has(platformOf(p)) && !(p.nodeTaints ?? []).some((t) => /:NoSchedule$/i.test(t)));
    const selector = selectorFor(offered, cluster.nodePools);
    const fixes = [];
    if (windowsMismatch) {
      fixes.push({
        text: 'This is a Linux image: keep the pod off Windows nodes with a nodeSelector in the pod template (spec.template.spec.nodeSelector).',
        command: nodeSelectorPatchCommand(ctx.failure, selector ?? { 'kubernetes.io/os': 'linux' }),
      });
    } else {
      const all = buildPlatforms(manifest.platforms, needed);
      fixes.push({
        text: `Build and push the image for ${needed.join(' and ')} as well (a multi-platform index).`,
        command: `docker buildx build --platform ${all} -t ${formatImageRef(image)} --push .`,
      });
      // Only pools that take ordinary pods are offered as a destination.
      if (selector && compatible.length > 0) {
        fixes.push({
          text: `Or schedule the pod only on ${Object.values(selector).join('/')} nodes (pools ${compatible.map((p) => p.name).join(', ')}) with a nodeSelector.`,
          command: nodeSelectorPatchCommand(ctx.failure, selector),
        });
      }
    }
    const userPoolMissing = missing.some((p) => p.mode !== 'System') || !!ctx.failure.node;
    return {
      finding: {
        status: userPoolMissing ? 'fail' : 'warn',
        summary: `${formatImageRef(image)} has no ${needed.join(' or ')} variant, but node pool${missing.length > 1 ? 's' : ''} ${missing.map((p) => p.name).join(', ')} run${missing.length > 1 ? '' : 's'} ${needed.join(', ')}`,
        evidence,
        fixes,
        docs: windowsMismatch ? DOCS.nodeSelector : DOCS.multiArch,
      },
    };
  },
};

/**
 * A Windows pool pulls only an entry whose os.version its build accepts (windows-build.ts: containerd's
 * rule). Entries without os.version, pools whose build is unknown and Linux pools are not judged here.
 */
function windowsBuildOffered(manifest: ManifestFacts, pool: NodePoolFacts): boolean {
  // Stryker disable next-line ConditionalExpression: a Linux pool's OS SKU and node image version name no Windows build, so it passes below anyway
  if (pool.osType !== 'Windows') return true;
  const host = windowsHostBuild(pool.osSku, pool.nodeImageVersion);
  const platform = `windows/${pool.architecture}`;
  const versions = manifest.osVersionsByPlatform?.[platform] ?? [];
  // An entry without os.version ('') matches any host, as containerd's matcher does.
  if (host === undefined || versions.length === 0) return true;
  return versions.some((v) => windowsBuildRunsOn(host, v || undefined));
}

function windowsBuildOutcome(ctx: CheckContext, pools: NodePoolFacts[]): CheckOutcome {
  const { manifest, image } = ctx.facts as Required<typeof ctx.facts>;
  const pool = pools[0]!;
  // Known, so read from the OS SKU or, without one, the node image version: one of them is set.
  const host = windowsHostBuild(pool.osSku, pool.nodeImageVersion)!;
  const versions = Object.values(manifest.osVersionsByPlatform ?? {}).flat();
  const ltsc = ltscNameOf(host);
  const ref = formatImageRef(image);
  return {
    finding: {
      status: 'fail',
      summary: `${ref} offers Windows build${versions.length > 1 ? 's' : ''} ${versions.join(', ')} only; node pool${pools.length > 1 ? 's' : ''} ${pools.map((p) => p.name).join(', ')} run${pools.length > 1 ? '' : 's'} ${pool.osSku ?? 'Windows'} (build 10.0.${host}), whose containerd accepts none of them`,
      evidence: [
        { fact: `${ref} offers ${manifest.platforms.join(', ')}; its Windows entries carry os.version ${versions.join(', ')}`, source: `registry manifest ${manifest.digest}` },
        { fact: `node pool ${pool.name}: ${(pool.osSku ?? pool.nodeImageVersion)!}, build 10.0.${host}; a Windows host accepts ${host <= 20348 ? 'only its own build' : `builds 10.0.20348 to 10.0.${host}`}`, source: 'cluster agentPoolProfiles' },
      ],
      fixes: [
        {
          text: `Rebuild the image on a base for this node build (10.0.${host}${ltsc ? `, e.g. mcr.microsoft.com/windows/servercore:${ltsc}` : ''}) and publish it in the same manifest list as the current build (docker manifest create ${ref} <both images>), so every Windows pool finds its entry.`,
        },
        { text: `Or run the pod on a Windows pool whose build matches the image (nodeSelector node.kubernetes.io/windows-build), e.g. a pool created with the matching --os-sku.` },
      ],
      docs: DOCS.windowsVersions,
    },
  };
}

/**
 * Every pool the image lacks pulls a 32-bit entry instead: the pull works (a warning, never the cause of
 * a pull error), and the container runs only where the CPU executes 32-bit code.
 */
function fallbackOutcome(ctx: CheckContext, fallbacks: Array<{ pool: NodePoolFacts; entry: string }>, evidence: Array<{ fact: string; source: string }>): CheckOutcome {
  const { manifest, image } = ctx.facts as Required<typeof ctx.facts>;
  const needed = [...new Set(fallbacks.map((f) => `${f.pool.osType.toLowerCase()}/${f.pool.architecture}`))];
  const all = buildPlatforms(manifest.platforms, needed);
  return {
    finding: {
      status: 'warn',
      summary: `${formatImageRef(image)} has no ${needed.join(' or ')} variant: node pool${fallbacks.length > 1 ? 's' : ''} ${fallbacks.map((f) => f.pool.name).join(', ')} pull${fallbacks.length > 1 ? '' : 's'} its 32-bit ${[...new Set(fallbacks.map((f) => f.entry))].join(', ')} build instead, which runs only where the CPU executes 32-bit code`,
      evidence,
      fixes: [{ text: `Build and push the image for ${needed.join(' and ')} as well (a multi-platform index).`, command: `docker buildx build --platform ${all} -t ${formatImageRef(image)} --push .` }],
      docs: DOCS.multiArch,
    },
  };
}

/** The pool of the node the pod was scheduled on (`aks-<pool>-<id>-vmss…`), else every pool. */
function poolsForPod(pools: NodePoolFacts[], node: string | undefined): NodePoolFacts[] {
  const pool = poolOfNode(node);
  const onNode = pool ? pools.filter((p) => p.name === pool) : [];
  return onNode.length ? onNode : pools;
}

/**
 * The nodeSelector that keeps the pod on pools whose platform the image offers, pinning only what the
 * image lacks: `kubernetes.io/os` when some pool runs an OS the image does not offer, then
 * `kubernetes.io/arch` when a pool of that OS runs an architecture it does not offer. An architecture
 * the image does offer is never pinned away: a DaemonSet or tolerating pod on a multi-arch image keeps
 * running on every pool it fits (the scheduler matches nodeSelector labels exactly:
 * https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector). The OS is
 * pinned whenever another OS exists, since AKS creates Windows pools without taints.
 */
function selectorFor(offered: ReadonlySet<string>, all: NodePoolFacts[]): Record<string, string> | undefined {
  const fits = all.filter((p) => offered.has(`${p.osType.toLowerCase()}/${p.architecture}`));
  const selector: Record<string, string> = {};
  const osFits = new Set(fits.map((p) => p.osType.toLowerCase()));
  // An OS is pinned only when some pool fits (with none, nothing is pinned) and another pool runs an OS none of the
  // fitting pools run; an architecture the same way among the pools of that OS.
  if (osFits.size > 0 && all.some((p) => !osFits.has(p.osType.toLowerCase()))) selector['kubernetes.io/os'] = [...osFits][0]!;
  const sameOs = all.filter((p) => osFits.has(p.osType.toLowerCase()));
  const archFits = new Set(fits.map((p) => p.architecture));
  if (sameOs.some((p) => !archFits.has(p.architecture))) selector['kubernetes.io/arch'] = [...archFits][0]!;
  return Object.keys(selector).length ? selector : undefined;
}

/**
 * The --platform list that rebuilds every entry the image has plus the missing ones. Variants stay
 * (linux/arm/v6 and linux/arm/v7 are two builds; buildx reads `linux/arm` as v7 only); only spellings
 * of one build fold together: case, and arm64's default variant v8 (containerd's normalisation).
 */
function buildPlatforms(offered: readonly string[], needed: readonly string[]): string {
  const canonical = (p: string) => p.toLowerCase().replace(/^([^/]+\/arm64)\/v8$/, '$1');
  return [...new Set([...offered, ...needed].map(canonical))].join(',');
}
