import type { ManagedCluster } from '@azure/arm-containerservice';
import type { PrivateEndpoint } from '@azure/arm-network';
import { RestError } from '@azure/core-rest-pipeline';
import type { ClusterCommandResult } from '../../azure/run-command';
import { clusterFacts } from '../../../test/helpers/check-logic';
import { presetLookups, type PresetLookups } from '../../../test/helpers/preset-lookups';
import type { CheckContext } from '../check';
import type { ClusterFacts, RegistryFacts } from '../facts';
import type { InClusterAccess } from '../in-cluster/in-cluster-access';
import type { ClusterScript } from '../in-cluster/scripts';
import { DOCS } from './docs';
import { inClusterDnsCheck } from './in-cluster-dns';

// The in-cluster-dns check's decisions on hand-built facts (the sandbox worlds in in-cluster-dns.test.ts
// cover Run Command on the wire): which names it asks the cluster to resolve, what the private endpoint
// says they should resolve to, and the finding for each answer. ctx.inCluster answers with the command
// pod's output; ctx.lookups with the ARM shapes (ManagedCluster, PrivateEndpoint) the SDK returns.
const SUB = '00000000-0000-0000-0000-000000000001';
const REGISTRY_ID = `/subscriptions/${SUB}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/myacr`;
const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
const PE_ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-myacr`;
const PE2_ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-myacr-2`;
const LOGIN = 'myacr.azurecr.io';
const DATA = 'myacr.westeurope.data.azurecr.io';
const SOURCE = 'in-cluster (AKS Run Command): getent ahostsv4';
const COREDNS_FIX = { text: 'Look at CoreDNS forwarding overrides.', command: 'kubectl get configmap coredns-custom -n kube-system -o yaml' };
const COREDNS_FORWARDING = 'a CoreDNS custom forward (coredns-custom ConfigMap) or a node-level resolver sends the names elsewhere than Azure DNS; forward them to 168.63.129.16';

const registry = (over: Partial<RegistryFacts> = {}): RegistryFacts => ({
  id: REGISTRY_ID,
  subscriptionId: SUB,
  resourceGroup: 'rg-registry',
  name: 'myacr',
  loginServer: LOGIN,
  location: 'westeurope',
  sku: 'Premium',
  adminUserEnabled: false,
  anonymousPullEnabled: false,
  publicNetworkAccess: 'Disabled',
  defaultAction: 'Deny',
  ipRules: [],
  dataEndpointEnabled: true,
  dataEndpointHostNames: [DATA],
  privateEndpointConnections: [],
  ...over,
});
const cluster = (over: Partial<ClusterFacts> = {}): ClusterFacts => clusterFacts({ nodePools: [], egressIps: [], ...over });
const APPROVED = { id: `${REGISTRY_ID}/privateEndpointConnections/pe1`, privateEndpointId: PE_ID, status: 'Approved' };
/** An ACR private endpoint as ARM returns it: one customDnsConfig per name the endpoint serves. */
const endpoint = (ips: Record<string, string[]>, id = PE_ID): PrivateEndpoint => ({
  id,
  name: id.split('/').pop(),
  subnet: { id: `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/nodes` },
  customDnsConfigs: Object.entries(ips).map(([fqdn, ipAddresses]) => ({ fqdn, ipAddresses })),
});

interface Run {
  registry?: RegistryFacts;
  cluster?: ClusterFacts;
  /** The command pod's output, or what Run Command threw. */
  logs?: string | Error;
  arm?: Record<string, unknown>;
  inCluster?: false;
}
let scripts: ClusterScript[] = [];
let lookups: PresetLookups;
async function check(run: Run) {
  scripts = [];
  lookups = presetLookups({ [`GET ${CLUSTER_ID}`]: { location: 'westeurope' } satisfies ManagedCluster, ...run.arm }, { loadUnlisted: true });
  const inCluster: InClusterAccess = {
    mode: 'read',
    async run(clusterId, script): Promise<ClusterCommandResult> {
      expect(clusterId).toBe(CLUSTER_ID);
      scripts.push(script);
      if (run.logs instanceof Error) throw run.logs;
      return { provisioningState: 'succeeded', exitCode: 0, logs: run.logs ?? '' };
    },
  };
  const ctx = {
    facts: { registry: run.registry ?? registry(), cluster: run.cluster ?? cluster() },
    failure: { image: `${LOGIN}/app:v1`, source: 'cli' },
    lookups,
    inCluster: run.inCluster === false ? undefined : inCluster,
  } as unknown as CheckContext;
  return (await inClusterDnsCheck.run(ctx)).finding;
}
const dns = (host: string, ...ips: string[]) => `dns ${host} ${ips.join(' ')} `;

describe('the declaration the engine schedules by', () => {
  it('names the check and the facts it needs', () => {
    const { run: _run, ...declaration } = inClusterDnsCheck;
    expect(declaration).toEqual({ id: 'in-cluster-dns', title: 'DNS inside the cluster', needs: ['registry', 'cluster'], inCluster: 'read', timeoutMs: 120_000 });
  });
});

describe('in-cluster-dns check: without a private endpoint', () => {
  it('asks for the login server and each data endpoint once, lowercased, and passes when they resolve', async () => {
    const finding = await check({ registry: registry({ loginServer: 'MyAcr.azurecr.io', dataEndpointHostNames: [DATA, 'MYACR.azurecr.io'] }), logs: [dns(LOGIN, '20.61.99.240'), dns(DATA, '20.61.99.241', '20.61.99.242')].join('\n') });
    expect(scripts.map((s) => s.text.split('\n', 1)[0])).toEqual([`# pull-doctor dns v1 hosts=${LOGIN},${DATA}`]);
    expect(finding).toEqual({
      status: 'pass',
      summary: 'inside the cluster every registry endpoint resolves to an address',
      evidence: [
        { fact: `${LOGIN} → 20.61.99.240 inside the cluster`, source: SOURCE },
        { fact: `${DATA} → 20.61.99.241, 20.61.99.242 inside the cluster`, source: SOURCE },
      ],
      fixes: [],
    });
    expect(lookups.asked).toEqual([`RUNCOMMAND ${CLUSTER_ID} # pull-doctor dns v1 hosts=${LOGIN},${DATA}`, `GET ${CLUSTER_ID}`]);
  });

  it.each<[string, string]>([
    ['answers nothing for it', dns(LOGIN)],
    ['leaves it out', ''],
  ])('fails a name the cluster cannot resolve when the resolver %s', async (_what, loginLine) => {
    const finding = await check({ logs: [loginLine, dns(DATA, '20.61.99.241')].join('\n') });
    expect(finding).toEqual({
      status: 'fail',
      summary: `${LOGIN} did not resolve inside the cluster`,
      evidence: [
        { fact: `${LOGIN} → no answer inside the cluster`, source: SOURCE },
        { fact: `${DATA} → 20.61.99.241 inside the cluster`, source: SOURCE },
      ],
      fixes: [{ text: `Make the names resolvable from the nodes: ${COREDNS_FORWARDING}.` }, COREDNS_FIX],
      docs: DOCS.coreDnsCustom,
    });
  });

  it('names every unresolved name, and the custom DNS servers that must forward them', async () => {
    const finding = await check({ cluster: cluster({ customDnsServers: ['10.0.0.4', '10.0.0.5'] }), logs: '' });
    expect(finding.summary).toBe(`${LOGIN}, ${DATA} did not resolve inside the cluster`);
    expect(finding.evidence[2]).toEqual({ fact: 'the cluster VNet uses custom DNS 10.0.0.4, 10.0.0.5', source: 'virtualNetwork dhcpOptions' });
    expect(finding.fixes[0]).toEqual({
      text: 'Make the names resolvable from the nodes: the custom DNS servers 10.0.0.4, 10.0.0.5 must forward privatelink.azurecr.io (or azurecr.io) to Azure DNS 168.63.129.16 from a VNet linked to the zone.',
    });
    expect(finding.docs).toBe(DOCS.coreDnsCustom);
  });
});

describe('in-cluster-dns check: with an approved private endpoint', () => {
  const privateRegistry = registry({
    privateEndpointConnections: [
      APPROVED,
      { id: `${REGISTRY_ID}/privateEndpointConnections/pe2`, privateEndpointId: PE2_ID, status: 'Pending' },
      { id: `${REGISTRY_ID}/privateEndpointConnections/pe3`, status: 'Approved' },
    ],
  });
  // ARM may return the FQDNs with a trailing dot and capitals.
  const arm = { [`GET ${PE_ID}`]: endpoint({ [LOGIN]: ['10.225.0.5'], 'MyAcr.WestEurope.data.azurecr.io.': ['10.225.0.6'] }) };

  it('passes when every name resolves to an IP of the approved endpoint, reading only that endpoint', async () => {
    const finding = await check({ registry: privateRegistry, arm, logs: [dns(LOGIN, '10.225.0.5'), dns(DATA, '10.225.0.9', '10.225.0.6')].join('\n') });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'inside the cluster every registry endpoint resolves to its private endpoint IP',
      evidence: [
        { fact: `${LOGIN} → 10.225.0.5 inside the cluster (private endpoint: 10.225.0.5)`, source: SOURCE },
        { fact: `${DATA} → 10.225.0.9, 10.225.0.6 inside the cluster (private endpoint: 10.225.0.6)`, source: SOURCE },
      ],
      fixes: [],
    });
    expect(lookups.asked.filter((k) => k.includes('privateEndpoints'))).toEqual([`GET ${PE_ID}`]);
  });

  it('fails a name that resolves to public addresses, with the forwarding fix for CoreDNS', async () => {
    const finding = await check({ registry: privateRegistry, arm, logs: [dns(LOGIN, '20.61.99.240', '20.61.99.241'), dns(DATA, '10.225.0.6')].join('\n') });
    expect(finding).toEqual({
      status: 'fail',
      summary: `Inside the cluster ${LOGIN} → 20.61.99.240, 20.61.99.241 (public), expected 10.225.0.5: pulls go to the public endpoint, which the registry refuses`,
      evidence: [
        { fact: `${LOGIN} → 20.61.99.240, 20.61.99.241 inside the cluster (private endpoint: 10.225.0.5)`, source: SOURCE },
        { fact: `${DATA} → 10.225.0.6 inside the cluster (private endpoint: 10.225.0.6)`, source: SOURCE },
      ],
      fixes: [{ text: `Make the cluster resolve the registry through the private zone: ${COREDNS_FORWARDING}.` }, COREDNS_FIX],
      docs: DOCS.coreDnsCustom,
    });
  });

  it.each<[string, string, string]>([
    ['another private IP', '10.9.0.7', `${LOGIN} → 10.9.0.7, expected 10.225.0.5`],
    ['a mix of private and public IPs', '10.9.0.7 20.61.99.240', `${LOGIN} → 10.9.0.7, 20.61.99.240, expected 10.225.0.5`],
  ])('fails a name that resolves to %s, without calling it public', async (_what, ips, wrong) => {
    const finding = await check({ registry: privateRegistry, arm, logs: [`dns ${LOGIN} ${ips}`, dns(DATA, '10.225.0.6')].join('\n') });
    expect(finding.summary).toBe(`Inside the cluster ${wrong}: pulls go to the public endpoint, which the registry refuses`);
  });

  it('joins every wrong name, says when the endpoint has no IP for one, and points custom DNS at the private zone', async () => {
    const finding = await check({
      registry: privateRegistry,
      cluster: cluster({ customDnsServers: ['10.0.0.4'] }),
      arm: { [`GET ${PE_ID}`]: endpoint({ [LOGIN]: ['10.225.0.5', '10.225.0.7'] }) },
      logs: [dns(LOGIN, '20.61.99.240'), dns(DATA, '20.61.99.241')].join('\n'),
    });
    expect(finding.summary).toBe(
      `Inside the cluster ${LOGIN} → 20.61.99.240 (public), expected 10.225.0.5, 10.225.0.7; ${DATA} → 20.61.99.241 (public), expected a private endpoint IP: pulls go to the public endpoint, which the registry refuses`,
    );
    expect(finding.evidence.map((e) => e.fact)).toEqual([
      `${LOGIN} → 20.61.99.240 inside the cluster (private endpoint: 10.225.0.5, 10.225.0.7)`,
      `${DATA} → 20.61.99.241 inside the cluster (private endpoint: no IP for this name)`,
      'the cluster VNet uses custom DNS 10.0.0.4',
    ]);
    expect(finding.fixes[0]!.text).toBe(
      'Make the cluster resolve the registry through the private zone: the custom DNS servers 10.0.0.4 must forward privatelink.azurecr.io (or azurecr.io) to Azure DNS 168.63.129.16 from a VNet linked to the zone.',
    );
    expect(finding.docs).toBe(DOCS.privateEndpointDns);
  });

  it('reports a wrong answer before a missing one', async () => {
    const finding = await check({ registry: privateRegistry, arm, logs: dns(LOGIN, '20.61.99.240') });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toMatch(/^Inside the cluster myacr\.azurecr\.io → 20\.61\.99\.240 \(public\), expected 10\.225\.0\.5: /);
  });

  it('lets a failed endpoint read fail the check (the engine reports it as unknown)', async () => {
    const refused = new RestError('denied', { statusCode: 403, code: 'AuthorizationFailed' });
    await expect(check({ registry: privateRegistry, arm: { [`GET ${PE_ID}`]: refused }, logs: dns(LOGIN, '10.225.0.5') })).rejects.toBe(refused);
  });
});

describe('in-cluster-dns check: when Run Command does not answer', () => {
  it('is unknown when ARM refuses Run Command, naming the permission', async () => {
    const refused = new RestError(
      `The client 'pull-doctor' with object id 'x' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/runCommand/action' over scope '${CLUSTER_ID}' or the scope is invalid.`,
      { statusCode: 403, code: 'AuthorizationFailed' },
    );
    // The endpoint read fails too: the check answers with the Run Command failure, and leaves no
    // unhandled rejection behind (which would end the Functions host's Node process).
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let finding;
    try {
      finding = await check({ logs: refused, registry: registry({ privateEndpointConnections: [APPROVED] }), arm: { [`GET ${PE_ID}`]: new RestError('gone', { statusCode: 404 }) } });
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(finding).toEqual({
      status: 'unknown',
      summary: `could not read what ${LOGIN} resolves to inside aks-prod: Run Command was refused (403 AuthorizationFailed) — pull-doctor's identity lacks Microsoft.ContainerService/managedClusters/runCommand/action`,
      evidence: [],
      fixes: [
        {
          text: "Grant pull-doctor's identity Microsoft.ContainerService/managedClusters/runCommand/action and Microsoft.ContainerService/managedClusters/commandResults/read on the cluster (infra: set inClusterMode), or set PULL_DOCTOR_IN_CLUSTER=off.",
        },
      ],
      missing: {
        what: `what ${LOGIN} resolves to inside aks-prod`,
        permission: 'Microsoft.ContainerService/managedClusters/runCommand/action (and Microsoft.ContainerService/managedClusters/commandResults/read) on the cluster',
      },
      docs: DOCS.runCommand,
    });
  });

  it('is unknown when in-cluster evidence is not configured, and sends nothing', async () => {
    const finding = await check({ inCluster: false });
    expect(scripts).toEqual([]);
    expect(finding).toMatchObject({
      status: 'unknown',
      summary: `could not read what ${LOGIN} resolves to inside aks-prod: Run Command failed (in-cluster evidence is not configured (PULL_DOCTOR_IN_CLUSTER))`,
      missing: { what: `what ${LOGIN} resolves to inside aks-prod` },
      docs: DOCS.runCommand,
    });
  });
});
