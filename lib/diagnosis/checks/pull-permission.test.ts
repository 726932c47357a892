import { describeCheckTable } from '../../../test/helpers/check-table';

describeCheckTable('pull-permission', [
  ['healthy', 'pass', /can pull from myacr: AcrPull at the registry/],
  ['acr-not-attached', 'fail', /no role that lets it pull from myacr/],
  ['acrpull-wrong-scope', 'fail', /no role that lets it pull from myacr/],
  ['custom-role-pull', 'pass', /can pull from myacr/],
  ['custom-role-as-resource', 'pass', /can pull from myacr: Contoso Image Puller \(template\) at the registry/],
  ['role-inherited-rg', 'pass', /can pull from myacr: AcrPull at \/subscriptions\/.*\/resourceGroups\/rg-registry$/i],
  ['role-inherited-subscription-contributor', 'pass', /can pull from myacr: Contributor/],
  ['abac-acrpull-only', 'fail', /ABAC mode: AcrPull is not honoured/],
  ['abac-request-condition-allows', 'pass', /can pull from myacr: Container Registry Repository Reader at the registry/],
  ['abac-request-condition-denies', 'fail', /no repository role that lets it pull app from myacr/],
  ['abac-namespace-prefix', 'pass', /can pull from myacr: Container Registry Repository Reader/],
  ['abac-two-repositories', 'fail', /no repository role that lets it pull app from myacr/],
  ['abac-condition-unevaluable', 'warn', /Could not evaluate the ABAC condition of Container Registry Repository Reader on myacr/],
  ['service-principal-cluster', 'fail', /service principal/],
  ['caller-cannot-read-role-assignments', 'unknown', /could not read role assignments/],
]);
