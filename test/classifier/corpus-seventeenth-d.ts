import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 17d: real pull errors from the Helm charts and self-managed installs of big applications, collected on
 * 2026-12-08 by a helper that never read the rules (lib/classify) nor the classifier's tests and never ran the classifier.
 * Found with the `search` tool (issues corpus) using neutral queries: a product or chart name (GitLab chart and
 * self-managed images, Mattermost, Nextcloud, Sentry self-hosted and sentry-kubernetes, Harbor, Rancher / RKE2,
 * Elastic images and charts, HashiCorp Consul / Vault, Apache Superset, Metabase, n8n, PostHog, OpenProject, Discourse,
 * Rocket.Chat, Jitsi, SonarQube, JFrog, Appsmith, Budibase, Plausible, Zammad) with "Failed to pull image",
 * ErrImagePull, ImagePullBackOff, "Error response from daemon", "manifest unknown", "pull access denied", "docker pull"
 * or a setting (arm64, private registry, proxy); then follow-up queries on a thread's own title to read its resolution.
 * Most rows come from the projects' own repositories; some from a neighbouring repository where a user reported the
 * product's image failing (Websoft9/docker-library for Metabase, conversun/fnos-apps for n8n and Rocket.Chat,
 * truenas/apps, truenas/charts and treehouses/cli for Nextcloud, SREGym/SREGym and fybrik/fybrik for HashiCorp images, camunda/camunda-platform-helm and
 * microservices-demo/microservices-demo for Elastic images, sameersbn/docker-gitlab, twang2218/gitlab-ce-zh and
 * timvisee/send for GitLab images and registry, caprover/one-click-apps for Mattermost, spring-attic/spring-cloud-pipelines
 * for JFrog's Artifactory image, docker/for-mac for the Rancher server install, DOME-Marketplace/dome-gitops for Superset).
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` / `${GH}/owner/repo/issues/n` forms); cited threads
 * were skipped, as were messages whose text already appears verbatim in the corpus. At most two messages per thread and
 * six per project. Rows whose only text was a screenshot, a paste the reporter cut short, or a pre-signed storage URL
 * were left out.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the cause
 * open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a row explains
 * a label that is not obvious from the text. Messages are verbatim as the threads print them (line breaks inside a paste
 * kept as \n, the reporter's quotes, escapes and typos kept). No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // Jitsi
  // the thread never settles it (the maintainer guessed Docker Hub limits, the reporter fixed an unrelated sidecar); the text is a dial timeout
  ['network_unreachable', 'https://github.com/jitsi-contrib/jitsi-helm/issues/275', 'Failed to pull image "alpine/curl:latest": rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "docker.io/alpine/curl:latest": failed to resolve image: failed to do request: Head "https://registry-1.docker.io/v2/alpine/curl/manifests/latest": dial tcp 100.63.54.175:443: i/o timeout'],
  // the web image push for stable-9457 was botched; the maintainer pushed stable-9457-1
  ['tag_not_found', 'https://github.com/jitsi/docker-jitsi-meet/issues/1793', 'Pulling web (jitsi/web:stable-9457)...\nERROR: manifest for jitsi/web:stable-9457 not found: manifest unknown: manifest unknown'],
  // Nextcloud
  // Bitnami moved that version to the bitnamilegacy repository; fixed in chart 8.0.3
  ['tag_not_found', 'https://github.com/nextcloud/helm/issues/807', 'Failed to pull image "bitnami/redis:7.0.11": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/bitnami/redis:7.0.11": failed to resolve reference "docker.io/bitnami/redis:7.0.11": docker.io/bitnami/redis:7.0.11: not found'],
  // Sentry self-hosted
  // the jq helper image is built locally by install.sh; its build had failed (apt-get in the same paste), so docker looked for it on Docker Hub, where it does not exist
  ['repo_not_found', 'https://github.com/getsentry/self-hosted/issues/1819', 'docker: Error response from daemon: pull access denied for sentry-self-hosted-jq-local, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied.', 'ambiguous'],
  // sentry-self-hosted-local is also a locally built image, never published; BuildKit tried to fetch it from Docker Hub
  ['repo_not_found', 'https://github.com/getsentry/self-hosted/issues/2557', 'failed to solve: sentry-self-hosted-local: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'ambiguous'],
  // snuba-api is a compose service name; the image is getsentry/snuba
  ['repo_not_found', 'https://github.com/getsentry/self-hosted/issues/1878', 'Error response from daemon: pull access denied for snuba-api, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // Mattermost CI: a "random failure" of Docker Hub, answered with a retry
  // Lead, after first sight: an EOF on the ping cannot tell a registry incident from a connection dropped on the way (ambiguous)
  ['registry_unavailable', 'https://github.com/mattermost/mattermost/pull/20800', 'error: Error response from daemon: Get https://registry-1.docker.io/v2/: EOF', 'ambiguous'],
  // HashiCorp Consul / Vault
  // hashicorp/consul no longer carries a latest tag; pinning 1.22.3 worked
  ['tag_not_found', 'https://github.com/SREGym/SREGym/issues/594', 'Failed to pull image "hashicorp/consul:latest": Error response from daemon: failed to resolve reference "docker.io/hashicorp/consul:latest": docker.io/hashicorp/consul:latest: not found'],
  // with global.openshift the chart asks registry.connect.redhat.com for tags it does not host (the Red Hat registry carries -ubi tags)
  ['tag_not_found', 'https://github.com/hashicorp/vault-helm/issues/1168', 'Failed to pull image "hashicorp/vault:1.20.4": unable to pull image or OCI artifact: pull image err: initializing source docker://registry.connect.redhat.com/hashicorp/vault:1.20.4: reading manifest 1.20.4 in registry.connect.redhat.com/hashicorp/vault: name unknown: Image not found; artifact err: get manifest: build image source: reading manifest 1.20.4 in registry.connect.redhat.com/hashicorp/vault: name unknown: Image not found', 'ambiguous'],
  // the short name hashicorp/vault was resolved through unqualified-search-registries to registry.redhat.io, which has no such image; writing docker.io/hashicorp/vault fixed it
  ['repo_not_found', 'https://github.com/fybrik/fybrik/issues/1958', 'Failed to pull image “hashicorp/vault:1.12.1”: rpc error: code = Unknown desc = reading manifest 1.12.1 in [registry.redhat.io/hashicorp/vault](http://registry.redhat.io/hashicorp/vault): unknown: Not Found', 'ambiguous'],
  // Rancher
  // the shell image had not been published to the staging registry
  ['tag_not_found', 'https://github.com/rancher/rancher/issues/51579', 'ImagePullBackOff (Back-off pulling image "stgregistry.suse.com/rancher/shell:v0.2.1": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "stgregistry.suse.com/rancher/shell:v0.2.1": failed to resolve reference "stgregistry.suse.com/rancher/shell:v0.2.1": stgregistry.suse.com/rancher/shell:v0.2.1: not found)'],
  // Apache Superset
  // pulling the superset-cache image from Docker Hub; the thread leaves the cause open
  ['registry_unavailable', 'https://github.com/apache/superset/issues/30974', 'received unexpected HTTP status: 500 Internal Server Error'],
  // the chart repository URL was put where the image belongs
  ['invalid_reference', 'https://github.com/DOME-Marketplace/dome-gitops/pull/219', 'Failed to apply default image tag "https://apache.github.io/superset": couldn\'t parse image reference "https://apache.github.io/superset": invalid reference format'],
  // Metabase
  // Metabase tags carry a leading v; the maintainer switched the stack to v0.49.3
  ['tag_not_found', 'https://github.com/Websoft9/docker-library/issues/595', '错误详情:failed to deploy a stack: metabase Pulling metabase Error Error response from daemon: manifest for metabase/metabase:0.47.9 not found: manifest unknown: manifest unknown'],
  ['registry_unavailable', 'https://github.com/metabase/metabase/issues/53286', 'error pulling image configuration: download failed after attempts=6: received unexpected HTTP status: 500 Internal Server Error'],
  // n8n
  // a typo: n8 for n8n (the reporter: "that was the problem")
  ['repo_not_found', 'https://github.com/n8n-io/n8n/issues/15983', 'docker: Error response from daemon: failed to resolve reference "docker.n8n.io/n8nio/n8:latest": docker.n8n.io/n8nio/n8:latest: not found', 'ambiguous'],
  // fnOS app centre in China: direct Docker Hub is unreachable there; the fix was to switch to a mirror
  ['network_unreachable', 'https://github.com/conversun/fnos-apps/issues/198', 'n8n failed during pulling: Docker 镜像拉取失败: Error response from daemon: Get "https://registry-1.docker.io/v2/": context deadline exceeded', 'ambiguous'],
  ['rate_limited', 'https://github.com/n8n-io/n8n/issues/32102', 'WARN[0037] Failed, retrying in 1s ... (1/3). Error: initializing source docker://docker.n8n.io/n8nio/n8n:latest: reading manifest latest in docker.n8n.io/n8nio/n8n: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit'],
  // Rocket.Chat
  // the DaoCloud mirror only proxies images on its allow-list; the fix was another mirror (a proxy's policy refusal, no credentials involved)
  // Lead, after first sight: a mirror's image allow-list is a policy in the path (firewall) or a refusal of this repository (access): ambiguous
  ['firewall_denied', 'https://github.com/conversun/fnos-apps/issues/241', 'Rocket.Chat failed during pulling: Docker 镜像拉取失败: Error response from daemon: pull access denied for m.daocloud.io/docker.io/rocketchat/rocket.chat, repository does not exist or may require \'docker login\': denied: 🚫 👀-> https://github.com/DaoCloud/public-image-mirror/issues/2328 🔗 这镜像不在白名单. this image is not in the allowlist.', 'ambiguous'],
  // JFrog
  // Bintray was having an incident (the maintainer pointed to status.bintray.com)
  ['registry_unavailable', 'https://github.com/jfrog/charts/issues/261', 'Failed to pull image "docker.bintray.io/jfrog/xray-analysis:2.7.3": rpc error: code = Unknown desc = error pulling image configuration: received unexpected HTTP status: 502 Bad Gateway'],
  // Elastic
  // the same reporter's wget of the blob got 401 (elastic/elasticsearch#88306); Elastic's registry refused Russian clients at the time (elastic/elasticsearch#93411); the thread does not settle it
  ['firewall_denied', 'https://github.com/camunda/camunda-platform-helm/issues/339', 'Failed to pull image "docker.elastic.co/elasticsearch/elasticsearch:7.17.3": rpc error: code = Unknown desc = failed to pull and unpack image "docker.elastic.co/elasticsearch/elasticsearch:7.17.3": failed to copy: httpReadSeeker: failed open: unexpected status code https://docker.elastic.co/v2/elasticsearch/elasticsearch/blobs/sha256:3c91aa69ae062dd312fbe54fa0d3e8e306e506f4e9bfbad702ae8ebc499fe7f2: 403 Forbidden', 'ambiguous'],
  // docker.elastic.co was down (tracked in elastic/elasticsearch#61047, fixed by Elastic the same day)
  ['registry_unavailable', 'https://github.com/elastic/elasticsearch/issues/61048', 'Error response from daemon: Get https://docker.elastic.co/v2/elasticsearch/elasticsearch/manifests/5.5.2: unauthorized: authentication required', 'ambiguous'],
  // Sentry self-hosted: the relay pull timed out reaching Docker Hub (the reporter's network; left waiting for the community)
  ['network_unreachable', 'https://github.com/getsentry/self-hosted/issues/3763', 'Error response from daemon: Get "https://registry-1.docker.io/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'ambiguous'],
  // Nextcloud on TrueNAS: ix-nextcloud is the app's locally built image; its Dockerfile build failed (apt install ffmpeg), so compose tried to pull it
  ['repo_not_found', 'https://github.com/truenas/apps/issues/5806', 'nextcloud Warning pull access denied for ix-nextcloud, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // Zammad
  // an outdated checkout of zammad-docker-compose named tags the image no longer had; git pull fixed it
  ['tag_not_found', 'https://github.com/zammad/zammad-docker-compose/issues/13', 'Pulling postgresql (zammad/zammad-docker-compose:postgresql)...\nERROR: manifest for zammad/zammad-docker-compose:postgresql not found'],
  ['tag_not_found', 'https://github.com/zammad/zammad-docker-compose/issues/14', 'Expected state running but got error: Error response from daemon: manifest for zammad/zammad-docker-compose:nginx not found'],
  // the repository has no latest tag
  ['tag_not_found', 'https://github.com/zammad/zammad-docker-compose/issues/8', '{"message":"manifest for zammad/zammad-docker-compose:latest not found"}'],
  // GitLab (community images of the self-managed install)
  // the tag had not been built on Docker Hub yet
  ['tag_not_found', 'https://github.com/sameersbn/docker-gitlab/issues/1837', 'Error response from daemon: manifest for sameersbn/gitlab:11.6.3 not found'],
  ['tag_not_found', 'https://github.com/sameersbn/docker-gitlab/issues/1960', 'Error response from daemon: manifest for sameersbn/gitlab:12.0.1 not found'],
  // the maintainer had deleted the broken 10.0.x images
  ['tag_not_found', 'https://github.com/twang2218/gitlab-ce-zh/issues/42', 'Pulling gitlab (twang2218/gitlab-ce-zh:10.0.3)...\nERROR: manifest for twang2218/gitlab-ce-zh:10.0.3 not found'],
  // registry.gitlab.com unreachable from the reporter's network while Docker Hub worked
  ['network_unreachable', 'https://github.com/timvisee/send/issues/232', 'Error response from daemon: Get "https://registry.gitlab.com/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'ambiguous'],
  // Rocket.Chat: the official library image did not exist yet; rocketchat/rocket.chat did
  ['repo_not_found', 'https://github.com/RocketChat/Docker.Official.Image/issues/4', 'Error: image library/rocket.chat:latest not found'],
  // Elastic: elasticsearch has no latest tag on Docker Hub; the fix pinned a version
  ['tag_not_found', 'https://github.com/microservices-demo/microservices-demo/pull/803', 'Failed to pull image "elasticsearch": rpc error: code = Unknown desc = Error response from daemon: manifest for elasticsearch:latest not found'],
  // n8n on a Raspberry Pi: the default image was amd64 only at the time; a community arm image was the answer
  ['platform_mismatch', 'https://github.com/n8n-io/n8n/issues/600', 'standard_init_linux.go:211: exec user process caused "exec format error"\nfailed to resize tty, using default size'],
  // JFrog: the Artifactory OSS image had moved from jfrog-docker-registry.bintray.io to docker.bintray.io/jfrog; the old path answered this way
  ['repo_not_found', 'https://github.com/spring-attic/spring-cloud-pipelines/issues/69', 'Pulling artifactory (jfrog-docker-registry.bintray.io/artifactory/artifactory-oss:latest)...\nERROR: unauthorized: Repository \'/jfrog/registry\' does not support Docker API version v2', 'ambiguous'],
  // SonarQube: the 8.9 lts-community images had not been pushed yet, so the tag's manifest list had no linux/amd64 entry
  ['platform_mismatch', 'https://github.com/SonarSource/docker-sonarqube/issues/484', '“failed to pull image” sonarqube:lts-community”: rpc error: code= Unknown desc = no matching manifest for linux/amd64 in the manifest list entries”'],
  // Mattermost
  // Mattermost image tags carry no leading v
  ['tag_not_found', 'https://github.com/caprover/one-click-apps/pull/361', 'Error: (HTTP code 404) unexpected - manifest for mattermost/mattermost-enterprise-edition:v5.31.1 not found: manifest unknown: manifest unknown'],
  // behind a proxy; the pull worked without sudo (whose environment dropped the proxy settings)
  ['network_unreachable', 'https://github.com/mattermost/mattermost/issues/1111', 'Get https://index.docker.io/v1/repositories/mattermost/platform/images: dial tcp 54.86.132.13:443: no route to host'],
  // Jitsi publishes no latest tag ("We do not publish latest")
  ['tag_not_found', 'https://github.com/jitsi/docker-jitsi-meet/issues/2085', 'Error response from daemon: manifest for jitsi/jvb:latest not found: manifest unknown: manifest unknown'],
  // HashiCorp stopped publishing the official consul image and its latest tag was removed; hashicorp/consul is the image
  ['tag_not_found', 'https://github.com/hashicorp/consul/issues/17916', 'Error response from daemon: manifest for consul:latest not found: manifest unknown: manifest unknown'],
  // Rancher
  // (Lead, at wiring: rancher/rancher#48084's row dropped here, as 17c quotes the same message.)
  // the nodes sat behind a proxy that the system agent did not use (docker on the same node, with the proxy, pulled fine)
  ['network_unreachable', 'https://github.com/rancher/rancher/issues/37946', 'error while staging: Get \\"https://index.docker.io/v2/\\": dial tcp 34.206.129.210:443: i/o timeout: failed to get image index.docker.io/rancher/system-agent-installer-rke2:v1.23.4-rke2r2"'],
  // installing Rancher server on Docker for Mac: the VM's DNS forwarder timed out
  ['dns_failure', 'https://github.com/docker/for-mac/issues/2163', 'docker: Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 192.168.65.1:53: read udp 192.168.65.2:45261->192.168.65.1:53: i/o timeout.'],
  ['dns_failure', 'https://github.com/rancher/os/issues/422', 'FATA[0025] Get https://index.docker.io/v1/repositories/rancher/os/images: dial tcp: lookup index.docker.io on 8.8.4.4:53: read udp 8.8.4.4:53: i/o timeout'],
  // Nextcloud (more)
  // Docker Hub's anonymous pull limit; waiting for the reset was the answer
  ['rate_limited', 'https://github.com/truenas/charts/issues/2805', 'Failed to pull image "nextcloud:29.0.6": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nextcloud:29.0.6": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nextcloud/manifests/sha256:c437d628c117e0508e45c6d1d89f5fba236c092ade7d0cc28d629d581bea161c: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  ['rate_limited', 'https://github.com/nextcloud/all-in-one/issues/2889', 'nextcloud-aio-mastercontainer  | NOTICE: PHP message: Could not get digest of container nextcloud/aio-redis:latest Client error: `GET https://registry-1.docker.io/v2/nextcloud/aio-redis/manifests/latest` resulted in a `429 Too Many Requests` response:'],
  // the device ran out of disk while the nextcloud layers were written (the issue asks the tool to check free space first)
  ['disk_pressure', 'https://github.com/treehouses/cli/issues/621', 'docker: write /var/lib/docker/tmp/GetImageBlob186674168: no space left on device.'],
  // Harbor: OpenShift's image lookup did not trust the CA that signed the Harbor registry's certificate
  ['tls_error', 'https://github.com/goharbor/harbor/issues/6383', 'W1129 14:33:55.215696   26805 dockerimagelookup.go:233] Docker registry lookup failed: Get https://registry.chamc.intra/v2/: x509: certificate signed by unknown authority'],
];

export const FRESH_SEVENTEENTH_D: readonly CorpusEntry[] = corpusEntries(ROWS);
