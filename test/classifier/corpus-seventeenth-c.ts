import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 17c: real pull errors from GitHub issue and pull-request threads about the other clouds' Kubernetes and
 * container services, collected on 2026-12-08 by a helper that never read the rules (lib/classify) nor the
 * classifier's tests and never ran the classifier.
 * Found with the `search` tool (issues corpus; one look at the code corpus for troubleshooting docs gave no verbatim
 * messages) using neutral queries: a product or project name (Amazon EKS AMI, VPC CNI, Karpenter, EKS Anywhere,
 * Fargate, ECS agent, App Runner, ECR / ECR Public, GKE, Cloud Run, Container / Artifact Registry, Oracle OKE / OCR,
 * DigitalOcean, IBM Cloud Kubernetes Service, Alibaba ACK / ACR, Linode, Scaleway, OVHcloud, Hetzner / kube-hetzner,
 * Civo, Bottlerocket, SOCI) with "Failed to pull image", ErrImagePull, ImagePullBackOff, CannotPullContainerError,
 * "failed to pull and unpack image", "image pull failed", or with a setting (private cluster, corporate proxy, large
 * image, registry mirror, outage); then follow-up queries on a thread's own title to read its resolution.
 * Most rows come from the providers' own repositories (awslabs/amazon-eks-ami, aws/amazon-vpc-cni-k8s,
 * aws/amazon-ecs-agent, aws/containers-roadmap, aws/apprunner-roadmap, GoogleCloudPlatform/community, oracle/*,
 * AliyunContainerService/*, hetznercloud/*, kube-hetzner, ovh/*); some come from a neighbouring repository where a
 * user reported a pull failing on one of these platforms (Rancher or kubernetes/kubernetes on IKS and GKE, coder on
 * private GKE, the kuard book image on GCR, Lambda base images and CDK constructs on ECR Public, CircleCI and
 * Shippable samples, the ECS deploy action and CDK on ECS). DigitalOcean, Linode, Scaleway and Civo threads gave no
 * quotable message with a cause.
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` / `${GH}/owner/repo/issues/n` forms); cited threads
 * were skipped, and so was a thread later transferred to a cited one (its message was already in the corpus). No
 * message here repeats a message of the corpus. At most two messages per thread and six per project.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the
 * cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the threads print them (event-table
 * spacing, line breaks and box-drawing borders inside a paste, the reporter's redactions, elisions and cut-off
 * endings, terminal escape debris); leading indentation was sometimes dropped. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // Amazon EKS AMI and VPC CNI
  // the node's pause image had been removed (garbage-collected) and containerd has no way to get ECR credentials for the sandbox image; the maintainer points to the sandbox-image service that pulls it with credentials
  ['auth_missing', 'https://github.com/awslabs/amazon-eks-ami/issues/1425', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "900889452093.dkr.ecr.ap-south-2.amazonaws.com/eks/pause:3.5": failed to pull image "900889452093.dkr.ecr.ap-south-2.amazonaws.com/eks/pause:3.5": failed to pull and unpack image "900889452093.dkr.ecr.ap-south-2.amazonaws.com/eks/pause:3.5": failed to resolve reference "900889452093.dkr.ecr.ap-south-2.amazonaws.com/eks/pause:3.5": pulling from host 900889452093.dkr.ecr.ap-south-2.amazonaws.com failed with status code [manifests 3.5]: 401 Unauthorized'],
  // same failure on 1.29: kubelet garbage-collected the pause image and containerd re-pulled it from ECR without credentials (fixed by pinning the image, amazon-eks-ami#1605)
  ['auth_missing', 'https://github.com/awslabs/amazon-eks-ami/issues/1597', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "602401143452.dkr.ecr.eu-west-2.amazonaws.com/eks/pause:3.5": failed to pull image "602401143452.dkr.ecr.eu-west-2.amazonaws.com/eks/pause:3.5": failed to pull and unpack image "602401143452.dkr.ecr.eu-west-2.amazonaws.com/eks/pause:3.5": failed to resolve reference "602401143452.dkr.ecr.eu-west-2.amazonaws.com/eks/pause:3.5": unexpected status from HEAD request to https://602401143452.dkr.ecr.eu-west-2.amazonaws.com/v2/eks/pause/manifests/3.5: 401 Unauthorized'],
  // the pause image was missing from the node (garbage-collected) and containerd pulled it from ECR without credentials
  ['auth_missing', 'https://github.com/awslabs/amazon-eks-ami/issues/2166', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5": failed to pull image "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5": failed to pull and unpack image "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5": failed to resolve reference "602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/pause:3.5": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials'],
  // a self-managed cluster on EC2 pulling the EKS-owned ECR image with crictl and no ECR credentials
  ['auth_missing', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/2127', 'E1102 16:44:41.887389  742460 remote_image.go:242] "PullImage from image service failed" err="rpc error: code = Unknown desc = failed to pull and unpack image \\"602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.11.4\\": failed to resolve reference \\"602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.11.4\\": pulling from host 602401143452.dkr.ecr.us-west-2.amazonaws.com failed with status code [manifests v1.11.4]: 401 Unauthorized" image="602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.11.4"'],
  // a kops (non-EKS) node pulled the CNI image from ECR without an ECR login
  ['auth_missing', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/924', 'Error response from daemon: Get https://602401143452.dkr.ecr.us-west-2.amazonaws.com/v2/amazon-k8s-cni/manifests/v1.6.1-rc1: no basic auth credentials'],
  // resolved by the reporter: the worker nodes' IAM role was missing the ECR permission
  ['access_denied', 'https://github.com/aws/amazon-vpc-cni-k8s/issues/529', 'Failed create pod sandbox: rpc error: code = Unknown desc = Error response from daemon: Get https://602401143452.dkr.ecr.ap-southeast-1.amazonaws.com/v2/eks/pause-amd64/manifests/3.1: no basic auth credentials', 'ambiguous'],
  // EKS nodes pulling docker.io/library/kong anonymously hit Docker Hub's pull limit
  ['rate_limited', 'https://github.com/kubernetes-retired/dashboard/issues/9434', 'Failed to pull image "kong:3.6": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/kong:3.6": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/kong/manifests/sha256:611e2c550ad4e97c14c3ff781cb69aff95d89673ccf6b9b3c8b2ca5eafca3f38: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // the sandbox-image service fetches an ECR token with the AWS CLI before pulling the pause image; on the failing nodes the CLI found no credentials, so the pause image could not be pulled with any
  ['auth_missing', 'https://github.com/awslabs/amazon-eks-ami/issues/1034', 'Sep 22 12:17:04 ip-10-50-85-81.eu-west-1.compute.internal pull-sandbox-image.sh[3906]: Unable to locate credentials. You can configure credentials by running "aws configure".'],
  // Hetzner Cloud (kube-hetzner, hcloud csi-driver)
  // only one node of the Hetzner cluster got 403 from registry.k8s.io while the others pulled the same image: the refusal follows that node's public IP (hetznercloud/csi-driver#592: some Hetzner IPs are blocked by registry.k8s.io), not credentials
  ['firewall_denied', 'https://github.com/mysticaltech/terraform-hcloud-kube-hetzner/issues/1008', 'Warning  Failed     12m                   kubelet            Failed to pull image "registry.k8s.io/sig-storage/livenessprobe:v2.9.0": rpc error: code = Unknown desc = failed to pull and unpack image "registry.k8s.io/sig-storage/livenessprobe:v2.9.0": failed to resolve reference "registry.k8s.io/sig-storage/livenessprobe:v2.9.0": unexpected status from HEAD request to https://registry.k8s.io/v2/sig-storage/livenessprobe/manifests/v2.9.0: 403 Forbidden', 'ambiguous'],
  ['dns_failure', 'https://github.com/mysticaltech/terraform-hcloud-kube-hetzner/issues/1794', 'Failed to pull image "quay.io/argoproj/argocd:v3.0.6": failed to pull and unpack image "quay.io/argoproj/argocd:v3.0.6": failed to resolve reference "quay.io/argoproj/argocd:v3.0.6": failed to do request: Head "https://quay.io/v2/argoproj/argocd/manifests/v3.0.6": dial tcp: lookup quay.io: Try again'],
  // quay.io answered 502 to the node; the registry side failed
  ['registry_unavailable', 'https://github.com/hetznercloud/csi-driver/issues/194', 'Failed to pull image "quay.io/k8scsi/livenessprobe:v1.1.0": rpc error: code = Unknown desc = Error response from daemon: received unexpected HTTP status: 502 Bad Gateway'],
  // some Hetzner IP addresses are blocked by registry.k8s.io (the issue title: "403, blacklisted ip"); the pasted k9s view wraps the line inside box-drawing borders
  ['firewall_denied', 'https://github.com/hetznercloud/csi-driver/issues/592', 'Failed to pull image "registry.k8s.io/sig-storage/livenessprobe:v2.9.0": failed to pull and unpack image "registry.k8s.io/s │\n│ ig-storage/livenessprobe:v2.9.0": failed to resolve reference "registry.k8s.io/sig-storage/livenessprobe:v2.9.0": unexpected status from HEAD request to https://registry.k8s.io/v2/s │\n│ ig-storage/livenessprobe/manifests/v2.9.0: 403 Forbidden', 'ambiguous'],
  // Alibaba Cloud (AliyunContainerService)
  ['dns_failure', 'https://github.com/AliyunContainerService/ackdistro/issues/230', '2024-09-18 17:19:45 [ERROR] [root.go:75] sealer-0.9.4-beta2: initializing source docker://ack-agility-registry.cn-shanghai.cr.aliyuncs.com/ecp_builder/ackdistro:v1-22-15-ack-13: pinging container registry ack-agility-registry.cn-shanghai.cr.aliyuncs.com: Get "https://ack-agility-registry.cn-shanghai.cr.aliyuncs.com/v2/": dial tcp: lookup ack-agility-registry.cn-shanghai.cr.aliyuncs.com on 100.125.1.250:53: no such host'],
  // the README named a repository under the maintainer's personal namespace (ringtail/alibaba-cloud-metrics-adapter); the fix points to acs/alibaba-cloud-metrics-adapter-amd64, a different repository
  ['repo_not_found', 'https://github.com/AliyunContainerService/alibaba-cloud-metrics-adapter/issues/10', 'Error response from daemon: manifest for registry.cn-beijing.aliyuncs.com/ringtail/alibaba-cloud-metrics-adapter:v0.1.0-alpha-6431602a-aliyun not found: manifest unknown: manifest unknown', 'ambiguous'],
  // the manifest used the registry-vpc endpoint, reachable only from inside Alibaba Cloud VPCs; the public endpoint worked (the maintainer called it a bug)
  ['network_unreachable', 'https://github.com/AliyunContainerService/gpushare-scheduler-extender/issues/15', '^[[OError response from daemon: Get https://registry-vpc.cn-shanghai.aliyuncs.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // the node could not reach Alibaba's registry auth endpoint; the maintainer's advice was to copy the image to a reachable registry
  ['network_unreachable', 'https://github.com/alibaba/kt-connect/issues/174', 'Warning  Failed   54m (x378 over 2d3h)      kubelet, liyan-node1  Failed to pull image "registry.cn-hangzhou.aliyuncs.com/rdc-incubator/kt-connect-shadow:0.0.13-rc11": rpc error: code = Unknown desc = Error response from daemon: Get https://registry.cn-hangzhou.aliyuncs.com/v2/rdc-incubator/kt-connect-shadow/manifests/0.0.13-rc11: Get https://dockerauth.cn-hangzhou.aliyuncs.com/auth?scope=repository%3Ardc-incubator%2Fkt-connect-shadow%3Apull&service=registry.aliyuncs.com%3Acn-hangzhou%3A26842: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // IBM Cloud Kubernetes Service
  // an IKS cluster importing into Rancher: the VPC workers could not reach Docker Hub at all (the dial timed out)
  ['network_unreachable', 'https://github.com/rancher/rancher/issues/48084', 'Failed to pull image "rancher/rancher-agent:v2.9.2": rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "docker.io/rancher/rancher-agent:v2.9.2": failed to resolve reference "docker.io/rancher/rancher-agent:v2.9.2": failed to do request: Head "https://registry-1.docker.io/v2/rancher/rancher-agent/manifests/v2.9.2": dial tcp 54.227.20.253:443: i/o timeout'],
  // Amazon ECS / Fargate
  // the reporter attributed the 403 to the ECR pull permissions ('likely due to IAM permissions being incorrectly set')
  ['access_denied', 'https://github.com/aws/aws-cdk/issues/14457', 'CannotPullContainerError: inspect image has been retried 1 time(s): failed to resolve ref "xxxxx.xxx": unexpected status code [manifests 6981141]: 403 Forbidden', 'ambiguous'],
  // Fargate task without a route to the internet: the maintainer says this error is commonly the lack of internet access from the task's network interface
  ['network_unreachable', 'https://github.com/aws/amazon-ecs-agent/issues/1128', 'CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // the subnet's route table was wrong (no route out to the internet for the task)
  ['network_unreachable', 'https://github.com/aws/amazon-ecs-agent/issues/1266', 'CannotPullContainerError: API error (500): Get https://xxx.dkr.ecr.us-east-1.amazonaws.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // the task definition named nginx:<sha> without the ECR registry host, so the pull went to Docker Hub's nginx repository instead of the account's ECR repository
  ['repo_not_found', 'https://github.com/CircleCI-Public/circleci-demo-aws-ecs-ecr/issues/4', 'CannotPullContainerError: Error response from daemon: manifest for nginx:0f6b3cdf5e24f0da3dd932acd84fd90e9786a522 not found', 'ambiguous'],
  ['repo_not_found', 'https://github.com/Shippable/support/issues/4234', '2018-04-01T16:21:13Z [ERROR] Managed task [arn:aws:ecs:us-east-1:066245240757:task/436501b9-5759-46e4-ada1-192f08892cc6]: Error while pulling container deploy-ecs-basic-image, will try to run anyway: API error (404): repository 066245240757.dkr.ecr.us-east-1.amazonaws.com/deploy-ecs-basic not found'],
  // a Fargate task in private subnets could not reach the ECR API to fetch registry auth; fixed by adding the VPC endpoints (the reporter's paste ends in an ellipsis)
  ['network_unreachable', 'https://github.com/aws-samples/aws-fargate-pipeline-lambda-autoscaling/issues/3', 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): RequestError: send request failed caused by: Post https://api.ecr....'],
  // the ECS agent loads its pause image at start-up and never pulls it; the image was missing from the instance (the maintainer: the agent could not find amazon/amazon-ecs-pause:0.1.0 on the instance), so the task failed without a pull
  ['never_pull', 'https://github.com/aws/amazon-ecs-agent/issues/2193', '2019-09-30T18:38:10Z [WARN] Managed task [arn:aws:ecs:us-east-1:XXXXXXXXX:task/Test-Cluster/f44057cc15a7492c8fd2c011fb8c6908]: error creating container [~internal~ecs~pause]; marking its desired status as STOPPED: Error: No such image: amazon/amazon-ecs-pause:0.1.0', 'ambiguous'],
  // images of 20-500 GB; the reporter found the layers were written to the 8 GB root filesystem, which filled (the reporter elided part of the line with ...)
  ['disk_pressure', 'https://github.com/aws/amazon-ecs-agent/issues/716', '2017-02-24T09:29:45Z [INFO] Error while pulling container; will try to run anyways module="TaskEngine" ... err="write /var/lib/docker/tmp/GetImageBlob***: no space left on device"'],
  // a burst of task launches hit ECR's API rate limit (the line is cut where the paste breaks)
  ['rate_limited', 'https://github.com/aws/amazon-ecs-agent/issues/498', '2016-08-23T16:00:05Z [INFO] Error while pulling container; will try to run anyways module="TaskEngine" task="<taskname>:27 arn:aws:ecs:us-east-1:<account>:task/b1edeeba-b2dc-4d89-94b4-705e41750d3b, Status: (NONE->RUNNING) Containers: [<taskname> (PULLED->RUNNING),]" err="ThrottlingException: Rate exceeded'],
  // AWS Batch on ECS: 40 concurrent 1-2 GB image pulls saturated the root EBS volume, dockerd hung and the container could not be created in time
  ['timeout_or_size', 'https://github.com/aws/containers-roadmap/issues/2424', 'Task failed to start - DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s', 'ambiguous'],
  // the reporter: hub.docker.com was down at the time; it worked again later
  ['registry_unavailable', 'https://github.com/aws/amazon-ecs-agent/issues/719', 'CannotPullContainerError: Could not reach any registry endpoint', 'ambiguous'],
  // the task definition's image held only a digest (sha256:...) after the deploy action rewrote it, so ECS read it as the repository library/sha256 on Docker Hub; the thread was not resolved further
  // Lead, after first sight: Docker Hub's library/sha256:<hex> is a bare digest given as the name, which the text shows (not ambiguous)
  ['invalid_reference', 'https://github.com/aws-actions/amazon-ecs-deploy-task-definition/issues/584', 'CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/library/sha256:8795397484604bc67cfcda4f4245dd248b172df523ce9778209e735ffe370426: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
  // ECS refused to register the task definition because the image value was not a valid reference
  ['invalid_reference', 'https://github.com/aws-actions/amazon-ecs-deploy-task-definition/issues/584', 'Error: Failed to register task definition in ECS: Container.image repository contains invalid characters.\nError: Container.image repository contains invalid characters.'],
  // a CDK bug built the image URI from only the first segment of the ECR repository name myecr/nginxlight (fixed in aws-cdk#1232)
  ['repo_not_found', 'https://github.com/aws/aws-cdk/issues/1272', 'Status reason | CannotPullContainerError: API error (404): pull access denied for 347883428170.dkr.ecr.us-east-1.amazonaws.com/myecr, repository does not exist or may require \'docker login\'', 'ambiguous'],
  // AWS App Runner and ECR Public
  // a commenter found the cause: the ECR repository held only an arm64 image and App Runner runs amd64 only
  ['platform_mismatch', 'https://github.com/aws/apprunner-roadmap/issues/46', 'Deployment with ID : (REDACTED) failed. Failure reason : Failed to copy the image from ECR', 'ambiguous', 'App Runner says only that the copy failed; the arm64-only image is the thread\'s finding'],
  // the alpine tag was missing from the ECR Public gallery (the reporter checked the gallery and switched tags)
  ['tag_not_found', 'https://github.com/neilkuan/cdk-gitlab-runner/issues/1224', 'Unable to find image \'public.ecr.aws/gitlab/gitlab-runner:alpine\' locally\ndocker: Error response from daemon: manifest for public.ecr.aws/gitlab/gitlab-runner:alpine not found: manifest unknown: Requested image not found.'],
  // the Docker credential store held a conflicting/stale login for public.ecr.aws; signing out and logging in again fixed the pull
  ['auth_missing', 'https://github.com/aws/aws-lambda-base-images/issues/88', 'ERROR: failed to solve: public.ecr.aws/lambda/python:3.9: pulling from host public.ecr.aws failed with status code [manifests 3.9]: 403 Forbidden', 'ambiguous'],
  // an earlier ECR Public login had expired; `docker logout public.ecr.aws` fixed it
  ['auth_missing', 'https://github.com/shelfio/libreoffice-lambda-base-image/issues/25', 'ERROR: failed to solve: public.ecr.aws/shelf/lambda-libreoffice-base:7.4-node16-x86_64: unexpected status from HEAD request to https://public.ecr.aws/v2/shelf/lambda-libreoffice-base/manifests/7.4-node16-x86_64: 403 Forbidden', 'ambiguous'],
  // stale (expired) ECR Public credentials in the terminal; `docker logout public.ecr.aws` fixed it (the pasted message stops before the status code)
  ['auth_missing', 'https://github.com/awslabs/generative-ai-cdk-constructs/issues/331', 'ERROR: failed to solve: public.ecr.aws/lambda/python:3.11.2023.11.13.10-x86_64: unexpected status from HEAD request to https://public.ecr.aws/v2/lambda/python/manifests/3.11.2023.11.13.10-x86_64', 'ambiguous', 'the paste stops before the status; the expired public.ecr.aws token is the thread\'s finding'],
  // Google Kubernetes Engine / Container Registry / Artifact Registry
  // the workshop's GCR project had been deleted by its owner ("I accidentally delete the image")
  ['repo_not_found', 'https://github.com/rafik8/istio-workshop-labs/issues/1', 'Failed to pull image "gcr.io/srecon19-workshop-250603/frontend:v0.1.3": rpc error: code = Unknown desc = Error response from daemon: Get https://gcr.io/v2/srecon19-workshop-250603/frontend/manifests/v0.1.3: unknown: Project \'project:srecon19-workshop-250603\' not found or deleted.'],
  // GKE nodes are amd64 and the image had been built on an arm64 workstation without --platform
  ['platform_mismatch', 'https://github.com/agent-substrate/substrate/pull/543', 'no match for platform in manifest: not found'],
  // private GKE cluster; the suggested cause was egress to ghcr.io being blocked, and the maintainer closed it as an infrastructure issue; the back-off line itself names no cause
  ['network_unreachable', 'https://github.com/coder/coder/issues/11527', 'Back-off pulling image "ghcr.io/coder/coder:v2.6.0"', 'ambiguous'],
  // typo in the GCR project: the book's image lives in the kuar-demo project, not kuard-demo
  ['repo_not_found', 'https://github.com/kubernetes-up-and-running/kuard/issues/39', 'Unable to find image \'gcr.io/kuard-demo/kuard-amd64:blue\' locally\ndocker: Error response from daemon: Head https://gcr.io/v2/kuard-demo/kuard-amd64/manifests/blue: unknown: Project \'project:kuard-demo\' not found or deleted.'],
  // typo in the image name (kuard-am64 for kuard-amd64): GCR answers a missing repository with manifest unknown
  ['repo_not_found', 'https://github.com/kubernetes-up-and-running/kuard/issues/39', 'Failed to pull image "gcr.io/kuar-demo/kuard-am64:blue": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/kuar-demo/kuard-am64:blue not found: manifest unknown: Failed to fetch "blue" from request "/v2/kuar-demo/kuard-am64/manifests/blue".', 'ambiguous'],
  // private GKE cluster whose egress goes through a squid proxy configured only for Docker; the kubelet's runtime pulled directly and the dial timed out (the proxy logged nothing)
  ['network_unreachable', 'https://github.com/kubernetes/kubernetes/issues/102505', 'Failed to pull image "<IMAGE>": rpc error: code = Unknown desc = failed to pull and unpack image "<IMAGE>": failed to resolve reference "<IMAGE>": failed to do request: Head https://<REPO>/v2/<IMAGE>/manifests/<TAG>: dial tcp <IP>: i/o timeout'],
  // gcr.io itself was failing (the issue: "Docker registry at gcr.io down"); the same session got EOF and Service Unavailable
  ['registry_unavailable', 'https://github.com/GoogleCloudPlatform/community/issues/1977', 'Error response from daemon: Head "https://gcr.io/v2/paketo-buildpacks/dotnet-core/manifests/0.8.1": Get "https://gcr.io/v2/token?scope=repository%3Apaketo-buildpacks%2Fdotnet-core%3Apull&service=gcr.io": Service Unavailable'],
  // same gcr.io outage as the row above
  ['registry_unavailable', 'https://github.com/GoogleCloudPlatform/community/issues/1977', 'Error response from daemon: Get "https://gcr.io/v2/": EOF', 'ambiguous'],
  // OVHcloud
  // the image named in the OVHcloud CLI docs had never been published on Docker Hub (the ovhcom organisation does not list it)
  ['repo_not_found', 'https://github.com/ovh/ovhcloud-cli/issues/81', 'pull access denied for ovhcom/ovhcloud-cli, repository does not exist or may require \'docker login\'', 'ambiguous'],
  // Kubernetes on AWS (quick starts)
  // nodes of the Heptio AWS quick-start cluster had no ECR credentials (docker pull worked only after an ECR login)
  ['auth_missing', 'https://github.com/heptio/aws-quickstart/issues/213', 'Failed to pull image "00000000000.dkr.ecr.us-west-1.amazonaws.com/project:tag": rpc error: code = Unknown desc = unauthorized: authentication required'],
  // Oracle (OCR, WebLogic operator)
  // the :latest tag had not been published to the Oracle Container Registry yet; tag 0.2 pulled
  ['tag_not_found', 'https://github.com/oracle/weblogic-kubernetes-operator/issues/279', 'Error response from daemon: manifest for container-registry-phx.oracle.com/middleware/weblogic-kubernetes-operator:latest not found'],
  // logged in to the Oracle Container Registry, but its licence had to be accepted on the website for each image before the account may pull it
  ['access_denied', 'https://github.com/oracle/docker-images/issues/1497', 'Error response from daemon: pull access denied for container-registry.oracle.com/middleware/weblogic, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // wrong path: the image lives under container-registry.oracle.com/middleware/, and the reporter had already accepted its licence
  ['repo_not_found', 'https://github.com/oracle/docker-images/issues/1321', 'pull access denied for container-registry.oracle.com/fmw-infrastructure, repository does not exist or may require \'docker login\'', 'ambiguous'],
];

export const FRESH_SEVENTEENTH_C: readonly CorpusEntry[] = corpusEntries(ROWS);
