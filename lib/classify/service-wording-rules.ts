import type { PullErrorRule } from './pull-error-rules';

/**
 * The sentences of services around a registry — a cloud's container service, a registry's project or billing layer —
 * that say more (or less) than the distribution API's own codes. Each rule cites where its wording was seen.
 */

// Azure Container Instances answers every pull it could not make with one sentence (error code InaccessibleImage): "The
// image '<image>' in container group '<group>' is not accessible. Please check the image and registry credential."
// (Azure/docker-login#65, whiteducksoftware/az-dns-forwarder#2). Missing or wrong credentials are the usual cause; a
// missing repository or tag, or a registry that refuses the credential, read the same.
export const ACI_INACCESSIBLE_IMAGE: PullErrorRule = {
  id: 'aci-inaccessible-image',
  category: 'auth_missing',
  patterns: [/in container group '[^']*' is not accessible/i],
  confidence: 0.5,
  candidates: ['repo_not_found', 'tag_not_found', 'access_denied'],
  explanation: 'Azure Container Instances could not pull the image and does not say why: usually missing or wrong registry credentials, else no such image or tag, or no right to pull it.',
};

// A registry whose content is sold by subscription refuses the token for an account without the entitlement with
// 402 Payment Required (NVIDIA NGC's NIM images: NVIDIA-AI-Blueprints/3d-guided-genai-rtx#6): the credentials are
// valid, the right to pull is not there.
export const PAYMENT_REQUIRED: PullErrorRule = {
  id: 'payment-required',
  category: 'access_denied',
  patterns: [/\b402 \(?Payment Required\b/i],
  confidence: 0.7,
  candidates: ['auth_missing'],
  explanation: 'The registry wants a paid entitlement the account does not have (402 Payment Required): subscribe or use an account with access to that image.',
};

// gcr.io names the Google Cloud project a repository path starts with; a project that does not exist (or was deleted)
// has no repositories: "unknown: Project 'project:<id>' not found or deleted." (apache/airflow-on-k8s-operator#31).
export const GCR_PROJECT_NOT_FOUND: PullErrorRule = {
  id: 'gcr-project-not-found',
  category: 'repo_not_found',
  patterns: [/Project '[^']*' not found or deleted/i],
  confidence: 0.8,
  candidates: [],
  explanation: 'gcr.io has no Google Cloud project by the name the image path starts with (a typo, or the project was deleted), so no repository there.',
};

// Registries that serve images by version use the distribution spec's TAG_INVALID for a version they do not have
// ("tag invalid: No bootstrapping-image found for version: …", Dynatrace's image registry: Dynatrace/dynatrace-operator#735);
// the spec itself defines it for a tag that does not match the manifest pushed, so a malformed tag stays a candidate.
export const TAG_INVALID: PullErrorRule = {
  id: 'tag-invalid',
  category: 'tag_not_found',
  patterns: [/\btag invalid\b/i],
  confidence: 0.6,
  candidates: ['invalid_reference'],
  explanation: 'The registry rejected the tag ("tag invalid"): usually a version it does not serve, else a malformed tag.',
};

// Home Assistant's Supervisor (docker-py) reports a failed pull as "Image <ref> does not exist"
// (Ferdinand99/home-assistant-newt-addon#21): the registry has no such image, tag or repository.
export const IMAGE_DOES_NOT_EXIST: PullErrorRule = {
  id: 'image-does-not-exist',
  category: 'tag_not_found',
  patterns: [/\bImage \S+ does not exist\b/i],
  confidence: 0.6,
  candidates: ['repo_not_found'],
  explanation: 'The registry has no such image: a tag never pushed or removed, or a wrong repository path.',
};
