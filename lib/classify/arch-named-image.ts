import type { Classification } from '../model/category';
import { readings } from './paste-noise';

/**
 * Some projects publish one repository per architecture instead of one multi-platform index: Home Assistant add-ons
 * (`mtthp/aarch64-addon-nextcloud`: mtthp/hassio-addons#10; `d0ugal/hassio-dropbox-upload-armv7`:
 * d0ugal/hassio-dropbox-upload#49), balena blocks, older linuxserver images. When the repository for the node's
 * architecture was never built, the registry answers as for any missing repository, so when the text names such a
 * repository and a missing repository is possible, the platform is possible too.
 */
// A repository path (at least one slash; the tag or digest after ':' or '@' is not part of it).
const REPOSITORY = /[\w.-]+(?::\d+)?\/[\w./-]+/g;
// An architecture as a whole part of a path component, as such projects name it.
const ARCHITECTURE_PART = /(?:^|[/_-])(?:aarch64|arm64|armv[5-8]|armhf|i386|amd64)(?:$|[/_-])/i;
// `linux/amd64`, `windows/arm64`: a platform, not a repository.
const PLATFORM = /^(?:linux|windows|darwin)\//i;

export function namesAnArchitectureRepository(text: string): boolean {
  return (text.match(REPOSITORY) ?? []).some((name) => !PLATFORM.test(name) && ARCHITECTURE_PART.test(name));
}

/** Adds platform_mismatch as the last candidate of an answer that keeps a missing repository possible. */
export function withArchitectureRepositoryCandidate(result: Classification, text: string): Classification {
  const repositoryPossible = result.category === 'repo_not_found' || result.candidates.includes('repo_not_found');
  if (!repositoryPossible || result.category === 'platform_mismatch' || result.candidates.includes('platform_mismatch')) return result;
  // Any reading: a wrapped paste may cut the name, which its unwrapped reading shows whole.
  if (!readings(text).some(namesAnArchitectureRepository)) return result;
  return { ...result, candidates: [...result.candidates, 'platform_mismatch'] };
}
