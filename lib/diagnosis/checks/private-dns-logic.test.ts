import type { Replication } from '@azure/arm-containerregistry';
import type { PrivateEndpoint } from '@azure/arm-network';
import type { PrivateZone, RecordSet, VirtualNetworkLink } from '@azure/arm-privatedns';
import { RestError } from '@azure/core-rest-pipeline';
import { clusterFacts, logicContext, REGISTRY_ID, registryFacts, SUB } from '../../../test/helpers/check-logic';
import type { PullFailure } from '../../model';
import type { ClusterFacts, RegistryFacts } from '../facts';
import { DOCS } from './docs';
import { privateDnsCheck } from './private-dns';

// The private-dns check's decisions on facts and the endpoints, zones, links, records and replicas
// ARM returns (preset per lookup key; the sandbox worlds in private-dns.test.ts cover the reads):
// which zone, where it is searched, linked or not, each A record against the endpoint's IPs, which
// records matter to this cluster's pulls, custom DNS, and the exact az commands.
const HUB = '00000000-0000-0000-0000-000000000002';
const OTHER = '00000000-0000-0000-0000-000000000003';
const VNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-aks`;
const PE_ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/pe-myacr`;
const PE_HUB = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network/privateEndpoints/pe-myacr-hub`;
const zoneId = (sub: string, rg: string, name = 'privatelink.azurecr.io') => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/${name}`;
const ZONE = zoneId(SUB, 'rg-dns');
const HUB_ZONE = zoneId(HUB, 'rg-hub-dns');
const zonesIn = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.Network/privateDnsZones`;
const zone = (id: string): PrivateZone => ({ id, name: id.split('/').pop() });
const link = (vnet?: string): VirtualNetworkLink => ({ name: 'link', virtualNetwork: vnet ? { id: vnet } : undefined });
const a = (name: string, ...ips: string[]): RecordSet => ({ name, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) });
const endpoint = (id: string, dns: Array<[string, string[]]>): PrivateEndpoint => ({ id, name: id.split('/').pop(), subnet: { id: `${VNET}/subnets/pe` }, customDnsConfigs: dns.map(([fqdn, ipAddresses]) => ({ fqdn, ipAddresses })) });
const DNS: Array<[string, string[]]> = [
  ['myacr.azurecr.io', ['10.1.0.5']],
  ['myacr.westeurope.data.azurecr.io', ['10.1.0.6']],
];
const RECORDS = [a('myacr', '10.1.0.5'), a('myacr.westeurope.data', '10.1.0.6')];
const EXPECTED = { fact: 'expected A records: myacr → 10.1.0.5, myacr.westeurope.data → 10.1.0.6', source: 'private endpoint customDnsConfigs' };
const LINKED = { fact: 'privatelink.azurecr.io in rg-dns: linked to the cluster VNet vnet-aks', source: `ARM ${ZONE}/virtualNetworkLinks` };
const APPROVED = { id: `${REGISTRY_ID}/privateEndpointConnections/pe-myacr`, privateEndpointId: PE_ID, status: 'Approved' };

interface Case {
  registry?: Partial<RegistryFacts>;
  cluster?: Partial<ClusterFacts>;
  answers?: Record<string, unknown>;
  subscriptions?: string[];
  failure?: Partial<PullFailure>;
}
async function check({ registry, cluster, answers, subscriptions = [SUB], failure }: Case = {}) {
  const ctx = logicContext({
    facts: { registry: registryFacts({ privateEndpointConnections: [APPROVED], ...registry }), cluster: clusterFacts({ vnetIds: [VNET], ...cluster }) },
    answers: {
      [`GET ${PE_ID}`]: endpoint(PE_ID, DNS),
      [zonesIn(SUB)]: [zone(ZONE)],
      [`LIST ${ZONE}/virtualNetworkLinks`]: [link(VNET)],
      [`LIST ${ZONE}/A`]: RECORDS,
      [`LIST ${REGISTRY_ID}/replications`]: [],
      ...answers,
    },
    subscriptions,
    failure,
  });
  return { finding: (await privateDnsCheck.run(ctx)).finding, asked: ctx.lookups.asked };
}

describe('private-dns check on facts', () => {
  it('declares what it needs (the engine schedules on it) and the title progress shows', () => {
    const { id, title, needs } = privateDnsCheck;
    expect({ id, title, needs }).toEqual({ id: 'private-dns', title: 'private DNS', needs: ['registry', 'cluster'] });
  });

  it.each<[string, RegistryFacts['privateEndpointConnections']]>([
    ['no connection', []],
    ['only unapproved or endpoint-less connections', [{ ...APPROVED, status: 'Pending' }, { id: APPROVED.id, status: 'Approved' }]],
  ])('skips a registry with %s, reading nothing', async (_what, privateEndpointConnections) => {
    const { finding, asked } = await check({ registry: { privateEndpointConnections } });
    expect(finding).toEqual({ status: 'skipped', summary: 'myacr has no approved private endpoint', evidence: [], fixes: [] });
    expect(asked).toEqual([]);
  });

  it('passes a linked zone whose A records match the endpoint (names and FQDNs compared without case, trailing dots and privatelink labels ignored)', async () => {
    const dns: Array<[string, string[]]> = [['MyACR.privatelink.azurecr.io.', ['10.1.0.5']], ['myacr.westeurope.data.azurecr.io', ['10.1.0.6']], ['myacr.other.example', ['10.9.9.9']], ['myacr.eastus.data.azurecr.io', []]];
    const records = [a('MyACR', '10.1.0.4', '10.1.0.5'), a('myacr.westeurope.data', '10.1.0.6')];
    const { finding, asked } = await check({ subscriptions: [SUB, HUB], answers: { [`GET ${PE_ID}`]: endpoint(PE_ID, dns), [`LIST ${ZONE}/A`]: records } });
    expect(finding).toEqual({ status: 'pass', summary: 'privatelink.azurecr.io is linked to the cluster VNet and every A record matches the endpoint', evidence: [EXPECTED, LINKED], fixes: [] });
    expect(asked).toEqual([`GET ${PE_ID}`, zonesIn(SUB), `LIST ${ZONE}/virtualNetworkLinks`, `LIST ${ZONE}/virtualNetworkLinks`, `LIST ${ZONE}/A`]);
  });

  it.each<[string, string]>([
    ['myacr.azurecr.cn', 'azurecr.cn'],
    ['myacr.azurecr.us', 'azurecr.us'],
    ['registry.example.com', 'azurecr.io'],
  ])('looks for the privatelink zone of %s\'s cloud: privatelink.%s', async (loginServer, suffix) => {
    const z = zoneId(SUB, 'rg-dns', `privatelink.${suffix}`);
    const { finding } = await check({
      registry: { loginServer },
      answers: {
        [`GET ${PE_ID}`]: endpoint(PE_ID, [[`myacr.${suffix}`, ['10.1.0.5']]]),
        [zonesIn(SUB)]: [zone(ZONE.replace('azurecr.io', 'azurecr.xx')), zone(z)],
        [`LIST ${z}/virtualNetworkLinks`]: [link(VNET)],
        [`LIST ${z}/A`]: [a('myacr', '10.1.0.5')],
      },
    });
    expect(finding.summary).toBe(`privatelink.${suffix} is linked to the cluster VNet and every A record matches the endpoint`);
    expect(finding.evidence[0]!.fact).toBe('expected A records: myacr → 10.1.0.5');
  });

  it('searches every readable subscription when no nearby zone is linked, and finds the hub zone', async () => {
    const { finding, asked } = await check({
      registry: { subscriptionId: OTHER, privateEndpointConnections: [{ ...APPROVED, privateEndpointId: PE_HUB }] },
      subscriptions: [],
      answers: {
        [`GET ${PE_HUB}`]: endpoint(PE_HUB, DNS),
        [zonesIn(SUB)]: [],
        [zonesIn(OTHER)]: [zone(zoneId(OTHER, 'rg-x', 'privatelink.blob.core.windows.net'))],
        [zonesIn(HUB)]: [],
        'LIST /subscriptions': [SUB, OTHER.toUpperCase(), HUB, '00000000-0000-0000-0000-000000000004'],
        [zonesIn('00000000-0000-0000-0000-000000000004')]: [zone(zoneId(HUB, 'rg-x', 'privatelink.vaultcore.azure.net')), zone(HUB_ZONE)],
        [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(), link(VNET.toUpperCase())],
        [`LIST ${HUB_ZONE}/A`]: RECORDS,
      },
    });
    expect(finding).toEqual({
      status: 'pass',
      summary: 'privatelink.azurecr.io is linked to the cluster VNet and every A record matches the endpoint',
      // The VNet is named as the link spells it.
      evidence: [EXPECTED, { fact: 'privatelink.azurecr.io in rg-hub-dns: linked to the cluster VNet VNET-AKS', source: `ARM ${HUB_ZONE}/virtualNetworkLinks` }],
      fixes: [],
    });
    expect(asked.filter((k) => k.endsWith('privateDnsZones'))).toEqual([zonesIn(SUB), zonesIn(OTHER), zonesIn(HUB), zonesIn('00000000-0000-0000-0000-000000000004')]);
  });

  it('searches a nearby subscription once, whatever case the subscription list spells it in', async () => {
    const lettered = 'abcdef00-0000-4000-8000-00000000000a';
    const { finding } = await check({
      cluster: { subscriptionId: lettered },
      subscriptions: [lettered.toUpperCase(), SUB, HUB],
      answers: { [zonesIn(lettered)]: [], [zonesIn(SUB)]: [], [zonesIn(HUB)]: [] },
    });
    expect(finding.summary).toBe('There is no privatelink.azurecr.io private DNS zone in the 3 subscription(s) pull-doctor can read, so the nodes resolve myacr.azurecr.io to its public address');
    expect(finding.evidence.at(-1)).toEqual({ fact: `searched subscriptions ${lettered}, ${SUB}, ${HUB}`, source: 'ARM list Microsoft.Network/privateDnsZones' });
  });

  it('fails when no zone exists in any readable subscription: create, link, add every record', async () => {
    const { finding } = await check({ subscriptions: [SUB, HUB], cluster: { customDnsServers: ['10.0.4.4'] }, answers: { [zonesIn(SUB)]: [], [zonesIn(HUB)]: [] } });
    expect(finding).toEqual({
      status: 'fail',
      summary: 'There is no privatelink.azurecr.io private DNS zone in the 2 subscription(s) pull-doctor can read, so the nodes resolve myacr.azurecr.io to its public address',
      evidence: [
        EXPECTED,
        { fact: 'cluster VNet uses custom DNS 10.0.4.4', source: 'virtualNetwork dhcpOptions' },
        { fact: `searched subscriptions ${SUB}, ${HUB}`, source: 'ARM list Microsoft.Network/privateDnsZones' },
      ],
      fixes: [
        { text: 'Create the privatelink.azurecr.io zone.', command: 'az network private-dns zone create --resource-group rg-aks --name privatelink.azurecr.io' },
        {
          text: 'Link privatelink.azurecr.io to the cluster VNet vnet-aks so the nodes resolve the registry to its private endpoint.',
          command: `az network private-dns link vnet create --resource-group rg-aks --zone-name privatelink.azurecr.io --name vnet-aks-link --virtual-network ${VNET} --registration-enabled false`,
        },
        { text: 'Add the A record myacr → 10.1.0.5.', command: 'az network private-dns record-set a add-record --resource-group rg-aks --zone-name privatelink.azurecr.io --record-set-name myacr --ipv4-address 10.1.0.5' },
        {
          text: 'Add the A record myacr.westeurope.data → 10.1.0.6.',
          command: 'az network private-dns record-set a add-record --resource-group rg-aks --zone-name privatelink.azurecr.io --record-set-name myacr.westeurope.data --ipv4-address 10.1.0.6',
        },
      ],
      docs: DOCS.privateEndpointDns,
    });
  });

  // A subscription the identity sees but may not list zones in answers 403 AuthorizationFailed: the
  // search goes on, and "no zone" / "not linked" become unknown, since the zone may be there.
  const refused = () => new RestError('Pagination failed with unexpected statusCode 403', { statusCode: 403, code: 'AuthorizationFailed' });
  const REFUSAL = `could not read the list /subscriptions/${OTHER}/providers/Microsoft.Network/privateDnsZones: 403 AuthorizationFailed: pull-doctor's identity may not perform Microsoft.Network/privateDnsZones/read on /subscriptions/${OTHER}`;
  const PERMISSION = `Microsoft.Network/privateDnsZones/read on /subscriptions/${OTHER} (least built-in role that grants it: Reader)`;

  it('goes on past a subscription that refuses the zone list and finds the linked hub zone', async () => {
    const { finding } = await check({
      subscriptions: [SUB, OTHER, HUB],
      answers: { [zonesIn(SUB)]: [], [zonesIn(OTHER)]: refused(), [zonesIn(HUB)]: [zone(HUB_ZONE)], [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(VNET)], [`LIST ${HUB_ZONE}/A`]: RECORDS },
    });
    expect(finding.status).toBe('pass');
    expect(finding.evidence).toContainEqual({ fact: `not searched (ARM refused the read): ${REFUSAL}`, source: 'ARM 403 AuthorizationFailed' });
  });

  it('no zone where readable and a refusing subscription: unknown naming the refused read, not "no zone"', async () => {
    const { finding } = await check({ subscriptions: [SUB, OTHER], answers: { [zonesIn(SUB)]: [], [zonesIn(OTHER)]: refused() } });
    expect(finding).toEqual({
      status: 'unknown',
      summary: `There is no privatelink.azurecr.io zone in the subscriptions pull-doctor could read; ${OTHER} refused the zone list, so the zone may be there`,
      evidence: [EXPECTED, { fact: `not searched (ARM refused the read): ${REFUSAL}`, source: 'ARM 403 AuthorizationFailed' }],
      missing: { what: `the private DNS zones of subscription ${OTHER}`, permission: PERMISSION },
      fixes: [],
      docs: DOCS.privateEndpointDns,
    });
  });

  it('every subscription refused the zone list: nothing was read, so the refusal fails the lookup', async () => {
    const first = refused();
    await expect(check({ subscriptions: [SUB, OTHER], answers: { [zonesIn(SUB)]: first, [zonesIn(OTHER)]: refused() } })).rejects.toBe(first);
  });

  it('an unlinked readable zone and a refusing subscription: unknown, with the link as a conditional fix', async () => {
    const { finding } = await check({
      subscriptions: [SUB, OTHER],
      answers: { [zonesIn(SUB)]: [zone(ZONE)], [`LIST ${ZONE}/virtualNetworkLinks`]: [link()], [zonesIn(OTHER)]: refused() },
    });
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toBe(`No privatelink.azurecr.io zone that pull-doctor could read is linked to aks-prod's VNet; ${OTHER} refused the zone list, so the zone may be there`);
    expect(finding.missing).toEqual({ what: `the private DNS zones of subscription ${OTHER}`, permission: PERMISSION });
    expect(finding.fixes[0]!.text).toBe('If no zone in those subscriptions is linked either: Link privatelink.azurecr.io to the cluster VNet vnet-aks so the nodes resolve the registry to its private endpoint.');
  });

  it('names a placeholder VNet in the link command when the cluster VNet is unknown', async () => {
    const { finding } = await check({ cluster: { vnetIds: [] }, answers: { [zonesIn(SUB)]: [] } });
    expect(finding.fixes[1]).toEqual({
      text: 'Link privatelink.azurecr.io to the cluster VNet so the nodes resolve the registry to its private endpoint.',
      command: "az network private-dns link vnet create --resource-group rg-aks --zone-name privatelink.azurecr.io --name aks-vnet-link --virtual-network '<vnet id>' --registration-enabled false",
    });
  });

  it('fails when the zone is not linked to the cluster VNet: link it where the zone lives', async () => {
    const other = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-other`;
    const { finding } = await check({
      subscriptions: [SUB, HUB],
      answers: { [zonesIn(SUB)]: [], [zonesIn(HUB)]: [zone(HUB_ZONE)], [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(other)], [`LIST ${HUB_ZONE}/A`]: RECORDS },
    });
    expect(finding).toEqual({
      status: 'fail',
      summary: "privatelink.azurecr.io is not linked to aks-prod's VNet, so the nodes resolve myacr.azurecr.io to its public address",
      evidence: [EXPECTED, { fact: 'privatelink.azurecr.io in rg-hub-dns: not linked to the cluster VNet', source: `ARM ${HUB_ZONE}/virtualNetworkLinks` }],
      fixes: [
        {
          text: 'Link privatelink.azurecr.io to the cluster VNet vnet-aks so the nodes resolve the registry to its private endpoint.',
          command: `az network private-dns link vnet create --resource-group rg-hub-dns --zone-name privatelink.azurecr.io --name vnet-aks-link --virtual-network ${VNET} --registration-enabled false --subscription ${HUB}`,
        },
      ],
      docs: DOCS.privateEndpointDns,
    });
  });

  it('takes the records of the linked zone when several exist', async () => {
    const { finding } = await check({
      subscriptions: [SUB, HUB],
      answers: {
        [zonesIn(SUB)]: [zone(ZONE)],
        [`LIST ${ZONE}/virtualNetworkLinks`]: [],
        [`LIST ${ZONE}/A`]: [],
        [zonesIn(HUB)]: [zone(HUB_ZONE)],
        [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(VNET)],
        [`LIST ${HUB_ZONE}/A`]: RECORDS,
      },
    });
    expect(finding).toMatchObject({ status: 'pass', evidence: [EXPECTED, { fact: 'privatelink.azurecr.io in rg-hub-dns: linked to the cluster VNet vnet-aks', source: `ARM ${HUB_ZONE}/virtualNetworkLinks` }] });
  });

  it('fails on a missing login-server record and a wrong data record: add one, repoint the other', async () => {
    const { finding } = await check({ registry: { subscriptionId: HUB }, subscriptions: [SUB, HUB], answers: { [zonesIn(HUB)]: [], [`LIST ${ZONE}/A`]: [a('myacr'), a('myacr.westeurope.data', '10.1.0.99', '10.1.0.98')] } });
    const zoneCmd = '--resource-group rg-dns --zone-name privatelink.azurecr.io';
    expect(finding).toEqual({
      status: 'fail',
      summary: 'privatelink.azurecr.io is missing or has wrong A records for myacr.azurecr.io, myacr.westeurope.data.azurecr.io',
      evidence: [
        EXPECTED,
        LINKED,
        { fact: 'no A record myacr (expected 10.1.0.5)', source: `ARM ${ZONE}/A` },
        { fact: 'A record myacr.westeurope.data is 10.1.0.99/10.1.0.98, the endpoint has 10.1.0.6', source: `ARM ${ZONE}/A` },
      ],
      fixes: [
        { text: 'Add the A record myacr → 10.1.0.5.', command: `az network private-dns record-set a add-record ${zoneCmd} --record-set-name myacr --ipv4-address 10.1.0.5` },
        {
          text: "Point myacr.westeurope.data at the endpoint's IP 10.1.0.6 instead of 10.1.0.99.",
          command: `az network private-dns record-set a remove-record ${zoneCmd} --record-set-name myacr.westeurope.data --ipv4-address 10.1.0.99\naz network private-dns record-set a add-record ${zoneCmd} --record-set-name myacr.westeurope.data --ipv4-address 10.1.0.6`,
        },
      ],
      docs: DOCS.privateEndpointDns,
    });
  });

  it('names the zone subscription in record commands when it is not the cluster one', async () => {
    const { finding } = await check({
      subscriptions: [SUB, HUB],
      answers: { [zonesIn(SUB)]: [], [zonesIn(HUB)]: [zone(HUB_ZONE)], [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(VNET)], [`LIST ${HUB_ZONE}/A`]: [a('myacr', '10.1.0.5'), { name: 'myacr.westeurope.data' }] },
    });
    expect(finding.evidence[2]).toEqual({ fact: 'no A record myacr.westeurope.data (expected 10.1.0.6)', source: `ARM ${HUB_ZONE}/A` });
    expect(finding.fixes).toEqual([
      {
        text: 'Add the A record myacr.westeurope.data → 10.1.0.6.',
        command: `az network private-dns record-set a add-record --resource-group rg-hub-dns --zone-name privatelink.azurecr.io --record-set-name myacr.westeurope.data --ipv4-address 10.1.0.6 --subscription ${HUB}`,
      },
    ]);
  });

  // Record names are relative to the zone (https://learn.microsoft.com/azure/dns/dns-zones-records#record-names).
  it.each(['myacr.westeurope.data.azurecr.io', 'myacr.westeurope.data.privatelink.azurecr.io'])('a data record written with its full name (%s) is named and replaced', async (misnamed) => {
    const { finding } = await check({
      subscriptions: [SUB, HUB],
      answers: { [zonesIn(SUB)]: [], [zonesIn(HUB)]: [zone(HUB_ZONE)], [`LIST ${HUB_ZONE}/virtualNetworkLinks`]: [link(VNET)], [`LIST ${HUB_ZONE}/A`]: [a('myacr', '10.1.0.5'), a(misnamed, '10.1.0.6')] },
    });
    expect(finding.status).toBe('fail');
    expect(finding.evidence[2]).toEqual({ fact: `no A record myacr.westeurope.data (expected 10.1.0.6); a record named ${misnamed} exists, but record names are relative to the zone: it answers ${misnamed}.privatelink.azurecr.io`, source: `ARM ${HUB_ZONE}/A` });
    const zoneCmd = `--resource-group rg-hub-dns --zone-name privatelink.azurecr.io`;
    expect(finding.fixes).toEqual([
      {
        text: `Add the A record myacr.westeurope.data → 10.1.0.6 (the name relative to privatelink.azurecr.io) and delete ${misnamed}, which was written with the full name; fix the template that names it.`,
        command: `az network private-dns record-set a add-record ${zoneCmd} --record-set-name myacr.westeurope.data --ipv4-address 10.1.0.6 --subscription ${HUB}\naz network private-dns record-set a delete ${zoneCmd} --name ${misnamed} --yes --subscription ${HUB}`,
      },
    ]);
  });

  it('passes a zone linked to the second of two cluster VNets, without searching further', async () => {
    const vnet2 = VNET.replace('vnet-aks', 'vnet-aks2');
    const { finding } = await check({ subscriptions: [SUB, HUB], cluster: { vnetIds: [VNET, vnet2] }, answers: { [`LIST ${ZONE}/virtualNetworkLinks`]: [link(vnet2)] } });
    expect(finding).toMatchObject({ status: 'pass', evidence: [EXPECTED, { ...LINKED, fact: 'privatelink.azurecr.io in rg-dns: linked to the cluster VNet vnet-aks2' }] });
  });

  it('compares every IP of an endpoint FQDN, and ignores A entries without an address', async () => {
    const dns: Array<[string, string[]]> = [['myacr.azurecr.io', ['10.1.0.5', '10.1.0.15']], ['myacr.westeurope.data.azurecr.io', ['10.1.0.6', '10.1.0.16']]];
    const records: RecordSet[] = [a('myacr', '10.1.0.1'), { name: 'myacr.westeurope.data', aRecords: [{}] }];
    const { finding } = await check({ answers: { [`GET ${PE_ID}`]: endpoint(PE_ID, dns), [`LIST ${ZONE}/A`]: records } });
    expect(finding.evidence).toEqual([
      { fact: 'expected A records: myacr → 10.1.0.5/10.1.0.15, myacr.westeurope.data → 10.1.0.6/10.1.0.16', source: 'private endpoint customDnsConfigs' },
      LINKED,
      { fact: 'A record myacr is 10.1.0.1, the endpoint has 10.1.0.5/10.1.0.15', source: `ARM ${ZONE}/A` },
      { fact: 'no A record myacr.westeurope.data (expected 10.1.0.6/10.1.0.16)', source: `ARM ${ZONE}/A` },
    ]);
    expect(finding.fixes.map((f) => f.text)).toEqual(["Point myacr at the endpoint's IP 10.1.0.5 instead of 10.1.0.1.", 'Add the A record myacr.westeurope.data → 10.1.0.6.']);
  });

  describe('which missing records matter to this cluster', () => {
    const DNS3: Array<[string, string[]]> = [...DNS, ['myacr.eastus.data.azurecr.io', ['10.1.0.7']]];
    const replicas = (...locations: string[]): Replication[] => locations.map((location) => ({ location, name: location.replace(/\s/g, '') }) as Replication);
    const REPLICAS = `LIST ${REGISTRY_ID}/replications`;
    const run = (over: Case) => check({ ...over, answers: { [`GET ${PE_ID}`]: endpoint(PE_ID, DNS3), [`LIST ${ZONE}/A`]: RECORDS, [REPLICAS]: replicas('westeurope', 'eastus'), ...over.answers } });

    it('only warns about another region\'s data record when the cluster\'s region has a replica', async () => {
      const { finding } = await run({ cluster: { location: 'West Europe' } });
      expect(finding).toEqual({
        status: 'warn',
        summary: 'privatelink.azurecr.io lacks the A records of myacr.eastus.data.azurecr.io: not used by pulls from West Europe today, but they break if the registry routes aks-prod to that replica',
        evidence: [
          { fact: 'expected A records: myacr → 10.1.0.5, myacr.westeurope.data → 10.1.0.6, myacr.eastus.data → 10.1.0.7', source: 'private endpoint customDnsConfigs' },
          LINKED,
          { fact: 'no A record myacr.eastus.data (expected 10.1.0.7)', source: `ARM ${ZONE}/A` },
        ],
        fixes: [{ text: 'Add the A record myacr.eastus.data → 10.1.0.7.', command: 'az network private-dns record-set a add-record --resource-group rg-dns --zone-name privatelink.azurecr.io --record-set-name myacr.eastus.data --ipv4-address 10.1.0.7' }],
        docs: DOCS.privateEndpointDns,
      });
    });

    it('reads a replica location written as a display name ("West Europe") as the cluster region', async () => {
      const { finding } = await run({ answers: { [REPLICAS]: replicas('West Europe', 'eastus') } });
      expect(finding.status).toBe('warn');
    });

    it('names every other region lacking a record, for a registry whose ARM name has capitals', async () => {
      const dns: Array<[string, string[]]> = [...DNS3, ['myacr.northeurope.data.azurecr.io', ['10.1.0.8']]];
      const { finding } = await run({ registry: { name: 'MyACR' }, answers: { [`GET ${PE_ID}`]: endpoint(PE_ID, dns) } });
      expect(finding.status).toBe('warn');
      expect(finding.summary).toBe(
        'privatelink.azurecr.io lacks the A records of myacr.eastus.data.azurecr.io, myacr.northeurope.data.azurecr.io: not used by pulls from westeurope today, but they break if the registry routes aks-prod to that replica',
      );
      expect(finding.fixes.map((f) => f.text)).toEqual(['Add the A record myacr.eastus.data → 10.1.0.7.', 'Add the A record myacr.northeurope.data → 10.1.0.8.']);
      const sent = await run({ registry: { name: 'MyACR' }, failure: { message: 'Get "https://myacr.eastus.data.azurecr.io/v2/": i/o timeout' } });
      expect(sent.finding.status).toBe('fail');
    });

    it.each<[string, Case]>([
      ['the kubelet was sent to that region', { failure: { message: 'failed to pull: Get "https://MyACR.EastUS.data.azurecr.io/v2/app/blobs/sha256:abc": dial tcp 20.1.1.1:443: i/o timeout' } }],
      ['the cluster region has no replica', { answers: { [REPLICAS]: replicas('northeurope', 'eastus') } }],
      ['the registry is not Premium (no replicas read)', { registry: { sku: 'Standard' } }],
      ['the cluster region\'s own record is missing too', { answers: { [`LIST ${ZONE}/A`]: [a('myacr', '10.1.0.5')] } }],
      ['the login server record is wrong too', { answers: { [`LIST ${ZONE}/A`]: [a('myacr', '10.1.0.1'), a('myacr.westeurope.data', '10.1.0.6')] } }],
    ])('fails when %s', async (_what, over) => {
      const { finding, asked } = await run(over);
      expect(finding.status).toBe('fail');
      expect(finding.summary).toMatch(/^privatelink\.azurecr\.io is missing or has wrong A records for .*myacr\.eastus\.data\.azurecr\.io$/);
      expect(asked.includes(REPLICAS)).toBe(over.registry?.sku !== 'Standard');
    });

    // nimbus-canadacentral-replica-data-record-missing-replications-throttled: ARM throttles the replica list.
    const throttled = () => new RestError('Pagination failed with unexpected statusCode 429', { statusCode: 429, code: 'TooManyRequests' });
    it.each<[string, string[], Record<string, string>, string]>([
      ['the registry names a data endpoint in the cluster region: another region\'s record only warns', ['myacr.westeurope.data.azurecr.io', 'MyAcr.EastUS.data.azurecr.io'], {}, 'warn'],
      ['the cluster region\'s own record is missing', ['myacr.westeurope.data.azurecr.io', 'myacr.eastus.data.azurecr.io'], { westeurope: '' }, 'fail'],
      ['the registry names no data endpoint in the cluster region', ['myacr.eastus.data.azurecr.io', 'otheracr.westeurope.data.azurecr.io'], {}, 'fail'],
      ['the registry names no data endpoint at all', [], {}, 'fail'],
    ])('judges the records from the registry\'s data endpoints when ARM throttles the replica list: %s', async (_what, dataEndpointHostNames, drop, status) => {
      const records = [a('myacr', '10.1.0.5'), ...('westeurope' in drop ? [] : [a('myacr.westeurope.data', '10.1.0.6')])];
      const { finding } = await run({ registry: { dataEndpointHostNames }, answers: { [REPLICAS]: throttled(), [`LIST ${ZONE}/A`]: records } });
      expect(finding.status).toBe(status);
      expect(finding.fixes.map((f) => f.text)).toContain('Add the A record myacr.eastus.data → 10.1.0.7.');
    });

    it('does not read replicas when every record is right', async () => {
      const { finding, asked } = await run({ answers: { [`LIST ${ZONE}/A`]: [...RECORDS, a('myacr.eastus.data', '10.1.0.7')] } });
      expect(finding.status).toBe('pass');
      expect(asked).not.toContain(REPLICAS);
    });
  });

  it.each<[string, Partial<PullFailure>, string]>([
    ['the failing node', { node: 'aks-system-12345678-vmss000000' }, 'aks-system-12345678-vmss000000'],
    ['a placeholder', {}, "'<node>'"],
  ])('warns when the records are right but custom DNS servers resolve: nslookup from %s', async (_what, failure, node) => {
    const other = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-dns`;
    const { finding } = await check({ failure, cluster: { customDnsServers: ['10.0.4.4', '10.0.4.5'] }, answers: { [`LIST ${ZONE}/virtualNetworkLinks`]: [link(other)] } });
    expect(finding).toEqual({
      status: 'warn',
      summary: "The zone's records are right, but the cluster VNet uses custom DNS servers (10.0.4.4, 10.0.4.5): they must forward privatelink.azurecr.io to Azure DNS (168.63.129.16) from a linked VNet",
      evidence: [
        EXPECTED,
        { fact: 'cluster VNet uses custom DNS 10.0.4.4, 10.0.4.5', source: 'virtualNetwork dhcpOptions' },
        { fact: 'privatelink.azurecr.io in rg-dns: not linked to the cluster VNet', source: `ARM ${ZONE}/virtualNetworkLinks` },
      ],
      fixes: [{ text: 'From a node, check what myacr.azurecr.io resolves to (it must be a private IP).', command: `kubectl debug node/${node} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0 -- nslookup myacr.azurecr.io` }],
      docs: DOCS.privateEndpointDns,
    });
  });
});
