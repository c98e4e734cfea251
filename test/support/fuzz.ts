/**
 * fast-check settings shared by the fuzz specs: a fixed seed and a bounded number of runs in CI;
 * `npm run fuzz` (MINYI_FUZZ_RUNS, default 20,000 there) runs more, MINYI_FUZZ_SEED picks another seed.
 */
export const FUZZ = {
  seed: Number(process.env.MINYI_FUZZ_SEED ?? 20261128),
  numRuns: Number(process.env.MINYI_FUZZ_RUNS ?? 300),
};

/** Runs for the slower properties (one HTTP turn each): a tenth of FUZZ, at least 30. */
export const FUZZ_SLOW = { ...FUZZ, numRuns: Math.max(30, Math.round(FUZZ.numRuns / 10)) };
