import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('image-size', [
  ['healthy', 'pass', /compressed/],
  ['image-4gb', 'warn', /GiB compressed .* kubelet's timeouts/],
]);
