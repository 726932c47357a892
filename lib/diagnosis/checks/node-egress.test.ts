import { describeCheckTable } from '../../../test/helpers/check-table';

// The node side of the way to the registry, through the real SDK clients against the sandbox: the
// pool subnet's NSG, the route table's next hop and the Azure Firewall's policy (egress-*.yaml).
describeCheckTable('node-egress', [
  ['healthy', 'pass', /^node pool userpool's subnet has no network security group and no route to an appliance$/],
  ['egress-nsg-denies-internet', 'fail', /^Network security group nsg-aks-nodes on node pool userpool's subnet denies TCP 443 to myacr\.azurecr\.io and \*\.blob\.core\.windows\.net: rule DenyInternetOutbound \(priority 200\) wins$/],
  ['egress-nsg-allow-before-deny', 'pass', /^network security group nsg-aks-nodes allows HTTPS from node pool userpool to myacr\.azurecr\.io, \*\.blob\.core\.windows\.net$/],
  ['egress-firewall-missing-data-endpoint', 'fail', /^Azure Firewall fw-hub .* does not allow HTTPS to myacr\.westeurope\.data\.azurecr\.io: rule rcg-aks\/registries\/acr-login allows myacr\.azurecr\.io, not myacr\.westeurope\.data\.azurecr\.io$/],
  ['egress-firewall-aks-tag-only', 'fail', /does not allow HTTPS to myacr\.azurecr\.io: no rule allows it$/],
  ['egress-firewall-ip-not-allowed', 'pass', /^Azure Firewall fw-hub allows HTTPS from node pool userpool to myacr\.azurecr\.io, myacr\.westeurope\.data\.azurecr\.io$/],
  ['egress-nva-unknown', 'unknown', /leaves through the appliance at 10\.250\.0\.4, whose rules pull-doctor cannot read/],
  // A UDR to an appliance that is no Azure Firewall in the world (the hub's firewall is not modelled): unknown, never a pass.
  ['estate-udr-firewall-missing-data-endpoint-rule', 'unknown', /leaves through the appliance at 10\.200\.0\.4/],
  // A private endpoint path: no default route to an appliance is taken for it.
  ['private-dns-not-linked', 'pass', /subnet has no network security group and no route to an appliance$/],
]);
