import { describeCheckTable } from '../../../test/helpers/check-table';
import { ipInRange } from '../ipv4';

describeCheckTable('network-rules', [
  ['healthy', 'pass', /accepts pulls from any network/],
  ['public-access-disabled-no-pe', 'fail', /Public network access to myacr is disabled and it has no private endpoint/],
  ['firewall-deny-egress-ip', 'fail', /does not allow aks-prod's egress IP 20\.1\.2\.3/],
  ['private-dns-not-linked', 'pass', /pulls must go through its private endpoint/],
  ['spoke-healthy', 'pass', /allows every egress IP of aks-orders-sc/],
  ['spoke-nat-new-ip-not-allowed', 'fail', /does not allow aks-orders-sc's egress IP 4\.225\.11\.3/],
  // UDR: ARM cannot tell the appliance's public IP; ACR's 403 names it.
  ['spoke-udr-firewall-ip-not-allowed', 'fail', /does not allow aks-orders-sc's egress IP 4\.225\.30\.40/],
]);

describe('ipInRange', () => {
  it.each([
    ['20.1.2.3', '20.1.2.3', true],
    ['20.1.2.3', '20.1.2.0/24', true],
    ['20.1.3.3', '20.1.2.0/24', false],
    ['20.1.2.3', '0.0.0.0/0', true],
    ['20.1.2.3', '20.1.2.4', false],
    ['not-an-ip', '20.1.2.0/24', false],
    ['20.1.2.3', '20.1.2.0/33', false],
  ])('%s in %s: %s', (ip, range, expected) => {
    expect(ipInRange(ip, range)).toBe(expected);
  });
});
