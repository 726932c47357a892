/**
 * The entry containerd pulls for a host that finds none of its own platform: its matcher
 * (github.com/containerd/platforms, `Only` → `platformVector`) accepts, in order, linux/arm/v8, v7,
 * v6, v5 on an arm64 host (an arm entry without a variant is v7) and linux/386 on an amd64 host. The
 * pull then succeeds with a 32-bit build, which runs only where the CPU executes 32-bit code.
 * Returns that entry as the index writes it, or undefined when containerd would find nothing.
 */
export function fallbackEntry(platforms: readonly string[], os: string, architecture: string): string | undefined {
  const parts = (p: string) => p.toLowerCase().split('/');
  const ofOs = platforms.filter((p) => parts(p)[0] === os.toLowerCase());
  if (architecture === 'arm64') {
    const armVersion = (p: string) => {
      const [, arch, variant] = parts(p);
      const n = variant === undefined ? 7 : Number(variant.replace(/^v/, ''));
      return arch === 'arm' && n >= 5 && n <= 8 ? n : 0;
    };
    return ofOs.filter((p) => armVersion(p) > 0).sort((a, b) => armVersion(b) - armVersion(a))[0];
  }
  if (architecture === 'amd64') return ofOs.find((p) => parts(p)[1] === '386');
  return undefined;
}
