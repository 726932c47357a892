import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import type { Category } from '../../lib/model/category';
import { allCorpus } from './all-corpus';

const MS_LEARN_ACR_AKS =
  'https://learn.microsoft.com/en-us/troubleshoot/azure/azure-kubernetes/extensions/cannot-pull-image-from-acr-to-aks-cluster';

/**
 * A rule's candidates are a decision too: the causes its wording cannot rule out, which the verdict then checks.
 * The corpus test only reads them for messages marked ambiguous; these rows pin them for rules whose real messages
 * decide one cause, so emptying or changing a rule's list, or a detail of its wording that one of these messages
 * depends on, changes an answer here. Each row names a corpus message
 * by its source and a phrase of it (the message itself lives in test/classifier/corpus*.ts with its citation).
 */
const ROWS: ReadonlyArray<[rule: string, source: string, phrase: string, category: Category, candidates: Category[]]> = [
  ['connect-timeout', 'https://github.com/Azure/acr/issues/594', 'dial tcp 10.201.3.5:443: i/o timeout', 'network_unreachable', ['firewall_denied', 'registry_unavailable']],
  // "dial tcp <ip>:443: i/o timeout" with no other wording: the connect-timeout rule's own alternative, not the generic timeout.
  ['connect-timeout', `${MS_LEARN_ACR_AKS} (Cause 4: i/o timeout error)`, 'dial tcp <acrprivateipaddress>:443: i/o timeout', 'network_unreachable', ['firewall_denied', 'registry_unavailable']],
  // musl's resolver: "lookup <host>: Try again", with no resolver address in between.
  ['dns', 'https://github.com/rancher/k3os/issues/431', 'lookup registry-1.docker.io: Try again', 'dns_failure', []],
  // gcr.io's v1 wording "Status 429 trying to pull repository".
  ['rate-limited', 'https://github.com/kubernetes/kubernetes/issues/9534', 'Status 429 trying to pull', 'rate_limited', []],
  ['server-error', 'https://github.com/Azure/AKS/issues/358', '504 Gateway Timeout', 'registry_unavailable', ['network_unreachable']],
  ['artifact-registry-permission', 'https://github.com/neuvector/neuvector-helm/issues/148', 'Permission "artifactregistry.repositories.downloadArtifacts" denied', 'access_denied', ['repo_not_found']],
  ['no-progress', 'https://github.com/kubernetes/kubernetes/issues/131521', 'because of no progress in 1m0s', 'timeout_or_size', ['network_unreachable', 'registry_unavailable']],
  ['artifact-registry-unauthenticated', 'https://github.com/google/fuzzbench/issues/1981', 'Unauthenticated requests do not have permission', 'auth_missing', ['access_denied']],
  ['unauthenticated-token', 'https://github.com/kastenhq/kubestr/issues/66', 'User cannot be authenticated with the token provided', 'auth_missing', ['access_denied', 'registry_unavailable']],
  ['storage-authorization-failure', 'https://github.com/Azure/azure-cli-extensions/issues/8706', 'This request is not authorized to perform this operation', 'firewall_denied', ['access_denied']],
  ['html-instead-of-registry', 'https://github.com/containerd/containerd/issues/7400', 'unexpected media type text/html', 'registry_unavailable', ['firewall_denied', 'network_unreachable']],
  ['credential-provider-failed', 'https://github.com/siderolabs/talos/issues/11086', 'Failed getting credential from external registry credential provider', 'auth_missing', ['network_unreachable']],
  ['proxy-auth', 'https://github.com/docker/hub-feedback/issues/826', 'Proxy Authentication Required', 'network_unreachable', ['firewall_denied']],
  ['content-mismatch', 'https://github.com/containerd/containerd/issues/1893', 'unexpected commit digest', 'unknown', ['timeout_or_size', 'registry_unavailable', 'network_unreachable']],
  ['connection-refused', 'https://github.com/minishift/minishift/issues/3315', 'connect: connection refused', 'network_unreachable', ['registry_unavailable', 'firewall_denied']],
  // Go's "malformed HTTP response" when plain HTTP meets a TLS server: the TLS rule's own alternative, no other wording.
  ['tls', 'https://github.com/containerd/containerd/issues/2994', 'malformed HTTP response', 'tls_error', []],
  // "dial tcp i/o timeout" with neither address nor colon (the ECR credential call), and "dial tcp: i/o timeout".
  ['connect-timeout', 'https://github.com/kubernetes/kubernetes/issues/79535', 'dial tcp i/o timeout', 'network_unreachable', ['firewall_denied', 'registry_unavailable']],
  ['connect-timeout', 'https://github.com/aws-quickstart/quickstart-amazon-eks/pull/52', 'dial tcp: i/o timeout', 'network_unreachable', ['firewall_denied', 'registry_unavailable']],
  ['storage-signature-mismatch', 'https://github.com/argoproj/argo-cd/issues/16336', 'SignatureDoesNotMatch', 'registry_unavailable', ['firewall_denied']],
  ['bad-request-400', 'https://github.com/docker-library/repo-info/issues/19', 'unexpected status resolving reader: 400 Bad Request', 'registry_unavailable', ['tag_not_found', 'repo_not_found', 'invalid_reference', 'tls_error', 'auth_missing']],
  ['aci-inaccessible-image', 'https://github.com/whiteducksoftware/az-dns-forwarder/issues/2', 'is not accessible. Please check the image and registry credential', 'auth_missing', ['repo_not_found', 'tag_not_found', 'access_denied']],
  ['gcr-project-not-found', 'https://github.com/apache/airflow-on-k8s-operator/issues/31', "Project 'project:airflow-operator' not found or deleted", 'repo_not_found', []],
  ['local-engine-unreachable', 'https://github.com/significa/app-distribution-server/issues/23', 'Is the docker daemon running?', 'unknown', []],
  ['payment-required', 'https://github.com/NVIDIA-AI-Blueprints/3d-guided-genai-rtx/issues/6', '402 (Payment Required)', 'access_denied', ['auth_missing']],
  ['local-image-missing', 'https://github.com/home-assistant/supervisor/issues/3609', 'No such image: homeassistant/am', 'unknown', ['never_pull', 'tag_not_found', 'repo_not_found', 'disk_pressure', 'platform_mismatch']],
  ['dot-reference', 'https://github.com/podman-desktop/podman-desktop/issues/19260', 'access to image "." is denied', 'invalid_reference', []],
  ['tag-invalid', 'https://github.com/Dynatrace/dynatrace-operator/issues/735', 'tag invalid: No bootstrapping-image', 'tag_not_found', ['invalid_reference']],
  ['image-does-not-exist', 'https://github.com/Ferdinand99/home-assistant-newt-addon/issues/21', 'does not exist', 'tag_not_found', ['repo_not_found', 'platform_mismatch']],
];

const corpus = allCorpus();

describe('rule candidates on real messages', () => {
  test.each(ROWS)('%s: %s', (_rule, source, phrase, category, candidates) => {
    const entries = corpus.filter((entry) => entry.source === source && entry.message.includes(phrase));
    expect(entries).toHaveLength(1);
    const result = classifyPullMessage(entries[0].message, entries[0].reason);
    expect({ category: result.category, candidates: result.candidates }).toEqual({ category, candidates });
    // Decided by the named rule's wording, not by the tentative structural reading (which may agree on the category).
    expect(result.explanation).not.toMatch(/^No known wording matched/);
  });
});
