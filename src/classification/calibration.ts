/** Held-out scores of one message and the index of its true sector. */
export interface HeldOutScores {
  scores: readonly number[];
  label: number;
}

/** Mean negative log-likelihood of softmax(scores / temperature). */
export function negativeLogLikelihood(held: readonly HeldOutScores[], temperature: number): number {
  let total = 0;
  for (const { scores, label } of held) {
    const max = Math.max(...scores);
    let z = 0;
    for (const s of scores) z += Math.exp((s - max) / temperature);
    total += Math.log(z) - (scores[label] - max) / temperature;
  }
  return held.length > 0 ? total / held.length : 0;
}

/**
 * The temperature that makes held-out confidences honest (Guo et al. 2017, temperature scaling): NLL is
 * unimodal in log T, so a golden-section search over log T in [1/50, 50] is enough.
 */
export function fitTemperature(held: readonly HeldOutScores[]): number {
  if (held.length === 0) return 1;
  let lo = Math.log(0.02);
  let hi = Math.log(50);
  const phi = (Math.sqrt(5) - 1) / 2;
  const f = (x: number): number => negativeLogLikelihood(held, Math.exp(x));
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
