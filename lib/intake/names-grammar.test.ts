import {
  InvalidNameError,
  isAksClusterId,
  isArmResourceId,
  isContainerName,
  isDnsLabel,
  isDnsSubdomain,
  isGuid,
  isImageText,
  isNamespace,
  isNodeName,
  isPodName,
  isRegistryHost,
  isRepositoryName,
  requireName,
} from './names';

// Each grammar at its edges: the longest accepted value, one longer, every position a character may
// not take (first, middle, last), and the look-alikes an attacker would try.
// Kubernetes names: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
// ARM names: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
const SUB = '00000000-0000-0000-0000-000000000001';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-aks`;
const AKS = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-prod`;

describe('DNS-1123 labels (namespaces, containers)', () => {
  it.each<[string, boolean]>([
    ['a', true],
    ['0', true],
    ['shop-web-2', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['-shop', false],
    ['shop-', false],
    ['Shop', false],
    ['sh.op', false],
    ['sh_op', false],
    ['shop\n', false],
    [' shop', false],
  ])('%j → %s', (value, ok) => {
    expect(isDnsLabel(value)).toBe(ok);
    expect(isNamespace(value)).toBe(ok);
    expect(isContainerName(value)).toBe(ok);
  });
});

describe('DNS-1123 subdomains (pods, nodes)', () => {
  const label63 = 'a'.repeat(63);
  it.each<[string, boolean]>([
    ['web-7d9c8b6f5-x2x4q', true],
    ['a.b.c', true],
    ['a-1.b-2', true],
    [`${label63}.${label63}.${label63}.${'a'.repeat(61)}`, true], // 253
    [`${label63}.${label63}.${label63}.${'a'.repeat(62)}`, false], // 254
    ['', false],
    ['.web', false],
    ['web.', false],
    ['web..x', false],
    ['web.-x', false],
    ['web-.x', false],
    ['Web', false],
    ['web/x', false],
    ['web x', false],
    ["web' or 1==1", false],
    ['web\nx', false],
  ])('%j → %s', (value, ok) => {
    expect(isDnsSubdomain(value)).toBe(ok);
    expect(isPodName(value)).toBe(ok);
  });

  it('accepts node names in any case (AKS VMSS names), and nothing the subdomain grammar rejects', () => {
    expect(isNodeName('AKS-NODEPOOL1-12345678-VMSS000000')).toBe(true);
    expect(isPodName('AKS-NODEPOOL1-12345678-VMSS000000')).toBe(false);
    expect(isNodeName('aks-nodepool1/../x')).toBe(false);
  });
});

describe('GUIDs', () => {
  it.each<[string, boolean]>([
    [SUB, true],
    ['ABCDEF01-2345-6789-ABCD-EF0123456789', true],
    [`x${SUB}`, false],
    [`${SUB}x`, false],
    ['0000000-0000-0000-0000-0000000000011', false],
    ['00000000-000-00000-0000-000000000001', false],
    ['00000000-0000-000-00000-000000000001', false],
    ['00000000-0000-0000-000-0000000000001', false],
    ['0000000g-0000-0000-0000-000000000001', false],
    ['00000000000000000000000000000001', false],
  ])('%j → %s', (value, ok) => {
    expect(isGuid(value)).toBe(ok);
  });
});

describe('ARM resource ids and AKS cluster ids', () => {
  it.each<[string, boolean, boolean]>([
    // value, ARM resource id, AKS cluster id
    [AKS, true, true],
    [AKS.toLowerCase(), true, true],
    [`${RG}/providers/Microsoft.ContainerRegistry/registries/myacr`, true, false],
    [`/subscriptions/${SUB}/resourceGroups/rg_(a).b-c/providers/Microsoft.ContainerService/managedClusters/aks`, true, true],
    [`/subscriptions/${SUB}/resourceGroups/${'r'.repeat(90)}/providers/Microsoft.ContainerService/managedClusters/aks`, true, true],
    [`/subscriptions/${SUB}/resourceGroups/${'r'.repeat(91)}/providers/Microsoft.ContainerService/managedClusters/aks`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/${'a'.repeat(90)}`, true, true],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/${'a'.repeat(91)}`, false, false],
    // A child resource: type/name pairs must come in twos.
    [`${AKS}/agentPools/nodepool1`, true, false],
    [`${AKS}/agentPools`, false, false],
    [`${AKS}/`, false, false],
    [`${AKS}/../x`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/..`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/.`, false, false],
    [`/subscriptions/${SUB}/resourceGroups/../providers/Microsoft.ContainerService/managedClusters/aks`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/aks.v2`, true, true],
    // How Azure Monitor writes ids (alertTargetIDs, Log Analytics _ResourceId): all lowercase.
    [`/subscriptions/${SUB}/resourcegroups/rg-aks/providers/microsoft.containerservice/managedclusters/aks-prod`, true, true],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/aks prod`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters/aks'x`, false, false],
    [`/subscriptions/not-a-guid-at-all-not-a-guid-at-all-xx/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks`, false, false],
    // A resource group may start with a period (it may not end with one; ARM checks that, we need not).
    [`/subscriptions/${SUB}/resourceGroups/.rg/providers/Microsoft.ContainerService/managedClusters/aks`, true, true],
    [`/subscriptions/${SUB}/resourceGroups/rg x/providers/Microsoft.ContainerService/managedClusters/aks`, false, false],
    [`/subscriptions/${SUB}/resourceGroups//providers/Microsoft.ContainerService/managedClusters/aks`, false, false],
    [`x${AKS}`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/managedClusters`, false, false],
    [`${RG}/providers/Microsoft.ContainerServicex/managedClusters/aks`, true, false],
    [`${RG}/providers/Microsoft/ContainerService/managedClusters/aks`, false, false],
    [`${RG}/providers/Microsoft.ContainerService/xmanagedClusters/aks`, true, false],
  ])('%s → ARM %s, AKS %s', (value, arm, aks) => {
    expect(isArmResourceId(value)).toBe(arm);
    expect(isAksClusterId(value)).toBe(aks);
  });
});

describe('image text in a failure signal', () => {
  it.each<[string, boolean]>([
    ['pdacr.azurecr.io/shop/web:v1.2', true],
    ['WEB:latest', true], // does not parse as a reference, still worth diagnosing (invalid_reference)
    ['x', true],
    ['a'.repeat(1024), true],
    ['a'.repeat(1025), false],
    ['', false],
    ['a b', false],
    ['a\tb', false],
    ['a"b', false],
    ["a'b", false],
    ['a`b', false],
    ['a\u0000b', false],
    ['a\u001fb', false],
    ['a\u007fb', false],
    ['web\u202e', false], // right-to-left override
    ['we\u200bb', false], // zero-width space
    ['web\ud800', false], // lone surrogate
  ])('%j → %s', (value, ok) => {
    expect(isImageText(value)).toBe(ok);
  });
});

describe('registry hosts and repository names', () => {
  it.each<[string, boolean]>([
    ['myacr.azurecr.io', true],
    ['MyAcr.AzureCR.io', true],
    ['localhost:5000', true],
    ['r:5000', true],
    ['a.io', true],
    ['myacr.b', true],
    ['registry:65535', true],
    ['registry:123456', false],
    ['registry:', false],
    ['-acr.io', false],
    ['acr-.io', false],
    ['acr..io', false],
    ['acr.io/x', false],
    ['acr io', false],
    [`${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(61)}`, true],
    [`${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(63)}.${'a'.repeat(62)}`, false],
  ])('host %j → %s', (value, ok) => {
    expect(isRegistryHost(value)).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['app', true],
    ['shop/web', true],
    ['a/b/c', true],
    ['shop/my.app', true],
    ['shop/my--app', true],
    ['shop/my-app', true],
    ['my_app', true],
    ['my__app', true],
    ['my.app', true],
    ['my---app', true],
    ['my___app', false],
    ['my..app', false],
    ['my._app', false],
    ['_app', false],
    ['app-', false],
    ['App', false],
    ['shop//web', false],
    ['/shop', false],
    ['shop/', false],
    ['a'.repeat(256), true],
    ['a'.repeat(257), false],
  ])('repository %j → %s', (value, ok) => {
    expect(isRepositoryName(value)).toBe(ok);
  });
});

describe('requireName', () => {
  it('returns the value when it fits and names the grammar it broke when not, clipping long values', () => {
    expect(requireName('pod name', 'web-1', isPodName)).toBe('web-1');
    expect(() => requireName('pod name', 'Web 1', isPodName)).toThrow(new InvalidNameError('pod name', 'Web 1'));
    expect(new InvalidNameError('pod name', 'Web 1').message).toBe('not a valid pod name: "Web 1"');
    expect(new InvalidNameError('namespace', 'x'.repeat(80)).message).toBe(`not a valid namespace: "${'x'.repeat(80)}"`);
    expect(new InvalidNameError('namespace', 'x'.repeat(81)).message).toBe(`not a valid namespace: "${'x'.repeat(80)}…"`);
    expect(new InvalidNameError('namespace', 'x')).toMatchObject({ name: 'InvalidNameError', kind: 'namespace', value: 'x' });
  });
});
