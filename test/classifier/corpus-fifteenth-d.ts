import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 15d: real pull errors from GitHub issue and pull-request threads of networking, service-mesh,
 * observability and security projects that ship images to clusters, collected on 2026-12-07 by a helper that never
 * read the rules (lib/classify) nor the classifier's tests and never ran the classifier.
 * Found with the `search` tool (issues corpus) using neutral queries: a project or image name (Istio, Linkerd, Cilium,
 * Calico, Flannel, Multus, MetalLB, ingress-nginx, Traefik, Contour, Envoy Gateway, Kong, cert-manager, external-dns,
 * Prometheus operator / kube-prometheus / helm charts, Grafana, Loki, Tempo, OpenTelemetry, Fluent Bit, Fluentd,
 * Vector, Jaeger, Falco, Trivy, Kyverno, Gatekeeper, Vault, external-secrets, Velero, Longhorn, Rook) with "Failed to
 * pull image", ErrImagePull, ImagePullBackOff or "manifest unknown", or with a setting (private registry, air-gapped,
 * proxy, arm64, offline); then follow-up queries on a thread's own title to read the rest of it. Two searches named
 * an error wording while following a topic ("exec format error" with arm64 for Cilium, "short name" for an
 * ImageInspectError thread); the Cilium 19467/14117 rows and the NGINX ingress operator row come from them.
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms); cited threads were skipped, as were
 * messages whose text already appears in the corpus. Most rows come from the projects' own repositories; some come
 * from a neighbouring repository where a user reported the project's image failing (minikube, kubernetes/k8s.io,
 * rancher, aws/eks-anywhere, rancher/turtles, PureStorage px-deploy, kumahq/kuma for Kong, intel/istio,
 * aquasecurity/starboard for Trivy, nginx/nginx-ingress-helm-operator). At most two messages per thread and six per
 * project. Rows whose only text was a screenshot, a truncated excerpt, or a pre-signed CDN URL carrying access-key
 * ids were left out.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the
 * cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the threads print them (event-table
 * spacing, the reporter's shell prompt, GitHub's rendering of pasted links); leading indentation was sometimes dropped and a
 * few rows begin after the reporter's own command line. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // Flannel
  ['registry_unavailable', 'https://github.com/flannel-io/flannel/issues/1297', 'Failed to pull image "quay.io/coreos/flannel:v0.11.0-amd64": rpc error: code = Unknown desc = Error response from daemon: Get https://quay.io/v2/coreos/flannel/manifests/v0.11.0-amd64: received unexpected HTTP status: 500 Internal Server Error'],
  // the kube-flannel.yml of the day named rancher/flannel-cni-plugin before that repository was pushed (flannel-io/flannel#1482)
  ['repo_not_found', 'https://github.com/PureStorage-OpenConnect/px-deploy/issues/163', 'Failed to pull image "rancher/flannel-cni-plugin:v1.2": rpc error: code = Unknown desc = repository docker.io/rancher/flannel-cni-plugin not found: does not exist or no pull access'],
  // Traefik
  // Docker Hub's amd64 builder was down, so the traefik:latest manifest list briefly had no amd64 entry
  ['platform_mismatch', 'https://github.com/traefik/traefik/issues/2360', '  2m\t\t1m\t\t4\tkubelet, 10.255.13.173\tspec.containers{traefik-ingress-lb}\tWarning\t\tFailed\t\t\tFailed to pull image "traefik": rpc error: code = 2 desc = no supported platform found in manifest list'],
  // the example manifest named traefik:v1.1.0 before that tag was released (only v1.1.0-rc3 existed)
  ['tag_not_found', 'https://github.com/traefik/traefik/issues/808', '"message": "container \\"traefik-ingress-lb\\" in pod \\"traefik-ingress-controller-3665949876-ei7h1\\" is waiting to start: trying and failing to pull image",', 'ambiguous'],
  // ingress-nginx
  // the release digest was listed for promotion but not yet in registry.k8s.io
  ['tag_not_found', 'https://github.com/kubernetes/ingress-nginx/pull/11277', 'Failed to pull image "registry.k8s.io/ingress-nginx/controller:v1.10.1@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e": rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/ingress-nginx/controller@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e": failed to resolve reference "registry.k8s.io/ingress-nginx/controller@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e": registry.k8s.io/ingress-nginx/controller@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e: not found'],
  // Multus
  ['network_unreachable', 'https://github.com/k8snetworkplumbingwg/multus-cni/issues/1184', 'docker pull ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot\nError response from daemon: Get "https://ghcr.io/v2/": read tcp 172.16.90.123:48122->20.205.243.164:443: read: connection reset by peer'],
  // the thread never settles it; the title's 401 is the reporter's own unauthenticated wget, not the node's pull, so the label follows the text
  ['network_unreachable', 'https://github.com/k8snetworkplumbingwg/multus-cni/issues/850', 'code = Unknown desc = failed to pull and unpack image "ghcr.io/k8snetworkplumbingwg/multus-cni:thick": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://ghcr.io/v2/k8snetworkplumbingwg/multus-cni/manifests/sha256:e6319d716341e07602aeabe7afbf6c599db8bcd57fd52a2b16b7aa68fc595d36": read tcp 172.22.0.3:47458->140.82.121.34:443: read: connection reset by peer'],
  // Grafana
  // the loki-stack chart pulled grafana/grafana:6.2.3, a tag that was not (or no longer) on Docker Hub that day; 6.2.2 worked
  ['tag_not_found', 'https://github.com/grafana/grafana/issues/17640', '# Error from server (BadRequest): container "grafana" in pod "loki-grafana-64988c6768-78c9z" is waiting to start: trying and failing to pull image', 'ambiguous'],
  ['tag_not_found', 'https://github.com/grafana/grafana/issues/91190', '$ docker pull grafana/grafana:11.1.3\nError response from daemon: manifest for grafana/grafana:11.1.3 not found: manifest unknown: manifest unknown'],
  // OpenTelemetry
  ['tls_error', 'https://github.com/open-telemetry/opentelemetry-demo/issues/1161', '"Service": rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/open-telemetry/demo:1.5.0-shippingservice": failed to resolve reference "ghcr.io/open-telemetry/demo:1.5.0-shippingservice": failed to do request: Head "https://ghcr.io/v2/open-telemetry/demo/manifests/1.5.0-shippingservice": tls: failed to verify certificate: x509: certificate signed by unknown authority"'],
  // the chart named collector 0.123.1, a release that published no image to Docker Hub
  ['tag_not_found', 'https://github.com/open-telemetry/opentelemetry-helm-charts/issues/1635', '    state:\n      waiting:\n        message: Back-off pulling image "otel/opentelemetry-collector-k8s:0.123.1"\n        reason: ImagePullBackOff', 'ambiguous'],
  ['tag_not_found', 'https://github.com/open-telemetry/opentelemetry-collector/issues/12960', 'Failed to pull image "otel/opentelemetry-collector-k8s:0.123.1": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/otel/opentelemetry-collector-k8s:0.123.1": failed to resolve reference "docker.io/otel/opentelemetry-collector-k8s:0.123.1": docker.io/otel/opentelemetry-collector-k8s:0.123.1: not found'],
  // Envoy
  // Envoy stopped publishing a latest tag once it began stable release lines
  ['tag_not_found', 'https://github.com/envoyproxy/envoy/issues/12403', 'Using default tag: latest\nError response from daemon: manifest for envoyproxy/envoy:latest not found: manifest unknown: manifest unknown'],
  // Kong
  ['tag_not_found', 'https://github.com/Kong/kubernetes-ingress-controller/issues/4132', 'kubelet            Failed to pull image "kong/kubernetes-ingress-controller:2.10.0": rpc error: \ncode = NotFound desc = failed to pull and unpack image "docker.io/kong/kubernetes-ingress-controller:2.10.0":\nfailed to resolve reference "docker.io/kong/kubernetes-ingress-controller:2.10.0":\ndocker.io/kong/kubernetes-ingress-controller:2.10.0: not found'],
  // a scheduled Bintray brown-out ahead of its shutdown answered 403 to every pull; nothing was wrong with access
  ['registry_unavailable', 'https://github.com/Kong/docs.konghq.com/issues/2813', 'error pulling image configuration: error parsing HTTP 403 response body: invalid character \'F\' looking for beginning of value: "Forbidden!"', 'ambiguous', 'Bintray\'s shutdown rehearsal answered a plain 403 Forbidden: the text reads a refusal; only the thread knew the registry was being switched off'],
  // kumactl 0.1.0 wrote a development version tag into the manifests that was never published
  ['tag_not_found', 'https://github.com/kumahq/kuma/issues/235', 'Warning  Failed     11m (x4 over 12m)     kubelet, kind-control-plane  Failed to pull image "kong-docker-kuma-docker.bintray.io/kuma-injector:0.1.0-2-ga5a27f5": rpc error: code = Unknown desc = failed to resolve image "kong-docker-kuma-docker.bintray.io/kuma-injector:0.1.0-2-ga5a27f5": no available registry endpoint: kong-docker-kuma-docker.bintray.io/kuma-injector:0.1.0-2-ga5a27f5 not found'],
  ['tag_not_found', 'https://github.com/kumahq/kuma/issues/235', '$ docker pull kong-docker-kuma-docker.bintray.io/kuma-injector:0.1.0-2-ga5a27f5 \nError response from daemon: manifest for kong-docker-kuma-docker.bintray.io/kuma-injector:0.1.0-2-ga5a27f5 not found: manifest unknown: The named manifest is not known to the registry.'],
  // the Bintray account had no Kong Enterprise licence, so the registry hid the repository from it; reads as a missing repository
  ['access_denied', 'https://github.com/Kong/kong/issues/6329', 'docker login -u mybintrayname -p myapikey kong-docker-kong-enterprise-edition-docker.bintray.io \nError response from daemon: Get https://kong-docker-kong-enterprise-edition-docker.bintray.io/v2/: unknown: Repo \'kong-enterprise-edition-docker\' was not found', 'ambiguous', 'Bintray answered an account without the product\'s licence that the repository was not found: the text reads a missing repository'],
  // the operator's main branch defaulted to Red Hat certified images, which registry.connect.redhat.com serves only to logged-in clients
  ['auth_missing', 'https://github.com/Kong/gateway-operator/issues/266', '  Warning  Failed     7m31s (x4 over 9m6s)   kubelet            Failed to pull image "registry.connect.redhat.com/kong/kong-ingress-controller:2.5.0-redhat": rpc error: code = Unknown desc = failed to pull and unpack image "registry.connect.redhat.com/kong/kong-ingress-controller:2.5.0-redhat": failed to resolve reference "registry.connect.redhat.com/kong/kong-ingress-controller:2.5.0-redhat": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized'],
  // Fluentd
  // the fluentd chart named an image tag the daemonset images were not published under; fixed in the chart (fluent/helm-charts#68)
  ['tag_not_found', 'https://github.com/fluent/helm-charts/issues/73', 'Normal   BackOff  13m (x617 over 153m)    kubelet  Back-off pulling image "fluent/fluentd-kubernetes-daemonset:v1.11.5-debian-elasticsearch"', 'ambiguous'],
  // Vector
  ['tag_not_found', 'https://github.com/vectordotdev/vector/issues/11503', '# docker pull timberio/vector:0.20.0-distroless\nError response from daemon: manifest for timberio/vector:0.20.0-distroless not found: manifest unknown: manifest unknown'],
  // the 0.50.0-distroless-libc image had been yanked from GHCR (its index pointed at a manifest that was gone); the maintainers restored it
  ['tag_not_found', 'https://github.com/vectordotdev/vector/issues/24239', 'FATA[0001] failed to copy: httpReadSeeker: failed open: content at https://ghcr.io/v2/vectordotdev/vector/manifests/sha256:e7b5881e3f938c5dba9d18213438f065f929d6a71b9bc14ee97b7f699b3db504 not found: not found\nFATA[0001] exit status 1'],
  // Jaeger
  // the release CI failed to push the 1.21.0 operator image that the published operator.yaml named
  ['tag_not_found', 'https://github.com/jaegertracing/jaeger-operator/issues/1310', 'Error response from daemon: manifest for jaegertracing/jaeger-operator:1.21.0 not found: manifest unknown: manifest unknown'],
  // Trivy
  // the scan job's registry fetch (not the node's pull); the socket lines are Trivy trying local runtimes first
  // ambiguous (the lead, session 9): the scanner lists every image source it tried; the registry's x509 error is one, and
  // giving it the node's Docker or containerd socket is another way out
  ['tls_error', 'https://github.com/aquasecurity/trivy-operator/issues/1885', '2024-04-16T13:46:20.230Z        FATAL   image scan error: scan error: unable to initialize a scanner: unable to initialize a remote image scanner: 6 errors occurred:\n        * docker error: unable to inspect the image (artifactory.deshaw.com/k8s-qa/cdnqa:59bcf02): Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n        * containerd error: containerd socket not found: /run/containerd/containerd.sock\n        * podman error: unable to initialize Podman client: no podman socket found: stat podman/podman.sock: no such file or directory\n        * remote error: Get "https://artifactory.deshaw.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority\n        * remote error: Get "https://artifactory.deshaw.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority\n        * remote error: Get "https://artifactory.deshaw.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority\n        * ', 'ambiguous'],
  // filesystem-mode scan pods run the target image with imagePullPolicy Never but were scheduled on a node without it
  ['never_pull', 'https://github.com/aquasecurity/starboard/issues/1447', 'ErrImageNeverPull Container image "<target-image>" is not present with pull policy of Never'],
  // Kyverno
  // the reporter found the v1.10.3 tag missing from ghcr.io/kyverno/kyvernopre
  // ambiguous (the lead, session 9): docker's v1 'image x not found' does not tell a missing tag from a missing repository
  ['tag_not_found', 'https://github.com/kyverno/kyverno/issues/8383', 'Trying to pull repository ghcr.io/kyverno/kyvernopre ... \nPulling repository ghcr.io/kyverno/kyvernopre\nError: image kyverno/kyvernopre:v1.10.3 not found', 'ambiguous'],
  // Kyverno's report clean-up job on a ppc64le build cluster; the bitnami/kubectl image has no ppc64le variant
  ['platform_mismatch', 'https://github.com/kubernetes/k8s.io/issues/7984', '8m49s       Warning   Failed               pod/kyverno-cleanup-cluster-admission-reports-29034490-nzjtb   Failed to pull image "bitnami/kubectl:1.26.4": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/bitnami/kubectl:1.26.4": no match for platform in manifest: not found'],
  // the old Kyverno chart's clean-up job named a bitnami/kubectl tag Bitnami no longer publishes (cert-manager's E2E tests)
  ['tag_not_found', 'https://github.com/cert-manager/cert-manager/pull/8389', 'Warning  Failed     15s (x5 over 3m9s)   kubelet            Failed to pull image "bitnami/kubectl:1.28.5": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/bitnami/kubectl:1.28.5": failed to resolve reference "docker.io/bitnami/kubectl:1.28.5": docker.io/bitnami/kubectl:1.28.5: not found'],
  // Longhorn
  // the maintainers had pulled the v0.6.0 longhorn-manager image over a release bug while longhorn.yaml already named it
  ['tag_not_found', 'https://github.com/longhorn/longhorn/issues/756', 'Error from server (BadRequest): container "longhorn-manager" in pod "longhorn-manager-v4qlm" is waiting to start: trying and failing to pull image', 'ambiguous'],
  // Istio
  // the 1.1.1 charts were published with hub gcr.io/istio-release instead of docker.io/istio, where 1.1.1 did not exist
  ['tag_not_found', 'https://github.com/istio/istio/issues/12884', 'Failed to pull image "gcr.io/istio-release/kubectl:1.1.1": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/istio-release/kubectl:1.1.1 not found'],
  // istioctl's install summary wrapping the kubelet's NotFound for a dev build not pushed to the old gcr.io testing hub
  ['tag_not_found', 'https://github.com/istio/istio.io/pull/17247', '✘ Istiod encountered an error: failed to wait for resource: resources not ready after 5m0s: context deadline exceeded\n  Deployment/istio-system/istiod (container failed to start: ImagePullBackOff: Back-off pulling image "gcr.io/istio-testing/pilot:1.31-alpha.f48d1ae88afbf4de98afa2b8567fa16ab2072c01": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/istio-testing/pilot:1.31-alpha.f48d1ae88afbf4de98afa2b8567fa16ab2072c01": failed to resolve reference "gcr.io/istio-testing/pilot:1.31-alpha.f48d1ae88afbf4de98afa2b8567fa16ab2072c01": gcr.io/istio-testing/pilot:1.31-alpha.f48d1ae88afbf4de98afa2b8567fa16ab2072c01: not found)'],
  // external-secrets
  // the chart defaulted to the new oci.external-secrets.io host before it served a valid certificate
  ['tls_error', 'https://github.com/external-secrets/external-secrets/issues/4057', 'Error response from daemon: Get "https://oci.external-secrets.io/v2/": tls: failed to verify certificate: x509: certificate is valid for ingress.local, not oci.external-secrets.io'],
  // Linkerd
  // the injector used the control-plane version as the proxy-init tag; proxy-init is versioned separately (v1.0.0)
  ['tag_not_found', 'https://github.com/linkerd/linkerd2/issues/3102', 'Warning  Failed                 9s (x3 over 51s)   kubelet,  Failed to pull image "gcr.io/linkerd-io/proxy-init:stable-2.4.0": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/linkerd-io/proxy-init:stable-2.4.0 not found'],
  ['tls_error', 'https://github.com/linkerd/linkerd2/issues/7004', 'Failed to pull image "cr.l5d.io/linkerd/proxy-init:v1.3.11": rpc error: code = Unknown desc = Error response from daemon: Get https://cr.l5d.io/v2/: x509: certificate signed by unknown authority'],
  // Cilium
  // EKS Anywhere's Cilium build publishes no hubble-relay repository; the kubelet's 'not found' reads as a missing tag
  ['repo_not_found', 'https://github.com/aws/eks-anywhere/issues/10743', 'Back-off pulling image "public.ecr.aws/eks/cilium/hubble-relay:v1.17.12-0": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "public.ecr.aws/eks/cilium/hubble-relay:v1.17.12-0": failed to resolve image: public.ecr.aws/eks/cilium/hubble-relay:v1.17.12-0: not found', 'ambiguous'],
  ['repo_not_found', 'https://github.com/aws/eks-anywhere/issues/10743', '$ docker pull public.ecr.aws/eks/cilium/hubble-relay:v1.17.12-0\nError response from daemon: repository public.ecr.aws/eks/cilium/hubble-relay not found: name unknown: The repository with name \'cilium/hubble-relay\' does not exist in the registry with id \'eks\''],
  // Calico
  ['rate_limited', 'https://github.com/rancher/turtles/issues/1408', 'Warning  Failed                  4m50s (x4 over 7m27s)   kubelet            Failed to pull image "docker.io/calico/apiserver:v3.29.3": failed to pull and unpack image "docker.io/calico/apiserver:v3.29.3": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/calico/apiserver/manifests/sha256:556753b21672666445accdbeed724a7e03600a05c3b11669e914b5e0a728ebe2: 429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit'],
  // Istio
  // istioctl ignored --hub for this init image, so the node went to Docker Hub, which its resolver could not answer for
  ['dns_failure', 'https://github.com/istio/istio/issues/417', '  4m    4m      1       kubelet, 10.192.29.204  spec.initContainers{enable-core-dump}   Warning Failed          Failed to pull image "alpine": rpc error: code = 2 desc = Error response from daemon: {"message":"Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 10.192.29.8:53: read udp 10.192.29.204:38103->10.192.29.8:53: i/o timeout"}'],
  ['network_unreachable', 'https://github.com/istio/istio/issues/6772', 'Failed to pull image "docker.io/istio/grafana:0.8.0": rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // Cilium
  // a 32-bit Raspbian (armv7) node; Cilium publishes amd64 and arm64 only. The markdown links are how the paste was rendered
  ['platform_mismatch', 'https://github.com/cilium/cilium/issues/19467', 'Failed to pull image "[quay.io/cilium/operator-generic:v1.11.3@sha256:5b81db7a32cb7e2d00bb3cf332277ec2b3be239d9e94a8d979915f4e6648c787](http://quay.io/cilium/operator-generic:v1.11.3@sha256:5b81db7a32cb7e2d00bb3cf332277ec2b3be239d9e94a8d979915f4e6648c787)": rpc error: code = NotFound desc = failed to pull and unpack image "[quay.io/cilium/operator-generic@sha256:5b81db7a32cb7e2d00bb3cf332277ec2b3be239d9e94a8d979915f4e6648c787](http://quay.io/cilium/operator-generic@sha256:5b81db7a32cb7e2d00bb3cf332277ec2b3be239d9e94a8d979915f4e6648c787)": no match for platform in manifest: not found'],
  // Cilium 1.9.0 images were amd64-only; the aarch64 Raspberry Pi node pulled them and could not run them
  ['platform_mismatch', 'https://github.com/cilium/cilium/issues/14117', 'standard_init_linux.go:211: exec user process caused "exec format error"'],
  // MetalLB
  // MetalLB had moved its images to quay.io and the Docker Hub repositories were gone (minikube switched in kubernetes/minikube#16055)
  ['repo_not_found', 'https://github.com/kubernetes/minikube/issues/16053', 'docker pull docker.io/metallb/controller:v0.9.6@sha256:fbfdb9d3f55976b0ee38f3309d83a4ca703efcf15d6ca7889cd8189142286502\nError response from daemon: pull access denied for metallb/controller, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // NGINX ingress
  // CRI-O 1.34 enforces short names; the chart named nginx/nginx-ingress without docker.io/
  ['invalid_reference', 'https://github.com/nginx/nginx-ingress-helm-operator/issues/624', 'Failed to inspect image "": rpc error: code = Unknown desc = short name mode is enforcing, but image name nginx/nginx-ingress:5.2.1 returns ambiguous list'],
  // Fluent Bit
  ['registry_unavailable', 'https://github.com/fluent/fluent-bit/issues/8671', 'podman pull cr.fluentbit.io/fluent/fluent-bit:2.1.10\nTrying to pull cr.fluentbit.io/fluent/fluent-bit:2.1.10...\nError: initializing source docker://cr.fluentbit.io/fluent/fluent-bit:2.1.10: pinging container registry cr.fluentbit.io: received unexpected HTTP status: 502 Bad Gateway'],
  // maintainer: cr.fluentbit.io is a Scarf wrapper over Docker Hub and the 500 is most likely Docker Hub's pull rate limit behind it
  ['rate_limited', 'https://github.com/fluent/helm-charts/issues/583', ' Failed to pull image "cr.fluentbit.io/fluent/fluent-bit:2.0.9": failed to pull and unpack image "cr.fluentbit.io/fluent/fluent-bit:2.0.9": failed to copy: httpReadSeeker: failed open: unexpected status code https://cr.fluentbit.io/v2/fluent/fluent-bit/blobs/sha256:7cf364a450aa9947df636a2823afe931a41ac4fd4daa7d7ba8a13a76ca2750b3: 500 Internal Server Error ', 'ambiguous', 'a 500 on a blob reads as the registry failing; the maintainer only suspected an upstream rate limit behind it'],
  // Istio
  // the gateway manifest uses the placeholder image "auto", which only sidecar injection replaces; injection was not enabled in the namespace
  ['repo_not_found', 'https://github.com/istio/istio/issues/40355', 'Failed to pull image "auto": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/auto:latest": failed to resolve reference "docker.io/library/auto:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'ambiguous'],
  // Intel's istioctl build defaulted to a private GHCR package; the anonymous pull was refused. The markdown link is how the paste was rendered
  ['auth_missing', 'https://github.com/intel/istio/issues/19', 'Error response from daemon: Head "[https://ghcr.io/v2/intel/istio/pilot/manifests/1.15-dev":](https://ghcr.io/v2/intel/istio/pilot/manifests/1.15-dev%22:) unauthorized', 'ambiguous'],
  // Prometheus
  // the monitoring chart (kube-prometheus-stack based) prefixed the registry twice, so Docker Hub was asked for a repository named docker.io/rancher/...; the 401 reads as missing credentials
  // not ambiguous since session 9 (the lead): the reference repeats a registry host, which decides a missing repository
  ['repo_not_found', 'https://github.com/rancher/rancher/issues/50317', 'ImagePullBackOff (Back-off pulling image "docker.io/docker.io/rancher/mirrored-prometheus-node-exporter:v1.9.0": ErrImagePull: failed to pull and unpack image "docker.io/docker.io/rancher/mirrored-prometheus-node-exporter:v1.9.0": failed to resolve reference "docker.io/docker.io/rancher/mirrored-prometheus-node-exporter:v1.9.0": unexpected status from HEAD request to https://registry-1.docker.io/v2/docker.io/rancher/mirrored-prometheus-node-exporter/manifests/v1.9.0: 401 Unauthorized)'],
  // Contour
  // the Envoy v1.23.0 arm64 image shipped an amd64 binary (envoyproxy/envoy#22261); Contour v1.22.0 on an arm64 kind cluster
  ['platform_mismatch', 'https://github.com/projectcontour/contour/issues/4685', 'exec /usr/local/bin/envoy: exec format error'],
  // Velero
  // the Velero chart's upgrade job still pulled kubectl from Docker Hub, which this GKE cluster cannot reach (its images come from a private Harbor)
  ['network_unreachable', 'https://github.com/velero-io/velero/issues/6869', 'Warning  Failed            25s                kubelet            Failed to pull image "docker.io/bitnami/kubectl:1.27": rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "docker.io/bitnami/kubectl:1.27": failed to resolve reference "docker.io/bitnami/kubectl:1.27": failed to do request: Head "https://registry-1.docker.io/v2/bitnami/kubectl/manifests/1.27": dial tcp 3.216.34.172:443: i/o timeout'],
  // Gatekeeper
  // air-gapped install: the Gatekeeper CRDs image was missing from rancher-images.txt, so it was never mirrored into the private registry
  ['repo_not_found', 'https://github.com/rancher/rancher/issues/34897', 'ImagePullBackOff:  Back-off pulling image  "<REGISTRY_URL>/rancher/mirrored-openpolicyagent-gatekeeper-crds:v3.6.0"', 'ambiguous'],
  // external-dns
  // Bitnami removed its versioned external-dns tags from docker.io/bitnami (moved to bitnamilegacy) ahead of the announced date
  ['tag_not_found', 'https://github.com/bitnami/charts/issues/36223', 'Back-off pulling image "docker.io/bitnami/external-dns:0.18.0-debian-12-r4"', 'ambiguous'],
];

export const FRESH_FIFTEENTH_D: readonly CorpusEntry[] = corpusEntries(ROWS);
