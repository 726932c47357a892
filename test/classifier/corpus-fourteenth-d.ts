import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 14d: real pull errors quoted by documentation pages and vendor knowledge bases, collected on 2026-12-07 by
 * a helper that never read the rules (lib/classify) nor the classifier's tests and never ran the classifier. Every page
 * was checked against the sources earlier entries cite (plain URL, and corpus.ts's `gh('owner/repo#n')` /
 * `ghPull('owner/repo#n')` forms); the Microsoft Learn ACR/AKS pages corpus.ts and corpus-harvest.ts already cite were
 * skipped, and one minikube row was dropped because its text is a near-copy of an already-cited issue.
 * Found with neutral searches (a vendor, platform or registry name with "Failed to pull image" / ErrImagePull /
 * ImagePullBackOff / a tool's generic prefix / "troubleshooting") and by reading the troubleshooting pages of the
 * documentation repositories themselves (fetched and searched for quoted error blocks). A few searches that named an
 * error wording were run; nothing only they surfaced was kept.
 * Sources (documentation only, no issue threads): Microsoft Learn (ACI, ACR, AKS, Azure Arc; from
 * MicrosoftDocs/SupportArticles-docs, azure-docs, azure-management-docs, azure-aks-docs), Azure/acr repository docs
 * (connected registry, quarantine), AWS documentation (ECS, ECR, EKS, CodeBuild), Google Cloud Artifact Registry, IBM
 * Cloud Container Registry, Red Hat (registry CDN blog), Docker documentation (Hub limits, Desktop troubleshooting,
 * Engine deprecations, CLI reference), CNCF Distribution, Harbor, Podman troubleshooting guide, kind, k3d, minikube,
 * KServe, Karpenter, JFrog knowledge base, ngrok error reference, BytePlus VKE, the imroc Kubernetes troubleshooting
 * guide. At most three messages per page.
 * Labelled from each page's stated cause ('ambiguous' where the text alone cannot decide; the label is then the cause
 * the page gives, with a comment where it is not obvious); where a page gives no single cause, the label is what the
 * message text says. Placeholders the pages print (<acr-name>, 111122223333, xxxxxx, ...) are kept as printed; two
 * messages end where the page's own quote is cut off (Red Hat blog, JFrog KB). No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const LEARN = 'https://learn.microsoft.com/en-us';
const AWS = 'https://docs.aws.amazon.com';

const ROWS: Row[] = [
  // Microsoft Learn, Azure Container Instances
  ['rate_limited', `${LEARN}/troubleshoot/azure/container-instances/configuration-setup/docker-hub-rate-limit-registryerrorresponse`, "Error code: RegistryErrorResponse\nAn error response is received from the docker registry 'index.docker.io'. Please retry later.", 'ambiguous'],
  ['rate_limited', `${LEARN}/troubleshoot/azure/container-instances/configuration-setup/docker-hub-rate-limit-registryerrorresponse`, 'TOOMANYREQUESTS: too many requests to source registry for cache rule <name of the cache rule>'],
  ['auth_missing', `${LEARN}/troubleshoot/azure/container-instances/configuration-setup/inaccessible-image`, '{\n"code":"DeploymentFailed",\n"message":"At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/DeployOperations for usage details.",\n"details":[\n{\n"code":"InaccessibleImage",\n"message":"The image \'<container-registry-name>.azurecr.io/<image-name>:<version-name>\' in container group \'<container-group-name>\' is not accessible. Please check the image and registry credential."\n}\n]\n}', 'ambiguous'],
  // Microsoft Learn, Azure Container Registry (network troubleshooting)
  ['dns_failure', `${LEARN}/azure/container-registry/container-registry-troubleshoot-access`, 'dial tcp: lookup myregistry.azurecr.io'],
  ['firewall_denied', `${LEARN}/azure/container-registry/container-registry-troubleshoot-access`, 'Error response from daemon: login attempt failed with status: 403 Forbidden', 'ambiguous'],
  ['network_unreachable', `${LEARN}/azure/container-registry/container-registry-troubleshoot-access`, 'Error response from daemon: Get <registry>: proxyconnect tcp: EOF Login failed', 'ambiguous'],
  ['firewall_denied', `${LEARN}/azure/container-registry/container-registry-vnet`, 'Error response from daemon: login attempt to https://xxxxxxx.azurecr.io/v2/ failed with status: 403 Forbidden', 'ambiguous'],
  // the Red Hat Docker daemon verifies signatures by default; the fix is --signature-verification=false, not credentials
  ['unknown', `${LEARN}/azure/container-registry/container-registry-faq`, 'Trying to pull repository myregistry.azurecr.io/myimage ...\nunauthorized: authentication required', 'ambiguous', 'ACR\'s FAQ: \'unauthorized: authentication required\' when Red Hat\'s docker checks signatures; the text reads as missing credentials'],
  // the 503 comes from the node-local streaming proxy; the page points at the cluster's permission on, or attachment to, the registry
  ['access_denied', `${LEARN}/azure/container-registry/troubleshoot-artifact-streaming`, 'Failed to pull image "mystreamingtest.azurecr.io/jupyter/all-spark-notebook:latest":\nrpc error: code = Unknown desc = failed to pull and unpack image\n"mystreamingtest.azurecr.io/latestobd/jupyter/all-spark-notebook:latest":\nfailed to resolve reference "mystreamingtest.azurecr.io/jupyter/all-spark-notebook:latest":\nunexpected status from HEAD request to http://localhost:8578/v2/jupyter/all-spark-notebook/manifests/latest?ns=mystreamingtest.azurecr.io:503 Service Unavailable', 'ambiguous', 'artifact streaming\'s 503 from the node\'s local proxy reads as a registry outage; the page says the cluster lacks access to the registry'],
  // Microsoft Learn, AKS and Azure Arc
  ['repo_not_found', `${LEARN}/azure/aks/agentic-cli-for-aks-troubleshoot`, "Error response from daemon: pull access denied for aks-agent, repository does not exist or may require 'docker login'", 'ambiguous'],
  ['tag_not_found', `${LEARN}/azure/azure-arc/data/troubleshoot-guide`, 'Failed to pull image "<registry>/<repository>/arc-bootstrapper:<incorrect image tag>": [rpc error: code = NotFound desc = failed to pull and unpack image ', 'ambiguous'],
  // the upgrade YAML names mcr.microsoft.com instead of the private registry the cluster can reach; the text stops before any cause
  ['network_unreachable', `${LEARN}/azure/azure-arc/data/troubleshoot-guide`, 'failed to resolve reference "<registry>/<repository>/arc-bootstrapper:<image tag>"', 'ambiguous'],
  ['network_unreachable', `${LEARN}/azure/azure-arc/kubernetes/troubleshooting`, 'An exception has occurred while trying to execute the cluster diagnostic checks in the cluster. Exception: Unable to pull cluster-diagnostic-checks helm chart from the registry \'mcr.microsoft.com/azurearck8s/helmchart/stable/clusterdiagnosticchecks:0.1.2\': Error: failed to do request: Head "https://mcr.microsoft.com/v2/azurearck8s/helmchart/stable/clusterdiagnosticchecks/manifests/0.1.2": dial tcp xx.xx.xx.219:443: i/o timeout'],
  // AWS, Amazon ECS
  ['network_unreachable', `${AWS}/AmazonECS/latest/developerguide/task_cannot_pull_image.html`, 'CannotPullContainerError: API error (500): Get https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection"'],
  ['repo_not_found', `${AWS}/AmazonECS/latest/developerguide/task_cannot_pull_image.html`, 'CannotPullContainerError: API error (404): repository 111122223333.dkr.ecr.us-east-1.amazonaws.com/<repo>/<image> not found', 'ambiguous'],
  ['disk_pressure', `${AWS}/AmazonECS/latest/developerguide/task_cannot_pull_image.html`, 'CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob111111111: no space left on device'],
  // AWS, Amazon ECR
  ['dns_failure', `${AWS}/AmazonECR/latest/userguide/common-errors.html`, 'Error response from daemon: invalid registry endpoint \n    https://xxxxxxxxxxxx.dkr.ecr.us-east-1.amazonaws.com/v0/: unable to ping registry endpoint \n    https://xxxxxxxxxxxx.dkr.ecr.us-east-1.amazonaws.com/v0/\nv2 ping attempt failed with error: Get https://xxxxxxxxxxxx.dkr.ecr.us-east-1.amazonaws.com/v2/: \n    dial tcp: lookup xxxxxxxxxxxx.dkr.ecr.us-east-1.amazonaws.com on 172.20.10.1:53: \n    read udp 172.20.10.1:53: i/o timeout'],
  ['rate_limited', `${AWS}/AmazonECR/latest/userguide/common-errors.html`, 'TOOMANYREQUESTS: Rate exceeded'],
  // the page gives three possible causes (an old Docker, a network error, a full disk) and never settles on one
  ['unknown', `${AWS}/AmazonECR/latest/userguide/common-errors-docker.html`, 'filesystem layer verification failed for digest sha256:2b96f...'],
  // pull through cache: the page names the missing repository or a missing ecr:CreateRepository permission
  ['repo_not_found', `${AWS}/AmazonECR/latest/userguide/common-errors-docker.html`, "Error response from daemon: repository 111122223333.dkr.ecr.us-east-1.amazonaws.com/ecr-public/amazonlinux/amazonlinux not found: name unknown: The repository with name 'ecr-public/amazonlinux/amazonlinux' does not exist in the registry with id '111122223333'", 'ambiguous'],
  // pull through cache: the upstream image is missing, or ecr:BatchImportUpstreamImage is not granted
  ['tag_not_found', `${AWS}/AmazonECR/latest/userguide/common-errors-docker.html`, 'Error response from daemon: manifest for 111122223333.dkr.ecr.us-east-1.amazonaws.com/ecr-public/amazonlinux/amazonlinux:latest not found: manifest unknown: Requested image not found', 'ambiguous'],
  // AWS, Amazon EKS connector
  ['auth_missing', `${AWS}/eks/latest/userguide/troubleshooting-connector.html`, 'Error: INSTALLATION FAILED: unexpected status from HEAD request to https://public.ecr.aws/v2/eks-connector/eks-connector-chart/manifests/0.0.6: 403 Forbidden', 'ambiguous'],
  // Harbor documentation
  ['tls_error', 'https://goharbor.io/docs/main/working-with-projects/working-with-images/pulling-pushing-images/', 'Error response from daemon: Get https://myregistrydomain.com/v1/users/: dial tcp myregistrydomain.com:443 getsockopt: connection refused.', 'ambiguous', 'connection refused on :443 reads as the network; Harbor\'s page says the registry serves plain HTTP only'],
  // IBM Cloud Container Registry troubleshooting (one page each)
  ['auth_missing', 'https://cloud.ibm.com/docs/Registry?topic=Registry-ts-app-image-pull', 'Failed to pull image "<region>.icr.io/<namespace>/<image>:<tag>" ... unauthorized: authentication required'],
  ['tag_not_found', 'https://cloud.ibm.com/docs/Registry?topic=Registry-ts-app-image-pull', 'Failed to pull image "<image>:<tag>" ... Manifest for <image>:<tag> not found'],
  ['firewall_denied', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-private', 'Private-only access is enabled on this account, but this request was over the public network. You must access this account over the private network'],
  ['rate_limited', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-quota', 'Your account has exceeded its pull traffic quota for the current month.'],
  ['access_denied', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-scope', 'Insufficient scope', 'ambiguous'],
  ['access_denied', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-resource', 'You are not authorized to access the specified resource.', 'ambiguous'],
  ['network_unreachable', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-connect', 'connection reset', 'ambiguous'],
  ['auth_missing', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-forbidden-ce', 'Status code 403 Forbidden', 'ambiguous'],
  ['auth_missing', 'https://cloud.ibm.com/docs/Registry?topic=Registry-troubleshoot-push-pull-docker', 'unauthorized: An error occurred when authenticating your request with IBM Cloud. Clear your browser cookies, log in to IBM Cloud, and try your request again.'],
  // Docker documentation
  ['rate_limited', 'https://docs.docker.com/docker-hub/usage/pulls/', 'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits'],
  // BytePlus VKE docs and the imroc Kubernetes troubleshooting guide
  ['rate_limited', 'https://docs.byteplus.com/en/docs/vke/Pod-in-the-ImagePullBackOff-state', '1s Normal PullImageFailed taskrun/**** build step "step-tos-cache-2-push" is pending with reason "pull QPS exceeded"'],
  ['tag_not_found', 'https://k8s.imroc.io/troubleshooting/problems/pod/keep-imagepullbackoff', 'PullImage "imroc/test:v0.2" from image service failed: rpc error: code = Unknown desc = Error response from daemon: manifest for imroc/test:v0.2 not found'],
  // Podman troubleshooting guide
  ['invalid_reference', 'https://github.com/containers/podman/blob/main/troubleshooting.md', '$ sudo podman build -f Dockerfile\nSTEP 1: FROM alpine\nerror building: error creating build container: no such image "alpine" in registry: image not known', 'ambiguous', 'podman\'s "no such image … in registry: image not known" is an unresolvable short name the text does not call one'],
  ['auth_missing', 'https://github.com/containers/podman/blob/main/troubleshooting.md', '$ podman run -it --rm docker://docker.io/library/alpine:latest ls\nTrying to pull docker://docker.io/library/alpine:latest...ERRO[0000] Error pulling image ref //alpine:latest: Error determining manifest MIME type for docker://alpine:latest: unable to retrieve auth token: invalid username/password\nFailed\nError: unable to pull docker://docker.io/library/alpine:latest: unable to pull image: Error determining manifest MIME type for docker://alpine:latest: unable to retrieve auth token: invalid username/password'],
  ['unknown', 'https://github.com/containers/podman/blob/main/troubleshooting.md', 'Trying to pull registry.access.redhat.com/ubi8-minimal:latest...\nGetting image source signatures\nChecking if image destination supports signatures\nCopying blob a6577091999b done\nCopying config abb1ba1bce done\nWriting manifest to image destination\nStoring signatures\nError: error creating build container: error locating pulled image "registry.access.redhat.com/ubi8-minimal:latest" name in containers storage: registry.access.redhat.com/ubi8-minimal:latest: image not known'],
  // Red Hat (registry CDN change, blog on connect.redhat.com; the page's excerpt ends after the port)
  ['network_unreachable', 'https://connect.redhat.com/blog/container-image-registries-changes-part-3-consequences', '$ buildah bud -f Containerfile\nSTEP 1/2: FROM ubi8/ubi\nResolved "ubi8/ubi" as an alias\n(/etc/containers/registries.conf.d/000-shortnames.conf)\nTrying to pull registry.access.redhat.com/ubi8/ubi:latest...\nWARN[0006] Failed, retrying in 2s ... (1/3). Error: copying system image from manifest list: parsing image configuration: Get "https://cdn02.quay.io/sha256/[...]": dial tcp 18.165.98.111:443'],
  // AWS, Amazon EKS troubleshooting (2020 version of the page)
  // the page only says to pull from an ECR repository in the node's own region (the 1.12 credential provider serves that region alone); the text carries no cause
  ['auth_missing', `${AWS}/eks/latest/userguide/troubleshooting.html`, 'Failed: Failed to pull image "xxxxxx.dkr.ecr.region-code.amazonaws.com.cn"', 'ambiguous'],
  // Microsoft Learn, ACR login troubleshooting and connected registry
  ['auth_missing', `${LEARN}/azure/container-registry/container-registry-troubleshoot-login-authn-authz`, 'unauthorized: Application not registered with AAD'],
  ['auth_missing', `${LEARN}/azure/container-registry/troubleshoot-connected-registry-arc`, 'Response: \'{"errors":[{"code":"UNAUTHORIZED","message":"Incorrect Password","detail":"Please visit https://aka.ms/acr#UNAUTHORIZED for more information."}]}\' '],
  ['tls_error', 'https://docs.docker.com/desktop/troubleshoot-and-support/troubleshoot/topics/', 'Error response from daemon: Get http://192.168.203.139:5858/v2/: malformed HTTP response "\\x15\\x03\\x01\\x00\\x02\\x02"'],
  // AWS CodeBuild troubleshooting (a code with five possible causes on the page)
  // the page lists five possible causes (disk, ECR permission, region, VPC, Docker Hub limit) and the code names none
  ['unknown', `${AWS}/codebuild/latest/userguide/troubleshooting.html`, 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE'],
  // kind and k3d documentation
  // the image was loaded into another kind cluster (kind load without --name), so the node fell back to Docker Hub where no such repository exists
  ['repo_not_found', 'https://kind.sigs.k8s.io/docs/user/known-issues/', 'Failed to pull image "docker.io/my-custom-image:tag": rpc error: code = Unknown desc = failed to resolve image "docker.io/library/my-custom-image:tag": no available registry endpoint: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'ambiguous'],
  ['tls_error', 'https://k3d.io/stable/faq/faq/', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "docker.io/rancher/pause:3.1": failed to pull image "docker.io/rancher/pause:3.1": failed to pull and unpack image "docker.io/rancher/pause:3.1": failed to resolve reference "docker.io/rancher/pause:3.1": failed to do request: Head https://registry-1.docker.io/v2/rancher/pause/manifests/3.1: x509: certificate signed by unknown authority'],
  // minikube handbook (VPN and proxy)
  ['network_unreachable', 'https://minikube.sigs.k8s.io/docs/handbook/vpn_and_proxy/', 'Unable to pull images, which may be OK:\n\nfailed to pull image "registry.k8s.io/kube-apiserver:v1.13.3": output: Error response from daemon:\nGet https://registry.k8s.io/v2/: net/http: request canceled while waiting for connection\n(Client.Timeout exceeded while awaiting headers)'],
  // Azure/acr documentation (connected registry troubleshooting, quarantine preview)
  ['tls_error', 'https://github.com/Azure/acr/blob/main/docs/preview/connected-registry/troubleshooting.md', 'Error response from daemon: Get https://<connected-registry-login-server-ip-or-dns>/v2/: http: server gave HTTP response to HTTPS client'],
  // the connected registry is not configured to sync that repository at all; the text reads as a missing tag
  ['repo_not_found', 'https://github.com/Azure/acr/blob/main/docs/preview/connected-registry/troubleshooting.md', 'Error response from daemon: manifest for <connected-registry-login-server-ip-or-dns>/<repository-name>:<tag> not found: manifest unknown: manifest unknown', 'ambiguous'],
  ['access_denied', 'https://github.com/Azure/acr/blob/main/docs/preview/connected-registry/troubleshooting.md', "Error response from daemon: pull access denied for <connected-registry-login-server-ip-or-dns>/<repository-name>, repository does not exist or may require 'docker login': denied: Insufficient scopes to perform the operation", 'ambiguous'],
  // the image is quarantined; only an identity with AcrQuarantineReader may pull it, and the registry answers as if the tag were missing
  ['access_denied', 'https://github.com/Azure/acr/blob/main/docs/preview/quarantine/readme.md', 'docker pull  ${REGISTRY_NAME}helloworld:1\nError response from daemon: manifest for quarantinetest1.azurecr.io/helloworld:1 not found', 'ambiguous', 'a quarantined image answers \'manifest … not found\' to docker pull: reads as a missing tag'],
  ['access_denied', 'https://github.com/Azure/acr/blob/main/docs/preview/quarantine/readme.md', 'docker pull ${REGISTRY_NAME}helloworld@sha256:80f0d5cxxxxXxxXxxxxece0db56d11cdc624ad20da9fe62d7d\n\t\tError response from daemon: unknown: The operation is disallowed.'],
  // CNCF Distribution documentation and Docker CLI reference
  ['tls_error', 'https://distribution.github.io/distribution/about/insecure/', "FATA[0000] Error response from daemon: v1 ping attempt failed with error:\nGet https://myregistrydomain.com:5000/v1/_ping: tls: oversized record received with length 20527.\nIf this private registry supports only HTTP or HTTPS with an unknown CA certificate, add\n`--insecure-registry myregistrydomain.com:5000` to the daemon's arguments.\nIn the case of HTTPS, if you have access to the registry's CA certificate, no need for the flag;\nsimply place the CA certificate at /etc/docker/certs.d/myregistrydomain.com:5000/ca.crt"],
  // the image is in a manifest format the engine no longer supports; no category names that
  ['unknown', 'https://docs.docker.com/engine/deprecated/', '$ docker pull ubuntu:10.04\nError response from daemon:\nDocker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed.\nSuggest the author of docker.io/library/ubuntu:10.04 to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2.\nMore information at https://docs.docker.com/go/deprecated-image-specs/'],
  ['never_pull', 'https://docs.docker.com/reference/cli/docker/container/run/', '$ docker run --pull=never hello-world\ndocker: Error response from daemon: No such image: hello-world:latest.'],
  // JFrog knowledge base (the page's excerpt ends mid-sentence) and ngrok error reference
  ['access_denied', 'https://jfrog.com/help/r/artifactory-why-docker-pull-of-an-xray-blocked-image-returns-403-from-local-and-404-from-virtual', 'docker pull <JFROG_URL>.jfrog.com/docker-LOCAL/myimage:tag1\n\nerror from registry: {"errors":[{"code":"DENIED","message":"Artifact download request rejected: \nmyimage/tag1/manifest.json was not downloaded due to the download blocking policy configured in \nXray'],
  ['auth_missing', 'https://ngrok.com/docs/errors/err_ngrok_ship_container_image_pull_denied', 'ERR_NGROK_SHIP_CONTAINER_IMAGE_PULL_DENIED\nRegistryHOST rejected the pull credential for IMAGE (HTTP STATUS).'],
  // Google Cloud Artifact Registry, remote repositories
  // the page: the requested artifact or version does not exist upstream (404)
  ['tag_not_found', 'https://cloud.google.com/artifact-registry/docs/troubleshoot-remote', 'Received invalid response from external repository; url=URL.', 'ambiguous'],
  ['rate_limited', 'https://cloud.google.com/artifact-registry/docs/troubleshoot-remote', 'Resource has been exhausted (e.g. check quota).'],
  ['registry_unavailable', 'https://cloud.google.com/artifact-registry/docs/troubleshoot-remote', 'Received invalid http status code httpStatusCode from external repository; url=URL.', 'ambiguous'],
  // KServe debugging guide and Karpenter troubleshooting
  ['auth_missing', 'https://kserve.github.io/website/docs/developer-guide/debugging', 'failed to resolve image to digest: failed to fetch image information: unsupported status code 401; body: Not Authorized', 'ambiguous'],
  ['platform_mismatch', 'https://karpenter.sh/docs/troubleshooting/', 'Failed to pull image "mcr.microsoft.com/windows/servercore:xxx": rpc error: code = NotFound desc = failed to pull and unpack image "mcr.microsoft.com/windows/servercore:xxx": no match for platform in manifest: not found'],
];

export const FRESH_FOURTEENTH_D: readonly CorpusEntry[] = corpusEntries(ROWS);
