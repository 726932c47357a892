import { CITED, type CorpusEntry } from './corpus';
import { HARVESTED } from './corpus-harvest';
import { producedCorpus } from './produced-corpus';

/** Every real message: cited from public sources, then produced by real runtimes here. */
export function allCorpus(): CorpusEntry[] {
  return [...CITED, ...HARVESTED, ...producedCorpus()];
}
