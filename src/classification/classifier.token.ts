import type { Classification } from '../classification/classifier';

/**
 * What routing needs of the classifier. `sector` is the sector's NAME (the lexicon's label). Provided by the
 * classification module; routing works (everything to triage) while none is registered.
 */
export interface SectorClassifier {
  classify(input: { text: string; title?: string }): Classification;
}

export const CLASSIFIER = Symbol('CLASSIFIER');
