import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('private-dns', [
  ['healthy', 'skipped', /no approved private endpoint/],
  ['private-dns-not-linked', 'fail', /privatelink\.azurecr\.io is not linked to aks-prod's VNet/],
  ['private-dns-replica-record-missing', 'fail', /myacr\.eastus\.data\.azurecr\.io/],
  // Held-out-style estates (spoke-*): the zone lives in a connectivity subscription of its own.
  ['spoke-private-link-hub-dns', 'pass', /linked to the cluster VNet and every A record matches/],
  ['spoke-custom-dns-hub-resolver', 'warn', /custom DNS servers \(10\.0\.4\.4\)/],
  ['spoke-replica-data-record-missing-other-region', 'warn', /fabrikamcr\.northeurope\.data\.azurecr\.io: not used by pulls from swedencentral today/],
  ['spoke-arm-403-private-dns-read', 'unknown', /403 AuthorizationFailed: .*Microsoft\.Network\/privateDnsZones\/read/],
  ['fleet-healthy', 'pass', /linked to the cluster VNet and every A record matches/],
  // The zone is linked to the hub only; the spoke (another subscription than the zone) resolves publicly.
  ['fleet-dns-zone-linked-to-hub-only', 'fail', /privatelink\.azurecr\.io is not linked to aks-pay-gwc-01's VNet/],
  ['fleet-gwc-data-record-missing', 'fail', /missing or has wrong A records for twplatformacr\.germanywestcentral\.data\.azurecr\.io/],
  ['fleet-arm-403-dns-links', 'unknown', /may not perform Microsoft\.Network\/privateDnsZones\/virtualNetworkLinks\/read/],
]);
