import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('cluster', [
  ['healthy', 'pass', /aks-prod \(westeurope\) pulls as its kubelet identity/],
  ['service-principal-cluster', 'warn', /service principal/],
  ['fleet-arm-403-cluster-read', 'unknown', /may not perform Microsoft\.ContainerService\/managedClusters\/read/],
]);
// The VM-size → architecture table is in cluster-logic.test.ts.
