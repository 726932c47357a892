import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('private-dns', [
  ['healthy', 'skipped', /no approved private endpoint/],
  ['private-dns-not-linked', 'fail', /privatelink\.azurecr\.io is not linked to aks-prod's VNet/],
  ['private-dns-replica-record-missing', 'fail', /myacr\.eastus\.data\.azurecr\.io/],
]);
