import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 16a: real pull errors from the Azure estate pull-doctor serves, collected on 2026-12-08 by a helper that
 * never read the rules (lib/classify) nor the classifier's tests and never ran the classifier.
 * Found with the `search` tool, corpus "issues" first, using neutral queries: a product or image name (AKS, ACR, AKS
 * Engine, aad-pod-identity, Secrets Store CSI provider, Application Gateway Ingress Controller, Azure Functions images,
 * Container Apps, Container Instances, IoT Edge, Azure Machine Learning, az acr / az aks commands, mcr.microsoft.com)
 * with "Failed to pull image", ErrImagePull, ImagePullBackOff, InvalidImageName, "Error response from daemon",
 * "failed to pull and unpack image", "failed to resolve reference", "manifest unknown", "pull access denied", az acr
 * import / az acr build, or with a setting (Windows node, arm64 node pool, VNet, private endpoint, proxy, egress
 * firewall, disk); then follow-up queries on a thread's own title to read the rest of it. Some searches named an
 * error wording while following a topic: "no space left on device" (IoT Edge disk), "x509" (AKS or IoT Edge behind a
 * proxy), "no matching manifest" (IoT Edge arm32v7), "context deadline exceeded" (large Windows images on AKS),
 * "toomanyrequests" (ACR Tasks), "403 Forbidden" (MCR), "unauthorized" (az acr import) and "Application not
 * registered with AAD" (a thread title); the rows of Azure/iotedge#5588, #951, #4024, Azure/Industrial-IoT#1088,
 * Azure/AKS-Edge#88, Azure/AKS#5919, Azure/acr#754, #181, #476, #196, #237 and microsoft/containerregistry#12,
 * #142, #188 come from them. Corpus "code" gave the
 * Microsoft Learn pages (MicrosoftDocs/azure-docs and MicrosoftDocs/SupportArticles-docs sources, cited by their
 * learn.microsoft.com addresses) and the Azure App Service support team's blog post on Container Apps pull errors
 * (azureossd.github.io). Corpus "pages" held no Microsoft Q&A page with a usable message.
 * Most rows come from the listed Azure repositories (Azure/AKS threads of 2020-2026 only, Azure/acr, Azure/aks-engine,
 * Azure/azure-cli, Azure/azure-functions-docker, microsoft/azure-container-apps, Azure/iotedge, Azure/aad-pod-identity,
 * Azure/secrets-store-csi-driver-provider-azure, Azure/application-gateway-kubernetes-ingress, MicrosoftDocs); a few
 * come from neighbouring Azure or Microsoft repositories where an Azure runtime printed the message: Azure/AKS-Edge,
 * Azure/acr-builder (ACR Tasks), Azure/Industrial-IoT (an IoT Edge module), Azure/azure-sdk-for-python and
 * Azure/MachineLearningNotebooks (Azure Machine Learning jobs), Azure/azure-functions-on-container-apps,
 * MicrosoftDocs/azure-aks-docs, and microsoft/containerregistry (MCR, the registry behind most Azure images).
 * Lead, at wiring: one row from the App Service pull page (learn.microsoft.com/troubleshoot/.../pull-image-to-web-app-fail)
 * was dropped, as corpus-harvest.ts already cites that page (44 rows remain).
 * Every source was checked against the sources earlier entries cite (all corpus*.ts and produced-messages.txt, as plain
 * URLs and in the `gh('owner/repo#n')` / `ghPull('owner/repo#n')` forms); cited threads and pages were skipped, as were
 * messages whose whole text already appears in the corpus. At most two messages per thread or page and six per project.
 * Rows whose only text was a screenshot, a reporter's paraphrase, or a chart (not image) pull were left out.
 * Label = the cause the thread or page establishes (resolution, maintainer answer or fix that worked); where it leaves
 * the cause open, what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a comment above a
 * row explains a label that is not obvious from the text. Messages are verbatim as the sources print them (the
 * reporter's shell prompt, redactions such as xxxxx or {custom_cr}, a docs page's placeholders, trailing spaces of a
 * pasted log); some rows begin or end where the reporter's paste does. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const ROWS: Row[] = [
  // AKS
  // the node could not resolve mcr.microsoft.com through Azure DNS (168.63.129.16) after a reboot; the sandbox (pause) image pull failed first
  ['dns_failure', 'https://github.com/Azure/AKS/issues/1513', 'Failed create pod sandbox: rpc error: code = Unknown desc = failed pulling image "mcr.microsoft.com/k8s/core/pause:1.2.0": Error response from daemon: Get https://mcr.microsoft.com/v2/: dial tcp: lookup mcr.microsoft.com on 168.63.129.16:53: no such host'],
  // aad-pod-identity
  // the v1.8.11 images were published to MCR some time after the release was tagged ("should be published shortly")
  ['tag_not_found', 'https://github.com/Azure/aad-pod-identity/issues/1303', 'Failed to pull image "mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11": rpc error: code = NotFound desc = failed to pull and unpack image "mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11": failed to resolve reference "mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11": mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11: not found'],
  ['tag_not_found', 'https://github.com/Azure/aad-pod-identity/issues/1303', '$ docker pull mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11\nError response from daemon: manifest for mcr.microsoft.com/oss/azure/aad-pod-identity/nmi:v1.8.11 not found: manifest unknown: manifest tagged by "v1.8.11" is not found'],
  // Azure Functions images
  // the 3.0 slim tags listed on Docker Hub were not yet published; a maintainer later reported them working
  ['tag_not_found', 'https://github.com/Azure/azure-functions-docker/issues/232', 'Error response from daemon: manifest for mcr.microsoft.com/azure-functions/node:3.0-slim not found: manifest unknown: manifest unknown'],
  ['tag_not_found', 'https://github.com/Azure/azure-functions-docker/issues/265', '>docker pull mcr.microsoft.com/azure-functions/dotnet:3.0-nanoserver-1809\nError response from daemon: manifest for mcr.microsoft.com/azure-functions/dotnet:3.0-nanoserver-1809 not found: manifest unknown: manifest tagged by "3.0-nanoserver-1809" is not found'],
  // the floating dotnet-isolated 3.0 tags shown on Docker Hub did not exist yet; only the fully versioned tag pulled
  ['tag_not_found', 'https://github.com/Azure/azure-functions-docker/issues/401', 'manifest unknown: manifest tagged by "3.0" is not found'],
  // App Service's compose feature asked MCR for azure-functions/compose, a repository the maintainers say they never published
  ['repo_not_found', 'https://github.com/Azure/azure-functions-docker/issues/836', '2023-01-19T23:16:22.983Z ERROR - DockerApiException: Docker API responded with status code=NotFound, response={"message":"manifest for mcr.microsoft.com/azure-functions/compose:4-composedmvyc2lvbjogijmu-appservice-stage2 not found: manifest unknown: manifest tagged by \\"4-composedmvyc2lvbjogijmu-appservice-stage2\\" is not found"}', 'ambiguous'],
  // only MCR images failed while Docker Hub pulls worked; the thread does not settle it, so the label follows the text (EOF from the registry)
  ['registry_unavailable', 'https://github.com/Azure/azure-functions-docker/issues/1242', '$ docker pull mcr.microsoft.com/azure-functions/python:4.37.1-python3.11-slim\nError response from daemon: Get "https://mcr.microsoft.com/v2/": EOF', 'ambiguous'],
  // Azure Functions on Container Apps
  // the README named an image in a test registry that had no 1.0 tag; the maintainers pointed to the MCR image instead
  ['tag_not_found', 'https://github.com/Azure/azure-functions-on-container-apps/issues/55', 'Error response from daemon: manifest for azurefunctionstest.azurecr.io/azure-functions/dotnet7-quickstart-demo:1.0 not found: manifest unknown: manifest tagged by "1.0" is not found'],
  // Azure CLI
  // the 2.28.1 release had not been published as an image on MCR
  ['tag_not_found', 'https://github.com/Azure/azure-cli/issues/19845', '$ docker pull mcr.microsoft.com/azure-cli:2.28.1\nError response from daemon: manifest for mcr.microsoft.com/azure-cli:2.28.1 not found: manifest unknown: manifest tagged by "2.28.1" is not found'],
  // AKS Engine
  // MCR stopped serving the pause:1.4.1 tag that older aks-engine clusters still referenced during upgrade
  ['tag_not_found', 'https://github.com/Azure/aks-engine/issues/4627', 'Sandbox for pod "kube-apiserver-k8s-master-21731735-0_kube-system(08f8c9200d2d0c3ab3caad3c29b43041)" failed: rpc error: code = Unknown desc = failed pulling image "mcr.microsoft.com/k8s/core/oss/kubernetes/pause:1.4.1":', 'ambiguous'],
  // IoT Edge
  // "Application not registered with AAD": the registry credentials named a service principal that Azure AD does not know
  ['auth_missing', 'https://github.com/Azure/iotedge/issues/4024', 'Microsoft.Azure.Devices.Edge.Agent.Edgelet.EdgeletCommunicationException- Message:Error calling Create module esf-proxy: Could not create module esf-proxy\n        caused by: Could not pull image sdcommoncontainerregistry.azurecr.io/esf-proxy:9510-amd64\n        caused by: Get https://sdcommoncontainerregistry.azurecr.io/v2/esf-proxy/manifests/9510-amd64: unauthorized: Application not registered with AAD., StatusCode:500,'],
  ['auth_missing', 'https://github.com/Azure/iotedge/issues/7466', '        caused by: Could not pull image {custom_cr}/{container_name}:0.1.32\n        caused by: Head "https://{custom_cr}/v2/{container_name}/manifests/0.1.32": unauthorized: Invalid clientid or client secret., StatusCode:500,'],
  // Microsoft Learn, Azure Container Instances
  // the page: images on Windows Semi-Annual Channel 1709/1803 bases, which ACI does not run
  ['platform_mismatch', 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-troubleshooting', '{\n  "error": {\n    "code": "OsVersionNotSupported",\n    "message": "The OS version of image \'{0}\' is not supported."\n  }\n}'],
  // the page's example misspells the image (aci-hellowrld for aci-helloworld): the repository does not exist
  ['repo_not_found', 'https://learn.microsoft.com/en-us/azure/container-instances/container-instances-troubleshooting', 'Failed to pull image "mcr.microsoft.com/azuredocs/aci-hellowrld": rpc error: code 2 desc Error: image t/aci-hellowrld:latest not found'],
  // the page: the user-assigned identity named in imageRegistryCredentials is not assigned to the container group (or a system-assigned one was used), so no pull credential can be presented
  ['auth_missing', 'https://learn.microsoft.com/en-us/troubleshoot/azure/container-instances/management/acr-image-pull-failures-managed-identity', 'Deployment failed. Correlation ID: <Correlation ID>. {\n"error": {\n    "code": "InvalidImageRegistryIdentity",\n    "message": "The identity in the \'imageRegistryCredentials\' of container group \'<container group name>\' not found in container group identity list."\n}\n}'],
  // Azure App Service support blog (azureossd), Container Apps
  // the post lists this 403 under a registry firewall or private endpoint refusing the environment
  ['firewall_denied', 'https://azureossd.github.io/2023/08/25/Container-Apps-Troubleshooting-image-pull-errors/index.html', 'Failed to pull image "someacr.azurecr.io/image:tag": rpc error: code = Unknown desc = failed to pull and unpack image "someacr.azurecr.io/image:tag": failed to resolve reference "someacr.azurecr.io/image:tag": unexpected status from HEAD request to https://someacr.azurecr.io/image:tag/v2/image/manifests/tag: 403 Forbidden', 'ambiguous'],
  ['dns_failure', 'https://azureossd.github.io/2023/08/25/Container-Apps-Troubleshooting-image-pull-errors/index.html', 'Failed to pull image "someacr.azurecr.io/someimage:sometag": rpc error: code = Unknown desc = failed to pull and unpack image "someacr.azurecr.io/someimage:sometag": failed to resolve reference "someacr.azurecr.io/someimage:sometag": failed to do request: Head "https://someacr.azurecr.io/someimage:sometag/v2/image/manifests/tag": dial tcp: lookup someacr.azurecr.io: i/o timeout'],
  // Microsoft Learn AKS docs feedback
  // the retired tutorial still named azure-vote-front:v1, a tag MCR no longer serves; the maintainer removed the page
  ['tag_not_found', 'https://github.com/MicrosoftDocs/azure-aks-docs/issues/55', 'docker pull mcr.microsoft.com/azuredocs/azure-vote-front:v1 \nError response from daemon: manifest for mcr.microsoft.com/azuredocs/azure-vote-front:v1 not found: manifest unknown: manifest tagged by "v1" is not found'],
  // IoT Edge (modules)
  // a Jetson (tegra) host whose engine matched no entry of the agent's manifest list ("unknown" platform)
  ['platform_mismatch', 'https://github.com/Azure/iotedge/issues/951', 'Mar 13 13:19:45 tegra-ubuntu dockerd[2068]: time="2019-03-13T13:19:45.614820517+01:00" level=info msg="Attempting next endpoint for pull after error: no matching manifest for unknown in the manifest list entries"'],
  // OPC Publisher 2.5.3 shipped no arm64 image; the thread is a feature request for one
  ['platform_mismatch', 'https://github.com/Azure/Industrial-IoT/issues/1088', 'System.AggregateException: One or more errors occurred. (Error calling prepare update for module OPCPublisher: Could not prepare update for module "OPCPublisher"\n        caused by: Could not pull image mcr.microsoft.com/iotedge/opc-publisher:2.5.3\n        caused by: no matching manifest for linux/arm64/v8 in the manifest list entries)'],
  // AKS (node image preparation)
  // the prepared-image build's pis-image-cache step runs under a 600 s limit and the ~2.3 GiB Windows image needs about 15 minutes to unpack; the same pull without the limit succeeds
  ['timeout_or_size', 'https://github.com/Azure/AKS/issues/5919', 'ERROR: (FailedToCreateNodeCustomizationVHD) Failed to cache container images during VHD preparation. Run command pis-image-cache failed. ... exited with code 4', 'ambiguous', 'AKS\'s VHD image-cache step reports only its exit code; the slow download the thread found is not in the text'],
  // AKS Edge Essentials
  // a TLS-inspecting corporate proxy whose CA the Linux node did not trust
  ['tls_error', 'https://github.com/Azure/AKS-Edge/issues/88', 'FATA[0002] pulling image: rpc error: code = Unknown desc = failed to pull and unpack image \n"registry.gitlab.com/gitlab-org/build/cng/kubectl:v15.9.1": failed to resolve reference \n"registry.gitlab.com/gitlab-org/build/cng/kubectl:v15.9.1": failed to do request: \nHead "https://registry.gitlab.com/v2/gitlab-org/build/cng/kubectl/manifests/v15.9.1": \nx509: certificate signed by unknown authority'],
  // ACR (import and Tasks pulling from a source registry)
  // parallel ACR Task builds pulled the base image from MCR and were throttled (HTTP 429); the reporters moved to ACR cache rules
  ['rate_limited', 'https://github.com/Azure/acr/issues/754', 'Step 1/11 : FROM mcr.microsoft.com/dotnet/sdk:6.0 AS installer-env\nerror parsing HTTP 429 response body: invalid character \'R\' looking for beginning of value: "Ref A: 9E31E74CD9834672839D9F06B9E41573 Ref B: DM2EDGE0520 Ref C: 2024-05-08T12:36:23Z"'],
  // the source named docker.io/mcr.microsoft.com/windows/servercore, a repository that does not exist on Docker Hub; the image lives on mcr.microsoft.com
  // Lead, after first sight: the error's detail names the repository with a registry host in front, which no registry
  // holds, so the text decides (not ambiguous)
  ['repo_not_found', 'https://github.com/Azure/acr/issues/181', 'Deployment failed. Correlation ID: 947b1204-953c-4edd-bcfc-fc925eba4f3f. Operation registries-cf1e87e6-20aa-11e9-a5c3-f06e0bc28714 failed. Resource /subscriptions/3aba1271-ca5f-49e8-9229-2214ec0ac30c/resourceGroups/demos-acr/providers/Microsoft.ContainerRegistry/registries/aksdemoreg Invalid message Unauthorized Unauthorized {"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"mcr.microsoft.com/windows/servercore","Action":"pull"}]}]}'],
  // the source put library/ in front of a non-official image (library/axoniq/axonserver does not exist); Docker Hub answers 401 for a repository it does not have
  ['repo_not_found', 'https://github.com/Azure/acr/issues/476', 'Deployment failed. Correlation ID: 039d8a3f-5938-467f-b97d-5b5f403d6439. Operation registries-feeccf4f-0f04-11eb-aecd-0b70a1ccdcda failed. Resource /subscriptions/5170570b-48b6-414d-86b4-xxxxxxxxxx/resourceGroups/prod-rg-devtools/providers/Microsoft.ContainerRegistry/registries/prodacrelectool Invalid message Unauthorized Unauthorized {"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"library/axoniq/axonserver","Action":"pull"}]}]}', 'ambiguous'],
  // the source docker.io/python lacks the library/ namespace of Docker Hub's official images, so import asked for a repository named python, which does not exist (docker.io/library/python imports, as #476 shows)
  ['repo_not_found', 'https://github.com/Azure/acr/issues/196', 'Deployment failed. Correlation ID: d5246d22-93ba-4eb8-a837-375bb9b9f446. Operation registries-01aa08d2-418e-11e9-8412-1860248cc8bd failed. Resource /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<registry> Invalid message Unauthorized Unauthorized {"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"python","Action":"pull"}]}]}', 'ambiguous'],
  // cross-subscription import: AcrPull on the source registry is not enough, the caller also needs read on the source registry resource
  ['access_denied', 'https://github.com/Azure/acr/issues/237', 'The client \'373fa626-7d2a-4ab6-b94a-0d5f6ae4ffc7\' with object id \'373fa626-7d2a-4ab6-b94a-0d5f6ae4ffc7\' has permission to perform action \'Microsoft.ContainerRegistry/registries/importImage/action\' on scope \'/subscriptions/de0f5db1-e28d-4f5f-9f32-7ba414dd330d/resourceGroups/aml-poc-core/providers/Microsoft.ContainerRegistry/registries/ixsamlcem20cr01poc\'; however, it does not have permission to perform action \'read\' on the linked scope(s) \'/subscriptions/8e065d6a-a4de-4881-842f-0c7024ebb503/resourceGroups/trial-testlab/providers/Microsoft.ContainerRegistry/registries/omtest1\'.'],
  // IoT Edge (disk)
  // the device's storage was full after the A/B partition switch
  ['disk_pressure', 'https://github.com/Azure/iotedge/issues/5588', 'docker: failed to register layer: Error processing tar file(exit status 1): write /usr/lib/arm-linux gnueabihf/libunistring.so.2.1.0: no space left on device.'],
  ['disk_pressure', 'https://github.com/Azure/iotedge/issues/5588', 'Sep 27 12:09:34 gawain iotedged[488]: 2021-09-27T12:09:34Z [WARN] -         caused by: write /var/lib/docker/tmp/GetImageBlob564898599: no space left on device'],
  // Azure docs feedback (AKS ingress tutorial)
  // the image value was written as a URL (https://acraksdemodwi.azurecr.io/ingress-nginx/kube-webhook-certgen:...@sha256:...), which is not an image reference
  ['invalid_reference', 'https://github.com/MicrosoftDocs/azure-docs/issues/119442', 'error invalid reference format'],
  // Azure Machine Learning
  // the environment named base_image "base_training:prod" with the registry docker.io, dropping the kandoenv/ namespace the reporter pulls by hand (docker.io/kandoenv/base_training:prod)
  ['repo_not_found', 'https://github.com/Azure/azure-sdk-for-python/issues/19426', 'Error response from daemon: pull access denied for base_training, repository does not exist or may require \'docker login\'', 'ambiguous'],
  // the thread never settles it (user_managed_dependencies=True fails, False pulls); the label follows the text
  ['auth_missing', 'https://github.com/MicrosoftDocs/azure-docs/issues/71215', 'Run docker command to pull public image failed with error: error response from daemon: get azurecr.io/v2/tf_od_api/manifests/latest: unauthorized: authentication required'],
  // the compute could not reach Docker Hub during job preparation; the thread is left open, so the label follows the text
  ['network_unreachable', 'https://github.com/Azure/MachineLearningNotebooks/issues/1482', '2021-05-22T15:12:41Z Running Docker Command attempt 7 failed with client timeout err: exit status 1,Error response from daemon: Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)\n. See documentation for error details: https://docs.microsoft.com/en-us/azure/container-registry/container-registry-faq#docker-pull-fails-with-error-nethttp-request-canceled-while-waiting-for-connection-clienttimeout-exceeded-while-awaiting-headers'],
  // IoT Edge (network)
  // a Raspberry Pi edge device that could not open a connection to MCR; the thread is closed without a stated cause, so the label follows the text
  ['network_unreachable', 'https://github.com/Azure/iotedge/issues/6138', 'Z [WARN] - Could not pull image mcr.microsoft.com/azureiotedge-agent:1.1  \nZ [WARN] -         caused by: Get https://mcr.microsoft.com/v2/: net/http: request canceled while waiting for connection  '],
  // Microsoft Container Registry (MCR)
  // an MCR outage: a deployment error served the wrong certificate for a short time ("we had an outage due to a deployment error"); the text alone reads as a client-side TLS problem
  ['registry_unavailable', 'https://github.com/microsoft/containerregistry/issues/12', 'sudo docker pull mcr.microsoft.com/dotnet/core/aspnet:2.2.7-bionic\nError response from daemon: Get https://mcr.microsoft.com/v2/: x509: certificate is valid for *.mcr.microsoft.com, not mcr.microsoft.com', 'ambiguous', 'the text is a certificate name mismatch; only the maintainers knew MCR served a wrong certificate after a deployment'],
  // the blob request reached an endpoint presenting an Azure CDN certificate; closed without an answer, so the label follows the text
  ['tls_error', 'https://github.com/microsoft/containerregistry/issues/142', 'error pulling image configuration: Get "https://mcr.microsoft.com/v2/dotnet/core/sdk/blobs/sha256:2357b6790b9df0fb28364d113ff94eb67628cb1564aa86074d24c68b1597b62e": x509: certificate is valid for *.azureedge.net, *.media.microsoftstream.com, *.origin.mediaservices.windows.net, *.streaming.mediaservices.windows.net, not mcr.microsoft.com'],
  // Application Gateway Ingress Controller
  // the 1.9.6 chart was released before its controller image was published to MCR
  ['tag_not_found', 'https://github.com/Azure/application-gateway-kubernetes-ingress/issues/1779', 'Error response from daemon: manifest for mcr.microsoft.com/azure-application-gateway/kubernetes-ingress:1.9.6 not found: manifest unknown: manifest tagged by "1.9.6" is not found'],
  // Secrets Store CSI provider for Azure
  // v1.7.1 was referenced before its image reached MCR (1.7.0 of the same repository pulls)
  ['tag_not_found', 'https://github.com/Azure/secrets-store-csi-driver-provider-azure/issues/1893', 'Failed to pull image "mcr.microsoft.com/oss/v2/azure/secrets-store/provider-azure:v1.7.1": rpc error: code = NotFound desc = failed to pull and unpack image "mcr.microsoft.com/oss/v2/azure/secrets-store/provider-azure:v1.7.1": failed to resolve reference "mcr.microsoft.com/oss/v2/azure/secrets-store/provider-azure:v1.7.1": mcr.microsoft.com/oss/v2/azure/secrets-store/provider-azure:v1.7.1: not found', 'ambiguous'],
  // Microsoft Learn support article change (az aks check-acr)
  // a support engineer's note: the canipull check pod ran on a node of the wrong VM SKU (architecture) for its image
  ['platform_mismatch', 'https://github.com/MicrosoftDocs/SupportArticles-docs/pull/1761', 'exec /canipull: exec format error'],
  // ACR Tasks (acr-builder)
  // with cache enabled the build step's output is not loaded into the task's local image store, so the test step looks the image up on Docker Hub, where no such repository exists
  ['repo_not_found', 'https://github.com/Azure/acr-builder/issues/530', 'Unable to find image \'hello-world-test:latest\' locally\ndocker: Error response from daemon: pull access denied for hello-world-test, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied.\nSee \'docker run --help\'.', 'ambiguous'],
  // Container Apps
  // the reporter deployed on purpose with wrong registry credentials; the message names image or credentials alike
  ['auth_missing', 'https://github.com/microsoft/azure-container-apps/issues/60', 'Failed to provision revision for container app \'container-app08\'. Error details: Code: 90712, ExtendedCode: 90712, Message: Error pulling the container image. Please check the image name or any registry credentials to access if required', 'ambiguous'],
  // AKS (runtime change)
  // not a category of its own: the old GitHub Packages registry (docker.pkg.github.com) served the image to the Docker node pool but not to the new containerd one ("a k8s version issue: the older nodepool was 1.17.1 which was running docker and new nodepool was running containerd")
  ['unknown', 'https://github.com/Azure/AKS/issues/2305', 'Failed to pull image "docker.pkg.github.com/xyz": rpc error: code = NotFound desc = failed to pull and unpack image "docker.pkg.github.com/xyz"', 'ambiguous', 'containerd\'s NotFound from the retired docker.pkg.github.com reads as a missing image; only the thread knew that registry never served containerd'],
  // Microsoft Container Registry (403 from cloud-hosted runners)
  // MCR answered 403 to anonymous pulls from GitHub-hosted (Azure) address ranges while the same pull worked elsewhere; the reporters see an IP-range block, the thread is still open
  ['firewall_denied', 'https://github.com/microsoft/containerregistry/issues/188', 'failed to solve: mcr.microsoft.com/playwright:v1.58.2-noble: failed to resolve source metadata for\nmcr.microsoft.com/playwright:v1.58.2-noble: unexpected status from HEAD request to\nhttps://mcr.microsoft.com/v2/playwright/manifests/v1.58.2-noble: 403 Forbidden', 'ambiguous'],
];

export const FRESH_SIXTEENTH_A: readonly CorpusEntry[] = corpusEntries(ROWS);
