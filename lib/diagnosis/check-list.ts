import type { Check } from './check';
import { clusterCheck } from './checks/cluster';
import { geoReplicationCheck } from './checks/geo-replication';
import { imageReferenceCheck } from './checks/image-reference';
import { imageSizeCheck } from './checks/image-size';
import { inClusterDnsCheck } from './checks/in-cluster-dns';
import { networkRulesCheck } from './checks/network-rules';
import { nodeEgressCheck } from './checks/node-egress';
import { nodePullCheck } from './checks/node-pull';
import { platformCheck } from './checks/platform';
import { privateDnsCheck } from './checks/private-dns';
import { privateEndpointCheck } from './checks/private-endpoint';
import { pullPermissionCheck } from './checks/pull-permission';
import { pullSecretCheck } from './checks/pull-secret';
import { registryCheck } from './checks/registry';
import { repositoryTagCheck } from './checks/repository-tag';

/** Every check, in the order findings are shown. The engine derives the run order from needs/provides. */
export const CHECKS: readonly Check[] = [
  imageReferenceCheck,
  registryCheck,
  clusterCheck,
  pullPermissionCheck,
  repositoryTagCheck,
  platformCheck,
  networkRulesCheck,
  nodeEgressCheck,
  privateEndpointCheck,
  privateDnsCheck,
  geoReplicationCheck,
  imageSizeCheck,
  // In-cluster evidence (PULL_DOCTOR_IN_CLUSTER); with it off these are not run.
  pullSecretCheck,
  inClusterDnsCheck,
  nodePullCheck,
];
