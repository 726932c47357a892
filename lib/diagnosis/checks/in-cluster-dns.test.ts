import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('in-cluster-dns', [
  ['in-cluster-dns-public', 'fail', /myacr\.azurecr\.io → 20\.61\.99\.240 \(public\), expected 10\.225\.0\.5/],
  ['pull-secret-missing', 'pass', /every registry endpoint resolves to an address/],
  ['run-command-denied', 'unknown', /Run Command was refused \(403 AuthorizationFailed\)/],
]);
