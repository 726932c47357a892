import { SUB } from './check-logic';

/**
 * The ARM ids and small SDK-shaped builders the node-egress logic tests share: a spoke VNet with the pool subnet,
 * its NSG and route table, and a hub with the Azure Firewall and its policy (answered under the keys the check reads).
 */
export const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
export const HUB = '00000000-0000-0000-0000-00000000000b';
export const HUBNET = `/subscriptions/${HUB}/resourceGroups/rg-hub/providers/Microsoft.Network`;
export const VNET = `${NET}/virtualNetworks/vnet-aks`;
export const NSG = `${NET}/networkSecurityGroups/nsg-nodes`;
export const RT = `${NET}/routeTables/rt-egress`;
export const FW = `${HUBNET}/azureFirewalls/fw-hub`;
export const PIP = `${HUBNET}/publicIPAddresses/pip-fw`;
export const POLICY = `${HUBNET}/firewallPolicies/fwpol`;
export const NODE = 'aks-nodepool1-12345678-vmss000000';
export const FIREWALLS = (sub: string) => `LIST /subscriptions/${sub}/providers/Microsoft.Network/azureFirewalls`;
