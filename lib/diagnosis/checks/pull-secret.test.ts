import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('pull-secret', [
  ['pull-secret-missing', 'fail', /secret acr-pull does not exist in namespace shop/],
  ['pull-secret-other-host', 'fail', /secret regcred is for otheracr\.azurecr\.io, not myacr\.azurecr\.io/],
  ['pull-secret-sp-expired', 'unknown', /acr-sp covers myacr\.azurecr\.io with a service principal/],
  ['run-command-denied', 'unknown', /Microsoft\.ContainerService\/managedClusters\/runCommand\/action/],
  ['node-pull-failing', 'pass', /has no imagePullSecrets/],
]);
