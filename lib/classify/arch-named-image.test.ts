import type { Classification } from '../model/category';
import { namesAnArchitectureRepository, withArchitectureRepositoryCandidate } from './arch-named-image';

const answer = (category: Classification['category'], candidates: Classification['candidates']): Classification => ({ category, confidence: 0.5, candidates, explanation: 'x.' });

describe('a repository named for one architecture', () => {
  test.each<[string, string, boolean]>([
    ['a prefix (Home Assistant add-on)', 'pull access denied for mtthp/aarch64-addon-nextcloud, repository does not exist', true],
    ['a suffix after a dash', 'Can\'t install d0ugal/hassio-dropbox-upload-armv7:1.1.2 -> 404', true],
    ['a path component of its own', 'No such image: ghcr.io/hassio-addons/vscode/amd64:3.6.2', true],
    ['an underscore', 'pull access denied for example/app_arm64', true],
    ['i386 and armhf too', 'repository homeassistant/i386-base and homeassistant/armhf-base', true],
    ['a platform, not a repository', 'no matching manifest for linux/amd64 in the manifest list entries', false],
    ['a windows platform', 'image operating system windows/amd64 cannot be used', false],
    ['the architecture only in the tag', 'manifest for library/nginx:1.27-arm64 not found', false],
    ['an architecture inside a longer word', 'pull access denied for example/samd64tool', false],
    ['no repository path', 'pull access denied for aarch64-addon', false],
  ])('%s', (_what, text, expected) => {
    expect(namesAnArchitectureRepository(text)).toBe(expected);
  });

  test('adds the platform last when a missing repository is possible, as the category or a candidate', () => {
    const text = 'pull access denied for mtthp/aarch64-addon-nextcloud';
    expect(withArchitectureRepositoryCandidate(answer('repo_not_found', ['auth_missing']), text).candidates).toEqual(['auth_missing', 'platform_mismatch']);
    expect(withArchitectureRepositoryCandidate(answer('tag_not_found', ['repo_not_found']), text).candidates).toEqual(['repo_not_found', 'platform_mismatch']);
  });

  test('leaves an answer alone when no missing repository is possible, the platform is already named, or no such name is pasted', () => {
    const text = 'pull access denied for mtthp/aarch64-addon-nextcloud';
    const noRepository = answer('auth_missing', ['access_denied']);
    expect(withArchitectureRepositoryCandidate(noRepository, text)).toBe(noRepository);
    const platform = answer('platform_mismatch', ['repo_not_found']);
    expect(withArchitectureRepositoryCandidate(platform, text)).toBe(platform);
    const named = answer('repo_not_found', ['platform_mismatch']);
    expect(withArchitectureRepositoryCandidate(named, text)).toBe(named);
    const plain = answer('repo_not_found', []);
    expect(withArchitectureRepositoryCandidate(plain, 'pull access denied for example/web')).toBe(plain);
  });

  test('reads a name a hard wrap cut', () => {
    expect(withArchitectureRepositoryCandidate(answer('repo_not_found', []), 'pull access denied for mtthp/aarc\nh64-addon-nextcloud').candidates).toEqual(['platform_mismatch']);
  });
});
