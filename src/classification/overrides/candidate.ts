import { Classifier } from '../classifier';
import { evaluate, Evaluation } from '../evaluate';
import type { Lexicon } from '../lexicon';
import { stratifiedFolds } from '../random';
import type { Tokenizer } from '../tokenizer';
import { train, TrainingExample, trainingOptionsOf } from '../train';
import { applyOverrides, KeywordOverride } from './lexicon-overlay';

const HELD_OUT_FOLDS = 5;
const SEED = 42;
/** Below this many training messages a fitted temperature is noise; the base lexicon's is kept. */
const MIN_FOR_CALIBRATION = 200;

export interface Scores {
  accuracy: number;
  macroF1: number;
}

export interface CandidateResult {
  lexicon: Lexicon;
  trained: number;
  heldOut: number;
  current: Scores;
  candidate: Scores;
}

const scores = (e: Evaluation): Scores => ({ accuracy: e.accuracy, macroF1: e.macroF1 });

/**
 * Trains a candidate lexicon on four fifths of the examples (stratified, seed 42) with the base lexicon's recipe
 * and curated entries, and scores it (with the overrides on top, as it would serve) and the lexicon in service on
 * the held-out fifth.
 */
export function trainCandidate(
  examples: readonly TrainingExample[],
  base: Lexicon,
  overrides: readonly KeywordOverride[],
  current: Classifier,
  tokenizer: Tokenizer,
  trainedAt?: string,
): CandidateResult {
  const folds = stratifiedFolds(examples.map((e) => e.label), HELD_OUT_FOLDS, SEED);
  const held = examples.filter((_e, i) => folds[i] === 0);
  const rest = examples.filter((_e, i) => folds[i] !== 0);
  const lexicon = train(rest, {
    ...trainingOptionsOf(base),
    tokenizer,
    tokenizerSettings: base.tokenizer,
    seed: SEED,
    base,
    calibrationFolds: rest.length >= MIN_FOR_CALIBRATION ? 3 : 0,
    trainedAt,
  });
  const candidate = new Classifier(applyOverrides(lexicon, overrides), tokenizer);
  return { lexicon, trained: rest.length, heldOut: held.length, current: scores(evaluate(held, current)), candidate: scores(evaluate(held, candidate)) };
}
