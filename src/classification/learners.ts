import { seededRandom, shuffle } from './random';

/** One training message as sparse feature indices and values, with its sector index. */
export interface SparseExample {
  idx: Int32Array;
  val: Float64Array;
  label: number;
}

/** A dense weight table: `w[f * k + c]` is feature f's weight for sector c. */
export interface WeightTable {
  k: number;
  w: Float64Array;
  bias: Float64Array;
}

export type LearnerName = 'perceptron' | 'passive-aggressive' | 'logistic' | 'complement-nb';

export interface LearnerOptions {
  epochs: number;
  seed: number;
  /** L2 strength (logistic) or aggressiveness cap C (passive-aggressive) or smoothing alpha (complement NB). */
  regularisation: number;
  learningRate: number;
  /** Per-sector step multipliers (inverse class frequency balances a skewed training set). */
  classWeights?: Float64Array;
}

function scores(ex: SparseExample, t: WeightTable, out: Float64Array): void {
  const k = t.k;
  out.set(t.bias);
  for (let j = 0; j < ex.idx.length; j++) {
    const base = ex.idx[j] * k;
    const v = ex.val[j];
    for (let c = 0; c < k; c++) out[c] += t.w[base + c] * v;
  }
}

/**
 * Online learners with weight averaging (Freund & Schapire): the average of all iterates generalises far
 * better than the last one. `step` returns per-sector coefficients δ_c; the update is w_c += δ_c · x.
 */
function averagedOnline(
  data: readonly SparseExample[],
  nFeatures: number,
  k: number,
  options: LearnerOptions,
  step: (ex: SparseExample, s: Float64Array, delta: Float64Array, t: number) => boolean,
): WeightTable {
  const cur: WeightTable = { k, w: new Float64Array(nFeatures * k), bias: new Float64Array(k) };
  const acc = { w: new Float64Array(nFeatures * k), bias: new Float64Array(k) };
  const random = seededRandom(options.seed);
  const order = data.map((_, i) => i);
  const s = new Float64Array(k);
  const delta = new Float64Array(k);
  let t = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const ex = data[i];
      scores(ex, cur, s);
      delta.fill(0);
      if (step(ex, s, delta, t)) {
        for (let c = 0; c < k; c++) {
          if (delta[c] === 0) continue;
          cur.bias[c] += delta[c];
          acc.bias[c] += t * delta[c];
          for (let j = 0; j < ex.idx.length; j++) {
            const d = delta[c] * ex.val[j];
            cur.w[ex.idx[j] * k + c] += d;
            acc.w[ex.idx[j] * k + c] += t * d;
          }
        }
      }
      t++;
    }
  }
  // averaged w = w_T − (Σ t·Δ_t) / T (Daumé's trick: no per-step copy of the table)
  for (let i = 0; i < cur.w.length; i++) cur.w[i] -= acc.w[i] / t;
  for (let c = 0; c < k; c++) cur.bias[c] -= acc.bias[c] / t;
  return cur;
}

function argmaxExcept(s: Float64Array, except: number): number {
  let best = -1;
  for (let c = 0; c < s.length; c++) if (c !== except && (best < 0 || s[c] > s[best])) best = c;
  return best;
}

function squaredNorm(ex: SparseExample): number {
  let n = 1; // the bias feature
  for (let j = 0; j < ex.val.length; j++) n += ex.val[j] * ex.val[j];
  return n;
}

export function perceptron(data: readonly SparseExample[], nFeatures: number, k: number, o: LearnerOptions) {
  return averagedOnline(data, nFeatures, k, o, (ex, s, delta) => {
    const rival = argmaxExcept(s, ex.label);
    if (s[rival] < s[ex.label]) return false;
    delta[ex.label] = o.classWeights?.[ex.label] ?? 1;
    delta[rival] = -delta[ex.label];
    return true;
  });
}

/** Multiclass passive-aggressive (PA-I, Crammer et al. 2006): a hinge-loss step capped by C. */
export function passiveAggressive(data: readonly SparseExample[], nFeatures: number, k: number, o: LearnerOptions) {
  return averagedOnline(data, nFeatures, k, o, (ex, s, delta) => {
    const rival = argmaxExcept(s, ex.label);
    const loss = 1 - (s[ex.label] - s[rival]);
    if (loss <= 0) return false;
    const tau = Math.min(o.regularisation, loss / (2 * squaredNorm(ex))) * (o.classWeights?.[ex.label] ?? 1);
    delta[ex.label] = tau;
    delta[rival] = -tau;
    return true;
  });
}

/** Softmax regression by averaged SGD; L2 enters as a shrink of the touched weights (lazy, sparse). */
export function logistic(data: readonly SparseExample[], nFeatures: number, k: number, o: LearnerOptions) {
  const n = data.length;
  return averagedOnline(data, nFeatures, k, o, (ex, s, delta, t) => {
    const eta = o.learningRate / (1 + t / n);
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, s[c]);
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(s[c] - max);
    const cw = o.classWeights?.[ex.label] ?? 1;
    for (let c = 0; c < k; c++) delta[c] = cw * eta * ((c === ex.label ? 1 : 0) - Math.exp(s[c] - max) / z);
    return true;
  });
}

/** Complement naive Bayes (Rennie et al. 2003) written as a weight table: w_c = −log P(word | not c). */
export function complementNb(data: readonly SparseExample[], nFeatures: number, k: number, o: LearnerOptions) {
  const perClass = new Float64Array(nFeatures * k);
  const totals = new Float64Array(k);
  const all = new Float64Array(nFeatures);
  for (const ex of data) {
    for (let j = 0; j < ex.idx.length; j++) {
      perClass[ex.idx[j] * k + ex.label] += ex.val[j];
      all[ex.idx[j]] += ex.val[j];
      totals[ex.label] += ex.val[j];
    }
  }
  const grand = totals.reduce((a, b) => a + b, 0);
  const w = new Float64Array(nFeatures * k);
  const alpha = o.regularisation;
  for (let f = 0; f < nFeatures; f++) {
    for (let c = 0; c < k; c++) {
      const comp = all[f] - perClass[f * k + c] + alpha;
      w[f * k + c] = -Math.log(comp / (grand - totals[c] + alpha * nFeatures));
    }
  }
  return { k, w, bias: new Float64Array(k) };
}

export const LEARNERS: Record<LearnerName, typeof perceptron> = {
  perceptron,
  'passive-aggressive': passiveAggressive,
  logistic,
  'complement-nb': complementNb,
};
