import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('geo-replication', [
  ['healthy', 'pass', /in the cluster's region \(westeurope\)/],
  ['no-replica-in-region', 'warn', /no replica in australiaeast/],
  ['fleet-healthy', 'pass', /healthy replica in germanywestcentral/],
  ['fleet-arm-403-replications', 'unknown', /may not perform Microsoft\.ContainerRegistry\/registries\/replications\/read/],
]);
