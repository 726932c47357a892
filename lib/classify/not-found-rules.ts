import type { PullErrorRule } from './pull-error-rules';

/**
 * The registry's "not found" answers, in the order PULL_ERROR_RULES decides them (after the registries' own wordings):
 * Docker's sentence for a repository it would not show, the distribution code NAME_UNKNOWN, the v1 protocol's wording,
 * and MANIFEST_UNKNOWN with the runtimes' other words for a missing tag or digest.
 * Real examples of each: test/classifier/corpus*.ts.
 */

export const PULL_ACCESS_DENIED: PullErrorRule = {
  id: 'pull-access-denied-repo-missing',
  category: 'repo_not_found',
  // dockerd translates "denied" to "repository X not found: does not exist or no pull access" (distribution/errors.go);
  // Docker Hub's own sentence for the same answer is "requested access to the resource is denied".
  patterns: [/pull access denied.*repository does not exist|does not exist or no pull access|requested access to the resource is denied/i],
  confidence: 0.5,
  candidates: ['auth_missing', 'access_denied'],
  explanation: 'The registry answers the same for a missing repository and one you may not read: check the name first, then credentials.',
};

export const REPOSITORY_NAME_UNKNOWN: PullErrorRule = {
  id: 'repository-name-unknown',
  category: 'repo_not_found',
  // The Docker Engine API's 404 "repository <x> not found" (ECS agent: Shippable/support#4234).
  patterns: [/name unknown|\(404\): repository \S+ not found\b/i],
  confidence: 0.9,
  // As for a missing manifest, a proxy or mirror failing upstream answers the same (okd-project/okd#997: Red Hat's
  // registry during an incident). Red Hat's partner registry answers a digest it does not hold "name unknown: Image not
  // found" (percona/percona-xtradb-cluster-operator#2386), so the tag or digest stays possible.
  candidates: ['registry_unavailable', 'tag_not_found'],
  explanation: 'The registry has no repository by that name (typo in the path, wrong registry, or it was deleted); a proxy registry failing upstream reads the same.',
};

export const IMAGE_NOT_FOUND_V1: PullErrorRule = {
  // The v1 pull protocol (docker's "Error: image <repo>:<tag> not found", Harbor 1.x): Docker Hub and Harbor
  // answered it for a private repository pulled without login too, so missing credentials stay possible.
  // The threads behind it (test/classifier, batches to 15) name a missing repository most often, then a private one.
  // oc's "image "<repo>@sha256:…" not found: manifest unknown" carries the registry's code: the manifest, not the
  // repository, is missing (okd-project/okd#1722), so manifest-unknown decides.
  id: 'image-not-found-v1',
  category: 'repo_not_found',
  patterns: [/\bimage \S+ not found/i],
  unless: /manifest unknown/i,
  confidence: 0.55,
  candidates: ['auth_missing', 'tag_not_found'],
  explanation: 'The registry says the image does not exist: a wrong tag or repository name, or a private repository pulled without logging in.',
};

export const MANIFEST_UNKNOWN: PullErrorRule = {
  id: 'manifest-unknown',
  category: 'tag_not_found',
  patterns: [
    /manifest unknown|manifest for \S+ not found|:\s*not found(?:$|[\s,\]"')])|Tag \S+ (?:not found\b|was deleted or has expired)|(?<![\w.\/-])[\w.-]+\/[\w./-]+:\w[\w.-]{0,127} not found\b/i,
  ],
  confidence: 0.85,
  // A pull-through proxy that cannot fetch from its upstream (Nexus with stale upstream credentials:
  // sonatype/nexus-public#639; an Artifactory-style remote: artifact-keeper/artifact-keeper#584) answers the same. A
  // reference with its tag then "not found" (containerd 1.2's resolver, gitlab-org/charts/gitlab#1742) is the tag.
  candidates: ['repo_not_found', 'registry_unavailable'],
  explanation: 'The registry has no manifest for this tag or digest (never pushed, deleted, or a typo); a missing repository, or a proxy registry failing upstream, reads the same.',
};
