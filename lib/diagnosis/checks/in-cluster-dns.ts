import type { Evidence } from '../../model';
import { getPrivateEndpoint } from '../azure-lookups';
import type { Check, CheckOutcome } from '../check';
import { describeRunCommandFailure } from '../in-cluster/in-cluster-access';
import { isPrivateIpv4, parseDnsOutput } from '../in-cluster/parse-output';
import { readInCluster } from '../in-cluster/read-in-cluster';
import { dnsScript } from '../in-cluster/scripts';
import { DOCS } from './docs';
import { toPrivateEndpointFacts } from './private-endpoint';

const SOURCE = 'in-cluster (AKS Run Command): getent ahostsv4';

/**
 * What the login server and every regional data endpoint resolve to from inside the cluster
 * (CoreDNS and whatever it forwards to), against what ARM says they should: the private
 * endpoint's IPs when the registry has an approved one, public addresses otherwise.
 */
export const inClusterDnsCheck: Check = {
  id: 'in-cluster-dns',
  title: 'DNS inside the cluster',
  needs: ['registry', 'cluster'],
  inCluster: 'read',
  timeoutMs: 120_000,
  async run(ctx): Promise<CheckOutcome> {
    const registry = ctx.facts.registry!;
    const cluster = ctx.facts.cluster!;
    const hosts = [...new Set([registry.loginServer, ...registry.dataEndpointHostNames].map((h) => h.toLowerCase()))];
    const approved = registry.privateEndpointConnections.filter((c) => c.status === 'Approved' && c.privateEndpointId);
    // The endpoints are read from ARM alongside the command; an ARM failure is the engine's usual unknown.
    const endpoints = Promise.all(approved.map((c) => getPrivateEndpoint(ctx, c.privateEndpointId!)));
    endpoints.catch(() => undefined);
    let answers: Map<string, string[]>;
    try {
      answers = parseDnsOutput((await readInCluster(ctx, cluster.id, dnsScript({ hosts }))).logs);
    } catch (e) {
      const d = describeRunCommandFailure(e, `what ${registry.loginServer} resolves to inside ${cluster.name}`);
      return { finding: { status: 'unknown', summary: d.summary, evidence: [], fixes: [{ text: d.fixText }], missing: d.missing, docs: DOCS.runCommand } };
    }
    const expectedByHost = new Map(
      // Stryker disable next-line StringLiteral: only ipsByFqdn is read here, never the connection status passed in
      (await endpoints).flatMap((pe) => Object.entries(toPrivateEndpointFacts(pe, 'Approved').ipsByFqdn)).map(([f, ips]) => [f.toLowerCase().replace(/\.$/, ''), ips] as const),
    );

    const privateExpected = approved.length > 0;
    const evidence: Evidence[] = [];
    const wrong: string[] = [];
    const unresolved: string[] = [];
    for (const host of hosts) {
      const got = answers.get(host);
      const expected = expectedByHost.get(host) ?? [];
      evidence.push({ fact: `${host} → ${got?.length ? got.join(', ') : 'no answer'} inside the cluster${privateExpected ? ` (private endpoint: ${expected.join(', ') || 'no IP for this name'})` : ''}`, source: SOURCE });
      if (!got || got.length === 0) unresolved.push(host);
      else if (privateExpected && !got.some((ip) => expected.includes(ip))) wrong.push(`${host} → ${got.join(', ')}${got.every((ip) => !isPrivateIpv4(ip)) ? ' (public)' : ''}, expected ${expected.join(', ') || 'a private endpoint IP'}`);
    }
    if (cluster.customDnsServers.length) evidence.push({ fact: `the cluster VNet uses custom DNS ${cluster.customDnsServers.join(', ')}`, source: 'virtualNetwork dhcpOptions' });
    const forwarding = cluster.customDnsServers.length
      ? `the custom DNS servers ${cluster.customDnsServers.join(', ')} must forward privatelink.azurecr.io (or azurecr.io) to Azure DNS 168.63.129.16 from a VNet linked to the zone`
      : 'a CoreDNS custom forward (coredns-custom ConfigMap) or a node-level resolver sends the names elsewhere than Azure DNS; forward them to 168.63.129.16';

    if (wrong.length) {
      return {
        finding: {
          status: 'fail',
          summary: `Inside the cluster ${wrong.join('; ')}: pulls go to the public endpoint, which the registry refuses`,
          evidence,
          fixes: [
            { text: `Make the cluster resolve the registry through the private zone: ${forwarding}.` },
            { text: 'Look at CoreDNS forwarding overrides.', command: 'kubectl get configmap coredns-custom -n kube-system -o yaml' },
          ],
          docs: cluster.customDnsServers.length ? DOCS.privateEndpointDns : DOCS.coreDnsCustom,
        },
      };
    }
    if (unresolved.length) {
      return {
        finding: {
          status: 'fail',
          summary: `${unresolved.join(', ')} did not resolve inside the cluster`,
          evidence,
          fixes: [{ text: `Make the names resolvable from the nodes: ${forwarding}.` }, { text: 'Look at CoreDNS forwarding overrides.', command: 'kubectl get configmap coredns-custom -n kube-system -o yaml' }],
          docs: DOCS.coreDnsCustom,
        },
      };
    }
    return { finding: { status: 'pass', summary: `inside the cluster every registry endpoint resolves ${privateExpected ? 'to its private endpoint IP' : 'to an address'}`, evidence, fixes: [] } };
  },
};
