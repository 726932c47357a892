import { describeCheckTable } from '../../../test/helpers/check-table';
import { closestNames, newestTags } from './repository-tag';

describeCheckTable('repository-tag', [
  ['healthy', 'pass', /myacr\.azurecr\.io\/app:v1\.2 exists/],
  ['tag-missing', 'fail', /Tag v1\.3 does not exist .* \(closest: 1\.3\)/],
  ['repository-typo', 'fail', /Repository paymnets does not exist .*did you mean payments/],
  // A registry ARM cannot see is not contacted (egress policy): no Entra token to another tenant's registry.
  ['cross-tenant-registry', 'unknown', /^registry host not allowed: add it to PULL_DOCTOR_ALLOWED_REGISTRIES .*myacr2\.azurecr\.io was not found through ARM/],
]);

describe('closest and newest names', () => {
  it.each([
    ['v1.3', ['v1.2', '1.3', 'v1.4', 'latest'], ['1.3', 'v1.2', 'v1.4']],
    ['paymnets', ['payments', 'orders', 'payment-api'], ['payments']],
    ['app', ['billing', 'orders'], []],
  ])('closest to %s in %j', (wanted, names, expected) => {
    expect(closestNames(wanted, names, (s) => s.toLowerCase().replace(/^v(?=\d)/, ''))).toEqual(expected);
  });

  it('orders versions numerically', () => {
    expect(newestTags(['v1.9', 'v1.10', 'latest', 'v1.2'])).toEqual(['v1.10', 'v1.9', 'v1.2']);
  });
});
