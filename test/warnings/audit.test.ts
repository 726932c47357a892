import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { captureIO } from '../helpers/cli-io';

/**
 * `pull-doctor audit --world`: the fleet audit on the sandbox worlds with running pods (the change
 * worlds of issue 18, audited in their state after the change) — the real engine, the world's
 * Container insights rows. A broken world lists its workloads by blast radius; a healthy one nothing.
 */
async function audit(...args: string[]) {
  const cap = captureIO();
  const code = await runCli(['audit', ...args], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

describe('pull-doctor audit --world', () => {
  it('lists nothing on a healthy cluster (exit 0)', async () => {
    const { code, out } = await audit('--world', 'change-base', '--json');
    expect(JSON.parse(out)).toMatchObject({ clusters: [{ atRisk: [], undecided: [], considered: 3, checked: 3 }] });
    expect(code).toBe(EXIT.ok);
  }, 60_000);

  it('lists every workload that would fail, largest first, with the check and fix (exit 1)', async () => {
    const { code, out } = await audit('--world', 'change-acrpull-deleted', '--json');
    const [cluster] = (JSON.parse(out) as { clusters: Array<{ atRisk: Array<{ namespace: string; workload: string; pods: number; checkId: string; fix?: { command?: string } }> }> }).clusters;
    expect(cluster!.atRisk.map((w) => `${w.namespace}/${w.workload}`)).toEqual(['shop/Deployment/web', 'shop/Deployment/payments', 'batch/StatefulSet/worker']);
    expect(cluster!.atRisk.map((w) => w.pods)).toEqual([...cluster!.atRisk.map((w) => w.pods)].sort((a, b) => b - a));
    expect(new Set(cluster!.atRisk.map((w) => w.checkId))).toEqual(new Set(['pull-permission']));
    expect(cluster!.atRisk[0]!.fix?.command).toMatch(/az /);
    expect(code).toBe(EXIT.causeFound);
  }, 60_000);

  it('finds what the change broke whatever the change was: platform after an arm64 pool, the tag after a delete', async () => {
    const arm = JSON.parse((await audit('--world', 'change-arm64-pool-added', '--json')).out) as { clusters: Array<{ atRisk: Array<{ workload: string; checkId: string }> }> };
    expect(arm.clusters[0]!.atRisk.map((w) => [w.workload, w.checkId])).toEqual([
      ['Deployment/payments', 'platform'],
      ['StatefulSet/worker', 'platform'],
    ]);
    const tag = await audit('--world', 'change-tag-deleted');
    expect(tag.out).toContain('Would fail if nodes were recycled now: 3 pods of shop/web on aks-prod');
    expect(tag.out).toContain('repository and tag: Tag v1.2 does not exist');
    expect(tag.code).toBe(EXIT.causeFound);
  }, 60_000);

  it('says "could not check" when a fact cannot be read (exit 2), never "nothing at risk"', async () => {
    const { code, out } = await audit('--world', 'change-unreadable-scope');
    expect(out).toContain('could not check pull permission');
    expect(out).not.toMatch(/Every running image .* would pull/);
    expect(code).toBe(EXIT.undecided);
  }, 60_000);

  it('a world with no running pods is undecided, not healthy', async () => {
    const { code, out } = await audit('--world', 'change-base', '--cluster', '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other', '--json');
    expect(JSON.parse(out).clusters[0].undecided[0].reason).toMatch(/no running pod/);
    expect(code).toBe(EXIT.undecided);
  }, 60_000);

  it.each([
    [[], /--cluster <AKS resource id>/],
    [['--cluster', 'aks-prod'], /--cluster must be an AKS resource id/],
    [['--world', 'change-base', '--json', '--format', 'markdown'], /exclude each other/],
    [['--world', 'change-base', 'extra'], /unexpected argument/],
  ])('usage error %j (exit 3)', async (args, message) => {
    const { code, err } = await audit(...(args as string[]));
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(message);
  });
});
