import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('registry', [
  ['healthy', 'pass', /Registry myacr found \(Premium, westeurope\)/],
  // Another tenant and an unreadable subscription look the same through ARM: a warning, never a confident cause.
  ['cross-tenant-registry', 'warn', /No registry with login server myacr2\.azurecr\.io .*another tenant .* or in a subscription pull-doctor cannot read/],
  ['spoke-registry-subscription-unreadable', 'unknown', /No registry with login server fabrikamcr\.azurecr\.io in the 1 subscription/],
  ['dockerhub-rate-limited', 'skipped', /not an Azure Container Registry/],
  ['spoke-healthy', 'pass', /Registry fabrikamcr found \(Premium, swedencentral\)/],
  ['spoke-registry-deleted', 'fail', /fabrikamlegacy\.azurecr\.io does not resolve and no registry in the 2 subscription\(s\)/],
]);
