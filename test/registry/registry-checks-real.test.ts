import type { AzureClients } from '../../lib/azure/clients';
import type { CheckContext, Facts } from '../../lib/diagnosis/check';
import { imageSizeCheck } from '../../lib/diagnosis/checks/image-size';
import { platformCheck } from '../../lib/diagnosis/checks/platform';
import { repositoryTagCheck } from '../../lib/diagnosis/checks/repository-tag';
import type { ClusterFacts, NodePoolFacts } from '../../lib/diagnosis/facts';
import { LookupCache, TrackedLookups } from '../../lib/diagnosis/lookup-cache';
import { parseImageRef } from '../../lib/image-ref/parse-image-ref';
import { createRegistryClientFactory, type RegistryClientFactoryOptions } from '../../lib/registry/oci-registry-client';
import { DiagnosisRegistries } from '../../lib/registry/diagnosis-registries';
import { RegistryEgressPolicy } from '../../lib/registry/egress-policy';
import { RegistryError } from '../../lib/registry/registry-client';
import { generateSandboxTls, type SandboxTls } from '../../lib/sandbox/tls';
import { DOCKER_REGISTRY_BIN, dockerRegistryInstalled, startDockerRegistry, TEST_USER, type RunningRegistry } from '../helpers/docker-registry';
import { pushImage, pushIndex, type PushTarget } from '../helpers/oci-push';

/**
 * The registry checks (repository-tag, platform, image-size) against a real CNCF Distribution
 * registry with images this test pushes: issue 4's "registry checks pass against a real registry".
 * Missing binary: fails with CI set, skipped loudly otherwise.
 */
const installed = dockerRegistryInstalled();
if (!installed && !process.env.CI) {
  console.warn(`\n!!! SKIPPING test/registry/registry-checks-real.test.ts: ${DOCKER_REGISTRY_BIN} not found. With CI set this suite FAILS instead.\n`);
}
const describeReal = installed || process.env.CI ? describe : describe.skip;

/** These checks read only the registry: touching ARM is a bug. */
const noArm = new Proxy({}, { get: (_t, p) => { throw new Error(`registry checks must not use ARM (touched azure.${String(p)})`); } }) as AzureClients;

const pool = (name: string, osType: 'Linux' | 'Windows', architecture: 'amd64' | 'arm64'): NodePoolFacts => ({ name, osType, architecture, vmSize: 'Standard_D4s_v5' });
function cluster(pools: NodePoolFacts[]): ClusterFacts {
  return {
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks',
    subscriptionId: 's', resourceGroup: 'rg', name: 'aks', location: 'westeurope', identityModel: 'managedIdentity',
    nodePools: pools, vnetIds: [], egressIps: [], customDnsServers: [],
  };
}

describeReal('registry checks against CNCF Distribution', () => {
  let tls: SandboxTls;
  let plain: RunningRegistry | undefined;
  let secured: RunningRegistry | undefined;

  beforeAll(async () => {
    if (!installed) throw new Error(`${DOCKER_REGISTRY_BIN} is missing: CI must apt-get install docker-registry`);
    tls = await generateSandboxTls();
    [plain, secured] = await Promise.all([startDockerRegistry({ tls, ca: tls.ca }), startDockerRegistry({ tls, ca: tls.ca, basicAuth: true })]);
    const target: PushTarget = { url: plain.url, ca: tls.ca };
    await pushImage(target, 'shop/web', { tag: 'v1.0', platform: 'linux/amd64', layerSizes: [2048] });
    await pushImage(target, 'shop/web', { tag: 'v1.1', platform: 'linux/amd64', layerSizes: [2048] });
    const amd = await pushImage(target, 'shop/api', { platform: 'linux/amd64', layerSizes: [1024] });
    const arm = await pushImage(target, 'shop/api', { platform: 'linux/arm64', layerSizes: [1024] });
    await pushIndex(target, 'shop/api', '2.0', [amd, arm]);
    await pushImage({ url: secured.url, ca: tls.ca, basicAuth: TEST_USER }, 'private/app', { tag: '1.0', platform: 'linux/amd64', layerSizes: [10] });
  }, 20_000);

  afterAll(async () => {
    await Promise.all([plain?.stop(), secured?.stop()]);
  });

  function context(image: string, facts: Partial<Facts> = {}, options: RegistryClientFactoryOptions = {}): CheckContext {
    const parsed = parseImageRef(image);
    if (!parsed.ok) throw new Error(parsed.error);
    const signal = AbortSignal.timeout(10_000);
    // What the engine hands checks: the registries on 127.0.0.1 are allowed (loopback: tests only); no ACR here.
    const policy = new RegistryEgressPolicy({ allowedRegistries: [plain!.host, secured!.host], allowLoopback: true });
    const registries = new DiagnosisRegistries(createRegistryClientFactory({ tlsCa: tls.ca, retry: { maxRetries: 0 }, ...options }), policy);
    registries.resolvedByArm([]);
    return {
      failure: { image, source: 'cli', namespace: 'shop', pod: 'web-1', controller: 'Deployment/web', container: 'web' },
      classification: { category: 'unknown', confidence: 0, candidates: [], explanation: 'test' },
      facts: { image: parsed.ref, ...facts },
      azure: noArm,
      registries,
      lookups: new TrackedLookups(new LookupCache(0), signal),
      signal,
      subscriptions: [],
    };
  }

  it('passes an existing single-arch tag and hands its manifest to platform and image-size', async () => {
    const ctx = context(`${plain!.host}/shop/web:v1.0`);
    const tag = await repositoryTagCheck.run(ctx);
    expect(tag.finding.status).toBe('pass');
    const manifest = tag.facts!.manifest!;
    expect(manifest.platforms).toEqual(['linux/amd64']);

    const onArm = await platformCheck.run({ ...ctx, facts: { ...ctx.facts, manifest, cluster: cluster([pool('arm', 'Linux', 'arm64')]) } });
    expect(onArm.finding.status).toBe('fail');
    expect(onArm.finding.fixes.map((f) => f.command).join('\n')).toContain('--platform linux/amd64,linux/arm64');
    const onAmd = await platformCheck.run({ ...ctx, facts: { ...ctx.facts, manifest, cluster: cluster([pool('sys', 'Linux', 'amd64')]) } });
    expect(onAmd.finding.status).toBe('pass');

    const size = await imageSizeCheck.run({ ...ctx, facts: { ...ctx.facts, manifest } });
    expect(size.finding.status).toBe('pass');
  });

  it('passes a multi-arch index on a mixed cluster', async () => {
    const ctx = context(`${plain!.host}/shop/api:2.0`);
    const tag = await repositoryTagCheck.run(ctx);
    expect(tag.finding.status).toBe('pass');
    const mixed = cluster([pool('sys', 'Linux', 'amd64'), pool('arm', 'Linux', 'arm64')]);
    const platform = await platformCheck.run({ ...ctx, facts: { ...ctx.facts, manifest: tag.facts!.manifest!, cluster: mixed } });
    expect(platform.finding.status).toBe('pass');
    const onWindows = await platformCheck.run({ ...ctx, facts: { ...ctx.facts, manifest: tag.facts!.manifest!, cluster: cluster([pool('win', 'Windows', 'amd64')]) } });
    expect(onWindows.finding.status).toBe('fail');
  });

  it('fails a missing tag and names the closest existing tag', async () => {
    const outcome = await repositoryTagCheck.run(context(`${plain!.host}/shop/web:1.0`));
    expect(outcome.finding.status).toBe('fail');
    // v1.0 differs from 1.0 only by the leading v: the tag meant, said as such.
    expect(outcome.finding.summary).toContain('(v1.0 does)');
    expect(outcome.finding.fixes[0]!.command).toContain(`${plain!.host}/shop/web:v1.0`);
  });

  // Distribution answers a manifest in a missing repository with MANIFEST_UNKNOWN (ACR says NAME_UNKNOWN).
  it('fails a missing repository and names the closest existing one', async () => {
    const outcome = await repositoryTagCheck.run(context(`${plain!.host}/shop/wep:v1.0`));
    expect(outcome.finding.status).toBe('fail');
    expect(outcome.finding.summary).toContain('did you mean shop/web');
  });

  it('raises UNAUTHORIZED from a basic-auth registry without credentials (the engine reports it unknown), passes with them', async () => {
    const image = `${secured!.host}/private/app:1.0`;
    await expect(repositoryTagCheck.run(context(image))).rejects.toMatchObject({ constructor: RegistryError, code: 'UNAUTHORIZED' });
    const authed = await repositoryTagCheck.run(context(image, {}, { basicAuth: () => TEST_USER }));
    expect(authed.finding.status).toBe('pass');
  });
});
