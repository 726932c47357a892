import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('pull-permission', [
  ['healthy', 'pass', /can pull from myacr: AcrPull at the registry/],
  ['acr-not-attached', 'fail', /no role that lets it pull from myacr/],
  ['acrpull-wrong-scope', 'fail', /no role that lets it pull from myacr/],
  ['custom-role-pull', 'pass', /can pull from myacr/],
  ['role-inherited-rg', 'pass', /can pull from myacr: AcrPull at \/subscriptions\/.*\/resourceGroups\/rg-registry$/i],
  ['role-inherited-subscription-contributor', 'pass', /can pull from myacr: Contributor/],
  ['abac-acrpull-only', 'fail', /ABAC mode: AcrPull is not honoured/],
  ['service-principal-cluster', 'fail', /service principal/],
  ['caller-cannot-read-role-assignments', 'unknown', /could not read role assignments/],
]);
