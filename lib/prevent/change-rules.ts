import type { ChangeKind, CheckId } from '../model';

/**
 * Which Resource Manager operations pull-doctor treats as changes, what kind each is and which
 * checks it can affect (the impact analysis re-runs only these). Operation names are ARM's
 * `data.operationName` (https://learn.microsoft.com/azure/event-grid/event-schema-resource-groups),
 * matched case-insensitively; the infra's Event Grid subscription filters on the same list.
 */
export interface ChangeRule {
  kind: ChangeKind;
  /** `Provider/type[/childType]` and the verbs that matter. */
  type: string;
  verbs: ReadonlyArray<'write' | 'delete' | 'action'>;
  checks: readonly CheckId[];
}

export const CHECKS_BY_KIND: Record<ChangeKind, readonly CheckId[]> = {
  'tag-deleted': ['repository-tag'],
  'tag-moved': ['platform', 'image-size'],
  'role-assignment-deleted': ['pull-permission'],
  'registry-changed': ['network-rules', 'private-endpoint', 'pull-permission'],
  'private-dns-changed': ['private-dns', 'in-cluster-dns'],
  // Without its endpoint a registry with public access disabled is unreachable: network-rules says so.
  'private-endpoint-changed': ['private-endpoint', 'private-dns', 'network-rules'],
  'cluster-changed': ['cluster', 'platform', 'pull-permission'],
  'outbound-changed': ['network-rules'],
};

const rule = (kind: ChangeKind, type: string, verbs: ChangeRule['verbs']): ChangeRule => ({ kind, type, verbs, checks: CHECKS_BY_KIND[kind] });

export const CHANGE_RULES: readonly ChangeRule[] = [
  rule('role-assignment-deleted', 'Microsoft.Authorization/roleAssignments', ['delete']),
  rule('registry-changed', 'Microsoft.ContainerRegistry/registries', ['write']),
  rule('private-endpoint-changed', 'Microsoft.ContainerRegistry/registries/privateEndpointConnections', ['write', 'delete']),
  rule('private-dns-changed', 'Microsoft.Network/privateDnsZones', ['write', 'delete']),
  rule('private-dns-changed', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', ['write', 'delete']),
  rule('private-dns-changed', 'Microsoft.Network/privateDnsZones/A', ['write', 'delete']),
  rule('private-endpoint-changed', 'Microsoft.Network/privateEndpoints', ['write', 'delete']),
  rule('private-endpoint-changed', 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', ['write', 'delete']),
  rule('cluster-changed', 'Microsoft.ContainerService/managedClusters', ['write']),
  rule('cluster-changed', 'Microsoft.ContainerService/managedClusters/agentPools', ['write', 'delete']),
  rule('outbound-changed', 'Microsoft.Network/natGateways', ['write', 'delete']),
  rule('outbound-changed', 'Microsoft.Network/publicIPAddresses', ['write', 'delete']),
  rule('outbound-changed', 'Microsoft.Network/loadBalancers', ['write']),
];

/** The operation names of every rule, e.g. for the Event Grid subscription's advanced filter. */
export function watchedOperations(): string[] {
  return CHANGE_RULES.flatMap((r) => r.verbs.map((v) => `${r.type}/${v}`));
}

/** The rule for an ARM operation name (`Microsoft.Network/privateDnsZones/A/delete`), if pull-doctor watches it. */
export function ruleForOperation(operationName: string): ChangeRule | undefined {
  const op = operationName.toLowerCase();
  return CHANGE_RULES.find((r) => r.verbs.some((v) => `${r.type}/${v}`.toLowerCase() === op));
}
