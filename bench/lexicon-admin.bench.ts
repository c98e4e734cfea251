/**
 * The console's lexicon work: `npm run bench:lexicon-admin -- [csv | synthetic]`. Prints how long a keyword change takes to
 * serve on one instance (overrides applied and the lexicon compiled) and how long the console's retraining takes
 * (train on four fifths, score candidate and current lexicon on the rest) for growing example counts up to the
 * console's cap. With no CSV (and no ../shared Teddy data) it uses synthetic messages made of each sector's
 * strongest words, which time the work but say nothing about quality. The shipped lexicon was trained on the
 * Teddy data, so its score on a Teddy "held-out" fifth is not a held-out score.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '../src/classification/classifier';
import { DEFAULT_LEXICON_PATH, tokenizerFor } from '../src/classification/classifier.loader';
import { readExamplesCsv } from '../src/classification/dataset';
import { Lexicon, readLexicon } from '../src/classification/lexicon';
import { trainCandidate } from '../src/classification/overrides/candidate';
import { applyOverrides, KeywordOverride } from '../src/classification/overrides/lexicon-overlay';
import { seededRandom } from '../src/classification/random';
import type { TrainingExample } from '../src/classification/train';
import { MAX_TRAINING_EXAMPLES } from '../src/console/lexicon/lexicon-training.service';

const DEFAULT_CSV = join(__dirname, '..', '..', '..', 'shared', 'data', 'teddy2020c', 'train.csv');

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function synthetic(lexicon: Lexicon, n: number): TrainingExample[] {
  const random = seededRandom(7);
  const sectors = Object.entries(lexicon.sectors).filter(([, s]) => Object.keys(s.keywords).length > 50);
  return Array.from({ length: n }, (_v, i) => {
    const [label, s] = sectors[i % sectors.length];
    const words = Object.keys(s.keywords).slice(0, 200);
    const pick = () => words[Math.floor(random() * words.length)];
    return { label, title: pick(), text: Array.from({ length: 12 }, pick).join(' ') };
  });
}

function main(): void {
  const base = readLexicon(DEFAULT_LEXICON_PATH());
  const tokenizer = tokenizerFor(base).tokenize;
  const current = new Classifier(base, tokenizer);
  const csv = process.argv[2] ?? (existsSync(DEFAULT_CSV) ? DEFAULT_CSV : undefined);
  const all = csv && csv !== 'synthetic' ? readExamplesCsv(csv, Object.keys(base.sectors)) : synthetic(base, MAX_TRAINING_EXAMPLES);
  console.log(`examples: ${csv ?? 'synthetic'} (${all.length}); node ${process.version}`);

  const overrides: KeywordOverride[] = Object.keys(base.sectors).flatMap((sector, i) => Array.from({ length: 20 }, (_v, j) => ({ sector, word: `w${i}-${j}`, weight: 1 })));
  const runs = Array.from({ length: 20 }, () => timed(() => new Classifier(applyOverrides(base, overrides), tokenizer)).ms).sort((a, b) => a - b);
  console.log(`keyword change served (${overrides.length} overrides applied, lexicon compiled): median ${runs[10].toFixed(1)} ms, max ${runs[19].toFixed(1)} ms`);

  for (const n of [...new Set([500, 1000, Math.min(MAX_TRAINING_EXAMPLES, all.length)])]) {
    const { value, ms } = timed(() => trainCandidate(all.slice(0, n), base, overrides, current, tokenizer));
    const f = (x: number) => x.toFixed(3);
    console.log(`retrain ${n} examples: ${(ms / 1000).toFixed(1)} s (held out ${value.heldOut}; macro-F1 current ${f(value.current.macroF1)} candidate ${f(value.candidate.macroF1)})`);
  }
}

main();
