import { corpusEntries, type CorpusEntry, type CorpusRow } from './corpus';

/**
 * Real messages that pin a rule-table detail Stryker found no other corpus message depending on (issue 20,
 * `MUTATE=classify-rules`): each row is the one message in the corpus whose reading changes when that detail of
 * its rule's regex is mutated (named beside the row). Verbatim from the cited thread; labelled as the other batches
 * are (the thread's resolution, else what the text says; 'ambiguous' where the text alone cannot decide).
 * [category, source URL, message, 'ambiguous'?]
 */
const ROWS: CorpusRow[] = [
  // request-eof: `https?` (a plain-HTTP registry's blob fetch cut before any answer; without the `?` this reads unknown).
  [
    'network_unreachable',
    'https://github.com/distribution/distribution/issues/639',
    'level=error msg="Error from V2 registry: Get http://<remote_host>:5000/v2/<my_image>/blobs/sha256:59ea07ffd330c17c154ca58866abd061a2a661cfe56fef997c5525e4d4ff50eb: EOF"',
    'ambiguous',
  ],
];

export const MUTATION_PINS: CorpusEntry[] = corpusEntries(ROWS);
