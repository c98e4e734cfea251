import { Classifier } from './classifier';
import { stratifiedFolds } from './random';
import { train, TrainingExample, TrainOptions } from './train';

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelScores>;
  /** confusion[true][predicted] = count; "(triage)" when the message was unreadable. */
  confusion: Record<string, Record<string, number>>;
  msgsPerSec: number;
  /** The sectors predictions were limited to, when fewer than the lexicon's. */
  restrictedTo: string[] | null;
  /** Share of messages the classifier would send to triage, and accuracy on the rest. */
  triageRate: number;
  accuracyWhenConfident: number;
  /** Share of messages that are a close call (the resident would be asked between the top two). */
  closeCallRate: number;
  /** Of the close calls, the share whose true sector is one of the two offered. */
  closeCallInTwo: number;
  /** Share still going to triage once close calls are asked instead. */
  triageRateWithQuestion: number;
}

export interface EvaluateOptions {
  /** Let every lexicon sector compete even when the data has fewer labels. */
  allSectors?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Unreadable messages get this pseudo-sector in the confusion matrix. */
export const NO_SECTOR = '(none)';

/**
 * Scores a classifier on labelled messages. Predictions are limited to the lexicon's sectors and, unless
 * `allSectors`, to the labels present in the data when those are a subset (a 7-label test set against an
 * 11-sector lexicon measures the 7 without the curated sectors taking a share).
 */
export function evaluate(examples: readonly TrainingExample[], classifier: Classifier, options: EvaluateOptions = {}): Evaluation {
  const started = process.hrtime.bigint();
  const { pairs, restrictTo } = predict(examples, classifier, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    ...scorePredictions(pairs, restrictTo ?? classifier.sectors),
    msgsPerSec: Math.round(examples.length / Math.max(seconds, 1e-9)),
    restrictedTo: restrictTo ?? null,
  };
}

type Prediction = [truth: string, predicted: string, triage: boolean, closeCall?: boolean, runnerUp?: string | null];

function predict(examples: readonly TrainingExample[], classifier: Classifier, options: EvaluateOptions) {
  const present = [...new Set(examples.map((e) => e.label))];
  const subset = present.every((l) => classifier.sectors.includes(l)) && present.length < classifier.sectors.length;
  const restrictTo = !options.allSectors && subset ? classifier.sectors.filter((s) => present.includes(s)) : undefined;
  const pairs = examples.map((e, i): Prediction => {
    const r = classifier.classify(e, { restrictTo, explain: 0 });
    if (options.onProgress && (i % 100 === 99 || i === examples.length - 1)) options.onProgress(i + 1, examples.length);
    return [e.label, r.sector ?? NO_SECTOR, r.triage, r.closeCall, r.runnerUp?.sector ?? null];
  });
  return { pairs, restrictTo };
}

/** Accuracy, per-label precision/recall/F1, macro-F1 over the labels present, and the confusion matrix. */
export function scorePredictions(pairs: readonly Prediction[], sectors: readonly string[]) {
  const labels = [...new Set([...pairs.map((p) => p[0])])].sort((a, b) => sectors.indexOf(a) - sectors.indexOf(b));
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  let confident = 0;
  let confidentCorrect = 0;
  let closeCalls = 0;
  let inTwo = 0;
  let triagedAfterQuestion = 0;
  for (const [truth, predicted, triage, closeCall, runnerUp] of pairs) {
    if (closeCall) {
      closeCalls++;
      if (truth === predicted || truth === runnerUp) inTwo++;
    } else if (triage) {
      triagedAfterQuestion++;
    }
    confusion[truth] ??= {};
    confusion[truth][predicted] = (confusion[truth][predicted] ?? 0) + 1;
    if (truth === predicted) correct++;
    if (!triage) {
      confident++;
      if (truth === predicted) confidentCorrect++;
    }
  }
  const perLabel: Record<string, LabelScores> = {};
  for (const label of labels) {
    const tp = confusion[label]?.[label] ?? 0;
    const support = pairs.filter((p) => p[0] === label).length;
    const predicted = pairs.filter((p) => p[1] === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { precision: r4(precision), recall: r4(recall), f1: r4(f1), support };
  }
  const macroF1 = labels.length ? labels.reduce((s, l) => s + perLabel[l].f1, 0) / labels.length : 0;
  return {
    n: pairs.length,
    accuracy: r4(pairs.length ? correct / pairs.length : 0),
    macroF1: r4(macroF1),
    perLabel,
    confusion,
    triageRate: r4(pairs.length ? 1 - confident / pairs.length : 0),
    accuracyWhenConfident: r4(confident ? confidentCorrect / confident : 0),
    closeCallRate: r4(pairs.length ? closeCalls / pairs.length : 0),
    closeCallInTwo: r4(closeCalls ? inTwo / closeCalls : 0),
    triageRateWithQuestion: r4(pairs.length ? triagedAfterQuestion / pairs.length : 0),
  };
}

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export type CrossValidation = Omit<Evaluation, 'msgsPerSec'> & { k: number; seed: number; folds: number[] };

/** One labelled set in a joint cross-validation (the city set, the public set). */
export interface LabelledSet {
  name: string;
  examples: readonly TrainingExample[];
}

/**
 * k-fold cross-validation (stratified, seeded): train on k−1 folds, classify the held-out one, pool all
 * predictions. `folds` lists per-fold macro-F1 to show the spread.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  k: number,
  seed: number,
  options: TrainOptions & EvaluateOptions,
): CrossValidation {
  return crossValidateSets([{ name: 'data', examples }], k, seed, options).data;
}

/**
 * Cross-validates several sets at once: each set is cut into k stratified folds of its own, fold f of every set
 * is held out together, and one lexicon trained on all the other folds of all sets classifies them. Each set is
 * scored on its own (a public 7-label set only among its labels, the city set among all sectors), so one run
 * answers "how does training on both do on each".
 */
export function crossValidateSets(
  sets: readonly LabelledSet[],
  k: number,
  seed: number,
  options: TrainOptions & EvaluateOptions,
): Record<string, CrossValidation> {
  const assignments = sets.map((s) => stratifiedFolds(s.examples.map((e) => e.label), k, seed));
  const pairs = sets.map((): Prediction[] => []);
  const folds = sets.map((): number[] => []);
  const restrictedTo = sets.map((): string[] | null => null);
  let sectors: readonly string[] = [];
  for (let f = 0; f < k; f++) {
    const training = sets.flatMap((s, j) => s.examples.filter((_, i) => assignments[j][i] !== f));
    const lexicon = train(training, { ...options, seed, onProgress: undefined });
    const classifier = new Classifier(lexicon, options.tokenizer);
    sets.forEach((s, j) => {
      const held = predict(s.examples.filter((_, i) => assignments[j][i] === f), classifier, { allSectors: options.allSectors });
      folds[j].push(scorePredictions(held.pairs, classifier.sectors).macroF1);
      pairs[j].push(...held.pairs);
      restrictedTo[j] = held.restrictTo ?? null;
    });
    sectors = classifier.sectors;
    options.onProgress?.(f + 1, k);
  }
  return Object.fromEntries(
    sets.map((s, j) => [s.name, { ...scorePredictions(pairs[j], sectors), k, seed, folds: folds[j], restrictedTo: restrictedTo[j] }]),
  );
}
