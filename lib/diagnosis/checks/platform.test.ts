import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('platform', [
  ['healthy', 'pass', /offers every node pool's platform/],
  ['arm64-amd64-only', 'fail', /no linux\/arm64 variant/],
  ['windows-linux-only', 'fail', /no windows\/amd64 variant/],
]);
