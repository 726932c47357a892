import type { ImageRef, PullFailure } from '../../model';
import type { CheckContext } from '../check';
import type { ClusterFacts, ManifestFacts, NodePoolFacts } from '../facts';
import { DOCS } from './docs';
import { platformCheck } from './platform';

// The platform check's decisions on facts alone (the sandbox worlds in platform.test.ts cover the
// reads): which pools count, which platforms an image offers, fail or warn, and which fix.
const IMAGE: ImageRef = { original: 'myacr.azurecr.io/app:v1', registry: 'myacr.azurecr.io', repository: 'app', tag: 'v1', registryDefaulted: false, tagDefaulted: false };
const pool = (name: string, osType: 'Linux' | 'Windows', architecture: 'amd64' | 'arm64', mode = 'User'): NodePoolFacts => ({ name, osType, architecture, vmSize: 'Standard_D4s_v5', mode });
const SYSTEM = pool('system', 'Linux', 'amd64', 'System');
const ARM = pool('armpool', 'Linux', 'arm64');
const WIN = pool('win', 'Windows', 'amd64');
const AMD = pool('amdpool', 'Linux', 'amd64');

async function run(platforms: string[], pools: NodePoolFacts[], failure: Partial<PullFailure> = {}) {
  const manifest: ManifestFacts = { digest: 'sha256:abc', mediaType: 'application/vnd.oci.image.index.v1+json', platforms, sizeBytesByPlatform: {} };
  const cluster = { nodePools: pools } as unknown as ClusterFacts;
  const ctx = { facts: { manifest, cluster, image: IMAGE }, failure: { image: IMAGE.original, source: 'cli', namespace: 'shop', controller: 'Deployment/web', ...failure } } as unknown as CheckContext;
  return (await platformCheck.run(ctx)).finding;
}

describe('the declaration the engine schedules by', () => {
  it('names the check and the facts it needs', () => {
    const { run: _run, ...declaration } = platformCheck;
    expect(declaration).toEqual({ id: 'platform', title: 'platform', needs: ['manifest', 'cluster', 'image'] });
  });
});

describe('platform check on facts', () => {
  it('passes when every pool is offered, ignoring variants and case', async () => {
    const finding = await run(['linux/amd64', 'linux/arm64/v8'], [SYSTEM, pool('ARM', 'Linux', 'arm64')]);
    expect(finding).toMatchObject({ status: 'pass', summary: "The image offers every node pool's platform", fixes: [] });
    expect(finding.evidence).toEqual([
      { fact: 'myacr.azurecr.io/app:v1 offers linux/amd64, linux/arm64/v8', source: 'registry manifest sha256:abc' },
      { fact: 'node pools considered: system linux/amd64, ARM linux/arm64', source: 'cluster agentPoolProfiles' },
    ]);
  });

  it('says "no platform" for a manifest that lists none', async () => {
    const finding = await run([], [AMD]);
    expect(finding.evidence[0]!.fact).toBe('myacr.azurecr.io/app:v1 offers no platform');
    expect(finding.status).toBe('fail');
  });

  it('fails for a user pool the image does not offer, with a multi-platform build and a nodeSelector to the pools it does', async () => {
    const finding = await run(['linux/amd64'], [SYSTEM, AMD, ARM]);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/arm64 variant, but node pool armpool runs linux/arm64');
    expect(finding.docs).toBe(DOCS.multiArch);
    expect(finding.fixes.map((f) => f.text)).toEqual([
      'Build and push the image for linux/arm64 as well (a multi-platform index).',
      'Or schedule the pod only on amd64 nodes (pools system, amdpool) with a nodeSelector.',
    ]);
    expect(finding.fixes[0]!.command).toBe('docker buildx build --platform linux/amd64,linux/arm64 -t myacr.azurecr.io/app:v1 --push .');
    expect(finding.fixes[1]!.command).toContain('"kubernetes.io/arch":"amd64"');
  });

  it('names every missing pool, and only builds when no pool fits', async () => {
    const finding = await run(['linux/amd64'], [ARM, pool('arm2', 'Linux', 'arm64')]);
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/arm64 variant, but node pools armpool, arm2 run linux/arm64');
    expect(finding.fixes.map((f) => f.text)).toEqual(['Build and push the image for linux/arm64 as well (a multi-platform index).']);
  });

  it('joins several missing platforms', async () => {
    const finding = await run(['windows/amd64'], [ARM, AMD]);
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/arm64 or linux/amd64 variant, but node pools armpool, amdpool run linux/arm64, linux/amd64');
    expect(finding.fixes[0]!.command).toBe('docker buildx build --platform windows/amd64,linux/arm64,linux/amd64 -t myacr.azurecr.io/app:v1 --push .');
    expect(finding.fixes[0]!.text).toBe('Build and push the image for linux/arm64 and linux/amd64 as well (a multi-platform index).');
  });

  it('only warns when the one pool missing is a system pool and the pod was not placed on it', async () => {
    expect((await run(['linux/arm64'], [pool('sys', 'Linux', 'amd64', 'System'), ARM])).status).toBe('warn');
    expect((await run(['linux/arm64'], [pool('sys', 'Linux', 'amd64', 'System'), ARM], { node: 'aks-sys-12345678-vmss000000' })).status).toBe('fail');
  });

  it('keeps a Linux image off Windows nodes with an OS nodeSelector', async () => {
    const finding = await run(['linux/amd64', 'linux/arm64'], [AMD, WIN]);
    expect(finding.status).toBe('fail');
    expect(finding.docs).toBe(DOCS.nodeSelector);
    expect(finding.fixes).toHaveLength(1);
    expect(finding.fixes[0]!.text).toMatch(/^This is a Linux image: keep the pod off Windows nodes/);
    expect(finding.fixes[0]!.command).toContain('"kubernetes.io/os":"linux"');
  });

  it('pins only the OS for a multi-arch Linux image on a Windows node, so its arm64 pods keep running', async () => {
    // fleet-windows-node-linux-image: a DaemonSet that tolerates every taint lands on amd64, arm64 (tainted) and Windows pools.
    const tainted = { ...ARM, nodeTaints: ['arch=arm64:NoSchedule'] };
    const finding = await run(['linux/amd64', 'linux/arm64/v8'], [AMD, tainted, WIN], { node: 'akswin000001', controller: 'DaemonSet/otel-agent' });
    expect(finding.fixes[0]!.command).toContain('{"nodeSelector":{"kubernetes.io/os":"linux"}}');
    expect(finding.fixes[0]!.command).not.toContain('kubernetes.io/arch');
  });

  it('pins os and arch when the image lacks both a Windows and an arm64 variant', async () => {
    const finding = await run(['linux/amd64'], [AMD, ARM, WIN], { node: 'aks-armpool-12345678-vmss000000' });
    expect(finding.fixes[1]!.command).toContain('{"nodeSelector":{"kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}}');
  });

  it('asks for a Windows build when the image already offers some Windows variant', async () => {
    const finding = await run(['linux/amd64', 'windows/arm64'], [AMD, WIN]);
    expect(finding.docs).toBe(DOCS.multiArch);
    expect(finding.fixes[0]!.text).toBe('Build and push the image for windows/amd64 as well (a multi-platform index).');
  });
});

describe('platform check: the nodeSelector fix', () => {
  const patch = (labels: Record<string, string>) => `kubectl patch deployment/web -n shop --type merge -p '${JSON.stringify({ spec: { template: { spec: { nodeSelector: labels } } } })}'`;

  it('pins os and arch when the compatible pools share both and other pools differ in each', async () => {
    const finding = await run(['linux/arm64'], [ARM, WIN, AMD]);
    expect(finding.docs).toBe(DOCS.nodeSelector);
    expect(finding.fixes).toEqual([
      {
        text: 'This is a Linux image: keep the pod off Windows nodes with a nodeSelector in the pod template (spec.template.spec.nodeSelector).',
        command: patch({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' }),
      },
    ]);
  });

  it('keeps a Linux image off Windows with the OS alone when no pool can run it', async () => {
    const finding = await run(['linux/arm64'], [WIN]);
    expect(finding.fixes).toEqual([expect.objectContaining({ command: patch({ 'kubernetes.io/os': 'linux' }) })]);
  });

  it('offers a nodeSelector on both os and arch, naming the compatible pools', async () => {
    const finding = await run(['windows/amd64'], [WIN, AMD]);
    expect(finding.fixes).toEqual([
      { text: 'Build and push the image for linux/amd64 as well (a multi-platform index).', command: 'docker buildx build --platform windows/amd64,linux/amd64 -t myacr.azurecr.io/app:v1 --push .' },
      { text: 'Or schedule the pod only on windows nodes (pools win) with a nodeSelector.', command: patch({ 'kubernetes.io/os': 'windows' }) },
    ]);
    const both = await run(['windows/amd64'], [WIN, ARM, pool('win2', 'Windows', 'arm64')]);
    expect(both.fixes[1]).toEqual({ text: 'Or schedule the pod only on windows/amd64 nodes (pools win) with a nodeSelector.', command: patch({ 'kubernetes.io/os': 'windows', 'kubernetes.io/arch': 'amd64' }) });
  });

  it('pins only the OS when the other OS\'s pools run another architecture', async () => {
    const finding = await run(['windows/amd64'], [WIN, ARM]);
    expect(finding.fixes[1]).toEqual({ text: 'Or schedule the pod only on windows nodes (pools win) with a nodeSelector.', command: patch({ 'kubernetes.io/os': 'windows' }) });
  });

  it('offers no nodeSelector when every pool the image fits is tainted NoSchedule', async () => {
    const finding = await run(['linux/amd64'], [{ ...AMD, nodeTaints: ['sku=gpu:NoSchedule'] }, ARM]);
    expect(finding.fixes.map((f) => f.text)).toEqual(['Build and push the image for linux/arm64 as well (a multi-platform index).']);
  });

  it('offers no nodeSelector when the compatible pools differ in os and in arch', async () => {
    const finding = await run(['linux/arm64', 'windows/amd64'], [ARM, WIN, AMD]);
    expect(finding.fixes).toEqual([
      { text: 'Build and push the image for linux/amd64 as well (a multi-platform index).', command: 'docker buildx build --platform linux/arm64,windows/amd64,linux/amd64 -t myacr.azurecr.io/app:v1 --push .' },
    ]);
  });

  it.each<[string, string[], string]>([
    ['NoSchedule', ['sku=gpu:NoSchedule'], 'amdpool'],
    ['NoSchedule in any case, among others', ['a=b:NoExecute', 'sku=gpu:noschedule'], 'amdpool'],
    ['PreferNoSchedule (ordinary pods still land there)', ['sku=gpu:PreferNoSchedule'], 'gpu, amdpool'],
    ['none', [], 'gpu, amdpool'],
  ])('leaves out of the nodeSelector pools tainted %s', async (_what, nodeTaints, pools) => {
    const finding = await run(['linux/amd64'], [{ ...pool('gpu', 'Linux', 'amd64'), nodeTaints }, AMD, ARM]);
    expect(finding.fixes[1]!.text).toBe(`Or schedule the pod only on amd64 nodes (pools ${pools}) with a nodeSelector.`);
  });

  it('rebuilds every platform the image has, variants kept, plus the missing ones (the arm64 pool pulls arm/v7)', async () => {
    const finding = await run(['linux/arm/v7', 'linux/arm/v6'], [AMD, ARM]);
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/amd64 variant, but node pool amdpool runs linux/amd64');
    expect(finding.fixes).toEqual([
      {
        text: 'Build and push the image for linux/amd64 as well (a multi-platform index).',
        command: 'docker buildx build --platform linux/arm/v7,linux/arm/v6,linux/amd64 -t myacr.azurecr.io/app:v1 --push .',
      },
    ]);
    expect(finding.evidence[2]).toEqual({
      fact: 'node pool armpool (linux/arm64) pulls the linux/arm/v7 entry: containerd falls back to it when the index has no linux/arm64 entry',
      source: 'containerd platform matching (github.com/containerd/platforms)',
    });
    expect(finding.docs).toBe(DOCS.multiArch);
  });

  // nimbus-armenc-av1-worker-arm-v7-not-arm64: containerd's matcher takes arm/v8…v5 on an arm64 host and 386 on amd64.
  it.each<[string, string[], NodePoolFacts, string, string]>([
    ['an arm64 pool and an arm/v7 entry', ['linux/amd64', 'linux/arm/v7'], ARM, 'linux/arm/v7', 'linux/amd64,linux/arm/v7,linux/arm64'],
    ['an arm64 pool and several arm entries: the highest variant, an arm entry without one being v7', ['linux/arm/v5', 'linux/arm', 'linux/ARM/v8', 'linux/arm/v9'], ARM, 'linux/ARM/v8', 'linux/arm/v5,linux/arm,linux/arm/v8,linux/arm/v9,linux/arm64'],
    ['an arm64 pool and an arm entry without a variant', ['linux/arm', 'linux/arm/v6'], ARM, 'linux/arm', 'linux/arm,linux/arm/v6,linux/arm64'],
    ['an amd64 pool and a 386 entry', ['linux/386', 'linux/arm64/v8'], AMD, 'linux/386', 'linux/386,linux/arm64,linux/amd64'],
  ])('warns, never fails, when containerd falls back to a 32-bit entry: %s', async (_what, platforms, p, entry, rebuilt) => {
    const finding = await run(platforms, [p], { node: `aks-${p.name}-12345678-vmss000000` });
    const platform = `linux/${p.architecture}`;
    expect(finding).toMatchObject({
      status: 'warn',
      summary: `myacr.azurecr.io/app:v1 has no ${platform} variant: node pool ${p.name} pulls its 32-bit ${entry} build instead, which runs only where the CPU executes 32-bit code`,
      docs: DOCS.multiArch,
    });
    expect(finding.fixes).toEqual([
      { text: `Build and push the image for ${platform} as well (a multi-platform index).`, command: `docker buildx build --platform ${rebuilt} -t myacr.azurecr.io/app:v1 --push .` },
    ]);
  });

  it.each<[string, string[], NodePoolFacts]>([
    ['an amd64 pool and only arm entries', ['linux/arm/v7', 'linux/arm64'], AMD],
    ['an arm64 pool and a 386 entry', ['linux/386', 'linux/amd64'], ARM],
    ['an arm64 pool and an arm/v9 entry (beyond what arm64 accepts)', ['linux/arm/v9', 'linux/amd64'], ARM],
    ['an arm64 pool and a Windows arm entry', ['windows/arm/v7', 'linux/amd64'], ARM],
  ])('still fails when containerd has nothing to fall back to: %s', async (_what, platforms, p) => {
    expect((await run(platforms, [p], { node: `aks-${p.name}-12345678-vmss000000` })).status).toBe('fail');
  });

  it('names every pool that falls back and every entry they pull', async () => {
    const finding = await run(['linux/386', 'linux/arm/v7'], [AMD, ARM]);
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/amd64 or linux/arm64 variant: node pools amdpool, armpool pull its 32-bit linux/386, linux/arm/v7 build instead, which runs only where the CPU executes 32-bit code');
    expect(finding.fixes[0]!.text).toBe('Build and push the image for linux/amd64 and linux/arm64 as well (a multi-platform index).');
  });

  it('fails for the pools without a fallback and names the ones that pull a 32-bit entry', async () => {
    const finding = await run(['linux/arm/v7'], [AMD, ARM]);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 has no linux/amd64 variant, but node pool amdpool runs linux/amd64');
  });

  it('fails when a user pool misses the image even if a system pool misses it too', async () => {
    expect((await run(['linux/arm64'], [SYSTEM, AMD])).status).toBe('fail');
  });
});

describe('which pools count', () => {
  it.each<[string | undefined, string[]]>([
    ['aks-armpool-12345678-vmss000000', ['armpool']],
    ['aks-amdpool-12345678-vmss00000a', ['amdpool']],
    ['akswin000000', ['win']],
    ['akswin00000', ['armpool', 'amdpool', 'win']],
    ['aks-gone-12345678-vmss000000', ['armpool', 'amdpool', 'win']],
    ['xaks-armpool-12345678-vmss000000', ['armpool', 'amdpool', 'win']],
    ['xakswin000000', ['armpool', 'amdpool', 'win']],
    ['akswin0000000', ['armpool', 'amdpool', 'win']],
    ['aks-armpool-x-vmss000000', ['armpool', 'amdpool', 'win']],
    [undefined, ['armpool', 'amdpool', 'win']],
  ])('node %s → %j', async (node, names) => {
    const finding = await run(['linux/amd64', 'linux/arm64', 'windows/amd64'], [ARM, AMD, WIN], node ? { node } : {});
    expect(finding.evidence[1]!.fact).toBe(`node pools considered: ${names.map((n) => `${n} ${n === 'win' ? 'windows/amd64' : n === 'armpool' ? 'linux/arm64' : 'linux/amd64'}`).join(', ')}`);
    expect(finding.evidence[1]!.source).toBe(node ? `node ${node}` : 'cluster agentPoolProfiles');
  });
});

describe('platform check: Windows builds (containerd matches a list entry by os.version)', () => {
  const winPool = (osSku: string | undefined, nodeImageVersion?: string): NodePoolFacts => ({ ...WIN, osSku, nodeImageVersion });
  async function runWindows(osVersions: string[] | undefined, pools: NodePoolFacts[], platforms = ['windows/amd64']) {
    const manifest: ManifestFacts = {
      digest: 'sha256:abc',
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms,
      sizeBytesByPlatform: {},
      ...(osVersions ? { osVersionsByPlatform: { 'windows/amd64': osVersions } } : {}),
    };
    const ctx = { facts: { manifest, cluster: { nodePools: pools }, image: IMAGE }, failure: { image: IMAGE.original, source: 'cli', node: 'akswin000001' } } as unknown as CheckContext;
    return (await platformCheck.run(ctx)).finding;
  }

  it.each<[string, string[] | undefined, NodePoolFacts, string]>([
    ['ltsc2019 only on a Windows Server 2022 pool', ['10.0.17763.6532'], winPool('Windows2022'), 'fail'],
    ['ltsc2016 and ltsc2019 on a Windows Server 2022 pool', ['10.0.14393.7428', '10.0.17763.6532'], winPool('Windows2022'), 'fail'],
    ['ltsc2019 and ltsc2022 on a Windows Server 2022 pool', ['10.0.17763.6532', '10.0.20348.2966'], winPool('Windows2022'), 'pass'],
    ['ltsc2022 on a Windows Server 2025 pool (newer hosts take 20348 up)', ['10.0.20348.2966'], winPool('Windows2025'), 'pass'],
    ['ltsc2022 on a Windows Server 2019 pool (older hosts need their own build)', ['10.0.20348.2966'], winPool('Windows2019'), 'fail'],
    ['ltsc2019 on a Windows Server 2019 pool, SKU in any case', ['10.0.17763.6532'], winPool('windows2019'), 'pass'],
    ['a build known only from the node image version', ['10.0.17763.6532'], winPool(undefined, 'AKSWindows-2022-containerd-20348.4405.251112'), 'fail'],
    ['a pool whose build is unknown', ['10.0.17763.6532'], winPool(undefined), 'pass'],
    ['entries without os.version', undefined, winPool('Windows2022'), 'pass'],
    ['an os.version that is not a Windows 10.0 build', ['6.3.9600'], winPool('Windows2022'), 'fail'],
  ])('%s → %s', async (_what, osVersions, p, status) => {
    expect((await runWindows(osVersions, [p])).status).toBe(status);
  });

  it('judges a list where only some Windows entries carry os.version as matching (the bare entry fits any host)', async () => {
    expect((await runWindows(['10.0.17763.6532', ''], [winPool('Windows2022')])).status).toBe('pass');
  });

  it('names the builds, the pool, the rule and a rebuild for the node build', async () => {
    const finding = await runWindows(['10.0.17763.6532'], [winPool('Windows2022')]);
    expect(finding.summary).toBe('myacr.azurecr.io/app:v1 offers Windows build 10.0.17763.6532 only; node pool win runs Windows2022 (build 10.0.20348), whose containerd accepts none of them');
    expect(finding.evidence[1]!.fact).toBe('node pool win: Windows2022, build 10.0.20348; a Windows host accepts only its own build');
    expect((await runWindows(['10.0.17763.6532'], [winPool('Windows2025')])).evidence[1]!.fact).toContain('accepts builds 10.0.20348 to 10.0.26100');
    expect(finding.fixes[0]!.text).toContain('mcr.microsoft.com/windows/servercore:ltsc2022');
    expect(finding.docs).toBe(DOCS.windowsVersions);
    expect((await runWindows(['10.0.20348.2966'], [winPool('Windows2019')])).evidence[1]!.fact).toContain('accepts only its own build');
  });

  it('a build with no LTSC name, on several pools, without an OS SKU: the whole finding', async () => {
    // Windows Server 23H2 (build 25398, Annual Channel) accepts 20348 to 25398: neither entry fits.
    const annual = (name: string): NodePoolFacts => ({ ...WIN, name, nodeImageVersion: 'AKSWindows-23H2-gen2-25398.1251.241112' });
    const manifest: ManifestFacts = {
      digest: 'sha256:abc',
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: ['windows/amd64', 'windows/amd64'],
      sizeBytesByPlatform: {},
      osVersionsByPlatform: { 'windows/amd64': ['10.0.17763.6532', '10.0.26100.2605'] },
    };
    const ctx = { facts: { manifest, cluster: { nodePools: [annual('win1'), annual('win2')] }, image: IMAGE }, failure: { image: IMAGE.original, source: 'cli' } } as unknown as CheckContext;
    expect((await platformCheck.run(ctx)).finding).toEqual({
      status: 'fail',
      summary: 'myacr.azurecr.io/app:v1 offers Windows builds 10.0.17763.6532, 10.0.26100.2605 only; node pools win1, win2 run Windows (build 10.0.25398), whose containerd accepts none of them',
      evidence: [
        { fact: 'myacr.azurecr.io/app:v1 offers windows/amd64, windows/amd64; its Windows entries carry os.version 10.0.17763.6532, 10.0.26100.2605', source: 'registry manifest sha256:abc' },
        { fact: 'node pool win1: AKSWindows-23H2-gen2-25398.1251.241112, build 10.0.25398; a Windows host accepts builds 10.0.20348 to 10.0.25398', source: 'cluster agentPoolProfiles' },
      ],
      fixes: [
        {
          text: 'Rebuild the image on a base for this node build (10.0.25398) and publish it in the same manifest list as the current build (docker manifest create myacr.azurecr.io/app:v1 <both images>), so every Windows pool finds its entry.',
        },
        { text: 'Or run the pod on a Windows pool whose build matches the image (nodeSelector node.kubernetes.io/windows-build), e.g. a pool created with the matching --os-sku.' },
      ],
      docs: DOCS.windowsVersions,
    });
  });

  it('leaves Linux pools to the os/architecture rule', async () => {
    expect((await runWindows(['10.0.17763.6532'], [{ ...AMD, osSku: 'Ubuntu' }], ['linux/amd64', 'windows/amd64'])).status).toBe('pass');
  });
});
