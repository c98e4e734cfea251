/**
 * Classification speed and memory: `npm run bench:classify -- [csv]`. Prints segmentation-only and full
 * classification throughput on one core (also on messages of exactly 300 characters), lexicon load time, RSS
 * after the jieba load with each dictionary (a child process each), and the RSS of the whole service after start
 * (`node dist/main.js` on a fresh SQLite file, the default set-up).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier } from '../src/classification/classifier';
import { DEFAULT_LEXICON_PATH, defaultJiebaFiles } from '../src/classification/classifier.loader';
import { readExamplesCsv } from '../src/classification/dataset';
import { JiebaTokenizer } from '../src/classification/jieba.tokenizer';
import { readLexicon } from '../src/classification/lexicon';
import { TokenizerSettings } from '../src/classification/tokenizer';

// /work/shared beside the main checkout (../shared) or beside a worktree folder (../../shared)
const PUBLIC_CSVS = [join(__dirname, '..', '..', '..', 'shared'), join(__dirname, '..', '..', '..', '..', 'shared')].map((d) =>
  join(d, 'data', 'teddy2020c', 'train.csv'),
);
const CITY_CSV = join(__dirname, '..', '..', 'test', 'fixtures', 'classification', 'city-sectors.csv');
const mb = (bytes = process.memoryUsage().rss): string => `${Math.round(bytes / 2 ** 20)} MB`;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function rate(label: string, n: number, chars: number, ms: number): void {
  const perSec = Math.round((n / ms) * 1000);
  console.log(`${label}: ${perSec} msgs/s, ${((ms * 1000) / n).toFixed(1)} µs/msg, ${((chars / ms) * 1000 / 1e6).toFixed(2)} M chars/s`);
}

/** Each dictionary measured in a fresh process that loads nothing but the tokenizer. */
function jiebaRss(dictionary: 'full' | 'small'): void {
  const script = `
    const before = process.memoryUsage().rss;
    const { JiebaTokenizer } = require(${JSON.stringify(require.resolve('../src/classification/jieba.tokenizer'))});
    const { defaultJiebaFiles } = require(${JSON.stringify(require.resolve('../src/classification/classifier.loader'))});
    JiebaTokenizer.load(defaultJiebaFiles(), { hmm: false, dictionary: ${JSON.stringify(dictionary)} }).tokenize('预热');
    console.log(JSON.stringify({ before, after: process.memoryUsage().rss }));`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const { before, after } = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { before: number; after: number };
  console.log(`jieba load, ${dictionary} dictionary (fresh process): RSS ${mb(before)} → ${mb(after)}`);
}

/** The 300-character messages the target is stated in: each long message cut to its first 300 characters. */
function messagesOf300(examples: ReadonlyArray<{ title: string; text: string }>): Array<{ text: string }> {
  const all = examples.map((e) => e.title + e.text).join('');
  const out: Array<{ text: string }> = [];
  for (let i = 0; i + 300 <= all.length && out.length < 5000; i += 300) out.push({ text: all.slice(i, i + 300) });
  return out;
}

async function serviceRss(): Promise<void> {
  // Imported here, not at the top: the test helpers pull in the whole application and would inflate the RSS
  // figures measured in this process above.
  const { startInstance } = await import('../test/support/instances');
  const dir = mkdtempSync(join(tmpdir(), 'minyi-rss-'));
  // startInstance spawns the process and waits until /health answers.
  const instance = await startInstance({ DATABASE_URL: `sqlite:${join(dir, 'minyi.sqlite')}`, LOG_LEVEL: 'warn' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let start-up garbage be collected
    const pid = instance.pid();
    if (!pid) throw new Error(`the service stopped after start: ${instance.output.join('').slice(-2000)}`);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // pages swapped out under memory pressure are not resident: print them, or a low RSS would mislead
    const swapKb = Number(/VmSwap:\s+(\d+)/.exec(status)?.[1] ?? 0);
    console.log(`service after start (node dist/main.js, SQLite, ${readLexicon(DEFAULT_LEXICON_PATH()).tokenizer.dictionary ?? 'full'} dictionary): RSS ${Math.round(kb / 1024)} MB (swapped out ${Math.round(swapKb / 1024)} MB)`);
  } finally {
    await instance.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const csv = process.argv[2] ?? PUBLIC_CSVS.find((p) => existsSync(p)) ?? CITY_CSV;
  const examples = readExamplesCsv(csv);
  const chars = examples.reduce((n, e) => n + e.title.length + e.text.length, 0);
  console.log(`${csv}: ${examples.length} messages, mean ${Math.round(chars / examples.length)} chars (title + text); node ${process.version}`);
  console.log(`RSS at start: ${mb()}`);

  const lexiconPath = DEFAULT_LEXICON_PATH();
  const settings: TokenizerSettings = readLexicon(lexiconPath).tokenizer;
  const jieba = timed(() => JiebaTokenizer.load(defaultJiebaFiles(), settings));
  jieba.value.tokenize('预热'); // nodejieba allocates lazily; count that in the load
  console.log(`jieba load: ${jieba.ms.toFixed(0)} ms (hmm ${settings.hmm}, ${settings.dictionary ?? 'full'} dictionary), RSS ${mb()}`);
  const lexicon = timed(() => readLexicon(lexiconPath));
  const classifier = timed(() => new Classifier(lexicon.value, jieba.value.tokenize));
  console.log(`lexicon load: ${(lexicon.ms + classifier.ms).toFixed(0)} ms (${classifier.value.compiled.weights.size} words), RSS ${mb()}`);

  const rounds = 3;
  for (const hmm of [settings.hmm, !settings.hmm]) {
    const t = JiebaTokenizer.load(defaultJiebaFiles(), { ...settings, hmm });
    const seg = timed(() => {
      for (let r = 0; r < rounds; r++) for (const e of examples) t.tokenize(e.title), t.tokenize(e.text);
    });
    rate(`segmentation only (hmm ${hmm})`, examples.length * rounds, chars * rounds, seg.ms);
  }
  const full = timed(() => {
    for (let r = 0; r < rounds; r++) for (const e of examples) classifier.value.classify(e);
  });
  rate('full classification', examples.length * rounds, chars * rounds, full.ms);
  const fixed = messagesOf300(examples);
  if (fixed.length > 0) {
    const at300 = timed(() => {
      for (let r = 0; r < rounds; r++) for (const m of fixed) classifier.value.classify(m);
    });
    rate(`full classification, ${fixed.length} messages of 300 chars`, fixed.length * rounds, fixed.length * 300 * rounds, at300.ms);
  }
  console.log(`RSS at end: ${mb()}`);

  jiebaRss('full');
  jiebaRss('small');
  await serviceRss();
}

void main();
