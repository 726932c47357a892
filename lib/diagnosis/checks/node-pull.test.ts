import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('node-pull', [
  ['node-pull-failing', 'warn', /node pool userpool also fails .* at "Validating image pull permission"/],
  ['pull-secret-other-host', 'pass', /canipull pod on node pool userpool authenticated to myacr\.azurecr\.io/],
]);
