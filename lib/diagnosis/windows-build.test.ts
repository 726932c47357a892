import { ltscNameOf, windowsBuildOf, windowsBuildRunsOn, windowsHostBuild } from './windows-build';

// containerd's Windows match (platform_windows_compat.go): the same build below Windows Server 2022, any build from
// 20348 up to the host's from 2022 on; AKS OS SKUs and node image versions name the host build.
describe('windowsHostBuild', () => {
  test.each([
    ['Windows2019', undefined, 17763],
    ['windows2022', undefined, 20348],
    ['Windows2025', 'AKSWindows-2022-containerd-20348.4405.251112', 26100],
    [undefined, 'AKSWindows-2022-containerd-20348.4405.251112', 20348],
    ['Ubuntu', 'AKSWindows-2019-containerd-17763.6532.241112', 17763],
    [undefined, 'AKSWindows-2022-containerd-20348.4405.251112-extra', undefined],
    [undefined, 'AKSUbuntu-2204gen2containerd-202411.12.0', undefined],
    [undefined, undefined, undefined],
  ] as Array<[string | undefined, string | undefined, number | undefined]>)('%s / %s → %s', (osSku, image, build) => {
    expect(windowsHostBuild(osSku, image)).toBe(build);
  });
});

describe('windowsBuildOf', () => {
  test.each([
    ['10.0.17763.6532', 17763],
    ['10.0.20348', 20348],
    [' 10.0.26100.2314 ', 26100],
    ['6.3.9600', undefined],
    ['x10.0.17763.1', undefined],
    ['10.0.17763.1.2', undefined],
    ['10.0.17763.', undefined],
  ] as Array<[string, number | undefined]>)('%s → %s', (osVersion, build) => {
    expect(windowsBuildOf(osVersion)).toBe(build);
  });
});

describe('windowsBuildRunsOn', () => {
  test.each([
    [17763, '10.0.17763.6532', true],
    [17763, '10.0.20348.1', false],
    [20348, '10.0.20348.2', true],
    [20348, '10.0.17763.1', false],
    [20348, '10.0.26100.1', false],
    [26100, '10.0.20348.1', true],
    [26100, '10.0.26100.1', true],
    [26100, '10.0.26200.1', false],
    [26100, '10.0.17763.1', false],
    [17763, undefined, true],
    [17763, 'not a version', false],
  ] as Array<[number, string | undefined, boolean]>)('host %s, image %s → %s', (host, osVersion, runs) => {
    expect(windowsBuildRunsOn(host, osVersion)).toBe(runs);
  });
});

test('ltscNameOf names the three server builds', () => {
  expect([17763, 20348, 26100, 19041].map(ltscNameOf)).toEqual(['ltsc2019', 'ltsc2022', 'ltsc2025', undefined]);
});
