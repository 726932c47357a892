import type { PullErrorRule } from './pull-error-rules';

/**
 * An image reference the runtime refuses before asking any registry (tier 1 of PULL_ERROR_RULES): malformed, or a
 * short name the node cannot resolve to a registry. Real examples of each: test/classifier/corpus*.ts.
 */

// kubelet and dockerd word it "couldn't parse image reference …: invalid reference format[: repository name must be
// lowercase]"; containers/image (CRI-O, podman) transports/alltransports.ParseImageName says "invalid image name %q,
// expected colon-separated transport:reference" (or "…, unknown transport %q") for a name it cannot read. The docker CLI
// refuses an image argument that is empty or holds a space before any of that: '"docker pull" requires exactly 1 argument.'
// (App Service's pull of a malformed image setting: microsoft/vscode-docker#207). ECS's RegisterTaskDefinition: "Container.image
// repository contains invalid characters." (aws-actions/amazon-ecs-deploy-task-definition#584). Knative Serving's admission webhook:
// "Failed to parse image reference: spec.template.spec.containers[0].image" (knative/func#1768).
export const INVALID_REFERENCE: PullErrorRule = {
  id: 'invalid-reference',
  category: 'invalid_reference',
  patterns: [
    /invalid reference format|Invalid (?:namespace|repository) name|repository contains invalid characters|repository name component must match|repository name must be lowercase|invalid image name "|"docker pull" requires exactly 1 argument|Failed to parse image reference/i,
  ],
  confidence: 0.95,
  candidates: [],
  explanation: 'The image reference in the pod spec is malformed (case, characters, scheme or extra ":"), so it is never pulled.',
};

// CRI-O / podman (containers/image pkg/shortnames): an unqualified name with no alias and no search registries;
// CRI-O before short names: "no registries configured while trying to pull an unqualified image"; CRI-O's own
// rewording of the enforcing-mode refusal (internal/storage/image.go): "short name mode is enforcing, but image
// name %s returns ambiguous list".
export const SHORT_NAME: PullErrorRule = {
  id: 'short-name',
  category: 'invalid_reference',
  patterns: [
    /short-name resolution enforced|did not resolve to an alias|no registries configured while trying to pull an unqualified image|short name mode is enforcing/i,
  ],
  confidence: 0.9,
  candidates: [],
  explanation: 'The image has no registry host and CRI-O cannot resolve the short name: write the full reference (e.g. docker.io/library/nginx:1.27).',
};

// A reference with no name in it, only separators — a path, an unset variable or a template that rendered empty where
// the image belongs: podman-desktop answers "." with "access to image "." is denied (500 error)"
// (podman-desktop/podman-desktop#19260), and CRI-O asked for ":/" (name and tag both empty) drops the gRPC stream, kubelet
// logging `err="… error reading from server: EOF" image=":/"` (labring/sealos#3037): each reads like a refusal or an outage.
export const DOT_REFERENCE: PullErrorRule = {
  id: 'dot-reference',
  category: 'invalid_reference',
  patterns: [/\bimage[ =]"[.:/@]+"/i],
  confidence: 0.8,
  candidates: [],
  explanation: 'The image reference has no name in it (only ".", ":" or "/": a path, an unset variable or an empty template value where the image belongs), so there is nothing to pull.',
};

// A reference whose path starts with a registry host again: the same host twice (`docker.io/docker.io/rancher/x`:
// rancher/rancher#50317; `<acr>.azurecr.io/<acr>.azurecr.io/webapp`) or another host under Docker Hub, whose namespaces
// cannot hold a dot (`docker.io/quay.io/gpustack/x`: gpustack/gpustack#5456), or a registry error whose detail names the
// repository with a host in front (`"Name":"mcr.microsoft.com/windows/servercore"`: az acr import, Azure/acr#181). The registry then looks for a repository
// named after the host, which does not exist, and answers 401, denied or not found: the name is the cause, not the
// credentials. (A host under another registry is a proxy's path convention — `mirror.example/quay.io/x` — and not read.)
export const HOST_IN_REPOSITORY_PATH: PullErrorRule = {
  id: 'host-in-repository-path',
  category: 'repo_not_found',
  patterns: [/(?<![\w.-])((?:[\w-]+\.)+[a-z]{2,}(?::\d+)?)\/\1\/|(?<![\w.-])(?:(?:index|registry-1)\.)?docker\.io\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/|"Name":"(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?\//i],
  confidence: 0.85,
  candidates: [],
  explanation: 'The image path repeats a registry host (docker.io/docker.io/…, quay.io under docker.io/): no repository has that name. Write the reference with one registry host.',
};

// A digest given where the image name belongs: Docker Hub's normalisation turns "sha256:<hex>" into the repository
// "library/sha256" with the hex as its tag ("failed to resolve ref docker.io/library/sha256:8795…": ECS with a task
// definition holding only a digest, aws-actions/amazon-ecs-deploy-task-definition#584). The name is missing.
export const DIGEST_AS_NAME: PullErrorRule = {
  id: 'digest-as-name',
  category: 'invalid_reference',
  patterns: [/\blibrary\/sha256:[a-f0-9]{64}\b/i],
  confidence: 0.85,
  candidates: [],
  explanation: 'The image reference is a bare digest (sha256:…) with no repository name before it: write name@sha256:… .',
};
