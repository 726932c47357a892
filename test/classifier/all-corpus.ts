import { CITED, type CorpusEntry } from './corpus';
import { FAMILY_EIGHTH, FRESH_EIGHTH } from './corpus-eighth';
import { FRESH, FRESH_FIFTH, FRESH_FOURTH, FRESH_SECOND, FRESH_THIRD } from './corpus-fresh';
import { HARVESTED } from './corpus-harvest';
import { FRESH_NINTH } from './corpus-ninth';
import { FRESH_TENTH } from './corpus-tenth';
import { FRESH_ELEVENTH_A } from './corpus-eleventh-a';
import { FRESH_ELEVENTH_B } from './corpus-eleventh-b';
import { FRESH_TWELFTH_C } from './corpus-twelfth-c';
import { FRESH_TWELFTH_D } from './corpus-twelfth-d';
import { FRESH_THIRTEENTH_A } from './corpus-thirteenth-a';
import { FRESH_THIRTEENTH_B } from './corpus-thirteenth-b';
import { FRESH_FOURTEENTH_A } from './corpus-fourteenth-a';
import { FRESH_FOURTEENTH_B } from './corpus-fourteenth-b';
import { FRESH_FOURTEENTH_C } from './corpus-fourteenth-c';
import { FRESH_FOURTEENTH_D } from './corpus-fourteenth-d';
import { FRESH_FIFTEENTH_A } from './corpus-fifteenth-a';
import { FRESH_FIFTEENTH_B } from './corpus-fifteenth-b';
import { FRESH_FIFTEENTH_C } from './corpus-fifteenth-c';
import { FRESH_FIFTEENTH_D } from './corpus-fifteenth-d';
import { FRESH_SIXTEENTH_A } from './corpus-sixteenth-a';
import { FRESH_SIXTEENTH_B } from './corpus-sixteenth-b';
import { FRESH_SIXTEENTH_C } from './corpus-sixteenth-c';
import { FRESH_SIXTEENTH_D } from './corpus-sixteenth-d';
import { FRESH_SEVENTEENTH_A } from './corpus-seventeenth-a';
import { FRESH_SEVENTEENTH_B } from './corpus-seventeenth-b';
import { FRESH_SEVENTEENTH_C } from './corpus-seventeenth-c';
import { FRESH_SEVENTEENTH_D } from './corpus-seventeenth-d';
import { FRESH_SEVENTH, FRESH_SIXTH } from './corpus-sixth';
import { MUTATION_PINS } from './corpus-mutation';
import { producedCorpus } from './produced-corpus';

/** Every real message: cited from public sources (the fresh set included), then produced by real runtimes here. */
export function allCorpus(): CorpusEntry[] {
  return [...CITED, ...HARVESTED, ...FRESH, ...FRESH_SECOND, ...FRESH_THIRD, ...FRESH_FOURTH, ...FRESH_FIFTH, ...FRESH_SIXTH, ...FRESH_SEVENTH, ...FRESH_EIGHTH, ...FAMILY_EIGHTH, ...FRESH_NINTH, ...FRESH_TENTH, ...FRESH_ELEVENTH_A, ...FRESH_ELEVENTH_B, ...FRESH_TWELFTH_C, ...FRESH_TWELFTH_D, ...FRESH_THIRTEENTH_A, ...FRESH_THIRTEENTH_B, ...FRESH_FOURTEENTH_A, ...FRESH_FOURTEENTH_B, ...FRESH_FOURTEENTH_C, ...FRESH_FOURTEENTH_D, ...FRESH_FIFTEENTH_A, ...FRESH_FIFTEENTH_B, ...FRESH_FIFTEENTH_C, ...FRESH_FIFTEENTH_D, ...FRESH_SIXTEENTH_A, ...FRESH_SIXTEENTH_B, ...FRESH_SIXTEENTH_C, ...FRESH_SIXTEENTH_D, ...FRESH_SEVENTEENTH_A, ...FRESH_SEVENTEENTH_B, ...FRESH_SEVENTEENTH_C, ...FRESH_SEVENTEENTH_D, ...MUTATION_PINS, ...producedCorpus()];
}
