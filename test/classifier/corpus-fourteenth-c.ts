import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 14c: real pull errors from threads no earlier entry cites (checked against the plain URL and corpus.ts's
 * `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms, in this branch and in main), collected on 2026-12-07 by a helper
 * that never read the rules (lib/classify) nor the classifier's tests and never ran the classifier. Found with neutral
 * searches only: a runtime, tool or version name with "Failed to pull image" / ErrImagePull / ImagePullBackOff / "error
 * pulling image" / "pull image error" / a tool's generic prefix.
 * Sources (the newest runtimes and kubelet versions, threads opened 2024–2026): containerd 2.x (transfer service, CRI
 * plugin), nerdctl 2, CRI-O 1.29+ and kubespray's CRI-O role, cri-dockerd, kubelet 1.29+ (credential providers, KEP-4412,
 * pull progress), Docker Engine 25–29 / Docker Desktop with the containerd image store, podman 5 / Podman Desktop /
 * buildah / skopeo, Rancher Desktop, Lima, kubernetes test-infra.
 * Labelled from the threads' resolutions ('ambiguous' where the text alone cannot decide; the label is then the cause
 * the thread found); where a thread never found the cause, the label is what the message text says. Secrets in pasted
 * text (signed URL parameters, credentials) are replaced by REDACTED; the text is otherwise verbatim.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  ['network_unreachable', 'https://github.com/containerd/nerdctl/issues/3080', 'ERRO[0004] server "docker.io" does not seem to support HTTPS  error="failed to copy: httpReadSeeker: failed open: failed to do request: Get \\"https://production.cloudflare.docker.com/registry-v2/docker/registry/v2/blobs/sha256/5d/5d0da3dc976460b72c77d94c8a1ad043720b0416bfc16c52c45d4847e53fadb6/data?verify=REDACTED\\": proxyconnect tcp: dial tcp 127.0.0.1:7890: connect: connection refused"'],
  ['tag_not_found', 'https://github.com/kubernetes-sigs/provider-aws-test-infra/pull/281', 'Feb 07 13:36:48.024915 bootstrap-e2e-master containerd[1191]: time="2024-02-07T13:36:48.024858788Z" level=error msg="PullImage \\"registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b\\" failed" error="rpc error: code = NotFound desc = failed to pull and unpack image \\"registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b\\": failed to resolve reference \\"registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b\\": registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b: not found"'],
  ['unknown', 'https://github.com/moby/moby/issues/52411', '$ docker pull haskell:7\n7: Pulling from library/haskell\n78ab9c2522c6: Download complete\nfailed to unpack image on snapshotter overlayfs: apply layer error for "docker.io/library/haskell:7": failed to extract layer sha256:4dcab49015d47e8f300ec33400a02cebc7b54cadd09c37e49eccbc655279da90: NotFound: failed to get reader from content store: content digest sha256:51f5c6a04d83efd2d45c5fd59537218924bc46705e3de6ffc8bc07b51481610b: not found'],
  ['unknown', 'https://github.com/containerd/containerd/issues/11606', 'unable to initialize unpacker: no unpack platforms defined: invalid argument'],
  ['unknown', 'https://github.com/moby/moby/issues/50818', 'docker pull tiborvass/no-remove\nUsing default tag: latest\nlatest: Pulling from tiborvass/no-remove\ncf635291f7c9: Download complete\nfailed to unpack image on snapshotter overlayfs: mismatched image rootfs and manifest layers'],
  ['unknown', 'https://github.com/moby/moby/issues/50818', 'docker pull tiborvass/no-remove\nUsing default tag: latest\nError response from daemon: Encountered remote "application/vnd.docker.plugin.v0+json"(unknown) when fetching'],
  ['unknown', 'https://github.com/containerd/nerdctl/issues/4304', '$ nerdctl -n k8s.io images pull quay.io/calico/node:v3.29.1\nFATA[0000] accepts at most 1 arg(s), received 2'],
  ['firewall_denied', 'https://github.com/rancher-sandbox/rancher-desktop/issues/9759', 'Error response from daemon: unknown: failed to resolve reference "docker.io/library/alpine:latest": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/alpine/manifests/latest: 403 Forbidden', 'ambiguous'],
  ['firewall_denied', 'https://github.com/rancher-sandbox/rancher-desktop/issues/9759', '❯ docker pull alpine:latest\nError response from daemon: Get "https://registry-1.docker.io/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'ambiguous'],
  ['network_unreachable', 'https://github.com/rancher-sandbox/rancher-desktop/issues/7017', 'Error response from daemon: Get "https://ghcr.io/v2/": dial tcp 140.82.116.33:443: i/o timeout'],
  ['registry_unavailable', 'https://github.com/orbstack/orbstack/issues/1749', '❯ docker run -it --rm --platform linux/arm64 alpine\n\nUnable to find image \'alpine:latest\' locally\ndocker: Error response from daemon: received unexpected HTTP status: 503 Service Unavailable.\nSee \'docker run --help\'.'],
  ['unknown', 'https://github.com/moby/buildkit/issues/5809', 'ERROR: Error response from daemon: No such image: moby/buildkit:buildx-stable-1'],
  ['registry_unavailable', 'https://github.com/podman-container-tools/buildah/pull/6099', '# Error: internal error: unable to copy from source {{{quay.io libpod/testdigest_v2s1} sha256:816563225d7baae4782653efc9410579341754fe32cbe20f7600b39fc37d8ec7} %!s(bool=false)}: reading blob sha256:079b08e1aa775c91968e14da9e28db2bcb221bb829130534383802b52d11739d: fetching blob: received unexpected HTTP status: 502 Bad Gateway'],
  ['repo_not_found', 'https://github.com/confidential-containers/cloud-api-adaptor/pull/2906', ' Warning  Failed       11s (x3 over 55s)  kubelet            Failed to pull image "gcr.io/kubebuilder/kube-rbac-proxy:v0.14.0": rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/kubebuilder\n/kube-rbac-proxy:v0.14.0": failed to resolve image: gcr.io/kubebuilder/kube-rbac-proxy:v0.14.0: not found', 'ambiguous'],
  ['tag_not_found', 'https://github.com/kubernetes/website/issues/56173', '  Warning  Failed     2m6s (x5 over 5m13s)  kubelet            spec.containers{kubernetes-bootcamp}: Error: ErrImagePull\n  Normal   BackOff    8s (x20 over 5m13s)   kubelet            spec.containers{kubernetes-bootcamp}: Back-off pulling image "gcr.io/google-samples/kubernetes-bootcamp:v10"\n  Warning  Failed     8s (x20 over 5m13s)   kubelet            spec.containers{kubernetes-bootcamp}: Error: ImagePullBackOff', 'ambiguous'],
  ['platform_mismatch', 'https://github.com/PureStorage-OpenConnect/px-deploy/issues/499', 'dcastellani@dcastellani--Mac15 git % podman pull ghcr.io/andrewh1978/px-deploy:6.0.1\nTrying to pull ghcr.io/andrewh1978/px-deploy:6.0.1...\nError: choosing an image from manifest list docker://ghcr.io/andrewh1978/px-deploy:6.0.1: no image found in image index for architecture arm64, variant "v8", OS linux'],
  ['auth_missing', 'https://github.com/mgoltzsche/podman-static/issues/147', 'Error: unable to copy from source docker://alpine:latest: initializing source docker://alpine:latest: reading manifest latest in docker.io/library/alpine: authentication required'],
  ['unknown', 'https://github.com/docker/for-win/issues/15025', 'docker pull nextcloud\nUsing default tag: latest\n96ff59f754d3: Download complete\nInvalidArgument: Target.MediaType must be set: invalid argument'],
  ['registry_unavailable', 'https://github.com/docker/for-mac/issues/7582', '➜  docker pull eclipse-temurin:17-jre\n17-jre: Pulling from library/eclipse-temurin\nfailed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/eclipse-temurin/blobs/sha256:2053e707959324cc03c45710d1b9e207c1bdab4c8204daccc2b94454a9fa2800: 500 Internal Server Error'],
];

export const FRESH_FOURTEENTH_C: readonly CorpusEntry[] = corpusEntries(ROWS);
