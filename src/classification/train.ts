import { scoreMessage } from './classifier';
import { FeatureSettings, prepareMessage } from './features';
import { LEARNERS, LearnerName, SparseExample, WeightTable } from './learners';
import { compileLexicon, Lexicon, SectorLexicon, Thresholds } from './lexicon';
import { stratifiedFolds } from './random';
import { fitTemperature } from './calibration';
import { Tokenizer, TokenizerSettings } from './tokenizer';

/** A labelled message (a CSV row, or a member's re-routing stored as a correction). */
export interface TrainingExample {
  label: string;
  title: string;
  text: string;
}

export type LearnerChoice = LearnerName | 'ensemble';

export interface TrainOptions {
  tokenizer: Tokenizer;
  tokenizerSettings: TokenizerSettings;
  seed?: number;
  learner?: LearnerChoice;
  epochs?: number;
  regularisation?: number;
  learningRate?: number;
  features?: FeatureSettings;
  /** A word or phrase must occur in this many messages to be learned. */
  minDocFreq?: number;
  /** Per sector, only the words with the largest |weight| are kept (readability). */
  maxKeywords?: number;
  /** Folds used to fit the softmax temperature on held-out scores; 0 keeps temperature 1. */
  calibrationFolds?: number;
  /** Existing lexicon: its curated entries, curated-only sectors and thresholds are kept. */
  base?: Lexicon;
  thresholds?: Thresholds;
  maxChars?: number;
  trainedAt?: string;
  onProgress?: (done: number, total: number) => void;
}

export const TRAINING_DEFAULTS = {
  seed: 42,
  learner: 'ensemble' as LearnerChoice,
  epochs: 10,
  regularisation: 0.1,
  learningRate: 0.5,
  features: { titleWeight: 3, phrases: true } as FeatureSettings,
  minDocFreq: 2,
  maxKeywords: 1500,
  calibrationFolds: 5,
  thresholds: { minConfidence: 0.5, minMargin: 0.15 } as Thresholds,
  maxChars: 5000,
};

type Resolved = Required<Omit<TrainOptions, 'base' | 'trainedAt' | 'onProgress'>> & Pick<TrainOptions, 'base' | 'trainedAt' | 'onProgress'>;

/** Learns a lexicon from labelled messages; the same examples, options and seed give the same lexicon. */
export function train(examples: readonly TrainingExample[], options: TrainOptions): Lexicon {
  const o: Resolved = { ...TRAINING_DEFAULTS, ...stripUndefined(options) } as Resolved;
  const steps = o.calibrationFolds >= 2 ? o.calibrationFolds + 1 : 1;
  let done = 0;
  const tick = (): void => o.onProgress?.(++done, steps);
  const lexicon = fitLexicon(examples, o, 1);
  tick();
  if (o.calibrationFolds < 2) return lexicon;

  const folds = stratifiedFolds(examples.map((e) => e.label), o.calibrationFolds, o.seed);
  const held: Array<{ scores: number[]; label: number }> = [];
  for (let f = 0; f < o.calibrationFolds; f++) {
    const part = fitLexicon(examples.filter((_, i) => folds[i] !== f), o, 1);
    const compiled = compileLexicon(part);
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      const scored = scoreMessage(compiled, o.tokenizer, e);
      const label = compiled.sectors.indexOf(e.label);
      if (!scored.empty && label >= 0) held.push({ scores: Array.from(scored.scores), label });
    });
    tick();
  }
  return { ...lexicon, calibration: { temperature: round(fitTemperature(held), 4) } };
}

function fitLexicon(examples: readonly TrainingExample[], o: Resolved, temperature: number): Lexicon {
  const labels = sectorOrder(examples, o.base);
  const trained = labels.filter((l) => examples.some((e) => e.label === l));
  const docs = examples.map((e) => ({ label: trained.indexOf(e.label), values: prepareMessage(o.tokenizer, e, o.features, o.maxChars).values }));

  const df = new Map<string, number>();
  for (const d of docs) for (const word of d.values.keys()) df.set(word, (df.get(word) ?? 0) + 1);
  const vocab = [...df.keys()].filter((w) => (df.get(w) ?? 0) >= o.minDocFreq).sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const data: SparseExample[] = docs.map((d) => {
    const pairs = [...d.values].filter(([w]) => index.has(w)).map(([w, v]) => [index.get(w) ?? 0, v] as const);
    pairs.sort((a, b) => a[0] - b[0]);
    return { idx: Int32Array.from(pairs, (p) => p[0]), val: Float64Array.from(pairs, (p) => p[1]), label: d.label };
  });

  const table = learn(data, vocab.length, trained.length, o);
  const sectors: Record<string, SectorLexicon> = {};
  for (const name of labels) {
    const c = trained.indexOf(name);
    const kept = o.base?.sectors[name];
    if (c < 0) {
      if (kept) sectors[name] = kept; // a curated-only sector: nothing to learn, keep as the admin wrote it
      continue;
    }
    sectors[name] = {
      bias: round(table.bias[c], 4),
      ...(kept?.curatedBias !== undefined ? { curatedBias: kept.curatedBias } : {}),
      curated: { ...(kept?.curated ?? {}) },
      keywords: topKeywords(table, c, vocab, o.maxKeywords),
    };
  }
  return {
    version: 1,
    ...(o.trainedAt ? { trainedAt: o.trainedAt } : {}),
    tokenizer: { ...o.tokenizerSettings },
    features: { ...o.features },
    training: {
      learner: o.learner,
      seed: o.seed,
      epochs: o.epochs,
      regularisation: o.regularisation,
      learningRate: o.learningRate,
      minDocFreq: o.minDocFreq,
      maxKeywords: o.maxKeywords,
      calibrationFolds: o.calibrationFolds,
      examples: examples.length,
    },
    calibration: { temperature },
    thresholds: { ...(o.base?.thresholds ?? o.thresholds) },
    maxChars: o.maxChars,
    sectors,
  };
}

/** Base sectors first (stable file order), then new labels in code-point order. */
function sectorOrder(examples: readonly TrainingExample[], base?: Lexicon): string[] {
  const out = base ? Object.keys(base.sectors) : [];
  const fresh = [...new Set(examples.map((e) => e.label))].filter((l) => !out.includes(l)).sort();
  return [...out, ...fresh];
}

function learn(data: SparseExample[], nFeatures: number, k: number, o: Resolved): WeightTable {
  const names: LearnerName[] = o.learner === 'ensemble' ? ['logistic', 'passive-aggressive', 'perceptron'] : [o.learner];
  const tables = names.map((name) =>
    normalise(
      LEARNERS[name](data, nFeatures, k, {
        epochs: o.epochs,
        seed: o.seed,
        regularisation: name === 'complement-nb' ? 1 : o.regularisation,
        learningRate: o.learningRate,
      }),
      data,
    ),
  );
  const out: WeightTable = { k, w: new Float64Array(nFeatures * k), bias: new Float64Array(k) };
  for (const t of tables) {
    for (let i = 0; i < out.w.length; i++) out.w[i] += t.w[i] / tables.length;
    for (let c = 0; c < k; c++) out.bias[c] += t.bias[c] / tables.length;
  }
  return out;
}

/**
 * Centres each word's weights across sectors (adding the same amount to every sector changes no decision) and
 * scales the table so that scores on the training data have unit spread: tables of different learners can
 * then be averaged, and a weight of 1 means the same thing in every lexicon.
 */
function normalise(t: WeightTable, data: readonly SparseExample[]): WeightTable {
  const { k, w, bias } = t;
  for (let f = 0; f < w.length; f += k) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += w[f + c] / k;
    for (let c = 0; c < k; c++) w[f + c] -= mean;
  }
  const bmean = bias.reduce((a, b) => a + b, 0) / k;
  for (let c = 0; c < k; c++) bias[c] -= bmean;
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (const ex of data) {
    for (let c = 0; c < k; c++) {
      let s = bias[c];
      for (let j = 0; j < ex.idx.length; j++) s += w[ex.idx[j] * k + c] * ex.val[j];
      sum += s;
      sq += s * s;
      n++;
    }
  }
  const sd = Math.sqrt(Math.max(sq / n - (sum / n) ** 2, 1e-12));
  for (let i = 0; i < w.length; i++) w[i] /= sd;
  for (let c = 0; c < k; c++) bias[c] /= sd;
  return t;
}

function topKeywords(t: WeightTable, c: number, vocab: readonly string[], max: number): Record<string, number> {
  const entries: Array<[string, number]> = [];
  for (let f = 0; f < vocab.length; f++) {
    const w = round(t.w[f * t.k + c], 4);
    if (w !== 0) entries.push([vocab[f], w]);
  }
  entries.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(entries.slice(0, max).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits || 0;

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
