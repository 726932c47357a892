import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Blind batch 15c: real pull errors quoted in GitHub issue and pull-request threads of machine-learning, data and GPU/HPC
 * platforms, collected on 2026-12-07 by a helper that never read the rules (lib/classify) nor the classifier's tests and
 * never ran the classifier. Sources: NVIDIA (gpu-operator, network-operator, NGC/nvcr.io users: DeepLearningExamples,
 * NeMo-Retriever, Dynamo, alpasim, Triton), AMD ROCm (ROCm-docker, ROCm gpu-operator, PyTorch's ROCm runners), Kubeflow
 * (pipelines, kubeflow, community-distribution, pytorch-operator, Spark operator), KServe (kserve, modelmesh-serving),
 * Ray/KubeRay, Airflow (KubernetesPodOperator, Bitnami image), MLflow, Dask (dask-docker, dask-gateway), Flyte, Volcano,
 * Jupyter (zero-to-jupyterhub, mybinder.org-deploy and a mybinder user), Hugging Face TGI, vLLM (and ramalama pulling a
 * vLLM image), Open WebUI's Ollama image, Slurm on Kubernetes (nebius/soperator), GPUStack, run:ai fake-gpu-operator,
 * microk8s and KubeOperator threads about Kubeflow and NVIDIA driver images.
 * Found with the `search` tool (issues corpus) using neutral queries: a project or registry name with "Failed to pull
 * image", ErrImagePull, ImagePullBackOff, "image pull error", "docker pull", "manifest", "air-gapped", "private
 * registry", "arm64"; the result excerpts were read for the quoted message and the thread's resolution. Every source was
 * checked against the ones earlier batches cite (plain URLs in test/classifier/corpus*.ts and produced-messages.txt, and
 * the gh('owner/repo#n') / ghPull('owner/repo#n') forms, renamed repositories included); the cited threads that surfaced
 * (about fifteen) were skipped. At most two messages per thread and six per project.
 * Labelled with the cause the thread establishes (its resolution or a maintainer's answer); where the thread leaves it
 * open, with what the message text says. 'ambiguous' marks rows whose text alone cannot decide; a // comment says why
 * when the label is not obvious from the text. Messages are quoted whole as the thread prints them (kubectl event
 * columns, journald prefixes, docker/podman command lines included); where an issue renders markdown (links, bold), the
 * displayed text is quoted. Placeholders the threads print (OUR_AWS_ACCOUNT, registry.example.com, REDACTED, URL
 * fragments such as scope=...) are kept. No secret appears.
 * [category, source URL, message, 'ambiguous'?]
 */
type Row = CorpusRow;

const GH = 'https://github.com';

const ROWS: Row[] = [
  // NVIDIA GPU operator and NVIDIA-adjacent
  ['tag_not_found', `${GH}/NVIDIA/gpu-operator/issues/1623`, 'Warning  Failed     106s (x5 over 4m40s)  kubelet            Failed to pull image "nvcr.io/nvidia/driver:570.148.08-cos121": rpc error: code = NotFound desc = failed to pull and unpack image "nvcr.io/nvidia/driver:570.148.08-cos121": failed to resolve reference "nvcr.io/nvidia/driver:570.148.08-cos121": nvcr.io/nvidia/driver:570.148.08-cos121: not found'],
  ['tag_not_found', `${GH}/canonical/microk8s/issues/2670`, 'Warning  Failed          5h43m (x4 over 5h45m)   kubelet            Failed to pull image "nvcr.io/nvidia/driver:460.73.01-ubuntu21.10": rpc error: code = NotFound desc = failed to pull and unpack image "nvcr.io/nvidia/driver:460.73.01-ubuntu21.10": failed to resolve reference "nvcr.io/nvidia/driver:460.73.01-ubuntu21.10": nvcr.io/nvidia/driver:460.73.01-ubuntu21.10: not found'],
  // the chart named an image in the nvstaging (NVIDIA-internal) org, which anonymous pulls cannot reach
  ['auth_missing', `${GH}/Mellanox/network-operator/issues/1052`, 'Sep 01 18:01:25 gh200-1 containerd[1768487]: time="2024-09-01T18:01:25.333471500Z" level=error msg="PullImage \\"nvcr.io/nvstaging/mellanox/network-operator:v24.7.0\\" failed" error="failed to pull and unpack image \\"nvcr.io/nvstaging/mellanox/network-operator:v24.7.0\\": failed to resolve reference \\"nvcr.io/nvstaging/mellanox/network-operator:v24.7.0\\": unexpected status from HEAD request to https://nvcr.io/v2/nvstaging/mellanox/network-operator/manifests/v24.7.0: 401 Unauthorized"'],
  // the image sits in an internal NGC org; the maintainer, logged in to NGC, lacked access and was sent the image by another route
  ['access_denied', `${GH}/ai-dynamo/dynamo/issues/515`, 'Error response from daemon: pull access denied for nvcr.io/nvidian/nim-llm-dev/yatai-bentos-jsm3, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'ambiguous'],
  // Kubeflow pipelines / notebooks / KServe
  // the 0.15.1 image had gone missing from gcr.io and was restored by the maintainers; the back-off lines carry no cause
  ['tag_not_found', `${GH}/kubeflow/pipelines/issues/4078`, 'Warning  Failed   19m (x239 over 74m)  kubelet, ct-1  Error: ImagePullBackOff\n  Normal   BackOff  4s (x327 over 74m)   kubelet, ct-1  Back-off pulling image "gcr.io/tfx-oss-public/ml_metadata_store_server:0.15.1"', 'ambiguous'],
  ['network_unreachable', `${GH}/kserve/kserve/issues/3372`, 'failed with message: Unable to fetch image "kserve/sklearnserver:v0.11.2": failed to resolve image to digest: Get "https://index.docker.io/v2/": dial tcp 3.219.239.5:443: i/o timeout.'],
  // an air-gapped cluster: Knative tries to resolve the tag on Docker Hub although the image is on the node
  ['network_unreachable', `${GH}/kubeflow/community-distribution/issues/2715`, 'Revision "llm -predictor-00001" failed with message: Unable to fetch image "yurkoff/torchserve-kfs:0.9.0-gpu": failed to resolve image to digest: Get "https://index.docker.io/v2 /": read tcp 10.1.22.219:48238->54.198.86.24:443: read: connection reset by peer.'],
  // the cluster has no Internet access; Knative tag resolution to Docker Hub times out
  ['network_unreachable', `${GH}/kserve/kserve/issues/3962`, 'Unable to fetch image "tensorflow/serving:2.6.2": failed to resolve image to digest: Get "https://index.docker.io/v2/": context deadline exceeded.', 'ambiguous'],
  // no resolution in the thread; labelled from the text (the GitLab token endpoint refused the pull scope); the quote stops before the stacktrace field
  ['access_denied', `${GH}/kserve/kserve/issues/2643`, 'controller-66dcc89464-45nnh controller {"severity":"ERROR","timestamp":"2023-01-12T08:34:53.031392053Z","logger":"controller","caller":"revision/reconciler.go:302","message":"Returned an error","commit":"69ca13e","knative.dev/pod":"controller-66dcc89464-45nnh","knative.dev/controller":"knative.dev.serving.pkg.reconciler.revision.Reconciler","knative.dev/kind":"serving.knative.dev.Revision","knative.dev/traceid":"6714b65a-8cc0-447c-87e3-c9e47435edb2","knative.dev/key":"mynamespace/custom-model-predictor-default-00001","targetMethod":"ReconcileKind","error":"Unable to fetch image \\"registry.example.com/mlops-sdk/custom-model:v1\\": failed to resolve image to digest: GET https://code.example.com/jwt/auth?scope=repository%3REDACTED%2Fmlops-sdk%2Fmlops-sdk%2Fcustom-model%3Apull&service=container_registry: DENIED: access forbidden"', 'ambiguous'],
  // ghcr answers a bare "denied" for a package that is not public or no longer exists; the thread notes the next release renamed the image
  ['repo_not_found', `${GH}/kserve/kserve/issues/6215`, 'docker pull ghcr.io/llm-d/llm-d-inference-scheduler:v0.7.1\nError response from daemon: Head "https://ghcr.io/v2/llm-d/llm-d-inference-scheduler/manifests/v0.7.1": denied', 'ambiguous'],
  // no resolution in the thread; the multi-GB mlserver image hit the runtime deadline
  ['timeout_or_size', `${GH}/kserve/modelmesh-serving/issues/189`, ' Warning  Failed     1s    kubelet            Failed to pull image "seldonio/mlserver:0.5.2": rpc error: code = Unknown desc = context deadline exceeded'],
  // kubelet's own pull QPS limit (registryPullQPS); the reporter read it as the registry's rate limit. Relabelled by the
  // lead from timeout_or_size: the collectors' brief put kubelet's QPS there by mistake; the project reads kubelet's own
  // limit as rate_limited (its fix names registryPullQPS), as batch 14d labels the same wording.
  ['rate_limited', `${GH}/apache/airflow/issues/61775`, 'airflow.providers.cncf.kubernetes.kubernetes_helper_functions.PodLaunchFailedException: Pod docker image cannot be pulled, unable to start: ErrImagePull\npull QPS exceeded'],
  ['tag_not_found', `${GH}/bitnami/bitnami-docker-airflow-worker/issues/11`, '> docker pull docker.io/bitnami/airflow:2.0.2-debian-10-r0\nError response from daemon: manifest for bitnami/airflow:2.0.2-debian-10-r0 not found: manifest unknown: manifest unknown'],
  // Spark operator
  ['tag_not_found', `${GH}/kubeflow/spark-operator/issues/1448`, '  Warning  Failed     21s (x2 over 35s)  kubelet            Failed to pull image "gcr.io/spark-operator/spark-operator:v1beta2-1.3.1-3.1.1": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/spark-operator/spark-operator:v1beta2-1.3.1-3.1.1 not found: manifest unknown: Failed to fetch "v1beta2-1.3.1-3.1.1" from request "/v2/spark-operator/spark-operator/manifests/v1beta2-1.3.1-3.1.1".'],
  ['tag_not_found', `${GH}/kubeflow/spark-operator/issues/1991`, 'Failed to pull image "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.3-3.1.1": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.3-3.1.1": failed to resolve reference "ghcr.io/kubeflow/spark-operator:v1beta2-1.3.3-3.1.1": ghcr.io/kubeflow/spark-operator:v1beta2-1.3.3-3.1.1: not found'],
  // the gcr.io/spark-operator images were removed by the maintainers (see kubeflow/spark-operator#1860)
  ['tag_not_found', `${GH}/kubeflow/spark-operator/issues/1899`, 'Error response from daemon: manifest for gcr.io/spark-operator/spark-py:v3.1.0 not found: manifest unknown: Failed to fetch "v3.1.0" from request "/v2/spark-operator/spark-py/manifests/v3.1.0".'],
  // the documented example image lives in a private GCP project the caller cannot read
  ['access_denied', `${GH}/kubeflow/spark-operator/issues/2562`, 'Failed to pull image "gcr.io/ynli-k8s/spark:v2.3.0-gcs":\nfailed to authorize: failed to fetch oauth token:\nunexpected status from GET request to https://gcr.io/v2/token?scope=...:\n403 Forbidden', 'ambiguous'],
  ['access_denied', `${GH}/kubeflow/spark-operator/issues/2562`, '{"errors":[{"code":"DENIED","message":"Caller does not have permission or the resource may not exist \'read\'. To configure permissions, follow instructions at: https://cloud.google.com/container-registry/docs/access-control"}]}', 'ambiguous'],
  // MLflow, Dask, Hugging Face TGI
  ['tag_not_found', `${GH}/mlflow/mlflow/issues/20196`, 'Trying to pull ghcr.io/mlflow/mlflow:v2.15.1-full...                                         \nError: initializing source docker://ghcr.io/mlflow/mlflow:v2.15.1-full: reading manifest v2.15.1-full in ghcr.io/mlflow/mlflow: manifest unknown '],
  // a Docker Hub-side failure; re-pushing the image fixed it
  ['registry_unavailable', `${GH}/dask/dask-docker/issues/117`, '$ docker pull daskdev/dask:latest\nlatest: Pulling from daskdev/dask\nb8f262c62ec6: Already exists\n0a43c0154f16: Already exists\n906d7b5da8fb: Already exists\n3568180997ed: Pulling fs layer\n555c313ecf5a: Pulling fs layer\n218fd3c9fea3: Pulling fs layer\nerror pulling image configuration: unknown blob'],
  // the client is too old to accept an OCI image index (the maintainer: a problem of the setup); no category names a client that cannot read the manifest format
  ['unknown', `${GH}/huggingface/text-generation-inference/issues/386`, 'Error response from daemon: manifest unknown: OCI index found, but Accept header does not support OCI indexes'],
  // the maintainer only corrected the tag (a cosign .sig); the reset itself is left as the text says
  ['network_unreachable', `${GH}/huggingface/text-generation-inference/issues/657`, 'Error response from daemon: Get https://ghcr.io/v2/: read tcp 10.10.5.108:33012->20.207.73.86:443: read: connection reset by peer'],
  // Ray / KubeRay
  ['tag_not_found', `${GH}/aws-samples/gen-ai-on-eks/issues/7`, 'docker pull rayproject/ray-ml:2.6.3.54de39-py38-cpu\nError response from daemon: manifest for rayproject/ray-ml:2.6.3.54de39-py38-cpu not found: manifest unknown: manifest unknown'],
  // the repository publishes no latest tag
  ['tag_not_found', `${GH}/ray-project/kuberay/issues/4357`, '➜  ~ podman pull quay.io/kuberay/submitter\nTrying to pull quay.io/kuberay/submitter:latest...\nError: internal error: unable to copy from source docker://quay.io/kuberay/submitter:latest: initializing source docker://quay.io/kuberay/submitter:latest: reading manifest latest in quay.io/kuberay/submitter: manifest unknown'],
  // Flyte
  ['tag_not_found', `${GH}/flyteorg/flyte/issues/6814`, '🐋 Pulling image cr.flyte.org/flyteorg/flyte-sandbox-bundled:sha-a5a39dfef1b13a8403ac1e9069863cfa48bdc96b\nError: Error response from daemon: manifest unknown\n{"json":{},"level":"error","msg":"Error response from daemon: manifest unknown","ts":"2025-12-26T12:12:29-07:00"}'],
  // the new release was tagged py3.11-v1.16.0 (with a v); the issue renders the image names as links, quoted here as displayed
  ['tag_not_found', `${GH}/flyteorg/flyte/issues/6498`, 'start failed in pod ashkglxk5xwsvc8kfk8x-n0-0_flytesnacks-development(c1cf7366-1f53-42c0-bc7b-bfd9962c8016): ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "cr.flyte.org/flyteorg/flytekit:py3.11-1.16.0": failed to resolve reference "cr.flyte.org/flyteorg/flytekit:py3.11-1.16.0": cr.flyte.org/flyteorg/flytekit:py3.11-1.16.0: not found'],
  // the image was never built inside the sandbox, so the node looked for docker.io/library/flytecookbook, which does not exist
  ['repo_not_found', `${GH}/flyteorg/flyte/issues/1319`, '[1/1] currentAttempt done. Last Error: USER::containers with unready status: [fu29mt2yqe-n0-0]|Back-off pulling image "flytecookbook:pima_diabetes-ff4e179abe231d65fe06f24a181f96ad737d40ee"', 'ambiguous'],
  // AMD ROCm images
  ['disk_pressure', `${GH}/pytorch/pytorch/issues/92822`, '74711b60232e: Pull complete\ne968de764a03: Pull complete\n9aed670494cd: Download complete\nfailed to register layer: ApplyLayer exit status 1 stdout:  stderr: write /opt/rocm-5.3.0/share/miopen/db/gfx906_64.kdb: no space left on device\nError: Process completed with exit code 1.'],
  // the root filesystem ran out of inodes, not bytes
  ['disk_pressure', `${GH}/ROCm/ROCm-docker/issues/92`, 'failed to register layer: ApplyLayer exit status 1 stdout:  stderr: write /opt/rocm-5.1.0/rocfft/lib/librocfft-device-2.so.0.1.50100: no space left on device'],
  // Intel device plugins, run:ai fake GPU operator
  // the chart references an image that was never published
  ['repo_not_found', `${GH}/run-ai/fake-gpu-operator/issues/228`, '  Normal   BackOff                          2m51s (x722 over 166m)  kubelet  spec.containers{kwok-compute-domain-dra-plugin}: Back-off pulling image "ghcr.io/run-ai/fake-gpu-operator/kwok-compute-domain-dra-plugin:0.2.0"', 'ambiguous'],
  // Kubeflow training (pytorch-operator)
  // the node's registry configuration sends short names to a private ECR registry that has no alpine repository
  ['repo_not_found', `${GH}/kubeflow/pytorch-operator/issues/319`, 'Failed to pull image "alpine:3.10": rpc error: code = Unknown desc = Error reading manifest 3.10 in OUR_AWS_ACCOUNT.dkr.ecr.us-west-2.amazonaws.com/alpine: name unknown: The repository with name \'alpine\' does not exist in the registry with id \'OUR_AWS_ACCOUNT\''],
  // NGC (nvcr.io) and NVIDIA projects
  // an NVIDIA-internal image; the reporter was logged in to nvcr.io
  ['access_denied', `${GH}/NVlabs/alpasim/issues/44`, 'Error response from daemon: Head \'https://nvcr.io/v2/nvidian/alpamayo/nre/manifests/25.7.9-dc9a8043\': denied: {"errors": [{"code": "DENIED", "message": "Access Denied"}]}'],
  // an early-access NGC org; the reporter had logged in and rotated the key; the line is cut off by docker compose
  ['access_denied', `${GH}/NVIDIA/NeMo-Retriever/issues/138`, ' ✘ cached Error         pull access denied for nvcr.io/ohlfw0olaadg/ea-participants/cached, repository does not exist or may require \'docker login\': denie...               2.7s ', 'ambiguous'],
  // fixed by generating an NGC API key and docker login nvcr.io with $oauthtoken
  ['auth_missing', `${GH}/NVIDIA/DeepLearningExamples/issues/451`, 'unauthorized: authentication required', 'ambiguous'],
  // the answer: docker login nvcr.io with an NGC API key
  ['auth_missing', `${GH}/XingangPan/DragGAN/issues/149`, ' > [1/7] FROM nvcr.io/nvidia/pytorch:23.05-py3@sha256:d5aa1e516e68afab9cd3ecaaeac3dd2178618bd26cd7ad96762ed53e32e9e0bd:\n------\nDockerfile:1\n--------------------\n   1 | >>> FROM nvcr.io/nvidia/pytorch:23.05-py3\n   2 |     \n   3 |     ENV PYTHONDONTWRITEBYTECODE 1\n--------------------\nERROR: failed to solve: failed to fetch anonymous token: unexpected status: 401 Unauthorized'],
  // intermittent 401 on anonymous pulls; the maintainers: a problem with NGC itself
  ['registry_unavailable', `${GH}/triton-inference-server/server/issues/3805`, '#5 [internal] load metadata for nvcr.io/nvidia/tritonserver:21.09-py3\n#5 sha256:427d8fa572bc82e08f6dcef7f8d657525a6eca13d4e4fe03fea3258a157c0558\n#5 ERROR: failed to authorize: rpc error: code = Unknown desc = failed to fetch anonymous token: unexpected status: 401 Unauthorized', 'ambiguous'],
  // platform (vLLM, KFP, Open WebUI with Ollama)
  ['platform_mismatch', `${GH}/kubeflow/pipelines/issues/12705`, 'WARNING: image with reference ghcr.io/kubeflow/kfp-viewer-crd-controller:2.15.0 was found but its platform (linux/amd64) does not match the specified platform (linux/arm64)'],
  ['platform_mismatch', `${GH}/vllm-project/vllm/issues/30076`, 'WARNING: image platform (linux/amd64) does not match the expected platform (linux/arm64)\n{"msg":"exec container process `/opt/venv/bin/vllm`: Exec format error","level":"error","time":"2025-12-04T15:15:35.826445Z"}'],
  ['platform_mismatch', `${GH}/containers/ramalama/issues/801`, 'Trying to pull quay.io/modh/vllm:rhoai-2.18-cuda...\nError: choosing an image from manifest list docker://quay.io/modh/vllm:rhoai-2.18-cuda: no image found in image index for architecture "arm64", variant "v8", OS "linux"'],
  ['platform_mismatch', `${GH}/open-webui/open-webui/issues/12163`, 'Failed to pull images of the stack: compose pull operation failed: no matching manifest for linux/arm64/v8 in the manifest list entries'],
  // GPU operators (NVIDIA, AMD), Slurm on k8s (soperator), GPUStack
  // a private Harbor registry in an air-gapped install; the maintainers point at the cluster's registry CA configuration
  ['tls_error', `${GH}/NVIDIA/gpu-operator/issues/1519`, 'tls: failed to verify certificate: x509: certificate signed by unknown authority'],
  ['dns_failure', `${GH}/ROCm/gpu-operator/issues/243`, 'dial tcp: lookup twuni-docker-registry.amd-operator.svc.cluster.local: Temporary failure in name resolution\n  Warning  Failed   57s (x4 over 2m21s)  kubelet  Error: ErrImagePull'],
  // a review comment: the repository has no latest tag (the chart pins versioned tags)
  ['tag_not_found', `${GH}/nebius/soperator/pull/2991`, 'docker pull cr.nebius.cloud/marketplace/nebius/nvidia-gpu-operator/image/gpu-operator-validator\nUsing default tag: latest\nError response from daemon: failed to resolve reference "cr.nebius.cloud/marketplace/nebius/nvidia-gpu-operator/image/gpu-operator-validator:latest": cr.nebius.cloud/marketplace/nebius/nvidia-gpu-operator/image/gpu-operator-validator:latest: not found'],
  // GPUStack prefixed docker.io to a quay.io image (a bug, fixed); the Docker Hub mirror answers 403 for the nonexistent path
  // not ambiguous since session 9 (the lead): the reference repeats a registry host, which decides a missing repository
  ['repo_not_found', `${GH}/gpustack/gpustack/issues/5456`, '  Warning  Failed     0s (x5 over 5m1s)    kubelet            spec.containers{nfd-master}: Failed to pull image "docker.io/quay.io/gpustack/mirrored-node-feature-discovery:v0.18.3": failed to pull and unpack image "docker.io/quay.io/gpustack/mirrored-node-feature-discovery:v0.18.3": failed to resolve reference "docker.io/quay.io/gpustack/mirrored-node-feature-discovery:v0.18.3": unexpected status from HEAD request to https://docker.m.daocloud.io/v2/quay.io/gpustack/mirrored-node-feature-discovery/manifests/v0.18.3?ns=docker.io: 403 Forbidden'],
  // the Nexus proxy registry could not fetch the NVIDIA driver image from outside (the deploy node needs Internet access); it answers as if the tag were missing
  ['network_unreachable', `${GH}/KubeOperator/KubeOperator/issues/519`, 'Failed to pull image "registry.kubeoperator.io:8082/kubeoperator/driver:460.73.01-ubuntu20.04": rpc error: code = Unknown desc = Error response from daemon: manifest for registry.kubeoperator.io:8082/kubeoperator/driver:460.73.01-ubuntu20.04 not found: manifest unknown: manifest unknown', 'ambiguous', 'a Nexus proxy that could not reach its upstream answered "manifest … not found": the text reads a missing tag (a failing proxy stays a candidate); only the thread knew the upstream was unreachable'],
  // Kubeflow (older threads)
  // transient: the image existed and the pull worked a bit later
  ['network_unreachable', `${GH}/kubeflow/kubeflow/issues/348`, 'Failed to pull image "gcr.io/kubeflow/tf-benchmarks-gpu:v20171202-bdab599-dirty-284af3": rpc error: code = Unknown desc = Error response from daemon: Get https://gcr.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)'],
  // Kubeflow 0.3 pinned a digest of an outdated image that no longer exists
  ['tag_not_found', `${GH}/kubeflow/kubeflow/issues/3055`, 'Failed to pull image "gcr.io/enisoc-kubernetes/metacontroller@sha256:18561c63e1c5380ac5bbaabefa933e484bdb499f10b61071506f9a0070bc65f6": rpc error: code = Unknown desc = Error response from daemon: manifest for gcr.io/enisoc-kubernetes/metacontroller@sha256:18561c63e1c5380ac5bbaabefa933e484bdb499f10b61071506f9a0070bc65f6 not found'],
  // the tinyproxy HTTP proxy refused the connection to gcr.io; a VPN route instead of the proxy fixed it
  ['firewall_denied', `${GH}/DvcLAB/JupyterLab-Image/issues/21`, 'Error response from daemon: Get https://gcr.io/v2/: Access denied', 'ambiguous'],
  // Volcano (Ray e2e), JupyterHub, mybinder
  // Bitnami stopped publishing bitnami/ray tags on Docker Hub
  ['tag_not_found', `${GH}/volcano-sh/volcano/pull/4670`, 'Oct 02 06:57:23 integration-worker2 kubelet[273]: E1002 06:57:23.173290     273 pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"ray\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"bitnami/ray:2.49.0\\\\\\": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image \\\\\\"docker.io/bitnami/ray:2.49.0\\\\\\": failed to resolve reference \\\\\\"docker.io/bitnami/ray:2.49.0\\\\\\": docker.io/bitnami/ray:2.49.0: not found\\"" pod="erli6hgc/ray-cluster-job-head-0" podUID="433a6958-3d9e-43cc-9d14-965b43db6541"'],
  // the CI push of that tag had failed, so the tag was never published
  ['tag_not_found', `${GH}/jupyterhub/zero-to-jupyterhub-k8s/issues/434`, '  Warning  Failed                 2m (x4 over 3m)  kubelet, travis-job-3299cde0-e1fb-44b4-845f-1e655ed87c73  Failed to pull image "jupyterhub/k8s-hub:29ff4b9": rpc error: code = Unknown desc = Error response from daemon: manifest for jupyterhub/k8s-hub:29ff4b9 not found'],
  ['rate_limited', `${GH}/jupyterhub/mybinder.org-deploy/issues/2154`, '2022-04-06T16:14:08Z [Warning] Failed to pull image "gesiscss/binder-r2d-g5b5b759-mtlpy-2dateliers-2dprog-f5f117:0ab5a2cb4c13a84e5bf0974acdd5482847dce2c2": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // a mybinder (repo2docker) build pulling its base image
  ['rate_limited', `${GH}/ipeaGIT/intro_access_book/issues/18`, 'Step 1/9 : FROM ipea/intro_access_book:latest\ntoomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'],
  // Dask gateway, Kubeflow on microk8s
  // CI pulled a tag that had never been built
  ['tag_not_found', `${GH}/dask/dask-gateway/issues/412`, '  Warning  Failed     5m14s (x4 over 6m49s)  kubelet, k3d-k3s-default-agent-0  Failed to pull image "daskgateway/dask-gateway-server:1ad3c3ad386ed4c7b61d3ff296b2a67b3371ea093d0159fa9179c889dc2d29cc": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/daskgateway/dask-gateway-server:1ad3c3ad386ed4c7b61d3ff296b2a67b3371ea093d0159fa9179c889dc2d29cc": failed to resolve reference "docker.io/daskgateway/dask-gateway-server:1ad3c3ad386ed4c7b61d3ff296b2a67b3371ea093d0159fa9179c889dc2d29cc": docker.io/daskgateway/dask-gateway-server:1ad3c3ad386ed4c7b61d3ff296b2a67b3371ea093d0159fa9179c889dc2d29cc: not found'],
  // the thread leaves it open (the maintainer asks whether it was transient); an EOF mid-download from the charm registry
  ['registry_unavailable', `${GH}/canonical/microk8s/issues/846`, 'Dec 03 12:41:54 node1 microk8s.daemon-kubelet[9990]: E1203 12:41:54.164831    9990 remote_image.go:113] PullImage "registry.jujucharms.com/kubeflow-charmers/modeldb-backend/oci-image@sha256:67e70b991598fe8fca12058e2cee1abc342ab26a0047ec4779cb6d8483d87161" from image service failed: rpc error: code = Unknown desc = failed to pull and unpack image "registry.jujucharms.com/kubeflow-charmers/modeldb-backend/oci-image@sha256:67e70b991598fe8fca12058e2cee1abc342ab26a0047ec4779cb6d8483d87161": failed to copy: unexpected EOF', 'ambiguous'],
  // nvcr.io itself: the pull worked again the same day (likely NGC maintenance)
  ['registry_unavailable', `${GH}/triton-inference-server/server/issues/5958`, 'Error response from daemon: received unexpected HTTP status: 502 Bad Gateway'],
];

export const FRESH_FIFTEENTH_C: readonly CorpusEntry[] = corpusEntries(ROWS);
