import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('registry', [
  ['healthy', 'pass', /Registry myacr found \(Premium, westeurope\)/],
  ['cross-tenant-registry', 'fail', /No registry with login server myacr2\.azurecr\.io/],
  ['dockerhub-rate-limited', 'skipped', /not an Azure Container Registry/],
  ['spoke-healthy', 'pass', /Registry fabrikamcr found \(Premium, swedencentral\)/],
  ['spoke-registry-deleted', 'fail', /fabrikamlegacy\.azurecr\.io does not resolve and no registry in the 2 subscription\(s\)/],
]);
