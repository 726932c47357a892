import { describeCheckTable } from '../../../test/helpers/check-table';
import { architectureOfVmSize } from './cluster';

describeCheckTable('cluster', [
  ['healthy', 'pass', /aks-prod \(westeurope\) pulls as its kubelet identity/],
  ['service-principal-cluster', 'warn', /service principal/],
  ['fleet-arm-403-cluster-read', 'unknown', /may not perform Microsoft\.ContainerService\/managedClusters\/read/],
]);

describe('architecture from VM size', () => {
  it.each([
    ['Standard_D4s_v5', 'amd64'],
    ['Standard_D4ps_v5', 'arm64'],
    ['Standard_D8pds_v6', 'arm64'],
    ['Standard_E4ps_v5', 'arm64'],
    ['Standard_B2pts_v2', 'arm64'],
    ['Standard_NP10s', 'amd64'],
    ['Standard_D2_v3', 'amd64'],
    ['Standard_HB120rs_v3', 'amd64'],
  ])('%s is %s', (size, arch) => {
    expect(architectureOfVmSize(size)).toBe(arch);
  });
});
