import { fallbackEntry } from './platform-fallback';

// containerd's matcher (github.com/containerd/platforms, `Only` → `platformVector`): an arm64 host takes
// linux/arm v8, v7, v6, v5 (a bare arm entry is v7); an amd64 host takes linux/386; nothing else falls back.
describe('the entry containerd falls back to', () => {
  it.each<[string, string[], string, string | undefined]>([
    ['arm/v5, the lowest arm64 accepts', ['linux/arm/v5', 'linux/amd64'], 'arm64', 'linux/arm/v5'],
    ['not arm/v4', ['linux/arm/v4', 'linux/amd64'], 'arm64', undefined],
    ['not a variant spelled with its v last', ['linux/arm/8v', 'linux/amd64'], 'arm64', undefined],
    ['a variant without its v, as containerd also reads it', ['linux/arm/6'], 'arm64', 'linux/arm/6'],
    ['no 386 entry on a host that is neither amd64 nor arm64', ['linux/386'], 's390x', undefined],
    ['386 on amd64', ['linux/386'], 'amd64', 'linux/386'],
  ])('%s', (_what, platforms, architecture, entry) => {
    expect(fallbackEntry(platforms, 'linux', architecture)).toBe(entry);
  });
});
