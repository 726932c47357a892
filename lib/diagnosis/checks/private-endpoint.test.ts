import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('private-endpoint', [
  ['healthy', 'skipped', /has no private endpoint/],
  ['private-dns-not-linked', 'pass', /can reach myacr's private endpoint/],
  ['peering-disconnected', 'fail', /peering to myacr's private endpoint VNet is Disconnected/],
  ['fleet-hub-peering-disconnected', 'fail', /peering to twplatformacr's private endpoint VNet is Disconnected/],
  ['fleet-arm-403-private-endpoints', 'unknown', /may not perform Microsoft\.Network\/privateEndpoints\/read/],
]);
