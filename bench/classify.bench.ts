/**
 * Classification speed and memory: `npm run bench:classify -- [csv]`. Prints segmentation-only and full
 * classification throughput on one core, lexicon load time, and RSS after the jieba and lexicon loads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '../src/classification/classifier';
import { DEFAULT_LEXICON_PATH, defaultJiebaFiles } from '../src/classification/classifier.loader';
import { readExamplesCsv } from '../src/classification/dataset';
import { JiebaTokenizer } from '../src/classification/jieba.tokenizer';
import { readLexicon } from '../src/classification/lexicon';

const DEFAULT_CSV = join(__dirname, '..', '..', '..', 'shared', 'data', 'teddy2020c', 'train.csv');
const mb = (): string => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function rate(label: string, n: number, chars: number, ms: number): void {
  const perSec = Math.round((n / ms) * 1000);
  console.log(`${label}: ${perSec} msgs/s, ${((ms * 1000) / n).toFixed(1)} µs/msg, ${((chars / ms) * 1000 / 1e6).toFixed(2)} M chars/s`);
}

function main(): void {
  const csv = process.argv[2] ?? (existsSync(DEFAULT_CSV) ? DEFAULT_CSV : undefined);
  if (!csv) {
    console.error('usage: npm run bench:classify -- <csv with id,label,title,text>');
    process.exit(2);
  }
  const examples = readExamplesCsv(csv);
  const chars = examples.reduce((n, e) => n + e.title.length + e.text.length, 0);
  console.log(`${examples.length} messages, mean ${Math.round(chars / examples.length)} chars (title + text); node ${process.version}`);
  console.log(`RSS at start: ${mb()}`);

  const lexiconPath = DEFAULT_LEXICON_PATH();
  const settings = readLexicon(lexiconPath).tokenizer;
  const jieba = timed(() => JiebaTokenizer.load(defaultJiebaFiles(), settings));
  jieba.value.tokenize('预热'); // nodejieba allocates lazily; count that in the load
  console.log(`jieba load: ${jieba.ms.toFixed(0)} ms (hmm ${settings.hmm}), RSS ${mb()}`);
  const lexicon = timed(() => readLexicon(lexiconPath));
  const classifier = timed(() => new Classifier(lexicon.value, jieba.value.tokenize));
  console.log(`lexicon load: ${(lexicon.ms + classifier.ms).toFixed(0)} ms (${classifier.value.compiled.weights.size} words), RSS ${mb()}`);

  const rounds = 3;
  for (const hmm of [settings.hmm, !settings.hmm]) {
    const t = JiebaTokenizer.load(defaultJiebaFiles(), { hmm });
    const seg = timed(() => {
      for (let r = 0; r < rounds; r++) for (const e of examples) t.tokenize(e.title), t.tokenize(e.text);
    });
    rate(`segmentation only (hmm ${hmm})`, examples.length * rounds, chars * rounds, seg.ms);
  }
  const full = timed(() => {
    for (let r = 0; r < rounds; r++) for (const e of examples) classifier.value.classify(e);
  });
  rate('full classification', examples.length * rounds, chars * rounds, full.ms);
  console.log(`RSS at end: ${mb()}`);
}

main();
