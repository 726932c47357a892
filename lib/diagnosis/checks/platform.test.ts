import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('platform', [
  ['healthy', 'pass', /offers every node pool's platform/],
  ['arm64-amd64-only', 'fail', /no linux\/arm64 variant/],
  ['windows-linux-only', 'fail', /no windows\/amd64 variant/],
  ['spoke-arm64-and-windows-pools-single-arch', 'fail', /no linux\/arm64 variant, but node pool armapps runs linux\/arm64/],
  ['fleet-windows-node-linux-image', 'fail', /no windows\/amd64 variant, but node pool wpay runs windows\/amd64/],
  ['fleet-arm64-v8-daemonset', 'pass', /offers every node pool's platform/],
]);
