import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('registry', [
  ['healthy', 'pass', /Registry myacr found \(Premium, westeurope\)/],
  ['cross-tenant-registry', 'fail', /No registry with login server myacr2\.azurecr\.io/],
  ['dockerhub-rate-limited', 'skipped', /not an Azure Container Registry/],
]);
