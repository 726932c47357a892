import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 17a: real pull errors from Windows-container settings (Windows hosts, Windows nodes on AKS / EKS / RKE2 /
 * Rancher / kubeadm, Docker Desktop in Windows- or Linux-containers mode, Windows CI runners, mcr.microsoft.com base
 * images), collected on 2026-12-08 by a helper that never read the rules (lib/classify) nor the classifier's tests and
 * never ran the classifier.
 * Found with the `search` tool (issues corpus) using neutral queries: a product or image name (Windows containers,
 * servercore / nanoserver, hcsshim, sig-windows-tools kube-proxy, windows-testing e2e images, EKS / GKE / AKS Windows
 * nodes, Rancher / RKE2 Windows workers, dotnet-docker, PowerShell-Docker, GitHub Actions Windows runners, MCR) with
 * "Failed to pull image", ErrImagePull, ImagePullBackOff, "Error response from daemon", "failed to pull and unpack
 * image", "manifest unknown", "pull access denied", or with a setting (air-gapped, proxy, private registry, firewall,
 * rate limit, disk space, large image, host OS version); then follow-up queries on a thread's own title to read its
 * resolution. Sources: microsoft/Windows-Containers, MicrosoftDocs/Virtualization-Documentation, kubernetes-sigs/
 * sig-windows-tools, docker/for-win (2020+), dotnet/dotnet-docker, microsoft/dotnet-framework-docker,
 * PowerShell/PowerShell-Docker, actions/runner-images, rancher/rancher and rancher/rke2 Windows issues,
 * microsoft/containerregistry and neighbouring threads where a Windows host or node hit the error; two rows come from
 * the `search` tool's pages corpus (a notes page and a blog post on Windows base images).
 * Every thread was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs, in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms and as `${GH}/owner/repo/issues/n`); cited threads
 * were skipped, as were messages whose text already appears in the corpus. At most two messages per thread and six per
 * project. Rows whose only text was a screenshot, or a pre-signed storage URL carrying a signature, were left out.
 * Label = the cause the thread establishes (resolution, maintainer answer or fix that worked); where it leaves the
 * cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the threads print them (event-table
 * spacing, line breaks inside a paste, the reporter's redactions and typos); leading indentation was sometimes dropped.
 * No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */

type Row = CorpusRow;

const ROWS: Row[] = [
  // sig-windows-tools: the kube-proxy image for that Kubernetes version had never been published for Windows
  ['tag_not_found', 'https://github.com/kubernetes-sigs/sig-windows-tools/issues/95', 'Error response from daemon: manifest for sigwindowstools/kube-proxy:v1.16.11 not found: manifest unknown: manifest unknown'],
  // Rancher / RKE2 with Windows workers: the rke2-upgrade image has no Windows variant (the reporter's paste ends at "not")
  ['platform_mismatch', 'https://github.com/rancher/rancher/issues/34431', 'Failed to pull image "rancher/rke2-upgrade:v1.21.3-rke2r2": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/rancher/rke2-upgrade:v1.21.3-rke2r2": no match for platform in manifest: not'],
  // the same upgrade job scheduled on the Windows node; the image has no Windows variant
  ['platform_mismatch', 'https://github.com/rancher/rke2/issues/2998', 'Back-off pulling image "rancher/rke2-upgrade:v1.22.9-rke2r2"', 'ambiguous', 'a back-off line names no cause; the missing Windows/arm variant is the thread\'s finding'],
  // air-gapped Rancher: the Windows node looked for the pause image on Docker Hub instead of the private registry and had no way out
  ['network_unreachable', 'https://github.com/rancher/rancher/issues/23000', 'Failed create pod sandbox: rpc error: code = Unknown desc = \nfailed pulling image "rancher/kubelet-pause:v0.1.3": \nError response from daemon: Get https://registry-1.docker.io/v2/: net/http: \nrequest canceled while waiting for connection \n(Client.Timeout exceeded while awaiting headers)'],
  // air-gapped: the Windows base layers are non-distributable, so containerd fetched them from mcr.microsoft.com, which the node could not reach
  ['network_unreachable', 'https://github.com/containerd/containerd/issues/7676', '"PullImage from image service failed" err="rpc error: code = Unknown desc = failed to pull and unpack image \\"<private_registry>/rancher/wins:v0.4.11\\": failed to copy: httpReadSeeker: failed open: failed to do request: Get \\"https://mcr.microsoft.com/v2/windows/servercore/blobs/sha256:4486102fd3820ed9527fa3e7bfefa8305c2f054e65b46dffe9675755e3d8f288\\": dial tcp 204.79.197.219:443: connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond." image="<private_registry>/rancher/wins:v0.4.11"'],
  // the image was missing from the air-gap image list, so the private registry never received it (added in the next release candidate)
  ['tag_not_found', 'https://github.com/rancher/rancher/issues/32402', 'ImagePullBackOff: Back-off pulling image "<private_registry_url>/rancher/wins:v0.1.0"', 'ambiguous'],
  // Windows base images on Docker Hub and MCR
  ['tag_not_found', 'https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/1236', 'Error response from daemon: manifest for microsoft/windowsservercore:latest not found'],
  // 1809 was only published on mcr.microsoft.com, never under the Docker Hub name
  ['tag_not_found', 'https://github.com/docker/hub-feedback/issues/1886', 'Error response from daemon: manifest for microsoft/windowsservercore:1809 not found: manifest unknown: manifest unknown'],
  // .NET Core 3.1 images have no Windows Server 2016 (10.0.14393) variant
  ['platform_mismatch', 'https://github.com/dotnet/dotnet-docker/issues/2101', 'no matching manifest for windows/amd64 10.0.14393 in the manifest list entries'],
  // Docker Desktop was in Linux-containers mode; the .NET Framework images are Windows-only
  ['platform_mismatch', 'https://github.com/microsoft/dotnet-framework-docker/issues/282', '3.5: Pulling from dotnet/framework/sdk\nno matching manifest for unknown in the manifest list entries'],
  // Windows images pulled by a Linux engine (the stargz snapshotter path in the second message)
  ['platform_mismatch', 'https://github.com/microsoft/Windows-Containers/issues/452', 'Error response from daemon: no match for platform in manifest: not found'],
  ['platform_mismatch', 'https://github.com/microsoft/Windows-Containers/issues/452', 'failed to extract layer sha256:8a9ba5eb77c62b5f5d4990c8994147489654ef89f61a96fac2e2befd229d78e3: link /var/lib/containerd-stargz-grpc/snapshotter/snapshots/1539/fs/Files/Program Files/Common Files/Microsoft Shared/Ink/en-US/micaut.dll.mui /var/lib/containerd-stargz-grpc/snapshotter/snapshots/1539/fs/Files/Program Files (x86)/Common Files/Microsoft Shared/ink/en-US/micaut.dll.mui: no such file or directory: unknown'],
  // a Docker Hub outage that morning; the same pull worked the next day
  ['registry_unavailable', 'https://github.com/microsoft/iis-docker/issues/29', 'Error response from daemon: manifest for microsoft/iis:nanoserver not found', 'ambiguous'],
  // Windows Server 2022 images on a Windows 10 21H1 (19043) host
  ['platform_mismatch', 'https://github.com/microsoft/Windows-Containers/issues/155', 'lts-nanoserver-ltsc2022: Pulling from powershell\na Windows version 10.0.20348-based image is incompatible with a 10.0.19043 host'],
  // an ltsc2022 image on Windows Server 2019 nodes
  ['platform_mismatch', 'https://github.com/microsoft/Windows-Containers/issues/223', 'Warning Failed 11s kubelet Failed to pull image "mcr.microsoft.com/windows/servercore:ltsc2022": rpc error: code = NotFound desc = failed to pull and unpack image "mcr.microsoft.com/windows/servercore:ltsc2022": no match for platform in manifest: not found'],
  ['platform_mismatch', 'https://github.com/PowerShell/PowerShell-Docker/issues/645', 'docker: a Windows version 10.0.20348-based image is incompatible with a 10.0.19043 host.'],
  // a Windows image pulled in a Bitbucket pipeline, whose runner is Linux
  ['platform_mismatch', 'https://github.com/containerd/containerd/issues/6989', 'rpc error: code = NotFound desc = failed to pull and unpack image "mcr.microsoft.com/windows/servercore:ltsc2019": no match for platform in manifest: not found'],
  // Windows e2e images had gone from the k8sprow registry; the fix moved to registry.k8s.io
  ['tag_not_found', 'https://github.com/kubernetes-sigs/cluster-api-provider-azure/pull/3262', 'Error response from daemon: manifest for k8sprow.azurecr.io/kubernetes-e2e-test-images/httpd:2.4.39-alpine not found: manifest unknown: manifest tagged by "2.4.39-alpine" is not found'],
  // Docker Desktop in Windows-containers mode pulling a Linux image (mssql/server)
  ['platform_mismatch', 'https://github.com/docker/for-win/issues/13921', 'docker: image operating system "linux" cannot be used on this platform: operating system is not supported.'],
  // the configured proxy host name does not resolve (the issue title is the message)
  ['dns_failure', 'https://github.com/dotnet/core/issues/4326', 'Get https://mcr.microsoft.com/v2/: proxyconnect tcp: dial tcp: lookup kinpunp3proxy on 192.168.65.1:53: no such host'],
  // connections to mcr.microsoft.com timing out from Windows hosts and pipelines; the thread leaves the cause open
  ['network_unreachable', 'https://github.com/microsoft/containerregistry/issues/139', 'Error response from daemon: Get "https://mcr.microsoft.com/v2/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'ambiguous'],
  ['network_unreachable', 'https://github.com/microsoft/containerregistry/issues/139', 'Step 1/4 : FROM mcr.microsoft.com/dotnet/aspnet:6.0\nHead "https://mcr.microsoft.com/v2/dotnet/aspnet/manifests/6.0": dial tcp 204.79.197.219:443: i/o timeout'],
  // pulling servercore on Windows Server 2016
  ['disk_pressure', 'https://github.com/jhipster/generator-jhipster/issues/10251', 'cloning the parent utility VM image failed: BackupWrite \\\\?\\C:\\ProgramData\\docker\\wind\nowsfilter\\f26d97a71f3bc94b4e35241f67da807d9ab3af1592f1f5d0d88d0d21d7878975\\UtilityVM\\F\niles\\EFI\\Microsoft\\Boot\\es-ES: There is not enough space on the disk.'],
  // mcr.microsoft.com's edge answered GitHub Actions runners with its "The request is blocked." page; intermittent, by client address
  ['firewall_denied', 'https://github.com/microsoft/mssql-docker/issues/964', 'Error response from daemon: pull access denied for mcr.microsoft.com/mssql/server, repository does not exist or may require \'docker login\': denied: <!DOCTYPE html PUBLIC \'-//W3C//DTD XHTML 1.0 Transitional//EN\' \'http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\'><html xmlns=\'http://www.w3.org/1999/xhtml\'><head><meta content=\'text/html; charset=utf-8\' http-equiv=\'content-type\'/><style type=\'text/css\'>body { font-family:Arial; margin-left:40px; }img  { border:0 none; }#content { margin-left: auto; margin-right: auto }#message h2 { font-size: 20px; font-weight: normal; color: #000000; margin: 34px 0px 0px 0px }#message p  { font-size: 13px; color: #000000; margin: 7px 0px 0px 0px }#errorref { font-size: 11px; color: #737373; margin-top: 41px }</style><title>Microsoft</title></head><body><div id=\'content\'><div id=\'message\'><h2>The request is blocked.</h2></div><div id=\'errorref\'><span>Ref A: 89100010323940BC977749AD188FF625 Ref B: BY1AA1072320025 Ref C: 2026-04-24T07:58:43Z</span></div></div></body></html>'],
  // a Windows host behind a corporate proxy (the maintainer points at the proxy / missing CA certificates)
  ['tls_error', 'https://github.com/docker-library/hello-world/issues/86', 'Error response from daemon: Get https://registry-1.docker.io/v2/: x509: certificate signed by unknown authority'],
  // the pause image had no variant for Windows 1903 (18362) nodes
  ['platform_mismatch', 'https://github.com/rancher/rancher/issues/23161', 'E1001 14:29:03.759095    8072 remote_runtime.go:105] RunPodSandbox from runtime service failed: rpc error: code = Unknown desc = failed pulling image "k8s.gcr.io/pause:3.1": no matching manifest for windows/amd64 10.0.18362 in the manifest list entries'],
  // the book's tag was a typo: the image is tagged :v2, not :2e-v2
  ['tag_not_found', 'https://github.com/sixeyed/docker-on-windows/issues/13', 'C:\\Program Files\\Docker\\docker.exe: Error response from daemon: manifest for dockeronwindows/ch03-nerd-dinner-web:2e-v2 not found: manifest unknown: manifest unknown.\nSee \'C:\\Program Files\\Docker\\docker.exe run --help\'._'],
  // ltsc2022 images on Windows 10 22H2 (19045); it worked from a Windows Server 2022 host
  ['platform_mismatch', 'https://github.com/microsoft/Windows-Containers/issues/317', 'ltsc2022: Pulling from windows/nanoserver\nno matching manifest for windows/amd64 10.0.19045 in the manifest list entries'],
  // MCR pulls in Windows-containers mode reset by the remote side; the thread leaves the cause open
  ['network_unreachable', 'https://github.com/microsoft/containerregistry/issues/2', 'read tcp 192.168.88.229:2897->204.79.197.219:443: wsarecv: An existing connection was forcibly closed by the remote host.', 'ambiguous'],
  // a hundred replicas on one AKS Windows node all pulling the same image: the kubelet's own pull rate limit
  ['rate_limited', 'https://github.com/microsoft/Windows-Containers/issues/364', 'Failed to pull image "mcr.microsoft...": pull QPS exceeded.'],
  // Windows hybrid-network e2e tests pulling from Docker Hub (the paste ends mid-sentence)
  ['rate_limited', 'https://github.com/kubernetes/kubernetes/issues/102058', 'Warning  Failed     20s (x2 over 40s)  kubelet            Failed to pull image "docker.io/library/nginx:1.15-alpine": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.15-alpine": failed to copy: httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:57a226fb6ab6823027c0704a9346a890ffb0cacde06bc19bbc234c8720673555: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit'],
  // AKS on Azure Stack HCI
  ['rate_limited', 'https://github.com/microsoft/AKS-Arc-Apps/issues/6', 'Warning  Failed     83s     kubelet    Failed to pull image "grafana/grafana:7.5.5": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/grafana/grafana:7.5.5": failed to copy: httpReaderSeeker: failed open: unexpected status code https://registry-.docker.io/v2/grafana/grafana/manifests/sha256:075819791b43f30aab18497fff217d3aec918d7d55bf873818de6a916da04d54: 429 \n\nToo Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // mcr.microsoft.com throttling a pipeline that pulled more often
  ['rate_limited', 'https://github.com/microsoft/containerregistry/issues/108', '2022-03-29T07:00:30.5006078Z docker: error pulling image configuration: toomanyrequests: Too many requests. Please visit https://aka.ms/acr/skus#sku-feature-matrix to view limits of all service tiers.'],
  // Nomad on Windows, a 10.8 GB servercore-based image: Nomad aborted a pull after two minutes without progress updates from the daemon; fixed by a configurable pull timeout (hashicorp/nomad#8589)
  ['timeout_or_size', 'https://github.com/hashicorp/nomad/issues/5718', '2019-05-09T10:39:44Z  Driver Failure  Failed to pull `gcr.io/project_name/image`: context canceled', 'ambiguous'],
  // Docker Desktop on Windows against a registry that allows anonymous pulls; the Linux client pulled anonymously, the thread leaves the cause open
  ['auth_missing', 'https://github.com/docker/for-win/issues/13086', 'Error response from daemon: Head "https://...image.../manifests/latest": unauthorized: authentication required'],
  // Helix: a 1909 image on a Server RS5 (1809) queue; the fix was a newer host queue
  ['platform_mismatch', 'https://github.com/dotnet/runtime/pull/41701', 'Unable to pull image mcr.microsoft.com/dotnet-buildtools/prereqs:windowsservercore-1909-helix-amd64-20200521124620-7c805e9\nExit Code:-4', 'ambiguous', 'Helix prints only the pull\'s exit code; the 1909 image on an 1809 queue is the thread\'s finding'],
  // a 1803 image on a Windows Server 2016 (1607) host; the reporter found the version-compatibility page
  ['platform_mismatch', 'https://github.com/microsoft/dotnet-framework-docker/issues/167', 'failed to register layer: re-exec error: exit status 1: output: ProcessUtilityVMImage \\\\?\\C:\\ProgramData\\Docker\\windowsfilter\\809d8aba9c405d908d95277ac28784a1aff7c59e\n532c95fbf67fc0b8d10d4445\\UtilityVM: The system cannot find the path specified.'],
  // Rancher Windows worker on EC2: the kubelet's built-in ECR credentials worked on the Linux nodes, not on the Windows node
  ['auth_missing', 'https://github.com/rancher/rancher/issues/22956', 'Failed to pull image "XXXX.dkr.ecr.us-east-1.amazonaws.com/aphub:dev": rpc error: code = Unknown desc = Error response from daemon: Get https://XXX.dkr.ecr.us-east-1.amazonaws.com/v2/aphub/manifests/dev: no basic auth credentials'],
  // the Windows worker's ECR token had expired
  ['auth_missing', 'https://github.com/rancher/rancher/issues/26468', 'time="2020-04-02T23:29:45+01:00" level=error msg="Remotedialer proxy error" error="Error response from daemon: pull access denied for 818213630802.dkr.ecr.eu-west-1.amazonaws.com/rancher/rke-tools, repository does not exist or may require \'docker login\': denied: Your Authorization Token has expired. Please run \'aws ecr get-login --no-include-email\' to fetch a new one."'],
  // BcContainerHelper on Windows: a bug made it pull the locally built image name "test1" from Docker Hub, where no such repository exists (fixed in the next version)
  ['repo_not_found', 'https://github.com/microsoft/navcontainerhelper/issues/1160', 'D:\\BCPowerShell\\New BC Test Container with Elapsed Time_v1.ps1 : Error response from daemon: pull\naccess denied for test1, repository does not exist or may require \'docker login\': denied:\nrequested access to the resource is denied', 'ambiguous'],
  // Docker Desktop on Windows: the unquoted $(pwd) volume path (spaces, upper case) was parsed as the image reference; quoting and lower-casing it fixed the run
  ['invalid_reference', 'https://github.com/mukulhase/WebWhatsapp-Wrapper/issues/177', 'C:\\Program Files\\Docker\\Docker\\Resources\\bin\\docker.exe: invalid reference format.\nSee \'C:\\Program Files\\Docker\\Docker\\Resources\\bin\\docker.exe run --help\'.'],
  // Docker Desktop 4.8 on Windows routed pulls through its own proxy port, which was not listening (a regression fixed in a later build); the issue title is the message
  ['network_unreachable', 'https://github.com/docker/for-win/issues/12725', 'Error response from daemon: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 192.168.65.1:3128: connect: connection refused'],
  // the corporate proxy wanted credentials; the reporter got through by pointing at the host-side proxy (host.docker.internal:3128)
  ['network_unreachable', 'https://github.com/docker/for-win/issues/9143', 'Unable to find image \'hello-world:latest\' locally docker: Error response from daemon: Get https://registry-1.docker.io/v2/: Proxy Authentication Required. See \'docker run --help\'.'],
  // after an upgrade Docker Desktop used a localhost proxy although no manual proxy was set
  ['network_unreachable', 'https://github.com/docker/for-win/issues/9400', 'Error response from daemon: Get https://registry-1.docker.io/v2/: proxyconnect tcp: dial tcp 127.0.0.1:8080: connect: connection refused'],
  // the proxy's address fell inside Docker's default bridge range; changing "bip" fixed it
  ['network_unreachable', 'https://github.com/docker/for-win/issues/9080', 'Error response from daemon: Get https://registry-1.docker.io/v2/: proxyconnect tcp: dial tcp PROXYIP:PROXYPORT connect: no route to host'],
  // Docker Desktop (WSL2) on Windows 10 behind a corporate proxy: the WSL resolver never answered
  ['dns_failure', 'https://github.com/docker/cli/issues/3649', 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 172.19.96.1:53: read udp 172.19.107.241:50415->172.19.96.1:53: i/o timeout'],
  // Windows Server 2016 daemon: the insecure-registries entry in daemon.json had a leading space, so the plain-HTTP registry was not treated as insecure
  ['tls_error', 'https://github.com/moby/moby/issues/43051', 'Pulling myContainer (myregistry:5000/mycontainer:v1)...\nERROR: Get https://myregistry:5000/v2/: http: server gave HTTP response to HTTPS client'],
  // notes page: a 1903 tag on a 1809 (17763) host; the 1809 tag pulled
  ['platform_mismatch', 'https://renenyffenegger.ch/notes/development/tools/Docker/Windows/Container-Base-Images/index', '1903: Pulling from windows/nanoserver\nno matching manifest for windows/amd64 10.0.17763 in the manifest list entries'],
  // blog post: hello-world:nanoserver on a Windows Server 2016 (14393) host
  ['platform_mismatch', 'https://blog.dbi-services.com/docker-containers-when-architecture-matter/', 'C:\\Program Files\\Docker\\docker.exe: no matching manifest for windows/amd64 10.0.14393 in the manifest list entries.\nSee \'C:\\Program Files\\Docker\\docker.exe run --help\'.'],
  // the IIS image is Windows-only; pulled on Ubuntu
  ['platform_mismatch', 'https://github.com/microsoft/iis-docker/issues/165', 'no matching manifest for linux/amd64 in the manifest list entries.'],
];

export const FRESH_SEVENTEENTH_A: readonly CorpusEntry[] = corpusEntries(ROWS);
