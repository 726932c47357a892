import type { CorpusEntry } from './corpus';

/**
 * Fresh batch 9: 16 real pull errors from 16 threads no earlier entry cites, collected on 2026-12-07 after batch 8 was
 * fixed, from neutral searches only (operator and Helm installs, EKS/Fargate, Talos/Rancher Desktop, docker.elastic.co,
 * registry.redhat.io, MCR, GHCR, Artifactory/Nexus), never a search for a wording the rules were known to miss.
 * Labelled from the threads' resolutions (ambiguous where the text cannot decide); scored at first sight with the
 * rules at `3589a51` (all of batch 8's fixes) before anything was changed for it (BENCHMARKS.md).
 * [category, source URL, message, 'ambiguous'?, known miss?]
 */
type Row = [CorpusEntry['category'], string, string, 'ambiguous'?, string?];

const ROWS: Row[] = [
  ['unknown', 'https://github.com/helm/helm/issues/1893', 'Error syncing pod, skipping: failed to "StartContainer" for "tiller" with ErrImagePull: "image pull failed for gcr.io/kubernetes-helm/tiller:v2.1.3, this may be because there are no credentials on this request.  details: (Error response from daemon: {\\"message\\":\\"target is unknown\\"})"'],
  ['repo_not_found', 'https://github.com/att-comdev/openstack-helm/issues/306', '29s\t\t15s\t\t2\t{kubelet ip-172-31-8-127}\t\t\t\t\tWarning\t\tFailedSync\tError syncing pod, skipping: failed to "StartContainer" for "rabbitmq" with ErrImagePull: "image pull failed for registry.mcp.fuel-infra.org/mcp/rabbitmq:ocata-unstable, this may be because there are no credentials on this request.  details: (Error: image mcp/rabbitmq:ocata-unstable not found)"', 'ambiguous'],
  ['network_unreachable', 'https://github.com/aws-samples/eks-workshop-v2/issues/673', '  Warning  Failed           11s   kubelet            Failed to pull image "public.ecr.aws/aws-containers/retail-store-sample-checkout:0.4.0": rpc error: code = Unknown desc = failed to pull and unpack image "public.ecr.aws/aws-containers/retail-store-sample-checkout:0.4.0": failed to resolve reference "public.ecr.aws/aws-containers/retail-store-sample-checkout:0.4.0": failed to do request: Head "https://public.ecr.aws/v2/aws-containers/retail-store-sample-checkout/manifests/0.4.0": dial tcp 99.83.145.10:443: i/o timeout'],
  ['tag_not_found', 'https://github.com/operator-framework/community-operators/issues/3788', 'Failed to pull image "quay.io/openshift-community-operators/aqua@sha256:5cfb12699f02acce66de74bf344e31ddedc626976bbf478bf9a36e3abd301e9b": rpc error: code = Unknown desc = Error reading manifest sha256:5cfb12699f02acce66de74bf344e31ddedc626976bbf478bf9a36e3abd301e9b in quay.io/openshift-community-operators/aqua: manifest unknown: manifest unknown'],
  ['tag_not_found', 'https://github.com/CrunchyData/postgres-operator/issues/1484', 'Failed to pull image "registry.developers.crunchydata.com/crunchydata/pgo-deployer:centos7-4.3.0": rpc error: code = Unknown desc = Error response from daemon: manifest for registry.developers.crunchydata.com/crunchydata/pgo-deployer:centos7-4.3.0 not found'],
  ['registry_unavailable', 'https://github.com/elastic/elasticsearch/issues/61047', '$ docker pull docker.elastic.co/elasticsearch/elasticsearch:7.2.0\nError response from daemon: Get https://docker.elastic.co/v2/elasticsearch/elasticsearch/manifests/7.2.0: unauthorized: authentication required', 'ambiguous'],
  ['tag_not_found', 'https://github.com/docker-archive-public/docker.kitematic/issues/4193', 'Using default tag: latest\nError response from daemon: manifest for elasticsearch:latest not found'],
  ['dns_failure', 'https://github.com/elastic/elasticsearch-docker/issues/89', 'Error response from daemon: Get https://docker.elastic.co/v2/: dial tcp: lookup docker.elastic.co on [::1]:53: read udp [::1]:51036->[::1]:53: read: connection ref\nused'],
  ['tag_not_found', 'https://github.com/docker-archive-public/docker.kitematic/issues/5572', '(HTTP code 404) unexpected - manifest for elasticsearch:latest not found: manifest unknown: manifest unknown'],
  ['registry_unavailable', 'https://github.com/elastic/elasticsearch-docker/issues/237', '$ docker pull docker.elastic.co/elasticsearch/elasticsearch:6.4.3\nError response from daemon: unauthorized: authentication required', 'ambiguous'],
  ['registry_unavailable', 'https://github.com/elastic/elasticsearch/issues/50186', 'Error response from daemon: Get https://docker.elastic.co/v2/elasticsearch/elasticsearch/manifests/7.4.2: received unexpected HTTP status: 503 Service Unavailable: Back-end server is at capacity'],
  ['dns_failure', 'https://github.com/docker-library/kibana/issues/72', 'Using default tag: latest\nPulling repository docker.io/danielguerra/elasticsearch-x-pack\nError while pulling image: Get https://index.docker.io/v1/repositories/danielguerra/elasticsearch-x-pack/images: dial tcp: lookup index.docker.io on [::1]:53: read udp [::1]:48468->[::1]:53: read: connection refused'],
  ['auth_missing', 'https://github.com/eclipse-che/che/issues/13716', '  Warning  Failed     71s (x4 over 3m4s)  kubelet, 9.42.19.223  Failed to pull image "registry.redhat.io/ubi8-minimal:8.0-127": rpc error: code = Unknown desc = Error response from daemon: Get https://registry.redhat.io/v2/ubi8-minimal/manifests/8.0-127: unauthorized: Please login to the Red Hat Registry using your Customer Portal credentials. Further instructions can be found here: https://access.redhat.com/articles/3399531'],
  ['auth_missing', 'https://github.com/kubernetes-sigs/cri-tools/issues/731', '# crictl pull registry.connect.redhat.com/hazelcast/hazelcast-3-rhel7:3.11 --creds <myusername>[:<mypassword>]\nFATA[0001] pulling image: rpc error: code = Unknown desc = unable to retrieve auth token: invalid username/password: unauthorized: Please login to the Red Hat Registry using your Customer Portal credentials. Further instructions can be found here: https://access.redhat.com/RegistryAuthentication'],
  ['registry_unavailable', 'https://github.com/slok/sloth/issues/336', 'Failed to pull image "ghcr.io/slok/sloth:v0.10.0": rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/slok/sloth:v0.10.0": failed to copy: httpReadSeeker: failed open: unexpected status code https://ghcr.io/v2/slok/sloth/blobs/sha256:ef4e853fe6e9908321c84a56d96b519266f27d5d0d8e2cadafc0663e79a38384: 401 Unauthorized - Server message: unauthorized: unauthenticated: User cannot be authenticated with the token provided.', 'ambiguous'],
  ['auth_missing', 'https://github.com/cially/cially/issues/44', 'Error response from daemon: Head "https://ghcr.io/v2/cially/cially-web/manifests/latest": unauthorized', 'ambiguous'],
];

export const FRESH_NINTH: readonly CorpusEntry[] = ROWS.map(([category, source, message, ambiguous, knownMiss]) => ({
  category,
  source,
  message,
  ...(ambiguous ? { ambiguous: true } : {}),
  ...(knownMiss ? { knownMiss } : {}),
}));
