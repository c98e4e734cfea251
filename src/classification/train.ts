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
  /** How much the message counts in training (1 when absent); see {@link weighSet}. */
  weight?: number;
  /** Written in this city (the city set, residents' answers, members' re-routings); see `localShare`. */
  local?: boolean;
}

/** The same messages marked as written in this city. */
export function markLocal<T extends TrainingExample>(examples: readonly T[]): T[] {
  return examples.map((e) => ({ ...e, local: true }));
}

/**
 * A labelled set is the city's own when it labels every sector of the lexicon: the public set knows only seven of
 * the eleven, the city set all of them.
 */
export function isLocalSet(labels: Iterable<string>, sectors: readonly string[]): boolean {
  const present = new Set(labels);
  return sectors.length > 0 && sectors.every((s) => present.has(s));
}

/** The same messages, each counting `weight` times: the city set is small beside the public one. */
export function weighSet<T extends TrainingExample>(examples: readonly T[], weight: number): T[] {
  return weight === 1 ? [...examples] : examples.map((e) => ({ ...e, weight }));
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
  /** Train on tf·idf (rare words move faster); the idf is folded into the weights, so scoring needs none. */
  idf?: boolean;
  /** Learners averaged by 'ensemble'. */
  ensemble?: LearnerName[];
  /** Each online learner is trained this many times with different shuffles, and the tables averaged. */
  shuffles?: number;
  /** Additive smoothing of complement naive Bayes. */
  smoothing?: number;
  /** Weigh each sector's updates by (mean sector size / its size), so small sectors are not drowned out. */
  balanced?: boolean;
  /** A word or phrase must occur in this many messages to be learned. */
  minDocFreq?: number;
  /** Per sector, only the words with the largest |weight| are kept (readability). */
  maxKeywords?: number;
  /** Entries with a smaller |weight| are dropped from a sector (they barely move a score). */
  minWeight?: number;
  /**
   * Sectors that only local examples show (the city's own, absent from the public set) take this share of their
   * weights from a table learned on the local examples alone, the rest from the table learned on all: in the
   * joint table the long public letters of the other sectors drown their few short concerns. Sectors the public
   * set also labels are left alone, so its scores do not move. 0 turns it off.
   */
  localShare?: number;
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
  features: { titleWeight: 3, phrases: false, normalise: true, backoff: true } as FeatureSettings,
  idf: true,
  ensemble: ['passive-aggressive', 'complement-nb'] as LearnerName[],
  shuffles: 5,
  smoothing: 1,
  balanced: false,
  minDocFreq: 1,
  maxKeywords: 1000,
  minWeight: 0.1,
  localShare: 0.5,
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
  // Without calibration folds the base lexicon's temperature is the best estimate we have.
  const lexicon = fitLexicon(examples, o, o.base?.calibration.temperature ?? 1);
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

/** Below this many examples of a sector showing a seed word, the seed weight is a floor under the learned one. */
export const SEED_EVIDENCE = 20;

/**
 * A sector the public set also labels gets no floor for a seed word that this many public messages of other
 * sectors use: the letters then teach a convention (health insurance filed under social security), and a floor
 * would make the word pull two ways. The city-only sectors always get their floors: no public letter can speak for them.
 */
export const SEED_CONTRADICTED = 10;

function fitLexicon(examples: readonly TrainingExample[], o: Resolved, temperature: number): Lexicon {
  const labels = sectorOrder(examples, o.base);
  const trained = labels.filter((l) => examples.some((e) => e.label === l));
  const docs = examples.map((e) => ({
    label: trained.indexOf(e.label),
    weight: e.weight ?? 1,
    local: e.local === true,
    values: prepareMessage(o.tokenizer, e, o.features, o.maxChars).values,
  }));

  // Weighted document frequency: a word from one city concern of weight 3 counts as seen three times.
  const df = new Map<string, number>();
  let totalWeight = 0;
  for (const d of docs) {
    totalWeight += d.weight;
    for (const word of d.values.keys()) df.set(word, (df.get(word) ?? 0) + d.weight);
  }
  const vocab = [...df.keys()].filter((w) => (df.get(w) ?? 0) >= o.minDocFreq).sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const data: SparseExample[] = docs.map((d) => {
    const pairs = [...d.values].filter(([w]) => index.has(w)).map(([w, v]) => [index.get(w) ?? 0, v] as const);
    pairs.sort((a, b) => a[0] - b[0]);
    return { idx: Int32Array.from(pairs, (p) => p[0]), val: Float64Array.from(pairs, (p) => p[1]), label: d.label };
  });

  // A message of weight w is seen w times (rounded): the online learners then take w ordinary steps on it.
  const seen = data.flatMap((ex, i) => Array.from({ length: Math.max(1, Math.round(docs[i].weight)) }, () => ex));
  const idf = vocab.map((w) => (o.idf ? Math.log((1 + totalWeight) / (1 + (df.get(w) ?? 0))) + 1 : 1));
  for (const ex of data) for (let j = 0; j < ex.idx.length; j++) ex.val[j] *= idf[ex.idx[j]];
  const table = learn(seen, vocab.length, trained.length, o);
  blendLocal(table, data, docs, o);
  for (let f = 0; f < vocab.length; f++) for (let c = 0; c < table.k; c++) table.w[f * table.k + c] *= idf[f];
  const kept = keptWords(table, vocab, o.maxKeywords);
  const sharedSectors = new Set(docs.filter((d) => !d.local).map((d) => d.label));
  const publicDf = docFreq(docs, (d) => !d.local);
  const sectors: Record<string, SectorLexicon> = {};
  for (const name of labels) {
    const c = trained.indexOf(name);
    const prior = o.base?.sectors[name];
    if (c < 0) {
      if (prior) sectors[name] = prior; // a curated-only sector: nothing to learn, keep as the admin wrote it
      continue;
    }
    sectors[name] = {
      bias: round(table.bias[c], 4),
      ...(prior?.curatedBias !== undefined ? { curatedBias: prior.curatedBias } : {}),
      curated: { ...(prior?.curated ?? {}) },
      ...(prior?.seeded ? { seeded: { ...prior.seeded } } : {}),
      keywords: withSeeds(
        sectorKeywords(table, c, vocab, kept, o.minWeight),
        prior?.seeded,
        docFreq(docs, (d) => d.label === c),
        sharedSectors.has(c) ? contradictedIn(publicDf, docFreq(docs, (d) => d.label === c && !d.local)) : undefined,
      ),
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
      idf: o.idf,
      ensemble: o.learner === 'ensemble' ? o.ensemble.join('+') : '',
      shuffles: o.shuffles,
      smoothing: o.smoothing,
      balanced: o.balanced,
      minDocFreq: o.minDocFreq,
      maxKeywords: o.maxKeywords,
      minWeight: o.minWeight,
      localShare: o.localShare,
      calibrationFolds: o.calibrationFolds,
      examples: examples.length,
    },
    calibration: { temperature },
    thresholds: { ...(o.base?.thresholds ?? o.thresholds) },
    maxChars: o.maxChars,
    sectors,
  };
}

/** See `localShare`: the city-only sectors' columns become a mix of the joint table and a local-only one. */
function blendLocal(table: WeightTable, data: readonly SparseExample[], docs: ReadonlyArray<{ label: number; local: boolean; weight: number }>, o: Resolved): void {
  const share = o.localShare;
  if (!(share > 0)) return;
  const k = table.k;
  const elsewhere = new Set(docs.filter((d) => !d.local).map((d) => d.label));
  const only = Array.from({ length: k }, (_, c) => c).filter((c) => !elsewhere.has(c) && docs.some((d) => d.label === c));
  // Without non-local examples the joint table already is the local one.
  if (only.length === 0 || elsewhere.size === 0) return;
  const seen = data.flatMap((ex, i) => (docs[i].local ? Array.from({ length: Math.max(1, Math.round(docs[i].weight)) }, () => ex) : []));
  const local = learn(seen, table.w.length / k, k, o);
  for (const c of only) {
    for (let f = 0; f < table.w.length; f += k) table.w[f + c] = (1 - share) * table.w[f + c] + share * local.w[f + c];
    table.bias[c] = (1 - share) * table.bias[c] + share * local.bias[c];
  }
}

type CountedDoc = { label: number; local: boolean; values: Map<string, number> };

/** In how many of the kept messages each word occurs. */
function docFreq(docs: readonly CountedDoc[], keep: (d: CountedDoc) => boolean): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) if (keep(d)) for (const word of d.values.keys()) df.set(word, (df.get(word) ?? 0) + 1);
  return df;
}

/** A word the public messages of other sectors use often enough to contradict a seed (see {@link SEED_CONTRADICTED}). */
function contradictedIn(publicDf: Map<string, number>, ownPublicDf: Map<string, number>): (word: string) => boolean {
  return (word) => (publicDf.get(word) ?? 0) - (ownPublicDf.get(word) ?? 0) >= SEED_CONTRADICTED;
}

/**
 * Seed words the sector's examples seldom show get at least their seed weight (see `seeded` in the lexicon),
 * unless the public messages of other sectors contradict them.
 */
function withSeeds(
  keywords: Record<string, number>,
  seeds: Record<string, number> | undefined,
  df: Map<string, number>,
  contradicted?: (word: string) => boolean,
): Record<string, number> {
  if (!seeds) return keywords;
  const out = { ...keywords };
  for (const [word, seed] of Object.entries(seeds)) {
    if (contradicted?.(word)) continue;
    if ((df.get(word) ?? 0) < SEED_EVIDENCE && (out[word] ?? 0) < seed) out[word] = seed;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Base sectors first (stable file order), then new labels in code-point order. */
function sectorOrder(examples: readonly TrainingExample[], base?: Lexicon): string[] {
  const out = base ? Object.keys(base.sectors) : [];
  const fresh = [...new Set(examples.map((e) => e.label))].filter((l) => !out.includes(l)).sort();
  return [...out, ...fresh];
}

function learn(data: SparseExample[], nFeatures: number, k: number, o: Resolved): WeightTable {
  const names: LearnerName[] = o.learner === 'ensemble' ? o.ensemble : [o.learner];
  const sizes = new Float64Array(k);
  for (const ex of data) sizes[ex.label]++;
  const classWeights = o.balanced ? sizes.map((n) => data.length / k / Math.max(n, 1)) : undefined;
  const out: WeightTable = { k, w: new Float64Array(nFeatures * k), bias: new Float64Array(k) };
  for (const name of names) {
    const runs = name === 'complement-nb' ? 1 : o.shuffles;
    const share = 1 / (names.length * runs); // each learner gets an equal share however many shuffles it has
    for (let r = 0; r < runs; r++) {
      const options = { epochs: o.epochs, seed: o.seed + r, learningRate: o.learningRate, classWeights };
      const regularisation = name === 'complement-nb' ? o.smoothing : o.regularisation;
      const t = normalise(LEARNERS[name](data, nFeatures, k, { ...options, regularisation }), data);
      for (let i = 0; i < out.w.length; i++) out.w[i] += t.w[i] * share;
      for (let c = 0; c < k; c++) out.bias[c] += t.bias[c] * share;
    }
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

/**
 * The words kept for sector c: the `max` with the largest |weight| in c, plus any word kept for another sector
 * (its whole row stays, so the weights of a kept word still sum to zero across sectors).
 */
function keptWords(t: WeightTable, vocab: readonly string[], max: number): Set<number> {
  const kept = new Set<number>();
  for (let c = 0; c < t.k; c++) {
    const order = vocab.map((_, f) => f).sort((a, b) => Math.abs(t.w[b * t.k + c]) - Math.abs(t.w[a * t.k + c]) || a - b);
    for (const f of order.slice(0, max)) kept.add(f);
  }
  return kept;
}

function sectorKeywords(t: WeightTable, c: number, vocab: readonly string[], kept: Set<number>, min: number): Record<string, number> {
  const entries: Array<[string, number]> = [];
  for (const f of kept) {
    const w = round(t.w[f * t.k + c], 3);
    if (w !== 0 && Math.abs(w) >= min) entries.push([vocab[f], w]);
  }
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits || 0;

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The training parameters recorded in a lexicon, to retrain or cross-validate the same way. */
export function trainingOptionsOf(lexicon: Lexicon): Partial<TrainOptions> {
  const t = lexicon.training ?? {};
  const num = (key: string): number | undefined => (typeof t[key] === 'number' ? (t[key] as number) : undefined);
  const bool = (key: string): boolean | undefined => (typeof t[key] === 'boolean' ? (t[key] as boolean) : undefined);
  const learner = typeof t.learner === 'string' && (t.learner === 'ensemble' || t.learner in LEARNERS) ? (t.learner as LearnerChoice) : undefined;
  const ensemble = typeof t.ensemble === 'string' && t.ensemble ? (t.ensemble.split('+').filter((n) => n in LEARNERS) as LearnerName[]) : undefined;
  return stripUndefined({
    seed: num('seed'),
    learner,
    ensemble,
    epochs: num('epochs'),
    regularisation: num('regularisation'),
    learningRate: num('learningRate'),
    idf: bool('idf'),
    shuffles: num('shuffles'),
    smoothing: num('smoothing'),
    balanced: bool('balanced'),
    minDocFreq: num('minDocFreq'),
    maxKeywords: num('maxKeywords'),
    minWeight: num('minWeight'),
    localShare: num('localShare'),
    calibrationFolds: num('calibrationFolds'),
    features: { ...lexicon.features },
    thresholds: { ...lexicon.thresholds },
    maxChars: lexicon.maxChars,
    tokenizerSettings: { ...lexicon.tokenizer },
  });
}
