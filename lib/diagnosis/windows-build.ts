/**
 * Which Windows image builds a Windows node's containerd accepts. containerd matches a `windows`
 * manifest by its `os.version` (OCI image-spec, image index `platform.os.version`): below Windows
 * Server 2022 the build must equal the host's; from Windows Server 2022 (build 20348) on, any build
 * from 20348 up to the host's (containerd/platforms platform_windows_compat.go,
 * checkWindowsHostAndContainerCompat; https://learn.microsoft.com/virtualization/windowscontainers/deploy-containers/version-compatibility).
 * An entry without `os.version` matches any host.
 */

/** Windows Server 2022 (ltsc2022): the first build whose hosts accept other builds. */
const LTSC2022 = 20348;

/** AKS Windows node OS SKUs and the Windows Server build their nodes run (https://learn.microsoft.com/azure/aks/windows-faq). */
const BUILD_BY_OS_SKU: Readonly<Record<string, number>> = { windows2019: 17763, windows2022: 20348, windows2025: 26100 };

/** The build a Windows pool's nodes run, from its `osSKU` (`Windows2022`), else from a node image version naming it. */
export function windowsHostBuild(osSku: string | undefined, nodeImageVersion?: string): number | undefined {
  const fromSku = osSku ? BUILD_BY_OS_SKU[osSku.toLowerCase()] : undefined;
  if (fromSku) return fromSku;
  // AKSWindows-2022-containerd-20348.4405.251112
  // Stryker disable next-line StringLiteral: any placeholder for an absent version names no build either
  const m = /-(\d{5})\.\d+\.\d+$/.exec(nodeImageVersion ?? '');
  return m ? Number(m[1]) : undefined;
}

/** `10.0.17763.6532` → 17763 (major.minor must be 10.0, as every Windows container host's is). */
export function windowsBuildOf(osVersion: string): number | undefined {
  const m = /^10\.0\.(\d+)(?:\.\d+)?$/.exec(osVersion.trim());
  return m ? Number(m[1]) : undefined;
}

/** Whether a host of `hostBuild` pulls a windows entry whose `os.version` is `osVersion` (absent: yes). */
export function windowsBuildRunsOn(hostBuild: number, osVersion: string | undefined): boolean {
  if (!osVersion) return true;
  const build = windowsBuildOf(osVersion);
  if (build === undefined) return false;
  // Stryker disable next-line EqualityOperator: at build 20348 itself both rules accept exactly 20348
  const ownBuildOnly = hostBuild < LTSC2022;
  if (ownBuildOnly) return build === hostBuild;
  return build >= LTSC2022 && build <= hostBuild;
}

/** The image tag suffix Microsoft uses for a build (servercore:ltsc2022), for fixes. */
export function ltscNameOf(build: number): string | undefined {
  return { 17763: 'ltsc2019', 20348: 'ltsc2022', 26100: 'ltsc2025' }[build];
}
