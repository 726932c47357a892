import { describeCheckTable } from '../../../test/helpers/check-table';
import { ipInRange, rangeWithin } from '../ipv4';

describeCheckTable('network-rules', [
  ['healthy', 'pass', /accepts pulls from any network/],
  ['public-access-disabled-no-pe', 'fail', /Public network access to myacr is disabled and it has no private endpoint/],
  ['firewall-deny-egress-ip', 'fail', /does not allow node pool userpool's egress IP 20\.1\.2\.3/],
  ['private-dns-not-linked', 'pass', /pulls must go through its private endpoint/],
  ['spoke-healthy', 'pass', /allows node pool apps's egress 4\.225\.10\.20$/],
  ['spoke-nat-new-ip-not-allowed', 'fail', /does not allow node pool apps's egress IP 4\.225\.11\.3/],
  // UDR: ARM cannot tell the appliance's public IP; ACR's 403 names it.
  ['spoke-udr-firewall-ip-not-allowed', 'fail', /does not allow node pool apps's egress IP 4\.225\.30\.40/],
  // The pool the pod ran on, not the cluster: its subnet's NAT gateway or its nodes' own public IPs come first.
  ['orbit-ingest-nat-ip-not-allowed-token-403', 'fail', /does not allow node pool ingest's egress IP 20\.78\.151\.90$/],
  ['orbit-edge-pool-node-public-ips-not-allowed', 'fail', /does not allow node pool edge's egress 20\.78\.152\.16\/28$/],
  ['orbit-ingest-tag-missing-lb-ip-removed', 'pass', /allows node pool ingest's egress 20\.78\.151\.90$/],
  ['orbit-pay-tag-missing-other-pool-nat-not-allowed', 'pass', /allows node pool pay's egress 20\.78\.150\.33$/],
]);

describe('rangeWithin', () => {
  it.each([
    ['20.1.2.3', '20.1.2.0/24', true],
    ['20.1.2.16/28', '20.1.2.0/24', true],
    ['20.1.2.16/28', '20.1.2.16/28', true],
    ['20.1.2.16/28', '20.1.2.16/29', false],
    ['20.1.2.16/28', '20.1.2.17', false],
    ['20.1.2.0/23', '20.1.2.0/24', false],
    ['20.1.3.16/28', '20.1.2.0/24', false],
    ['20.1.2.16/33', '0.0.0.0/0', false],
    ['20.1.2.16/x', '0.0.0.0/0', false],
  ])('%s within %s: %s', (inner, outer, expected) => {
    expect(rangeWithin(inner, outer)).toBe(expected);
  });
});

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
