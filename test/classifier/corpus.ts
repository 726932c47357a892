import type { Category } from '../../lib/model/category';

/**
 * Real image pull error messages with the category the text itself supports.
 * `source` is where the message was quoted publicly (placeholders such as <acrname> are the
 * page's own), or `produced-here: …` for output recorded from test/classifier/produce-messages.sh.
 * Multi-line quotes were joined with single spaces; nothing else was changed.
 * A data file: one entry per message, so it is long on purpose. Produced messages: produced-corpus.ts.
 */
export interface CorpusEntry {
  category: Category;
  message: string;
  source: string;
  reason?: string;
  note?: string;
  /**
   * The text alone cannot decide (e.g. Quay's "unauthorized" for a missing and a private repository):
   * `category` is the cause the thread established, and the classifier must name it as its category
   * or among its candidates.
   */
  ambiguous?: boolean;
  /**
   * A real message the classifier does not name correctly, kept so that the scores stay honest; says why the
   * text cannot decide. The corpus test fails once the classifier gets it right, so the marker cannot go stale.
   */
  knownMiss?: string;
}

/** A batch file's row: [category, source URL, message, 'ambiguous'?, known miss?]. */
export type CorpusRow = [CorpusEntry['category'], string, string, 'ambiguous'?, string?];

/** A batch file's rows as corpus entries. */
export function corpusEntries(rows: readonly CorpusRow[]): CorpusEntry[] {
  return rows.map(([category, source, message, ambiguous, knownMiss]) => ({
    category,
    source,
    message,
    ...(ambiguous ? { ambiguous: true } : {}),
    ...(knownMiss ? { knownMiss } : {}),
  }));
}

const MS_LEARN_ACR_AKS =
  'https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/extensions/cannot-pull-image-from-acr-to-aks-cluster';
const gh = (repoAndNumber: string): string => {
  const [repo, number] = repoAndNumber.split('#');
  return `https://github.com/${repo}/issues/${number}`;
};
const ghPull = (repoAndNumber: string): string => {
  const [repo, number] = repoAndNumber.split('#');
  return `https://github.com/${repo}/pull/${number}`;
};

export const CITED: readonly CorpusEntry[] = [
  // auth_missing
  {
    category: 'auth_missing',
    source: `${MS_LEARN_ACR_AKS} (Cause 1: 401 Unauthorized error)`,
    message:
      'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": [rpc error: code = Unknown desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": failed to resolve reference "<acrname>.azurecr.io/<repository:tag>": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized',
  },
  {
    category: 'auth_missing',
    source: gh('Azure/AKS#4459'),
    note: 'containerd 1.7+ wording with the token URL',
    message:
      'Failed to pull image "<registryname>.azurecr.io/main/<imagerepo>:v5.0.0": failed to pull and unpack image "<registryname>.azurecr.io/main/<imagerepo>:v5.0.0": failed to resolve reference "<registryname>.azurecr.io/main/<imagerepo>:v5.0.0": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://<registryname>.azurecr.io/oauth2/token?scope=repository%3Amain%2F<imagerepo>%3Apull&service=<registryname>.azurecr.io: 401 Unauthorized',
  },
  {
    category: 'auth_missing',
    source: gh('microsoft/azuredevopslabs#109'),
    note: 'dockerd-era (dockershim) wording',
    message:
      'Failed to pull image "myacr.azurecr.io/myhealth.web:95": rpc error: code = Unknown desc = Error response from daemon: Get https://myacr.azurecr.io/v2/myhealth.web/manifests/95: unauthorized: authentication required',
  },
  {
    category: 'auth_missing',
    source: 'https://learn.microsoft.com/el-gr/troubleshoot/azure/azure-container-registry/authentication-required',
    message:
      'Head "https://<container-registry-name>.azurecr.io/v2/<repository>/manifests/<tag>": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.',
  },
  {
    category: 'auth_missing',
    source: gh('kubernetes/kubernetes#110675'),
    message:
      'Failed to pull image "registry.app.xxx.net/XXXXX/partsgo42:GitActionsNew-2e7e78f7bb157128f1853b0dc06bf7ccd13156d7": rpc error: code = Unknown desc = failed to pull and unpack image "registry.app.xxx.net/spm2fog/partsgo42:GitActionsNew-2e7e78f7bb157128f1853b0dc06bf7ccd13156d7": failed to resolve reference "registry.app.xxx.net/spm2fog/partsgo42:GitActionsNew-2e7e78f7bb157128f1853b0dc06bf7ccd13156d7": pulling from host registry.app.xxx.net failed with status code [manifests GitActionsNew-2e7e78f7bb157128f1853b0dc06bf7ccd13156d7]: 401 Unauthorized',
  },

  // access_denied
  {
    category: 'access_denied',
    source: gh('kubernetes/kubernetes#30148'),
    message:
      'Error: Status 403 trying to pull repository <path to GCR image>: "Unable to access the repository: <path to GCR image>; please verify that it exists and you have permission to access it."',
  },
  {
    category: 'access_denied',
    source: gh('kubernetes/registry.k8s.io#273'),
    message:
      'Error response from daemon: Head "https://europe-west3-docker.pkg.dev/v2/k8s-artifacts-prod/images/sig-storage/csi-provisioner/manifests/v4.0.0": Forbidden',
  },
  {
    category: 'access_denied',
    source: gh('nloui/paperless-mcp#10'),
    note: 'a 403 on a non-ACR token endpoint (ghcr.io/token) is that registry refusing access, not ACR network rules',
    message:
      'Failed to pull image "ghcr.io/nloui/paperless-mcp:latest": failed to pull and unpack image "ghcr.io/nloui/paperless-mcp:latest": failed to resolve reference "ghcr.io/nloui/paperless-mcp:latest": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Anloui%2Fpaperless-mcp%3Apull&service=ghcr.io: 403 Forbidden',
  },

  // firewall_denied
  {
    category: 'firewall_denied',
    source: `${MS_LEARN_ACR_AKS} (Cause 3: 403 Forbidden error)`,
    message:
      'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": rpc error: code = Unknown desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": failed to resolve reference "<acrname>.azurecr.io/<repository:tag>": failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden',
  },
  {
    category: 'firewall_denied',
    source: gh('Azure/acr#633'),
    message:
      'Failed to pull image "<acrname>.azurecr.io/<imagae-name>:02b6d84d635c3d9ff4182ad1c50d16364695d3d5": rpc error: code Unknown desc Error response from daemon: Head "https://<acrname>.azurecr.io/v2/<image-name>/manifests/02b6d84d635c3d9ff4182ad1c50d16364695d3d5": denied: client with IP \'x.x.x.x\' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.',
  },
  {
    category: 'firewall_denied',
    source: gh('docker/build-push-action#1214'),
    note: 'JSON body with \\u0027 escapes instead of quotes',
    message:
      'error response from daemon: Get "https://.azurecr.io/v2/": denied: {"errors":[{"code":"DENIED","message":"client with IP \\u0027172.214.169.102\\u0027 is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}',
  },

  // tag_not_found
  {
    category: 'tag_not_found',
    source: `${MS_LEARN_ACR_AKS} (Cause 2: Image not found error)`,
    message:
      'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": [rpc error: code = NotFound desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": failed to resolve reference "<acrname>.azurecr.io/<repository:tag>": <acrname>.azurecr.io/<repository:tag>: not found',
  },
  {
    category: 'tag_not_found',
    source: gh('mattmattox/drain-node-on-crash#7'),
    message:
      'ErrImagePull: rpc error: code = Unknown desc = Error response from daemon: manifest for drainnode/leader:v1.0-rc9 not found: manifest unknown: manifest unknown',
  },

  // repo_not_found
  {
    category: 'repo_not_found',
    source: gh('kubernetes/minikube#20613'),
    message:
      "Failed to pull image \"suedostcargo-web\": Error response from daemon: pull access denied for suedostcargo-web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  },
  {
    category: 'repo_not_found',
    source: gh('docker/hub-feedback#2215'),
    message:
      '"docker.io/library/busybox:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
  },
  {
    category: 'repo_not_found',
    source: gh('kubernetes/kubernetes#41566'),
    message: 'Handler for POST /v1.26/images/create returned error: repository kube-aggregator not found: does not exist or no pull access',
  },
  {
    category: 'repo_not_found',
    source: 'https://learn.microsoft.com/en-us/troubleshoot/azure/azure-container-registry/delete-operation-issues (Issue 1; MicrosoftDocs/SupportArticles-docs support/azure/azure-container-registry/delete-operation-issues.md)',
    note: "ACR's own NAME_UNKNOWN body",
    message: "{'code':'NAME_UNKNOWN','message':'repository name not known to registry','detail':{'name':'mailhog'}}",
  },

  // platform_mismatch
  {
    category: 'platform_mismatch',
    source: `${MS_LEARN_ACR_AKS} (Cause 5: No match for platform in manifest)`,
    message:
      'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": [ rpc error: code = NotFound desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": no match for platform in manifest: not found, ]',
  },
  {
    category: 'platform_mismatch',
    source: gh('kubewarden/adm-controller#1378'),
    message:
      'Failed to pull image "ghcr.io/kubewarden/kubewarden-controller:latest": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/kubewarden/kubewarden-controller:latest": no match for platform in manifest: not found',
  },
  {
    category: 'platform_mismatch',
    source: ghPull('containerd/containerd#2410'),
    note: 'containerd 1.1-era wording naming the platform',
    message: 'no match for current platform linux/arm/v7 in manifest sha256:32efb15cbb8a46f4b564857e534fd4c26a4a15813885f91b1a95b5758fea3fd5: not found',
  },

  // dns_failure
  {
    category: 'dns_failure',
    source: gh('hjacobs/kube-ops-view#176'),
    message:
      'Failed to pull image "hjacobs/kube-ops-view:0.8.1": rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving',
  },
  {
    category: 'dns_failure',
    source: gh('kubernetes/minikube#9580'),
    note: 'DNS query timed out: "lookup … i/o timeout" is DNS, not TCP',
    message:
      'Pull image "k8s.gcr.io/echoserver:1.4" failed: rpc error: code = Unknown desc = Error response from daemon: Get https://k8s.gcr.io/v2/: dial tcp: lookup k8s.gcr.io on 192.168.49.1:53: read udp 192.168.49.2:48049->192.168.49.1:53: i/o timeout',
  },
  {
    category: 'dns_failure',
    source: gh('docker/login-action#718'),
    message: 'Error response from daemon: Get "https://***/v2/": dial tcp: lookup *** on 127.0.0.53:53: no such host',
  },

  // network_unreachable
  {
    category: 'network_unreachable',
    source: `${MS_LEARN_ACR_AKS} (Cause 4: i/o timeout error)`,
    message:
      'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": rpc error: code = Unknown desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": failed to resolve reference "<acrname>.azurecr.io/<repository:tag>": failed to do request: Head "https://<acrname>.azurecr.io/v2/<repository>/manifests/v1": dial tcp <acrprivateipaddress>:443: i/o timeout',
  },
  {
    category: 'network_unreachable',
    source: gh('ketches/registry-proxy#3'),
    message:
      'ctr: failed to resolve reference "docker.ketches.cn/library/nginx:latest": failed to authorize: failed to fetch anonymous token: Get "https://auth.docker.io/token?scope=repository%3Alibrary%2Fnginx%3Apull&service=registry.docker.io": dial tcp 199.59.148.222:443: i/o timeout',
  },
  {
    category: 'network_unreachable',
    source: ghPull('MicrosoftDocs/azure-docs#116188'),
    note: "kubelet's aggregate: the credentialed pull broke on the storage data endpoint (egress firewall); the anonymous retry's 401 is noise",
    message:
      'Failed to pull image "myregistry.azurecr.io/myimage:16102023": [rpc error: code = Unknown desc = failed to pull and unpack image "myregistry.azurecr.io/myimage:16102023": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://weumanaged15.blob.core.windows.net/xxxx/docker/registry/v2/blobs/sha256/fd/xxxx/data?se=2023-10-19T13%3A03%3A46Z&sig=xxxx%3D&sp=r&spr=https&sr=b&sv=2018-03-28&regid=xxxx": EOF, rpc error: code = Unknown desc = failed to pull and unpack image "myregistry.azurecr.io/myimage:16102023": failed to resolve reference "myregistry.azurecr.io/myimage:16102023": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://myregistry.azurecr.io/oauth2/token?scope=repository%3Amyimage%3Apull&service=myregistry.azurecr.io: 401 Unauthorized]',
  },

  // tls_error
  {
    category: 'tls_error',
    source: gh('kubernetes/kubernetes#43924'),
    message:
      'Failed to pull image "10.78.0.228:5000/monitorms": Error response from daemon: {"message":"Get https://10.78.0.228:5000/v1/_ping: x509: certificate signed by unknown authority"}',
  },
  {
    category: 'tls_error',
    source: gh('dwmkerr/terraform-aws-openshift#76'),
    message:
      'Failed to pull image "docker-registry-default.ip.xip.io/project/name": rpc error: code = Unknown desc = Get https:/docker-registry-default.ip.xip.io/project/name : x509: certificate signed by unknown authority',
  },
  {
    category: 'tls_error',
    source: gh('containerd/containerd#1568'),
    message: 'ctr: failed to do request: Head https://xxx/v2/library/nginx/manifests/1.10.1-alpine:x509: certificate signed by unknown authority',
  },

  // rate_limited
  {
    category: 'rate_limited',
    source: gh('kata-containers/kata-containers#10109'),
    note: 'the 429 arrives inside "failed to copy: httpReadSeeker" — rate limit, not timeout',
    message:
      'Failed to pull image "busybox": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/busybox:latest": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/busybox/manifests/sha256:50aa4698fa6262977cff89181b2664b99d8a56dbca847bf62f2ef04854597cf8: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
  },
  {
    category: 'rate_limited',
    source: gh('ceph/ceph-csi#2029'),
    message:
      'Failed to pull image "docker.io/library/busybox:1.29": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
  },
  {
    category: 'rate_limited',
    source: gh('red-hat-storage/ocs-ci#4494'),
    note: 'CRI-O wording',
    message:
      'Failed to pull image "obsidiandynamics/kafdrop:latest": rpc error: code = Unknown desc = Error reading manifest latest in docker.io/obsidiandynamics/kafdrop: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
  },

  // timeout_or_size
  {
    category: 'timeout_or_size',
    source: gh('kubernetes/minikube#15626'),
    message: 'Failed to pull image "noyandocker/authservice": rpc error: code = Unknown desc = context deadline exceeded',
  },
  {
    category: 'timeout_or_size',
    source: gh('kubernetes/test-infra#15102'),
    note: 'a ~6 GB image',
    message: 'Failed to pull image "gcr.io/istio-testing/prowbazel:0.5.14": rpc error: code = Unknown desc = context canceled',
  },
  {
    category: 'timeout_or_size',
    source: ghPull('cri-o/cri-o#189'),
    message: 'Failed to pull image "nginx": rpc error: code = 4 desc = context deadline exceeded',
  },

  // disk_pressure
  {
    category: 'disk_pressure',
    source: gh('tableau/tableau-server-in-kubernetes#14'),
    message:
      'Failed to pull image "CENSORED": rpc error: code = Unknown desc = failed to register layer: Error processing tar file(exit status 1): write /tableau-server-CENSORED.rpm: no space left on device',
  },
  {
    category: 'disk_pressure',
    source: gh('rancher/k3os#55'),
    message:
      'failed to extract layer sha256:5dacd731af1b0386ead06c8b1feff9f65d9e0bdfec032d2cd0bc03690698feda: mount callback failed on /var/lib/rancher/k3s/agent/containerd/tmpmounts/containerd-mount252943319: write /var/lib/rancher/k3s/agent/containerd/tmpmounts/containerd-mount252943319/lib/x86_64-linux-gnu/libc-2.24.so: no space left on device: unknown',
  },
  {
    category: 'disk_pressure',
    source: gh('dandi/dandi-hub#89'),
    message: 'The node was low on resource: ephemeral-storage.',
  },

  // invalid_reference
  {
    category: 'invalid_reference',
    source: gh('jupyterhub/zero-to-jupyterhub-k8s#472'),
    message:
      'Failed to apply default image tag "None:None": couldn\'t parse image reference "None:None": invalid reference format: repository name must be lowercase',
  },
  {
    category: 'invalid_reference',
    source: gh('jupyterhub/zero-to-jupyterhub-k8s#472'),
    note: 'a URL scheme in the image field',
    message:
      'Failed to apply default image tag "https://harbor.k8s.mybank/release/name:1.1.0": couldn\'t parse image reference "https://harbor.k8s.mybank/release/name:1.1.0": invalid reference format.',
  },
  {
    category: 'invalid_reference',
    source: ghPull('darklang/dark#454'),
    message:
      'Failed to apply default image tag "gcr.io/balmy-ground-195100/dark-gcp:gcr.io/balmy-ground-195100/dark-gcp:8e3213495373": couldn\'t parse image reference "gcr.io/balmy-ground-195100/dark-gcp:gcr.io/balmy-ground-195100/dark-gcp:8e3213495373": invalid reference format: InvalidImageName',
  },

  // never_pull
  {
    category: 'never_pull',
    source: gh('hystax/optscale#701'),
    message: 'Container image "error_pages:local" is not present with pull policy of Never',
    reason: 'ErrImageNeverPull',
  },
  {
    category: 'never_pull',
    source: ghPull('stellar/anchor-platform#1467'),
    message: 'Container image "docker-registry.services.stellar-ops.com/dev/anchor-platform:e6ca4be8" is not present with pull policy of Never',
  },
  {
    category: 'never_pull',
    source: gh('GoogleContainerTools/skaffold#9687'),
    message: 'ErrImageNeverPull: Container image "quay.io/jetstack/cert-manager-controller:v1.16.3" is not present with pull policy of Never',
  },

  // registry_unavailable
  {
    category: 'registry_unavailable',
    source: ghPull('openshift/release#66406'),
    note: 'CRI-O wording',
    message:
      'Failed to pull image "registry.access.redhat.com/ubi8": initializing source docker://registry.access.redhat.com/ubi8:latest: reading manifest latest in registry.access.redhat.com/ubi8: received unexpected HTTP status: 503 Service Unavailable',
  },
  {
    category: 'registry_unavailable',
    source: gh('docker/cli#2141'),
    message: 'ERROR: Preparation failed: Error response from daemon: received unexpected HTTP status: 503 Service Unavailable',
  },
  {
    category: 'registry_unavailable',
    source: gh('maguowei/k8s-docker-desktop-for-mac#6'),
    message: 'error pulling image configuration: received unexpected HTTP status: 503 Service Unavailable',
  },

  // unknown: back-off events carry no cause; unrelated kubelet events match nothing
  {
    category: 'unknown',
    source: gh('ceph/ceph-csi#2029'),
    message: 'Back-off pulling image "docker.io/library/busybox:1.29"',
  },
  {
    category: 'unknown',
    source: gh('hjacobs/kube-ops-view#176'),
    message: 'Back-off pulling image "hjacobs/kube-ops-view:0.8.1"',
    reason: 'BackOff',
  },
  {
    category: 'unknown',
    source: gh('mattmattox/drain-node-on-crash#7'),
    message: 'ImagePullBackOff: Back-off pulling image "drainnode/leader:v1.0-rc9"',
  },
  {
    category: 'unknown',
    source: gh('dandi/dandi-hub#89'),
    message: 'Successfully assigned dandihub/jupyter-yarikoptic to i-0c3fd348f0ea4da64',
  },
  {
    // `docker pull ghcr.io/significa/app-distribution-server:sha-8732770` on a Mac with the CLI and no engine.
    category: 'unknown',
    source: gh('significa/app-distribution-server#23'),
    message: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  },
];
