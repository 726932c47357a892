import type { PullErrorRule } from './pull-error-rules';

/**
 * What the node itself reports (tier 1 of PULL_ERROR_RULES): no image variant for its OS/architecture, a layer
 * its OS cannot import, its signature policy, its full disk, its own image store failing. Real examples of each:
 * test/classifier/corpus*.ts.
 */

// dockerd before 18.x: "no supported platform found in manifest list" (distribution/pull_v2.go), later "no matching
// manifest for <os/arch> in the manifest list entries" (a paste may stop at the platform: kubernetes-sigs/windows-testing#223; a retyped one may misspell "manifest":
// tkestack/tke#835). Azure Container Instances words a Windows image built for
// another Windows release "The OS version of image … is not supported" (code OsVersionNotSupported):
// https://learn.microsoft.com/en-us/azure/container-instances/container-instances-troubleshooting
export const PLATFORM_NO_MATCH: PullErrorRule = {
  id: 'platform-no-match',
  category: 'platform_mismatch',
  patterns: [
    /no match for (?:current )?platform\b|no supported platform found in manifest list|no matching manifest for\b|\bin the manifest list entries|no image found in (?:image index|manifest list) for architecture|image operating system "?[\w-]+"? cannot be used on this platform|does not match the (?:specified|detected host) platform|container operating system does not match the host|operating system of the container does not match|based image is incompatible with a [\d.]+ host|OS ?version(?: of image \S+ is)? ?not ?supported/i,
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

// A Windows image meeting the wrong host. hcsshim cannot set up the image's utility VM on an older Windows build
// ("ProcessUtilityVMImage … The system cannot find the path specified": a 1803 image on a 1607 host,
// microsoft/dotnet-framework-docker#167); a Linux snapshotter unpacking a Windows layer finds its Files/ and UtilityVM/
// trees (".../snapshots/<n>/fs/Files/Program Files/...": microsoft/Windows-Containers#452).
export const WINDOWS_IMAGE_WRONG_HOST: PullErrorRule = {
  id: 'windows-image-wrong-host',
  category: 'platform_mismatch',
  patterns: [/ProcessUtilityVMImage [^\n]*cannot find the path specified|\/fs\/(?:Files|UtilityVM)\/(?:Program Files|Windows|Files)\b/i],
  confidence: 0.7,
  candidates: [],
  explanation: "A Windows image on a host it cannot run on: a Windows build newer than the node's, or a Windows image on a Linux node (pin the image to the node's Windows build, or schedule it on a Windows pool).",
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

// A write on the node failing with EIO ("write …: input/output error"): the disk itself — on Docker Desktop its VM disk
// run full (jeroenjanssens/data-science-at-the-command-line#153) — not the registry.
export const DISK_IO_ERROR: PullErrorRule = {
  id: 'disk-io-error',
  category: 'disk_pressure',
  patterns: [/\bwrite \S+: input\/output error/i],
  confidence: 0.6,
  candidates: [],
  explanation: "The node's disk failed a write while storing the image (input/output error): a full or failing disk (on Docker Desktop, its VM disk).",
};

export const DISK_FULL: PullErrorRule = {
  id: 'disk-full',
  category: 'disk_pressure',
  patterns: [
    // Home Assistant's supervisor refuses an add-on install itself: "blocked from execution, not enough free space (0.4GB)
    // left on the device" (home-assistant/devcontainer#138); Windows says "There is not enough space on the disk."
    // (generator-jhipster#10251).
    /no space left on device|not enough (?:free )?space\b|DiskPressure|low on resource: (?:ephemeral-storage|nodefs|imagefs)|Attempting to reclaim (?:ephemeral-storage|nodefs|imagefs)|failed to garbage collect required amount of images|wanted to free \d+ bytes/i,
  ],
  confidence: 0.92,
  candidates: [],
  explanation: "The node's disk (container image store) is full, so layers cannot be written.",
};

// containerd keeps partial downloads under <root>/io.containerd.content.v1.content/ingest/<hash>/ (content/local/store.go
// says "failed reading status of resume write" when the ingest it wants to resume is gone or broken). An error on that
// path is the node's own content store — an interrupted earlier pull, a concurrent cleanup, a damaged store — not the
// registry or the network, and none of the categories: unknown, with the reason said. A full disk is decided first. The
// containerd image store behind Docker Engine 29 says the same of a blob it lost ("failed to lease content: … blob
// sha256:… expected at …/blobs/sha256/…: blob not found": zanfranceschi/rinha-de-backend-2026#9227).
export const LOCAL_CONTENT_STORE: PullErrorRule = {
  id: 'local-content-store',
  category: 'unknown',
  patterns: [/io\.containerd\.content\.v1\.content[\\/](?:ingest[\\/]|blobs[\\/][^:\n]*: blob not found)/i],
  confidence: 0,
  candidates: [],
  explanation: "containerd's content store on the node failed while writing the download (a broken partial download): not the registry or network; retry or restart containerd.",
};

// The image was downloaded; unpacking a layer into the node's storage failed: dockerd "failed to register layer: %v"
// (layer/layer_store.go), containerd "failed to extract layer %s: %w" (diff apply), containers/storage (CRI-O, podman)
// "Error processing tar file(%s): %s" (pkg/chrootarchive), or dockerd's layer store missing a layer it recorded ("layer
// does not exist", layer.ErrLayerDoesNotExist; sabeechen/hassio-google-drive-backup#889), or a remote snapshotter on the
// node refusing the unpack ("failed to prepare extraction snapshot …" with its socket not answering or a layer it lost:
// dragonflyoss/nydus#1481, awslabs/soci-snapshotter#1084; a registry error after it is the registry's). Node faults — file permissions, a broken overlay or
// windowsfilter store, hcsshim — not the registry or network. Decided after the full disk and the Linux-layer-on-Windows
// readings above, which name a cause of their own.
export const LAYER_APPLY: PullErrorRule = {
  id: 'layer-apply',
  category: 'unknown',
  patterns: [/failed to register layer|failed to extract layer|Error processing tar file|\blayer does not exist\b|failed to prepare extraction snapshot "[^"]*": (?:connection error: desc = "transport: Error while dialing dial unix|layer "[^"]*" unavailable)/i],
  confidence: 0,
  candidates: [],
  explanation: "The node could not unpack a downloaded layer into its image storage (permissions, a damaged store, a Windows layer fault): the registry and network are fine.",
};

// The client never reached its own container engine, so no pull was made: the Docker CLI's "Cannot connect to the
// Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" and, on Windows, "open
// //./pipe/docker_engine: The system cannot find the file specified." (docker/cli); "error during connect" to a socket the
// CLI names URL-encoded is its own request to a local engine (`Post http://%2Fvar%2Frun%2Fbalena-engine.sock/…: EOF`:
// balena-os/balena-engine#238) — to a remote engine's address it is the network to that host; and the engine's own API
// failing ("request returned 502 Bad Gateway for API route and version http://%2Fvar%2Frun%2Fdocker.sock/…": moby/moby#50165). Not the registry or the network,
// and none of the categories: unknown, with the reason said.
export const LOCAL_ENGINE_UNREACHABLE: PullErrorRule = {
  id: 'local-engine-unreachable',
  category: 'unknown',
  patterns: [/Cannot connect to the Docker daemon|error during connect: \w+ "?http:\/\/%2F|for API route and version http:\/\/%2F/i],
  confidence: 0,
  candidates: [],
  explanation: "The client could not reach its own container engine (the Docker daemon), so nothing was pulled: start it or fix the client's connection — the registry is not involved.",
};

// Cloud Native Buildpacks' pack with `--pull-policy never` looks only in the local daemon: "image <ref> does not exist on the
// daemon: not found" (buildpacks/pack#530, #685); `docker run --pull=never` answers "No such image" (docs.docker.com, docker
// container run). Nothing was asked of a registry; the image was never pulled there.
export const LOCAL_ONLY_IMAGE_MISSING: PullErrorRule = {
  id: 'local-only-image-missing',
  category: 'never_pull',
  patterns: [/\bdoes not exist on the daemon\b|--pull[= ]never\b[\s\S]{0,400}No such image/i],
  confidence: 0.7,
  candidates: ['tag_not_found', 'repo_not_found'],
  explanation: 'The tool looked for the image only on the local engine (a "never pull" policy) and it is not there: pull or build it first, or let the tool pull.',
};

// The Docker Engine API's answer when a container is created from an image the daemon does not hold ("No such image:
// <ref>", 404 through docker-py): nothing pulled it onto the node — a tool that expected it there, as kubelet does with
// imagePullPolicy Never (jupyterhub/jupyterhub#1649, projectcalico/calicoctl#56) — or an earlier pull failed, or the tool
// itself lost track of it (a GitLab Runner bug: docker-library/docker#253), or a pull that could not land on a full disk
// (Home Assistant add-ons: hassio-addons/app-tasmoadmin#74, app-vscode#314; CapRover: caprover/caprover#762). The text
// cannot tell: unknown, with those candidates.
export const LOCAL_IMAGE_MISSING: PullErrorRule = {
  id: 'local-image-missing',
  category: 'unknown',
  patterns: [/\bNo such image: /i],
  confidence: 0,
  candidates: ['never_pull', 'tag_not_found', 'repo_not_found', 'disk_pressure'],
  explanation: 'The engine does not hold the image ("No such image") and the text does not say why: nothing pulled it there (like imagePullPolicy Never), or its pull failed (no such tag or repository, a full disk).',
};
