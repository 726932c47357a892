import { destinationMatch, evaluateNsg, otherRegionAllows, type NsgDestination } from './nsg-rules';
import { evaluateFirewall, type FirewallRule } from './firewall-rules';
import { registryEndpoints } from './registry-endpoints';
import { otherRegionTag } from './service-tags';

// Service tags an NSG rule names, placed against a registry endpoint
// (https://learn.microsoft.com/azure/virtual-network/service-tags-overview#available-service-tags):
// a regional tag holds only its own region's addresses, and ARM's and MCR's tags never hold a customer's ACR.
const NOE_LOGIN: NsgDestination = { host: 'wwiplatformacr.azurecr.io', tags: ['AzureContainerRegistry', 'AzureContainerRegistry.norwayeast', 'AzureCloud', 'AzureCloud.norwayeast'], maybeTags: [], ips: [], private: false };
const NOE_DATA: NsgDestination = { host: 'wwiplatformacr.norwayeast.data.azurecr.io', tags: ['AzureCloud', 'AzureCloud.norwayeast'], maybeTags: ['AzureContainerRegistry', 'AzureContainerRegistry.norwayeast', 'Storage', 'Storage.norwayeast'], ips: [], private: false };
// Several replicas, none in the nodes' region: the login server may be answered from either.
const EITHER_LOGIN: NsgDestination = { host: 'wwiplatformacr.azurecr.io', tags: ['AzureContainerRegistry', 'AzureCloud'], maybeTags: ['AzureContainerRegistry.norwayeast', 'AzureCloud.norwayeast', 'AzureContainerRegistry.swedencentral', 'AzureCloud.swedencentral'], ips: [], private: false };

describe('destinationMatch: regional and unrelated service tags', () => {
  it.each<[string, NsgDestination, string]>([
    ['AzureContainerRegistry.swedencentral', NOE_LOGIN, 'no'],
    ['AzureCloud.swedencentral', NOE_LOGIN, 'no'],
    ['AzureContainerRegistry.swedencentral', NOE_DATA, 'no'],
    ['Storage.westeurope', NOE_DATA, 'no'],
    ['AzureContainerRegistry.norwayeast', NOE_DATA, 'maybe'],
    ['AzureContainerRegistry.swedencentral', EITHER_LOGIN, 'maybe'],
    ['AzureContainerRegistry.westeurope', EITHER_LOGIN, 'no'],
    ['AzureResourceManager', NOE_LOGIN, 'no'],
    ['MicrosoftContainerRegistry', NOE_LOGIN, 'no'],
    ['AzureResourceManager.norwayeast', NOE_DATA, 'no'],
    ['SomeFutureTag', NOE_LOGIN, 'maybe'],
    ['SomeFutureTag.norwayeast', NOE_LOGIN, 'maybe'],
  ])('%s for %s → %s', (tag, dest, expected) => expect(destinationMatch(tag, dest)).toBe(expected));

  it("an allow copied from another region's NSG does not keep the registry from the Internet deny", () => {
    const rule = (name: string, priority: number, destinationAddressPrefix: string, access: 'Allow' | 'Deny' = 'Allow') => ({ name, priority, access, direction: 'Outbound', protocol: 'Tcp', sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*', destinationPortRange: '443', destinationAddressPrefix });
    const nsg = {
      name: 'nsg-aks-fleet-noe',
      securityRules: [rule('AllowArm', 111, 'AzureResourceManager'), rule('AllowMcr', 120, 'MicrosoftContainerRegistry'), rule('AllowContainerRegistry', 130, 'AzureContainerRegistry.swedencentral'), rule('DenyInternetWeb', 4000, 'Internet', 'Deny')],
    };
    expect(evaluateNsg(nsg, '10.61.0.0/20', NOE_LOGIN)).toMatchObject({ verdict: 'deny', rule: 'DenyInternetWeb', priority: 4000 });
  });
});

describe('otherRegionAllows: an allow that names another region of the endpoint’s tag', () => {
  it('names the rule and the tag, and nothing for the right region, unrelated tags or denies', () => {
    const r = (name: string, priority: number, destinationAddressPrefix: string, access = 'Allow') => ({ name, priority, access, direction: 'Outbound', destinationAddressPrefix });
    const nsg = { securityRules: [r('AllowDr', 130, 'AzureContainerRegistry.swedencentral'), r('AllowHere', 131, 'AzureContainerRegistry.norwayeast'), r('AllowSql', 132, 'Sql.westeurope'), r('DenyDr', 133, 'AzureCloud.swedencentral', 'Deny'), r('AllowAll', 134, 'AzureCloud')] };
    expect(otherRegionAllows(nsg, NOE_LOGIN)).toEqual([{ rule: 'AllowDr', priority: 130, tag: 'AzureContainerRegistry.swedencentral' }]);
    expect(otherRegionAllows({ securityRules: [{ ...r('AllowDr', 130, 'x'), destinationAddressPrefix: undefined, destinationAddressPrefixes: ['Storage.westeurope'] }] }, NOE_DATA)).toEqual([{ rule: 'AllowDr', priority: 130, tag: 'Storage.westeurope' }]);
  });
});

describe('otherRegionTag, and an Azure Firewall network rule naming a service tag', () => {
  it.each<[string, string[], boolean]>([
    ['azurecontainerregistry.swedencentral', ['AzureContainerRegistry', 'AzureContainerRegistry.norwayeast'], true],
    ['azurecontainerregistry.norwayeast', ['AzureContainerRegistry', 'AzureContainerRegistry.norwayeast'], false],
    ['azurecontainerregistry', ['AzureContainerRegistry.norwayeast'], false],
    ['storage.westeurope', ['AzureCloud.norwayeast'], false],
  ])('%s against %j → %s', (tag, known, expected) => expect(otherRegionTag(tag, known)).toBe(expected));

  it('a network allow for another region\'s registry tag does not hold the endpoint; the same region\'s does', () => {
    const [login] = registryEndpoints({ loginServer: 'wwiplatformacr.azurecr.io', location: 'norwayeast', dataEndpointEnabled: false, dataEndpointHostNames: [] });
    const net = (destinationAddresses: string[]): FirewallRule => ({ kind: 'network', action: 'Allow', rank: [1, 200, 100, 0], where: 'g/c/r', sourceAddresses: ['*'], sourceIpGroups: [], targetFqdns: [], fqdnTags: [], https: false, targetUrls: [], webCategories: [], ipProtocols: ['TCP'], destinationAddresses, destinationPorts: ['443'], destinationFqdns: [], destinationIpGroups: [] });
    expect(evaluateFirewall([net(['AzureContainerRegistry.swedencentral'])], '10.61.0.0/20', login!)).toEqual({ verdict: 'deny' });
    expect(evaluateFirewall([net(['AzureContainerRegistry.norwayeast'])], '10.61.0.0/20', login!)).toMatchObject({ verdict: 'allow' });
  });
});
