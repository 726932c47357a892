import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 15b: real pull errors from the OLDEST threads (GitHub issues opened 2015-2019, the dockershim era),
 * collected on 2026-12-07 by a helper that never read the rules (lib/classify) nor the classifier's tests and never ran
 * the classifier. Sources: kubernetes/kubernetes, kubernetes/website, kubernetes/minikube, kubernetes/kops,
 * kubernetes-retired/contrib, kubernetes-retired/federation, openshift/origin, rancher/rancher 1.x, docker/docker
 * (moby/moby), docker/cli, docker/for-mac, docker/for-win, docker/hub-feedback, docker-archive/toolbox, docker/kitematic, rkt/rkt and rkt users
 * (coreos/bugs, BioContainers/containers), Marathon/DC/OS (d2iq-archive/marathon, mesosphere-backup/multiverse,
 * mantl/mantl), helm/helm, helm/charts, coreos/coreos-kubernetes. The year each thread was opened is in the comment of
 * its project group.
 * Found with the `search` tool (corpus "issues") using neutral queries: a project or product name with "Failed to pull
 * image", ErrImagePull, ImagePullBackOff, "Error response from daemon", "image pull failed for", "Error while pulling
 * image", "rpc error: code = 2 desc", "Error: image ... not found", "docker pull", "troubleshooting"-style wording. To
 * reach thin categories some searches named a symptom ("no space left on device", "no matching manifest", "503 Service
 * Unavailable", "too many failed login attempts", "403 Forbidden", "image-puller", "x509", "TLS handshake timeout", "InvalidImageName",
 * "ErrImageNeverPull"); rows were taken from whatever came back, whatever its cause. Every thread was checked against
 * the sources all test/classifier/corpus*.ts files and produced-messages.txt cite (plain URL and the
 * `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms, docker/docker and moby/moby as one repository); about twenty
 * already-cited threads were dropped, and two rows whose text near-copies an already-cited message (minikube#3799,
 * kubernetes#59376) were left out. A 2016 moby thread was skipped because its message carries a signed CDN URL.
 * Labelling: the cause the thread establishes (resolution, maintainer answer, or the fix that worked); where the thread
 * leaves it open, what the message text itself says. 'ambiguous' where the text alone cannot decide; a comment above a
 * row says why when the label is not obvious from the text. Messages are verbatim as the threads print them (markdown
 * emphasis and blockquote markers dropped; a kubectl event row starts at its Message column); at most two messages a
 * thread and six a project. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // kubernetes/kubernetes, kubernetes/website (threads opened 2015-2018)
  ['tag_not_found', 'https://github.com/kubernetes/kubernetes/issues/23584', "Mar 29 15:18:05 minion1 kubelet-wrapper[773]: W0329 15:18:04.577928     773 manager.go:1897] Failed to pull image \"gcr.io/google_containers/guestbook:v2\" from pod \"guestbook-jbp6n_default\" and container \"guestbook\": image pull failed for gcr.io/google_containers/guestbook:v2, this may be because there are no credentials on this request.  details: (Tag v2 not found in repository gcr.io/google_containers/guestbook)"],
  // the reporter's network cannot reach gcr.io at all (title: "we can not access the gcr.io"); the fix offered is another pause image via --pod-infra-container-image
  ['network_unreachable', 'https://github.com/kubernetes/kubernetes/issues/26873', "Error syncing pod, skipping: failed to \"StartContainer\" for \"POD\" with ErrImagePull: \"image pull failed for gcr.io/google_containers/pause:2.0, this may be because there are no credentials on this request.  details: (API error (500): Get https://gcr.io/v1/_ping: dial tcp 64.233.189.82:443: i/o timeout\\n)\""],
  ['tls_error', 'https://github.com/kubernetes/kubernetes/issues/17290', "FATA[0000] Error response from daemon: v1 ping attempt failed with error: Get https://docker-registry.xyz.com/v1/_ping: x509: certificate signed by unknown authority. If this private registry supports only HTTP or HTTPS with an unknown CA certificate, please add --insecure-registry docker-registry.nearbuytools.com to the daemon's arguments. In the case of HTTPS, if you have access to the registry's CA certificate, no need for the flag; simply place the CA certificate at /etc/docker/certs.d/docker-registry.xyz.com/ca.crt"],
  // the pull secret the thread shows carries its config under a key "data-1", so the kubelet finds no usable credentials
  ['auth_missing', 'https://github.com/kubernetes/kubernetes/issues/21452', "image pull failed for xxxxxx/app/ctcrawler:latest, this may be because there are no credentials on this request.  details: (Authentication is required.)"],
  ['disk_pressure', 'https://github.com/kubernetes/kubernetes/issues/32542', "Error syncing pod, skipping: failed to \"StartContainer\" for \"hivemp-nat-punchthrough-service\" with ErrImagePull: \"failed to register layer: Untar re-exec error: exit status 1: output: open /srv/node_modules/grpc/third_party/boringssl/fuzz/client_corpus/4c8d920b2b9c2c43b50561b90e9c6a03689e7171: no space left on device\""],
  // the pull secret names artfact-prd.xyz.com:5001 while the image is on artfact-prd-vip.xyx.com:5001, so no credentials go with the pull; with a .dockercfg on the node the same pull works
  ['auth_missing', 'https://github.com/kubernetes/website/issues/6865', "Failed to pull image \"artfact-prd-vip.xyx.com:5001/ms/auth-microservice:rel_latest\": rpc error: code = Unknown desc = Error: image ms/auth-microservice:rel_latest not found", 'ambiguous'],
  // kubernetes/minikube, kubernetes/kops, kubernetes-retired/contrib, kubernetes-retired/federation (2016-2018)
  ['network_unreachable', 'https://github.com/kubernetes/minikube/issues/2592', "Mar 08 07:46:13 minikube localkube[13195]: E0308 07:46:13.792574   13195 kuberuntime_manager.go:647] createPodSandbox for pod \"kube-addon-manager-minikube_kube-system(c4c3188325a93a2d7fb1714e1abf1259)\" failed: rpc error: code = Unknown desc = failed pulling image \"gcr.io/google_containers/pause-amd64:3.0\": Error response from daemon: Get https://gcr.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"],
  // protokube is side-loaded on kops nodes and published to no registry, so when the load has not happened docker looks for it on Docker Hub, where it does not exist
  ['repo_not_found', 'https://github.com/kubernetes/kops/pull/3997', "Dec 18 00:52:47 ip-10-0-37-225 docker[7432]: /usr/bin/docker: Error response from daemon: repository protokube not found: does not exist or no pull access.", 'ambiguous'],
  // gcr.io/google_containers/echoserver:1.4 had not been pushed yet; a maintainer pushed it ("is now live")
  ['tag_not_found', 'https://github.com/kubernetes-retired/contrib/issues/1097', "Tag 1.4 not found"],
  // the image lives in a Kubernetes CI project's registry that no longer served it to the public; the thread leaves the cause open (the reporter built their own image), so the label follows the text
  ['access_denied', 'https://github.com/kubernetes-retired/federation/issues/282', "desc = Error response from daemon: Get https://gcr.io/v2/k8s-jkns-e2e-gce-federation/fcp-amd64/manifests/v1.9.0-alpha.3: unauthorized: You don't have the needed permissions to perform this operation, and you may have invalid credentials. To authenticate your request, follow the steps in: https://cloud.google.com/container-registry/docs/advanced-authentication", 'ambiguous'],
  // openshift/origin (2017-2018; the PR below is from 2017)
  // the default image streams only point at images elsewhere; the internal registry holds no such image until one is built and pushed into it, which is what resolved it
  ['repo_not_found', 'https://github.com/openshift/origin/issues/16928', "Pulling repository <docker-registry>/openshift/postgresql\nError: image openshift/postgresql:latest not found", 'ambiguous'],
  // openshift/origin-source is built locally by the release scripts and exists on no registry (see also openshift/origin#16304)
  ['repo_not_found', 'https://github.com/openshift/origin/issues/18594', "[openshift/origin-cluster-capacity] unable to pull image (from: openshift/origin-source, tag: latest): API error (404): {\"message\":\"pull access denied for openshift/origin-source, repository does not exist or may require 'docker login'\"}", 'ambiguous'],
  // the image "doesn't exist on Docker, Fedora, or Red Hat registries"; make release was meant to build it
  // ambiguous (the lead, session 9): 'no such image' does not tell a missing repository from a missing tag
  ['repo_not_found', 'https://github.com/openshift/origin/issues/16304', "[openshift/origin-pod] --> Image openshift/origin-source was not found, pulling ...\n[openshift/origin-pod] no such image", 'ambiguous'],
  // quoted in this PR from openshift/origin#16380 (2017): during a 3.5 to 3.6 upgrade the registry asked for a permission the masters did not grant yet; the PR changes the check
  ['access_denied', 'https://github.com/openshift/origin/pull/16465', "OpenShift access denied: User \"system:serviceaccount:docker-test:default\" cannot get imagestreams/layers.image.openshift.io in project \"openshift\""],
  // rancher/rancher 1.x (2016)
  // ambiguous (the lead, session 9): docker's v1 'image x not found' does not tell a missing repository from a missing tag or a private one
  ['repo_not_found', 'https://github.com/rancher/rancher/issues/4371', "ImageValidationError: Image [<private-repo>/<nonexistant image>] failed to pull: Error: image <nonexistant image> not found", 'ambiguous'],
  // docker/docker (moby/moby), docker/cli (2015-2018)
  // a stray space inside an -e argument ("REGISTRY_ HTTP_TLS_KEY") makes docker read a later word as the image reference
  ['invalid_reference', 'https://github.com/moby/moby/issues/36080', "docker run -d -p 5000:5000 -v /home/user/certs:/certs -e REGISTRY_HTTP_TLS_CERTIFICATE=/certs/dockerrepo.crt -e REGISTRY_ HT\nTP_TLS_KEY=/certs/dockerrepo.key -v /home/user/auth:/auth -e REGISTRY_AUTH=htpasswd -e REGISTRY_AUTH_HTPASSWD_REALM=\"Registry Realm\" -e REGISTRY_AUTH_HTP\nASSWD_PATH=/auth/htpasswd  registry:2\ndocker: invalid reference format: repository name must be lowercase"],
  ['registry_unavailable', 'https://github.com/moby/moby/issues/9906', "$ docker pull ubuntu:trusty\nPulling repository ubuntu\n2015/01/05 19:26:37 HTTP code: 502"],
  ['registry_unavailable', 'https://github.com/docker/cli/issues/1491', "Step 1/37 : FROM ubuntu:14.04\nGet https://registry-1.docker.io/v2/library/ubuntu/manifests/14.04: received unexpected HTTP status: 503 Service Unavailable"],
  // docker/for-mac, docker/for-win (2017-2019)
  ['dns_failure', 'https://github.com/docker/for-mac/issues/2290', "docker: Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 192.168.65.1:53: read udp 192.168.65.2:58546->192.168.65.1:53: i/o timeout."],
  // the lookup fails on a network that reaches the outside only through a proxy; setting HTTP_PROXY/HTTPS_PROXY for the docker service fixed it (the quote is cut off by the reporter)
  ['network_unreachable', 'https://github.com/docker/for-mac/issues/3597', "Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.1.1:53: no such", 'ambiguous'],
  ['network_unreachable', 'https://github.com/docker/for-mac/issues/1866', "Using default tag: latest\nError response from daemon: Get https://registry-1.docker.io/v2/: dial tcp 52.44.30.97:443: getsockopt: connection refused"],
  // stale or wrong stored login (signed in with the e-mail address instead of the Docker ID); logging in again fixes it
  ['auth_missing', 'https://github.com/docker/for-mac/issues/2640', "docker: Error response from daemon: Get https://registry-1.docker.io/v2/library/hello-world/manifests/latest: unauthorized: incorrect username or password."],
  ['auth_missing', 'https://github.com/docker/for-mac/issues/3197', "Step 1/17 : FROM node:8\nGet https://registry-1.docker.io/v2/library/node/manifests/8: unauthorized: incorrect username or password"],
  ['platform_mismatch', 'https://github.com/docker/for-win/issues/2764', "Sending build context to Docker daemon  5.672MB\nStep 1/1 : FROM tomcat:8-jre8\n8-jre8: Pulling from library/tomcat\nno matching manifest for unknown in the manifest list entries"],
  // docker/hub-feedback (2016-2019)
  // a dual-stack host with an IPv4-only resolver; with an IPv6 resolver the pull worked
  ['network_unreachable', 'https://github.com/docker/hub-feedback/issues/947', "Pulling consul (progrium/consul:latest)...\nGet https://registry-1.docker.io/v2/progrium/consul/manifests/latest: net/http: TLS handshake timeout"],
  // the reporter traced it to their own local network setup during a day of outages
  ['network_unreachable', 'https://github.com/docker/hub-feedback/issues/1195', "docker run -it ubuntu /bin/bash\nUnable to find image 'ubuntu:latest' locally\ndocker: Error response from daemon: Get https://registry-1.docker.io/v2/library/ubuntu/manifests/latest: net/http: TLS handshake timeout.\nSee 'docker run --help'."],
  ['registry_unavailable', 'https://github.com/docker/hub-feedback/issues/1897', "$ docker pull ubuntu:latest\nError response from daemon: received unexpected HTTP status: 503 Service Unavailable"],
  ['registry_unavailable', 'https://github.com/docker/hub-feedback/issues/1548', "~ $ docker run wurstmeister/zookeeper\nUnable to find image 'wurstmeister/zookeeper:latest' locally\ndocker: Error response from daemon: Get https://registry-1.docker.io/v2/wurstmeister/zookeeper/manifests/latest: received unexpected HTTP status: 503 Service Unavailable."],
  // a lockout caused by failed logins with bad credentials (a password reset, or a password without "$", ended it); the text reads as a rate limit
  ['auth_missing', 'https://github.com/docker/hub-feedback/issues/786', "Error response from daemon: Get https://registry-1.docker.io/v2/: toomanyrequests: too many failed login attempts for username or IP address", 'ambiguous'],
  // many parallel CI logins with correct credentials trip the lockout
  // ambiguous (the lead, session 9): the same lockout follows wrong credentials (hub-feedback#786) and many logins with good ones (this thread)
  ['rate_limited', 'https://github.com/docker/hub-feedback/issues/642', "Error response from daemon: Login: Too many failed login attempts. You have been locked out for one hour. Try again later or contact support. (Code: 429; Headers: map[Content-Type:[application/json] Vary:[Cookie] X-Frame-Options:[SAMEORIGIN] Strict-Transport-Security:[max-age=31536000] Server:[nginx/1.6.2] Date:[Tue, 12 Apr 2016 20:37:05 GMT]])", 'ambiguous'],
  // docker-archive/toolbox (2018-2019)
  ['network_unreachable', 'https://github.com/docker-archive/toolbox/issues/753', "Unable to find image 'busybox:latest' locally\ndocker: Error response from daemon: Get https://registry-1.docker.io/v2/library/busybox/manifests/latest: Get https://auth.docker.io/token?scope=repository%3Alibrary%2Fbusybox%3Apull&service=registry.docker.io: read tcp 10.0.2.15:42506->34.200.28.105:443: read: connection reset by peer.\nSee 'docker run --help'."],
  ['network_unreachable', 'https://github.com/docker-archive/toolbox/issues/832', "Unable to find image 'hello-world:latest' locally\ndocker: Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp 52.87.94.70:443: connect: connection refused.\nSee 'docker run --help'."],
  // docker/kitematic (docker-archive-public/docker.kitematic; 2015-2018)
  ['dns_failure', 'https://github.com/docker-archive-public/docker.kitematic/issues/1346', "Error while pulling image: Get https://index.docker.io/v1/repositories/tutum/hello-world/images: dial tcp: lookup index.docker.io on 75.75.76.76:53: server misbehaving"],
  // the resolver inside the docker-machine VM was down; docker-machine restart fixed it
  ['dns_failure', 'https://github.com/docker-archive-public/docker.kitematic/issues/1438', "Error while pulling image: Get https://index.docker.io/v1/repositories/library/mysql/images: dial tcp: lookup index.docker.io on 0.0.0.0:53: read udp 127.0.0.1:53: connection refused."],
  // "authenticationrequired" is the HTTPS proxy's answer, not the registry's; removing the proxy setting from the docker service fixed the pull
  ['network_unreachable', 'https://github.com/docker-archive-public/docker.kitematic/issues/1382', "[root@xx ~]# docker pull hello-world\nUsing default tag: latest\nPulling repository docker.io/library/hello-world\nError while pulling image: Get https://index.docker.io/v1/repositories/library/hello-world/images: authenticationrequired", 'ambiguous', 'the v1 API answered authenticationrequired for a public image: the text reads missing credentials; only the thread showed the network path was at fault'],
  // a Windows-only image pulled by a Linux engine ("Most likely you are trying to pull windows image under linux")
  ['platform_mismatch', 'https://github.com/docker-archive-public/docker.kitematic/issues/4144', "Using default tag: latest\nlatest: Pulling from microsoft/aspnet\nno matching manifest for unknown in the manifest list entries"],
  ['network_unreachable', 'https://github.com/docker-archive-public/docker.kitematic/issues/988', "Get https://registry-1.docker.io/v1/repositories/library/ubuntu/tags/latest: net/http: TLS handshake timeout.\nIf this error is invalid, please file a ticket on our Github repo."],
  ['tag_not_found', 'https://github.com/docker-archive-public/docker.kitematic/issues/1752', "Tag latest not found in repository docker.io/rancher/os"],
  // rkt (rkt/rkt, coreos/bugs) and rkt users (2016)
  // --insecure-options=all made docker2aci talk plain http to Docker Hub; --insecure-options=image (https kept) is the fix, not credentials
  ['tls_error', 'https://github.com/rkt/rkt/issues/2036', "rkt: remote fetching from URL \"docker://busybox\"\nerror converting docker image to ACI: unexpected http code: 401, URL: http://registry-1.docker.io/v2/library/busybox/manifests/latest", 'ambiguous', 'a 401 over plain http (rkt --insecure-options) reads as missing credentials; that plain http was the cause is only in the thread'],
  // the label v1.0.1-1.12.3-2 does not exist on quay.io (the reporter had the wrong one); the 404 surfaces on the signature file
  ['tag_not_found', 'https://github.com/coreos/bugs/issues/1648', "$ sudo rkt fetch --debug quay.io/kato/mesos:v1.0.1-1.12.3-2\nimage: searching for app image quay.io/kato/mesos\nimage: remote fetching from URL \"https://quay.io/c1/aci/quay.io/kato/mesos/v1.0.1-1.12.3-2/aci/linux/amd64/\"\nimage: fetching image from https://quay.io/c1/aci/quay.io/kato/mesos/v1.0.1-1.12.3-2/aci/linux/amd64/\nimage: keys already exist for prefix \"quay.io/kato/mesos\", not fetching again\nimage: downloading signature from https://quay.io/c1/aci/quay.io/kato/mesos/v1.0.1-1.12.3-2/aci.asc/linux/amd64/\nfetch: \n  └─error downloading the signature file\n    └─bad HTTP status code: 404", 'ambiguous'],
  // the repository has no "latest" tag; fetching an explicit tag (bedtools:2.25.0--2) is the answer
  ['tag_not_found', 'https://github.com/BioContainers/containers/issues/79', "rkt fetch --no-store quay.io/biocontainers/bedtools\nimage: searching for app image quay.io/biocontainers/bedtools\nimage: remote fetching from URL \"https://quay.io/c1/aci/quay.io/biocontainers/bedtools/latest/aci/linux/amd64/\"\nimage: keys already exist for prefix \"quay.io/biocontainers/bedtools\", not fetching again\nimage: downloading signature from https://quay.io/c1/aci/quay.io/biocontainers/bedtools/latest/aci.asc/linux/amd64/\nfetch: bad HTTP status code: 404", 'ambiguous'],
  // Mesos / Marathon / DC/OS (d2iq-archive/marathon, mesosphere-backup/multiverse, mantl; 2016-2017)
  // a private Docker Hub repository; the pull runs without the docker.tar.gz credentials the reporter set up, and Docker Hub answers "not found"
  ['auth_missing', 'https://github.com/d2iq-archive/marathon/issues/5138', "Failed to launch container: Failed to run 'docker -H unix:///var/run/docker.sock pull index.docker.io/private-org/sample-container': exited with status 1; stderr='Error: image private-org/sample-container not found '", 'ambiguous'],
  // resolved by the reporter: the app definition lacked the credentials archive in its URIs ("Missed the URI concept of marathon")
  ['auth_missing', 'https://github.com/mantl/mantl/issues/1540', "Failed to launch container: Failed to 'docker -H unix:///var/run/docker.sock pull private-image:latest': exit status = exited with status 1 stderr = Error: image private-image not found", 'ambiguous'],
  // the package names docker-dd-agent without its owner; the image lives under alq666/docker-dd-agent
  ['repo_not_found', 'https://github.com/mesosphere-backup/multiverse/issues/93', "Failed to launch container: Failed to 'docker -H unix:///var/run/docker.sock pull docker-dd-agent:mesos': exit status = exited with status 1 stderr = Error: image library/docker-dd-agent:mesos not found"],
  // helm/helm, helm/charts (2016, 2019)
  ['tag_not_found', 'https://github.com/helm/helm/issues/355', "$ docker pull gcr.io/dm-k8s-prod/expandybird:v1.2.1\nPulling repository gcr.io/dm-k8s-prod/expandybird\nTag v1.2.1 not found in repository gcr.io/dm-k8s-prod/expandybird"],
  // the tiller image was not public, so the anonymous pull failed; it was moved to a public bucket
  ['auth_missing', 'https://github.com/helm/helm/issues/623', "Back-off pulling image \"gcr.io/deis-sandbox/tiller:canary\"", 'ambiguous'],
  // the chart points at quay.io/weaveworks/kured, a namespace quay disabled; the image now lives at docker.io/weaveworks/kured
  ['repo_not_found', 'https://github.com/helm/charts/issues/13227', "requesting tags: Get https://quay.io/v2/weaveworks/kured/tags/list: unknown: Namespace weaveworks has been disabled. Please contact a system administrator.", 'ambiguous'],
  // coreos/coreos-kubernetes (2016)
  // a private image; the node's dockercfg is not used for pod pulls and the answer is an imagePullSecrets secret
  ['auth_missing', 'https://github.com/coreos/coreos-kubernetes/issues/498', "Failed to pull image \"XXX/xxxxxx:0.1\": Error: image XXX/xxxxxx not found", 'ambiguous'],
];

export const FRESH_FIFTEENTH_B: readonly CorpusEntry[] = corpusEntries(ROWS);
