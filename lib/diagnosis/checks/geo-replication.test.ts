import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('geo-replication', [
  ['healthy', 'pass', /in the cluster's region \(westeurope\)/],
  ['no-replica-in-region', 'warn', /no replica in australiaeast/],
]);
