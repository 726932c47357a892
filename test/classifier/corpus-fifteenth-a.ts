import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 15a: real pull errors quoted on question-and-answer pages and blog posts outside GitHub, collected on
 * 2026-12-07 by a helper that never read the rules (lib/classify) nor the classifier's tests and never ran the
 * classifier. Found with neutral searches of the stored public pages (a product, registry or runtime name with
 * "Failed to pull image" / ErrImagePull / ImagePullBackOff / CannotPullContainerError / "Error response from daemon" /
 * "failed to pull and unpack image" / "troubleshooting", in English and Chinese); every URL was checked against all
 * earlier corpus files and produced-messages.txt; a CRI-O blog summary, a bare "http: server gave HTTP response to HTTPS
 * client" and a Docker Hub rate-limit sentence that earlier rows already hold word for word were dropped or swapped for
 * the page's other quote. The search tool returns only the opening of each page, so messages are the ones quoted near the
 * top. Stack Overflow, Server Fault and Reddit threads were not found in the stored pages; Microsoft Q&A and re:Post were.
 * Sources: Microsoft Q&A, AWS re:Post, Kubernetes Discourse, the Kubernetes and OpenAI blogs, a Forgejo issue (not GitHub), vendor knowledge
 * bases (CloudBees), personal and team blogs (homelab runbooks, "today I fixed" notes, Chinese blogs), and
 * error-guide blogs (devopsaitoolkit, stackengine, openillumi, taourl, ...). Many guide posts print illustrative
 * names (prodacr, acme-prod-417, harbor.internal.corp); they are kept as printed. At most two messages per page.
 * Labelled from each page's stated cause ('ambiguous' where the text alone cannot decide; the label is then the page's
 * cause, with a comment); where a page gives no single cause, the label is what the message text says. Quotes are kept
 * whole, with the page's own line breaks and spacing; two end where the page cuts them. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */

type Row = CorpusRow;

const ROWS: Row[] = [
  // Azure (AKS, ACR, Container Apps)
  // the post's cause: the kubelet identity lacks AcrPull on the registry; the text reads as no credentials (401)
  ["access_denied", "https://devopsaitoolkit.com/blog/azure-error-aks-imagepullbackoff/", "Failed to pull image \"prodacr.azurecr.io/orders-api:v1.4.2\": failed to pull and unpack image \"prodacr.azurecr.io/orders-api:v1.4.2\": failed to resolve reference \"prodacr.azurecr.io/orders-api:v1.4.2\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://prodacr.azurecr.io/oauth2/token?...: 401 Unauthorized", 'ambiguous'],
  // Microsoft Q&A (read through a mirror of the page); the asker says AcrPull is granted, the answer points at the app not using that identity for the pull
  ["auth_missing", "https://learn.microsoft.com/en-us/answers/questions/5814504/failed-to-provision-revision-for-container-app-bec", "Failed to provision revision for container app '--------'. Error details: The following field(s) are either invalid or missing. Field 'template.containers.--------.image' is invalid with details: 'Invalid value: \"+++++++++.azurecr.io/api:latest\": GET https:: UNAUTHORIZED: authentication required, visit https://aka.ms/acr/authorization for more information.; [map[Action:pull Name:api Type:repository]]';.. (Code: ContainerAppOperationError)"],
  // Blogs: registry changes, big images, garbage-collected images
  // the post: a proxied deployment fails on the redirect target's certificate (unknown authority)
  ["tls_error", "https://kubernetes.io/blog/2023/03/10/image-registry-redirect/", "FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = Error response from daemon: Head “https://us-west1-docker.pkg.dev/v2/k8s-artifacts-prod/images/pause/manifests/3.8”: x509: certificate signed by unknown authority"],
  // a homelab runbook: Bitnami retired its versioned Docker Hub tags in 2025 (bitnamilegacy/ still resolves); NotFound alone does not say tag or repository
  ["tag_not_found", "https://docs.herro.me/runbooks/bitnami-image-404/", "rpc error: code = NotFound desc = failed to pull and unpack image\n\"docker.io/bitnami/<image>:<tag>\": failed to resolve image", 'ambiguous'],
  // OpenAI's post: ~17GB images took too long to pull/extract and the pull was cancelled for lack of progress; fixed with --image-pull-progress-deadline
  ["timeout_or_size", "https://openai.com/research/scaling-kubernetes-to-2500-nodes", "rpc error: code = 2 desc = net/http: request canceled"],
  // personal blog: the tag was built locally and never pushed; the kubelet's image garbage collection removed the local copy, so the pull went to the registry
  ["tag_not_found", "https://swsnr.writeas.com/the-mysterious-disapperance-of-docker-images", "Failed to pull image \"registry.example.com/foo/foo:1.2.3-64-affa5225\": rpc error: code = Unknown desc = Error response from daemon: manifest for registry.example.com/foo/foo:1.2.3-64-affa5225 not found: manifest unknown: manifest unknown"],
  // Google Cloud (GKE, Artifact Registry)
  ["access_denied", "https://devopsaitoolkit.com/blog/gcp-error-imagepullbackoff-artifact-registry-forbidden/", "Failed to pull image \"us-central1-docker.pkg.dev/acme-prod-417/services/checkout:1.8.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"us-central1-docker.pkg.dev/acme-prod-417/services/checkout:1.8.2\": failed to resolve reference: pulling from host us-central1-docker.pkg.dev failed with status code [manifests 1.8.2]: 403 Forbidden"],
  ["access_denied", "https://devopsaitoolkit.com/blog/gcp-error-imagepullbackoff-artifact-registry-forbidden/", "denied: Permission \"artifactregistry.repositories.downloadArtifacts\" denied on resource\n\"projects/acme-prod-417/locations/us-central1/repositories/services\" (or it may not exist)"],
  // the post: the GKE node service account lacks an Artifact Registry / storage reader role
  // ambiguous (the lead, session 9): a 403 on the token endpoint is a missing role or a registry network rule alike
  ["access_denied", "https://taourl.com/read-3706254.html", "ErrImagePull: failed to fetch oauth token: unexpected status: 403 Forbidden", 'ambiguous'],
  // AWS (ECS, EKS, ECR)
  ["network_unreachable", "https://devopsaitoolkit.com/blog/aws-error-cannot-pull-container-error-ecs/", "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref \"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v42\": failed to do request: Head \"https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/api/manifests/v42\": dial tcp 10.0.3.17:443: i/o timeout"],
  // the post: the digest pinned for the tag no longer exists in ECR after the tag was moved
  ["tag_not_found", "https://courses.apollos.edu/blog/fix-cannotpullcontainererror-in-aws-fargate", "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref 802388215838.dkr.ecr.eu-west-1.amazonaws.com/example-service:example-image:image-tag@sha256:sha digest: not found"],
  // AWS re:Post knowledge center: the node's subnet has no route (or security group / NACL egress) to the ECR endpoints
  ["network_unreachable", "https://www.repost.aws/de/knowledge-center/eks-ecr-troubleshooting", "Failed to pull image \"ACCOUNT.dkr.ecr.REGION.amazonaws.com/imagename:tag\": rpc error: code = Unknown desc = Error response from daemon: Get https://ACCOUNT.dkr.ecr.REGION.amazonaws.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"],
  // the post's root cause: the node group's custom IAM role lacked AmazonEC2ContainerRegistryReadOnly; the text reads as no credentials
  ["access_denied", "https://devopsboys.com/today-i-fixed/aws-ecr-image-pull-unauthorized-fix", "Failed to pull image \"123456789.dkr.ecr.us-east-1.amazonaws.com/my-app:latest\":\nrpc error: code = Unknown\ndesc = failed to pull and unpack image:\nfailed to resolve reference \"...\":\nunexpected status code 401 Unauthorized", 'ambiguous'],
  // after the Kubernetes 1.27 upgrade the in-tree ECR credential provider is gone, so the kubelet presents no ECR token
  ["auth_missing", "https://sharing-experience.com/en/knowledge-base/kubernetes/rancher/errimagepull-with-ecr-after-upgrade-to-kubernetes-1.27", "ErrImagePull (rpc error: code = Unknown desc = Error response from daemon: Head https://xxx.dkr.ecr.eu-central-1.amazonaws.com/v2/package/app/manifests/555: no basic auth credentials)"],
  // the case study: the ECR token in the pull secret expired because its refresh CronJob stopped
  ["auth_missing", "https://grokdatum.github.io/grokdevops-wiki/library/case-studies/kubernetes_ops/imagepullbackoff-registry-auth/replay", "Failed to pull image: rpc error: code = Unknown desc = Error response from daemon: pull access denied, repository does not exist or may require authentication.", 'ambiguous'],
  ["auth_missing", "https://grokdatum.github.io/grokdevops-wiki/library/case-studies/kubernetes_ops/imagepullbackoff-registry-auth/replay", "no basic auth credentials"],
  // the post: the image usually exists; its first root cause is the 12-hour ECR token having expired
  ["auth_missing", "https://linden.consulting/en/blog/ecr-image-pull-failure", "CannotPullContainerError: Error response from daemon: pull access denied for\n123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app, repository does not exist\nor may require 'docker login'", 'ambiguous'],
  // Harbor, GitLab, Artifactory and other private registries
  ["tls_error", "https://stackengine.dev/k8s-air-gapped-harbor-x509-unknown-authority", "Failed to pull image \"harbor.internal.corp/prod/app:1.4.2\": \n  rpc error: code = Unknown \n  desc = failed to pull and unpack image \"harbor.internal.corp/prod/app:1.4.2\": \n  failed to resolve reference \"harbor.internal.corp/prod/app:1.4.2\": \n  failed to do request: Head \"https://harbor.internal.corp/v2/prod/app/manifests/1.4.2\": \n  x509: certificate signed by unknown authority"],
  // the post: imagePullSecrets missing from the pod spec (or the secret absent from the namespace)
  ["auth_missing", "https://stackengine.dev/harbor-image-pull-secret-mount-spec", "Failed to pull image \"harbor.internal.corp/project/app:1.4.2\": \n  rpc error: code = Unknown desc = failed to pull and unpack image \n  \"harbor.internal.corp/project/app:1.4.2\": failed to resolve reference \n  \"harbor.internal.corp/project/app:1.4.2\": unexpected status code 401 Unauthorized"],
  // personal blog: the Harbor robot account name robot$rancher lost everything after '$' when stored, so the pull secret held a wrong username
  ["auth_missing", "https://number1.co.za/rancher-cannot-use-harbor-robot-account-imagepullbackoff-pull-access-denied/", "Error: ImagePullBackOff", 'ambiguous'],
  // a Forgejo issue (not GitHub): the pull secret names a Harbor robot account that no longer exists
  ["auth_missing", "https://forgejo.tail5b443a.ts.net/forgejo_admin/westside-ai-assistant/issues/33", "401 Unauthorized"],
  // the post: the secret was built from a docker config.json that only names a credsStore, so it carried no credentials for registry.gitlab.com
  ["auth_missing", "https://openillumi.com/en/en-k8s-imagepullbackoff-fix-credsstore-trap", "denied: access forbidden", 'ambiguous'],
  // a registry login that never succeeded (missing or dead CI credentials)
  ["auth_missing", "https://devopsaitoolkit.com/blog/gitlab-error-registry-401-unauthorized/", "Error response from daemon: Get \"https://registry.gitlab.com/v2/\": unauthorized: authentication required"],
  // the post: the manifest is missing from the Artifactory repository (replication not synchronised)
  ["tag_not_found", "https://taourl.com/read-2622318.html", "Error response from daemon: manifest for artifactory.example.com/docker-local/nginx:latest not found: manifest unknown: The named manifest is not known to the registry."],
  // personal blog: an HTTP-only registry needs a containerd hosts.toml with plain_http = true
  ["tls_error", "https://www.spiritysdx.top/20250512-containerd-http-registry/", "server gave HTTP response to HTTPS client"],
  // Docker Hub and public images
  // vendor knowledge base; the quote ends where the article cuts it
  ["rate_limited", "https://docs.cloudbees.com/docs/cloudbees-ci-kb/latest/cloudbees-ci-on-modern-cloud-platforms/docker-api-rate-limit", "toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading:"],
  ["auth_missing", "https://breakingchanges.dev/tips/k8s-imagepullbackoff-registry/", "Failed to pull image \"ghcr.io/my-org/backend-service:latest\": rpc error: code = Unknown desc = failed to pull and unpack image: failed to resolve reference \"ghcr.io/my-org/backend-service:latest\": pulling from host ghcr.io failed with status code [manifests]: 401 Unauthorized"],
  // the post gives wrong name or missing tag for this line without choosing
  ["tag_not_found", "https://kubeasy.dev/blog/kubernetes-imagepullbackoff-fix", "Failed to pull image \"myapp:v2\":\n  rpc error: code = NotFound desc = failed to pull and unpack image:\n  manifest for docker.io/library/myapp:v2 not found", 'ambiguous'],
  // an unrendered Helm template left in the image field
  ["invalid_reference", "https://kubernetesinterviewquestions.com/errors/invalidimagename", "couldn't parse image reference \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\": invalid reference format"],
  // containerd and runtimes
  // a Chinese blog post (a mirror of a Jianshu page): the node cannot reach registry.k8s.io's backend; fixed with a mirror in containerd's config
  ["network_unreachable", "http://39.103.169.235/p/7daab4e569fc", "ctr: failed to resolve reference \"registry.k8s.io/pause:3.7\": failed to do request: Head \"https://us-west2-docker.pkg.dev/v2/k8s-artifacts-prod/images/pause/manifests/3.7\": dial tcp 64.233.188.82:443: i/o timeout"],
  // the post: containerd 1.4.3 cannot unpack images built by Docker 1.10 (a layer of media type application/octet-stream is skipped); an image-format incompatibility no category covers (not 'ambiguous': no category's cause is in question; the lead dropped the marker)
  ["unknown", "https://codestudyblog.com/8ten84/80416123550.html", "FATA[0001] pulling image failed: rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/redis:2.8.23\": failed to unpack image on snapshotter overlayfs: failed to extract layer sha256:4dcab49015d47e8f300ec33400a02cebc7b54cadd09c37e49eccbc655279da90: failed to get reader from content store: content digest sha256:51f5c6a04d83efd2d45c5fd59537218924bc46705e3de6ffc8bc07b51481610b: not found"],
  // the post: a Linux/Windows image pulled on a host running the other OS's containers
  ["platform_mismatch", "https://taourl.com/read-2284136.html", "image operating system windows cannot be used on this platform"],
  // More registries and clouds (ACR firewall, ECR, Docker Hub outage, ECR throttling, runtimes)
  // company blog: pulling through an application gateway in front of ACR; the registry firewall still wants the client IP allowed
  ["firewall_denied", "https://blog.zuehlke.cloud/2023/02/problems-with-protecting-azure-container-registry/", "Error response from daemon: Head \"https://cr.zuehlke.cloud/v2/nginx/manifests/latest\": denied: client with IP '91.38.188.165' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."],
  // the post's first check: the repository name or region does not match (myapp vs my-app, eu-west-1 vs us-east-1)
  ["repo_not_found", "https://linden.consulting/en/blog/ecr-image-pull-failure", "Failed to pull image \"123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v2.1.0\":\nrpc error: code = NotFound desc = failed to pull and unpack image: failed to\nresolve reference: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-app:v2.1.0:\nnot found", 'ambiguous'],
  ["dns_failure", "https://oneuptime.com/blog/post/2026-02-20-kubernetes-debug-imagepullbackoff/view", "dial tcp: lookup registry.example.com: no such host"],
  // written during the October 2025 Docker Hub outage; the same text is what a blocked network prints
  ["registry_unavailable", "https://www.bedda.tech/blog/2025-10-20-docker-hub-outage-major-service-disruption-hits-ci-cd-pipelines-223915", "Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection", 'ambiguous'],
  // dev.to: a dev EKS cluster scaled up from zero, every node pulled at once (thundering herd against ECR)
  ["rate_limited", "https://dev.to/srinu_nuthi_5ff587c586662/qps-limit-exceeded-on-eks-start-up-the-image-pull-thundering-herd-14ge", "Failed to pull image \"xxxx.dkr.ecr.ap-south-1.amazonaws.com/my-app:latest\":\n... 429 Too Many Requests"],
  // the same herd trips the kubelet's pull QPS and ECR's request rate; the post treats both as rate limits
  ["rate_limited", "https://dev.to/srinu_nuthi_5ff587c586662/qps-limit-exceeded-on-eks-start-up-the-image-pull-thundering-herd-14ge", "Warning  Failed   kubelet  ... QPS limit exceeded / Rate exceeded"], // not ambiguous: both readings (kubelet's QPS, AWS's throttle) are a rate limit (the lead dropped the marker)
  // Chinese post-mortem: `nerdctl prune -a` deleted the node-local pause image; it exists only on the node, so the fallback pull to localhost fails (fixed by pointing sandbox_image at registry.k8s.io)
  ["never_pull", "https://juejin.cn/post/7587342120022917171", "Warning  FailedCreatePodSandBox\nFailed to create pod sandbox:\nfailed to get sandbox image \"localhost/kubernetes/pause\"\nfailed to pull image \"localhost/kubernetes/pause:latest\"\ndial tcp 127.0.0.1:443: connect: connection refused", 'ambiguous', 'a local-only sandbox image (localhost/) that was never loaded, pulled from a registry on 127.0.0.1:443 that refuses the connection: the text reads an unreachable registry (as batch 14b\'s amazon-eks-ami#2729 row, a known miss too)'],
  // a book chapter on a GitHub Pages site: an amd64-only image scheduled onto a Graviton (arm64) node
  ["platform_mismatch", "https://abd-ulbasit.github.io/bookstore-kubernetes-guide/14-eks-in-production-a-to-z/09-arm-graviton-on-eks/", "ImagePullBackOff: no matching manifest for linux/arm64/v8"],
  // the post: the tag does not exist in that registry
  ["tag_not_found", "https://www.k8s-flashcards.com/blog/imagepullbackoff-when-kubernetes-cannot-pull-your-image", "rpc error: code = NotFound desc = manifest unknown: v2.1"],
  // Chinese blog: a tag that does not exist (v99)
  ["tag_not_found", "https://duoke360.com/post/29850", "Failed to pull image \"nginx:v99\": rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:v99 not found"],
  // the post reads 'pull access denied' as an authentication issue; the text alone could also be a missing repository
  ["auth_missing", "https://www.fixwikihub.com/articles/fix-kubernetes-pod-imagepullbackoff", "Failed to pull image \"myregistry.io/my-app:v1\": rpc error: code = Unknown desc = Error response from daemon: pull access denied", 'ambiguous'],
  // the page: manifest unknown means a bad name or tag, without choosing
  ["tag_not_found", "https://infraveil.com/guides/fix-imagepullbackoff-kubernetes", "Failed to pull image \"myrepo/web:v2\":\n  rpc error: code = NotFound desc = ... manifest unknown", 'ambiguous'],
  // Chinese personal blog: after a migration Harbor's EXT_ENDPOINT still advertised the old internal IP as the token realm; fixed in Harbor's config
  ["network_unreachable", "https://blog.22xcode.com/post/213", "start failed in pod xxx-shop-5b98fd55d8-xxx(xxx): ErrImagePull: rpc error: code = Unknown desc = failed to pull and unpack image \"xxx.harbor/xxx-dev/xxx-pro@sha256:xxx\": failed to resolve reference \"xxx.harbor/xxx-dev/xxx-pro@sha256:xxx\": failed to authorize: failed to fetch oauth token: Post \"https://172.21.0.8/service/token\": dial tcp 172.21.0.8:443: connect: no route to host"],
  // company blog: Docker Hub's anonymous pull limit shared by one public IP; fixed with a Harbor proxy cache
  ["rate_limited", "https://blog.smile.eu/en/devops/how-configure-docker-hub-proxy-harbor", "ERROR: toomanyrequests: Too Many Requests."],
  // Chinese cloud-vendor blog: the node did not finish the download within the pull deadline (slow route to the registry, large image)
  ["timeout_or_size", "https://www.a9vps.com/news/k8s-server-3-5715", "Failed to pull image: rpc error: code = DeadlineExceeded desc = context deadline exceeded"],
  // Kubernetes Discourse (the MicroK8s team's post): MicroK8s pulls its system images from Docker Hub and hits the anonymous limit
  ["rate_limited", "https://discuss.kubernetes.io/t/dockerhub-download-rate-limits/18729", "Warning Failed 19m (x2 over 19m) kubelet Failed to pull image \"docker.io/calico/cni:v3.19.1\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/calico/cni:v3.19.1\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/calico/cni/manifests/sha256:f301171be0add870152483fcce71b28cafb8e910f61ff003032e9b1053b062c4: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"],
];

export const FRESH_FIFTEENTH_A: readonly CorpusEntry[] = corpusEntries(ROWS);
