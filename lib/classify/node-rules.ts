import type { PullErrorRule } from './pull-error-rules';

/**
 * What the node itself reports (tier 1 of PULL_ERROR_RULES): no image variant for its OS/architecture, a layer
 * its OS cannot import, its signature policy, its full disk. Real examples of each: test/classifier/corpus*.ts.
 */

// Azure Container Instances words a Windows image built for another Windows release "The OS version of image … is not
// supported" (code OsVersionNotSupported): https://learn.microsoft.com/en-us/azure/container-instances/container-instances-troubleshooting
export const PLATFORM_NO_MATCH: PullErrorRule = {
  id: 'platform-no-match',
  category: 'platform_mismatch',
  patterns: [
    /no match for (?:current )?platform\b|no matching manifest for [^\n]{1,80}? in the manifest list|no image found in (?:image index|manifest list) for architecture|image operating system "[^"]+" cannot be used on this platform|does not match the (?:specified|detected host) platform|container operating system does not match the host|operating system of the container does not match|based image is incompatible with a [\d.]+ host|OS ?version(?: of image \S+ is)? ?not ?supported/i,
  ],
  confidence: 0.92,
  candidates: [],
  explanation: "The tag exists but has no variant for the node's OS/architecture (e.g. an amd64-only image on an arm64 or Windows node pool).",
};

// hcsshim cannot import a Linux image's layer as a Windows base layer ("The system cannot find the path
// specified"): a Linux image scheduled on a Windows node (ColinIanKing/stress-ng#389, microsoft/hcsshim#2226).
// Other hcsshim failures ("module could not be found", "Access is denied") are node faults, left unknown.
export const WINDOWS_LINUX_LAYER: PullErrorRule = {
  id: 'windows-linux-layer',
  category: 'platform_mismatch',
  patterns: [/hcsshim::ProcessBaseLayer [^\n]*cannot find the path specified/i],
  confidence: 0.7,
  candidates: [],
  explanation: 'A Windows node could not import the layer as a Windows base layer: a Linux image scheduled on a Windows node pool (add nodeSelector kubernetes.io/os: linux).',
};

// containers/image (CRI-O, podman) wraps every signature-policy refusal as "Source image rejected: …"
// (copy/copy.go; "A signature was required, but no signature exists" is signature/policy_eval_signedby.go).
// No registry, network or credential fault, and none of the categories: unknown, with the reason said.
export const SIGNATURE_POLICY: PullErrorRule = {
  id: 'signature-policy',
  category: 'unknown',
  patterns: [/Source image rejected: /i],
  confidence: 0,
  candidates: [],
  explanation: "The node's image signature policy rejected the image (CRI-O SignatureValidationFailed): sign it, or fix the policy or its signature lookaside — the registry and network are fine.",
};

export const EXEC_FORMAT_ERROR: PullErrorRule = {
  id: 'exec-format-error',
  category: 'platform_mismatch',
  patterns: [/exec format error/i],
  confidence: 0.8,
  candidates: [],
  explanation: "The image's binaries are built for another CPU architecture than the node's.",
};

export const DISK_FULL: PullErrorRule = {
  id: 'disk-full',
  category: 'disk_pressure',
  patterns: [
    /no space left on device|DiskPressure|low on resource: (?:ephemeral-storage|nodefs|imagefs)|Attempting to reclaim (?:ephemeral-storage|nodefs|imagefs)|failed to garbage collect required amount of images|wanted to free \d+ bytes/i,
  ],
  confidence: 0.92,
  candidates: [],
  explanation: "The node's disk (container image store) is full, so layers cannot be written.",
};
