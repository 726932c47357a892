import { formatImageRef } from '../../model';
import type { Check, CheckOutcome } from '../check';
import type { NodePoolFacts } from '../facts';
import { nodeSelectorPatchCommand } from '../fix-commands';
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
    const missing = pools.filter((p) => !offered.has(platformOf(p)));
    const evidence = [
      { fact: `${formatImageRef(image)} offers ${manifest.platforms.join(', ') || 'no platform'}`, source: `registry manifest ${manifest.digest}` },
      { fact: `node pools considered: ${pools.map((p) => `${p.name} ${platformOf(p)}`).join(', ')}`, source: ctx.failure.node ? `node ${ctx.failure.node}` : 'cluster agentPoolProfiles' },
    ];
    if (missing.length === 0) {
      return { finding: { status: 'pass', summary: `The image offers every node pool's platform`, evidence, fixes: [] } };
    }
    const needed = [...new Set(missing.map(platformOf))];
    const windowsMismatch = missing.some((p) => p.osType === 'Windows') && [...offered].every((o) => o.startsWith('linux/'));
    // Where the pod could run instead: any pool of the cluster (not only the failing node's) whose
    // platform the image offers and that takes ordinary pods (no NoSchedule taint).
    // Stryker disable next-line ArrayDeclaration,Regex: a taint is key=value:Effect, so nothing follows ':NoSchedule' and no default entry can match it
    const compatible = cluster.nodePools.filter((p) => offered.has(platformOf(p)) && !(p.nodeTaints ?? []).some((t) => /:NoSchedule$/i.test(t)));
    const selector = selectorFor(compatible, cluster.nodePools);
    const fixes = [];
    if (windowsMismatch) {
      fixes.push({
        text: 'This is a Linux image: keep the pod off Windows nodes with a nodeSelector in the pod template (spec.template.spec.nodeSelector).',
        command: nodeSelectorPatchCommand(ctx.failure, selector ?? { 'kubernetes.io/os': 'linux' }),
      });
    } else {
      const all = [...new Set([...manifest.platforms.map((p) => p.split('/').slice(0, 2).join('/')), ...needed])].join(',');
      fixes.push({
        text: `Build and push the image for ${needed.join(' and ')} as well (a multi-platform index).`,
        command: `docker buildx build --platform ${all} -t ${formatImageRef(image)} --push .`,
      });
      if (selector) {
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

/** The pool of the node the pod was scheduled on (`aks-<pool>-<id>-vmss…`), else every pool. */
function poolsForPod(pools: NodePoolFacts[], node: string | undefined): NodePoolFacts[] {
  const m = node ? /^aks-([a-z0-9]+)-\d+-vmss/.exec(node) ?? /^aks([a-z0-9]+?)\d{6}$/.exec(node) : null;
  const onNode = m ? pools.filter((p) => p.name === m[1]) : [];
  return onNode.length ? onNode : pools;
}

/**
 * The nodeSelector that keeps the pod on the compatible pools: os and arch when they share both and
 * some other pool differs in either — pinning only the architecture would let the scheduler pick an
 * untainted Windows pool of that architecture (AKS creates Windows pools without taints).
 */
function selectorFor(compatible: NodePoolFacts[], all: NodePoolFacts[]): Record<string, string> | undefined {
  // Stryker disable next-line ConditionalExpression: a shortcut; with no compatible pool both sets are empty, no label is set and the result is undefined all the same
  if (compatible.length === 0) return undefined;
  const os = new Set(compatible.map((p) => p.osType.toLowerCase()));
  const arch = new Set(compatible.map((p) => p.architecture));
  const selector: Record<string, string> = {};
  const onlyOs = os.size === 1 ? [...os][0] : undefined;
  const onlyArch = arch.size === 1 ? [...arch][0] : undefined;
  if (onlyOs && all.some((p) => p.osType.toLowerCase() !== onlyOs)) selector['kubernetes.io/os'] = onlyOs;
  if (onlyArch && all.some((p) => p.architecture !== onlyArch)) selector['kubernetes.io/arch'] = onlyArch;
  return Object.keys(selector).length ? selector : undefined;
}
