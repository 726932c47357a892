import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 16c: real pull errors from GitHub issue and pull-request threads of CI/CD, GitOps, app-platform and
 * operator projects that run images on clusters, collected on 2026-12-08 by a helper that never read the rules
 * (lib/classify) nor the classifier's tests and never ran the classifier.
 * Found with the `search` tool (issues corpus) using neutral queries: a project or image name (Argo CD / Workflows /
 * Events, Flux, Tekton, Jenkins agents, GitHub actions-runner-controller, Knative Serving and func, Dapr, OpenFaaS,
 * Crossplane, Backstage, Bitnami images, Strimzi, CloudNativePG, ECK, Keycloak, Camunda / Zeebe, Airbyte, Temporal,
 * Supabase, Zalando postgres-operator, Percona, MongoDB operators, MinIO operator, Apache Superset / Pulsar / Kafka)
 * with "Failed to pull image", ErrImagePull, ImagePullBackOff, "manifest unknown", "pull access denied" or "image
 * pull", or with a setting (private cluster, private registry, air-gapped, proxy, arm64, rate limit, disk space,
 * tag-to-digest resolution); then follow-up queries on a thread's own title to read its resolution.
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms); cited threads were skipped, as were
 * messages whose text already appears in the corpus. Most rows come from the projects' own repositories; some come
 * from a neighbouring repository where a user reported the project's image or tool failing (reportportal/kubernetes
 * and ssl-hep/ServiceX for Bitnami images, trigo-at/keycloak-theme-development for Keycloak, canonical/microk8s for
 * MinIO, nucleuscloud/neosync for Temporal, jenkinsci/docker-inbound-agent for the Kubernetes plugin's agent).
 * At most two messages per thread and six per project. Rows whose only text was a screenshot, an excerpt the
 * reporter cut short, or a pre-signed storage URL carrying credentials were left out.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the
 * cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the threads print them (event-table
 * spacing, line breaks inside a paste, GitHub's rendering of pasted links, the reporter's typos); leading indentation
 * was sometimes dropped. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // Tekton
  // the operator wrote the pruner image's digest as a tag (no @sha256:), so the registry had no such tag; fixed in tektoncd/operator#2570
  ['tag_not_found', 'https://github.com/tektoncd/operator/issues/2495', 'Warning  Failed   50m (x47 over 4h25m)    kubelet  Failed to pull image "gcr.io/tekton-releases/dogfooding/tkn:d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471": rpc error: code = NotFound desc = failed to pull and unpack image "gcr.io/tekton-releases/dogfooding/tkn:d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471": failed to resolve reference "gcr.io/tekton-releases/dogfooding/tkn:d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471": gcr.io/tekton-releases/dogfooding/tkn:d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471: not found'],
  ['tag_not_found', 'https://github.com/tektoncd/operator/issues/2495', 'Error response from daemon: manifest for gcr.io/tekton-releases/dogfooding/tkn:d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471 not found: manifest unknown: Failed to fetch "d1da68e766393c4b4eb162128f2c5fd2cee270828811a113fcda1e8a586e7471"'],
  // Airbyte
  ['tag_not_found', 'https://github.com/airbytehq/airbyte/issues/61339', 'DEBUG   error pulling image Error response from daemon: manifest for airbyte/async-profiler:1.6.2 not found: manifest unknown: manifest unknown'],
  // Crossplane
  // Crossplane 1.15 made xpkg.upbound.io the default registry and provider-ansible was only published on Docker Hub; the registry's token endpoint answered 404
  ['repo_not_found', 'https://github.com/crossplane-contrib/provider-ansible/issues/346', 'cannot unpack package: failed to fetch package digest from remote: failed to fetch package descriptor with a GET request after a previous HEAD request failure: GET https://xpkg.upbound.io/service/token?scope=repository%!A(MISSING)crossplanecontrib%!F(MISSING)provider-ansible%!A(MISSING)pull&service=xpkg.upbound.io: unexpected status code 404 Not Found: GET https://xpkg.upbound.io/service/token?scope=repository%!A(MISSING)crossplanecontrib%!F(MISSING)provider-ansible%!A(MISSING)pull&service=xpkg.upbound.io: unexpected status code 404 Not Found', 'ambiguous'],
  // the README named crossplane/provider-civo on Docker Hub; the package lives at xpkg.upbound.io/civo/provider-civo
  ['repo_not_found', 'https://github.com/crossplane-contrib/provider-civo/issues/23', 'Warning  UnpackPackage  45s (x502 over 8h)  packages/provider.pkg.crossplane.io  cannot unpack package: failed to fetch package digest from remote: HEAD https://index.docker.io/v2/crossplane/provider-civo/manifests/master: unexpected status code 404 Not Found (HEAD responses have no body, use GET for details)', 'ambiguous'],
  // Bitnami images
  // Bitnami moved its versioned images from docker.io/bitnami to docker.io/bitnamilegacy (bitnami/containers#83267)
  ['tag_not_found', 'https://github.com/bitnami/charts/issues/36530', 'Failed to pull image "docker.io/bitnami/mysql:8.4.5-debian-12-r0": Error response from daemon: manifest for bitnami/mysql:8.4.5-debian-12-r0 not found: manifest unknown: manifest unknown'],
  // the retired bitnami-shell repository was gone from Docker Hub (ssl-hep/ServiceX#1098: "container is not available anymore"); Docker Hub answers a missing repository with insufficient_scope
  ['repo_not_found', 'https://github.com/bitnami/charts/issues/23406', 'Failed to pull image "[docker.io/bitnami/bitnami-shell:11-debian-11-r114](http://docker.io/bitnami/bitnami-shell:11-debian-11-r114)": rpc error: code = Unknown desc = failed to pull and unpack image "[docker.io/bitnami/bitnami-shell:11-debian-11-r114](http://docker.io/bitnami/bitnami-shell:11-debian-11-r114)": failed to resolve reference "[docker.io/bitnami/bitnami-shell:11-debian-11-r114](http://docker.io/bitnami/bitnami-shell:11-debian-11-r114)": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'ambiguous'],
  // same retired bitnami-shell image, through CRI-O with a local mirror that itself answered 500
  ['repo_not_found', 'https://github.com/ssl-hep/ServiceX/issues/1098', 'Failed to pull image "docker.io/bitnami/bitnami-shell:11-debian-11-r69": initializing source docker://bitnami/bitnami-shell:11-debian-11-r69: (Mirrors also failed: [hcc-docker-registry.unl.edu/bitnami/bitnami-shell:11-debian-11-r69: reading manifest 11-debian-11-r69 in hcc-docker-registry.unl.edu/bitnami/bitnami-shell: received unexpected HTTP status: 500 Internal Server Error]): docker.io/bitnami/bitnami-shell:11-debian-11-r69: reading manifest 11-debian-11-r69 in docker.io/bitnami/bitnami-shell: requested access to the resource is denied', 'ambiguous'],
  ['tag_not_found', 'https://github.com/reportportal/kubernetes/issues/505', 'Failed to pull image "bitnami/kubectl:latest": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/bitnami/kubectl:latest": failed to resolve reference "docker.io/bitnami/kubectl:latest": docker.io/bitnami/kubectl:latest: not found'],
  // Keycloak
  // the 15.1.1 release was withdrawn and its image was missing from quay.io
  ['tag_not_found', 'https://github.com/keycloak/keycloak-quickstarts/issues/274', 'Back-off pulling image "quay.io/keycloak/keycloak:15.1.1"', 'ambiguous'],
  // Keycloak left Docker Hub for quay.io and jboss/keycloak no longer exists there
  ['repo_not_found', 'https://github.com/trigo-at/keycloak-theme-development/issues/3', 'Error response from daemon: pull access denied for jboss/keycloak, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // Zalando postgres-operator
  // the v1.8.0 images had not been pushed yet when the release was tagged
  ['tag_not_found', 'https://github.com/zalando/postgres-operator/issues/1860', 'Error response from daemon: manifest for registry.opensource.zalan.do/acid/postgres-operator:v1.8.0 not found: manifest unknown: manifest unknown'],
  // Percona
  // the v1.19 certified bundle named a backup-image digest that was never published to the Red Hat registry
  ['tag_not_found', 'https://github.com/percona/percona-xtradb-cluster-operator/issues/2386', 'Failed to pull image "registry.connect.redhat.com/percona/percona-xtradb-cluster-operator-containers@sha256:c9d08d4b43f0fce5dda5a5ca84b23c9e64495de7a8c8714a78d97ab60b482f0e": unable to pull image or OCI artifact: pull image err: initializing source docker://registry.connect.redhat.com/percona/percona-xtradb-cluster-operator-containers@sha256:c9d08d4b43f0fce5dda5a5ca84b23c9e64495de7a8c8714a78d97ab60b482f0e: reading manifest sha256:c9d08d4b43f0fce5dda5a5ca84b23c9e64495de7a8c8714a78d97ab60b482f0e in registry.connect.redhat.com/percona/percona-xtradb-cluster-operator-containers: name unknown: Image not found; artifact err: get manifest: build image source: reading manifest sha256:c9d08d4b43f0fce5dda5a5ca84b23c9e64495de7a8c8714a78d97ab60b482f0e in registry.connect.redhat.com/percona/percona-xtradb-cluster-operator-containers: name unknown: Image not found', 'ambiguous'],
  // OpenFaaS
  // the function image had been built locally but never pushed to a registry the cluster could reach
  ['repo_not_found', 'https://github.com/openfaas/workshop/issues/101', 'Error from server (BadRequest): container "astronaut-finder" in pod "astronaut-finder-7ff4b9cbcd-tqpjh" is waiting to start: image can\'t be pulled', 'ambiguous'],
  // Temporal
  // only a 1.29 tag existed for admin-tools, not 1.29.0
  ['tag_not_found', 'https://github.com/temporalio/helm-charts/issues/757', 'Warning  Failed     3m (x4 over 4m35s)     kubelet            Failed to pull image "temporalio/admin-tools:1.29.0": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/temporalio/admin-tools:1.29.0": failed to resolve reference "docker.io/temporalio/admin-tools:1.29.0": docker.io/temporalio/admin-tools:1.29.0: not found'],
  // Supabase
  // the latest tag was missing from the supabase-dev repository
  ['tag_not_found', 'https://github.com/supabase/supabase/issues/87', 'ERROR: manifest for supabase/supabase-dev:latest not found: manifest unknown: manifest unknown'],
  ['tag_not_found', 'https://github.com/supabase/supabase/issues/17604', 'Error response from daemon: manifest for public.ecr.aws/supabase/postgrest:v10.2.0 not found: manifest unknown: Requested image not found'],
  // a stale version file in supabase/.temp made the CLI ask for a tag "vunspecified"
  ['tag_not_found', 'https://github.com/supabase/cli/issues/2807', 'failed to pull docker image: Error response from daemon: manifest for public.ecr.aws/supabase/gotrue:vunspecified not found: manifest unknown: Requested image not found'],
  // the CLI asked for 2.142.0 where the published tag was v2.142.0
  ['tag_not_found', 'https://github.com/supabase/supabase/issues/21300', 'failed to pull docker image: Error response from daemon: manifest for public.ecr.aws/supabase/gotrue:2.142.0 not found: manifest unknown: Requested image not found\nRetrying after 4s: public.ecr.aws/supabase/gotrue:2.142.0'],
  ['tag_not_found', 'https://github.com/supabase/cli/issues/1938', 'failed to pull docker image: Error response from daemon: manifest for public.ecr.aws/supabase/gotrue:2.139.2-rc.7\nnot found: manifest unknown: Requested image not found'],
  // CLI 1.8.2 pulled images that were no longer served from ECR; setup-cli then switched old versions' pulls (supabase/setup-cli#113)
  ['tag_not_found', 'https://github.com/supabase/cli/issues/759', 'Error response from daemon: manifest unknown', 'ambiguous'],
  // Camunda
  // the chart referenced an image tag that was never pushed; fixed in zeebe-full 0.0.134 / zeebe-cluster 0.0.213
  ['tag_not_found', 'https://github.com/camunda-community-hub/zeebe-cluster-helm/issues/107', 'Failed to pull image "gcr.io/camunda-researchanddevelopment/zeebe-cluster-helm:0.0.211": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/camunda-researchanddevelopment/zeebe-cluster-helm:0.0.211 not found: manifest unknown: Failed to fetch "0.0.211" from request "/v2/camunda-researchanddevelopment/zeebe-cluster-helm/manifests/0.0.211".'],
  // Jenkins kubernetes-plugin
  // the plugin's own wording on ErrImagePull; the thread never settles the cause, so the label follows the text
  ['tag_not_found', 'https://github.com/jenkinsci/docker-inbound-agent/issues/211', 'Unable to pull Docker image "jenkins/jnlp-slave:4.0.1-1". Check if image tag name is spelled correctly.', 'ambiguous'],
  // Apache Superset
  ['invalid_reference', 'https://github.com/apache/superset/issues/25416', 'Failed to apply default image tag "apache/superset:latest:3.0": couldn\'t parse image reference "apache/superset:latest:3.0": invalid reference format'],
  // MongoDB
  ['tag_not_found', 'https://github.com/mongodb/mongodb-enterprise-kubernetes/issues/93', 'Warning  Failed     8s (x2 over 24s)  kubelet, 10.188.246.44  Failed to pull image "registry.connect.redhat.com/mongodb/enterprise-operator:1.5.0": rpc error: code = Unknown desc = Error reading manifest 1.5.0 in registry.connect.redhat.com/mongodb/enterprise-operator: manifest unknown: manifest unknown'],
  // the 6.0.8-ubi8 tag appeared on Docker Hub only after the report
  ['tag_not_found', 'https://github.com/mongodb/mongodb-kubernetes-operator/issues/1333', 'Warning  Failed     77s (x2 over 94s)  kubelet  Failed to pull image "docker.io/mongodb/mongodb-community-server:6.0.8-ubi8": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/mongodb/mongodb-community-server:6.0.8-ubi8": failed to resolve reference "docker.io/mongodb/mongodb-community-server:6.0.8-ubi8": docker.io/mongodb/mongodb-community-server:6.0.8-ubi8: not found'],
  // MinIO
  // the minio/console repository had been removed from Docker Hub
  ['repo_not_found', 'https://github.com/canonical/microk8s/issues/4511', 'Failed to pull image "minio/console:v0.20.3": failed to pull and unpack image "docker.io/minio/console:v0.20.3": failed to resolve reference "docker.io/minio/console:v0.20.3": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'ambiguous'],
  // Airbyte (rate limits)
  ['rate_limited', 'https://github.com/airbytehq/airbyte/issues/40213', 'Failed to pull image "airbyte/source-gitlab:0.1.6": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/airbyte/source-gitlab:0.1.6": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/airbyte/source-gitlab/manifests/sha256:ead1096ab45cc01c705e1e3e8392d98bd8015145271079b0776b1c4d0e591e3c: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // the reporter's paste mangled the host and path ("registry1", "containerorchestrator"); kept as printed
  ['rate_limited', 'https://github.com/airbytehq/airbyte/issues/42091', 'Failed to pull image "airbyte/container-orchestrator:0.63.8": failed to pull and unpack image "docker.io/airbyte/container-orchestrator:0.63.8": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry1.docker.io/v2/airbyte/containerorchestrator/manifests/sha256:f2277e78343406ff9adddcb13b79078893e747ec3ef2353b7510c60c0a637e22: 429 Too Many Requests -Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  ['rate_limited', 'https://github.com/airbytehq/airbyte/issues/36369', 'Warning  Failed     17m (x3 over 18m)     kubelet            Failed to pull image "busybox:1.35": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/busybox:1.35": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/busybox/manifests/sha256:9945bed2798b6faab08e5b7b7218ca043c87e9c600939ea7a8ae12aff369987e: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // Strimzi
  // a typo in the example manifest dropped the ':' between repository and tag
  ['repo_not_found', 'https://github.com/strimzi/strimzi.github.io/pull/77', 'Warning  Failed     7m18s  kubelet, docker-desktop  Failed to pull image "strimzi/kafka0.12.1-kafka-2.2.1": rpc error: code = Unknown desc = Error response from daemon: pull access denied for strimzi/kafka0.12.1-kafka-2.2.1, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // KafkaConnect build: the base image resolved to the literal "null" (docker.io/library/null), which does not exist; Docker Hub answers a missing repository with 401
  ['repo_not_found', 'https://github.com/strimzi/strimzi-kafka-operator/issues/5793', 'INFO[0003] Retrieving image manifest null\nINFO[0003] Retrieving image null from registry index.docker.io\nerror building image: GET https://index.docker.io/v2/library/null/manifests/latest: UNAUTHORIZED: authentication required; [map[Action:pull Class: Name:library/null Type:repository]]', 'ambiguous'],
  // Backstage
  // the chart ignored backstage.image.tag and always asked for latest, which the private repository did not have
  ['tag_not_found', 'https://github.com/backstage/charts/issues/51', 'Warning  Failed          12s (x2 over 31s)  kubelet            Failed to pull image "private.repo/backstage/backstage:latest": rpc error: code = Unknown desc = Error response from daemon: manifest for private.repo/backstage/backstage:latest not found: manifest unknown: Requested image not found'],
  // Dapr
  // Docker Hub unreachable from a network in China; the proxy was set for the docker CLI only
  ['network_unreachable', 'https://github.com/dapr/cli/issues/808', 'Warning  FailedPullImage        25s                kubelet            Failed to pull image "docker.io/daprio/dapr:1.4.3": rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // a development install pointed DAPR_REGISTRY at the user's own registry, where the dashboard image (built elsewhere) was never pushed
  ['repo_not_found', 'https://github.com/dapr/dapr/issues/1878', 'Error from server (BadRequest): container "dapr-dashboard" in pod "dapr-dashboard-66d748c75-bfdzs" is waiting to start: trying and failing to pull image', 'ambiguous'],
  ['network_unreachable', 'https://github.com/dapr/dapr/issues/3200', '❌  Unable to find image \'daprio/dapr:latest\' locally\ndocker: Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers).\nSee \'docker run --help\'.'],
  // the published daprio/dashboard:0.15.0 image had no config section; 0.14.0 worked. No category covers a malformed published image
  ['unknown', 'https://github.com/dapr/dashboard/issues/285', 'Failed to inspect image "": rpc error: code = Unknown desc = unable to convert a nil pointer to a runtime API image'],
  // Argo Workflows
  // docker/whalesay is published for amd64 only; the node was arm64
  ['platform_mismatch', 'https://github.com/argoproj/argo-workflows/issues/11858', 'Error (exit code 64): failed to start command: fork/exec /usr/local/bin/cowsay: exec format error'],
  // Flux
  ['auth_missing', 'https://github.com/fluxcd/flux2/issues/2860', 'error pulling image configuration: download failed after attempts=1: unauthorized: unauthenticated: User cannot be authenticated with the token provided.'],
  // Knative (the Serving controller resolves tags to digests before any pod exists)
  // the controller did not use the Service's imagePullSecrets for tag-to-digest resolution
  ['auth_missing', 'https://github.com/knative/serving/issues/16282', 'Unable to fetch image "docker.io/username/private-image:v0.1": \nfailed to resolve image to digest: \nHEAD https://index.docker.io/v2/username/private-image/manifests/v0.1: \nunexpected status code 401 Unauthorized (HEAD responses have no body, use GET for details)'],
  // the controller pod could not reach the Harbor registry the nodes could; fixed by skipping tag resolution for it
  ['network_unreachable', 'https://github.com/knative/serving/issues/11786', 'Message:               Revision "custom-cifar10-beta-gpu-v1-2-predictor-default-ncjpv" failed with message: Unable to fetch image "dockerhub.jd.com/ime/custom-pytorchserver-gpu:v1": failed to resolve image to digest: failed to fetch image information: Get https://dockerhub.xxx.com/v2/: dial tcp xxx.xx.x.xx:443: connect: connection timed out.'],
  // the controller lacked the cloud-provider ECR credential helper the kubelet had
  ['auth_missing', 'https://github.com/knative/serving/issues/1996', 'unsupported status code 401; body: Not Authorized'],
  // the thread's only answer was about the placeholder image name; the message itself is a TLS failure, so the label follows the text
  ['tls_error', 'https://github.com/knative/docs/issues/5339', 'Configuration "helloworld-python" does not have any ready Revision. Error: RevisionFailed: Revision "helloworld-python-00001" failed with message: Unable to fetch image "docker.io/<my-docker-username>/helloworld-python": failed to resolve image to digest: Get "https://index.docker.io/v2/": x509: certificate signed by unknown authority.'],
  // the ProviderRevision named a package pull secret "dockerhub" that did not exist in the namespace; creating it fixed the pull
  ['auth_missing', 'https://github.com/crossplane-contrib/provider-aws/issues/1647', 'Warning  ParsePackage       34s (x9 over 3m35s)    packages/providerrevision.pkg.crossplane.io  cannot initialize parser backend: failed to fetch package from remote: secrets "dockerhub" not found'],
  // Temporal (images named from a neighbouring project's compose file)
  // admin-tools was published only under patch tags such as 1.23.x, not 1.23
  ['tag_not_found', 'https://github.com/nucleuscloud/neosync/issues/2356', 'Error response from daemon: manifest for temporalio/admin-tools:1.23 not found: manifest unknown: manifest unknown'],
  // Elastic ECK
  // the 1.9.0 all-in-one.yaml still named a developer snapshot image that was never published; the docs since 1.7 install from two other files
  ['tag_not_found', 'https://github.com/elastic/cloud-on-k8s/issues/5151', 'Failed to pull image "docker.elastic.co/eck-dev/eck-operator-thb:1.7.0-SNAPSHOT-ff98c869": rpc error: code = NotFound desc = failed to pull and unpack image "docker.elastic.co/eck-dev/eck-operator-thb:1.7.0-SNAPSHOT-ff98c869": failed to resolve reference "docker.elastic.co/eck-dev/eck-operator-thb:1.7.0-SNAPSHOT-ff98c869": docker.elastic.co/eck-dev/eck-operator-thb:1.7.0-SNAPSHOT-ff98c869: not found', 'ambiguous'],
  // Knative: a locally built image on minikube with pull policy Never, absent from the node the revision landed on
  ['never_pull', 'https://github.com/knative/serving/issues/6101', 'Revision "minikube-test-ws4kq" failed with message: Container image\n        "mini.kube/minikube-test:v1" is not present with pull policy of Never.'],
  // the Serving controller had no ECR credentials for tag-to-digest resolution, though the image was already on the node
  ['auth_missing', 'https://github.com/knative/serving/issues/9120', 'Warning  InternalError  3s (x11 over 10s)  revision-controller  Unable to fetch image "xxx.dkr.ecr.us-east-1.amazonaws.com/2269-source-datalake-sqs-java-vert-x:f226381de39d8e6c397b293a32182459c0e644b3": failed to resolve image to digest: GET https://xxx.dkr.ecr.us-east-1.amazonaws.com/v2/2269-source-datalake-sqs-java-vert-x/manifests/f226381de39d8e6c397b293a32182459c0e644b3: unsupported status code 401; body: Not Authorized'],
  // Tekton: the CI node ran out of disk while extracting the step image
  ['disk_pressure', 'https://github.com/tektoncd/pipeline/issues/9052', 'build step "step-artifacts-consumer-python" is pending with reason "failed to pull and unpack image \\"docker.io/library/python:latest\\": failed to extract layer sha256:08e14ec5b7497da231d70d47d1d80440ba7d9997d43c0796a8394923bbc98183: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/631/fs/usr/lib/x86_64-linux-gnu/libicui18n.a: no space left on device"'],
  // Flux behind a proxy: Kyverno's image-verification webhook could not resolve ghcr.io through the cluster DNS
  ['dns_failure', 'https://github.com/fluxcd/flux2/issues/3327', 'autogen-verify-cosign-signature: \'failed to update digest: failed to fetch image\n    reference: ghcr.io/fluxcd/helm-controller:v0.26.0, error: Get "https://ghcr.io/v2/":\n    dial tcp: lookup ghcr.io on 169.169.169.169:53: server misbehaving\''],
  // Keycloak operator CI: the Red Hat registry answered 503 intermittently; reruns passed
  ['registry_unavailable', 'https://github.com/keycloak/keycloak/issues/28036', 'failed to solve: registry.access.redhat.com/ubi9-micro: pulling from host registry.access.redhat.com failed with status code [manifests latest]: 503 Service Unavailable'],
  // Zalando: the logical-backup image was built for amd64 only and the node was arm64 (the maintainers planned arm builds)
  ['platform_mismatch', 'https://github.com/zalando/postgres-operator/issues/2313', 'Found 7 pods, using pod/logical-backup-matrix-postgres-28054110-7jt7x\nexec /dump.sh: exec format error'],
];

export const FRESH_SIXTEENTH_C: readonly CorpusEntry[] = corpusEntries(ROWS);
