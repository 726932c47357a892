import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import type { Category } from '../../lib/model/category';
import { allCorpus } from './all-corpus';

/**
 * A rule's candidates are a decision too: the causes its wording cannot rule out, which the verdict then checks.
 * The corpus test only reads them for messages marked ambiguous; these rows pin them for rules whose real messages
 * decide one cause, so emptying or changing a rule's list changes an answer here. Each row names a corpus message
 * by its source and a phrase of it (the message itself lives in test/classifier/corpus*.ts with its citation).
 */
const ROWS: ReadonlyArray<[rule: string, source: string, phrase: string, category: Category, candidates: Category[]]> = [
  ['connect', 'https://github.com/Azure/acr/issues/594', 'dial tcp 10.201.3.5:443: i/o timeout', 'network_unreachable', ['firewall_denied']],
  ['no-progress', 'https://github.com/kubernetes/kubernetes/issues/131521', 'because of no progress in 1m0s', 'timeout_or_size', ['network_unreachable', 'registry_unavailable']],
  ['artifact-registry-unauthenticated', 'https://github.com/google/fuzzbench/issues/1981', 'Unauthenticated requests do not have permission', 'auth_missing', ['access_denied']],
  ['unauthenticated-token', 'https://github.com/kastenhq/kubestr/issues/66', 'User cannot be authenticated with the token provided', 'auth_missing', ['access_denied']],
  ['storage-authorization-failure', 'https://github.com/Azure/azure-cli-extensions/issues/8706', 'This request is not authorized to perform this operation', 'firewall_denied', ['access_denied']],
  ['html-instead-of-registry', 'https://github.com/containerd/containerd/issues/7400', 'unexpected media type text/html', 'registry_unavailable', ['firewall_denied', 'network_unreachable']],
  ['credential-provider-failed', 'https://github.com/siderolabs/talos/issues/11086', 'Failed getting credential from external registry credential provider', 'auth_missing', ['network_unreachable']],
];

const corpus = allCorpus();

describe('rule candidates on real messages', () => {
  test.each(ROWS)('%s: %s', (_rule, source, phrase, category, candidates) => {
    const entries = corpus.filter((entry) => entry.source === source && entry.message.includes(phrase));
    expect(entries).toHaveLength(1);
    const result = classifyPullMessage(entries[0].message, entries[0].reason);
    expect({ category: result.category, candidates: result.candidates }).toEqual({ category, candidates });
  });
});
