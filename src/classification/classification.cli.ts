import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { Classifier } from './classifier';
import { DEFAULT_LEXICON_PATH, tokenizerFor } from './classifier.loader';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { readExamplesCsv } from './dataset';
import { confusionTable } from './confusion-table';
import { crossValidate, evaluate } from './evaluate';
import { Lexicon, readLexicon, writeLexicon } from './lexicon';
import { suggestKeywords } from './suggest';
import { train, TrainingExample, trainingOptionsOf } from './train';

/** What the application lends the classification commands (both optional: the commands work without). */
export interface ClassificationCliDeps {
  /** Sector name → the committee and workstation that would receive it. */
  resolveRoute?: (sector: string) => Promise<{ committee: string | null; workstation: string | null }>;
  /** Members' re-routings, stored as corrections: labelled examples to learn from. */
  loadCorrections?: () => Promise<TrainingExample[]>;
  /** The lexicon the service runs: the file (or a lexicon published in the console) with the console's overrides. */
  tunedLexicon?: (file: Lexicon) => Promise<Lexicon>;
}

const print = (value: unknown): void => void process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/** A progress bar on stderr, so stdout stays clean JSON. */
function progress(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, clearOnComplete: true });
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

function loadLexicon(path: string | undefined): Lexicon {
  return readLexicon(path ?? DEFAULT_LEXICON_PATH());
}

async function corrections(deps: ClassificationCliDeps): Promise<TrainingExample[]> {
  if (!deps.loadCorrections) {
    throw new ClassificationException('corrections are not available in this build', ClassificationExceptionCode.NOT_LOADED);
  }
  return deps.loadCorrections();
}

/** Adds `classify`, `train`, `eval` and `lexicon suggest` to the minyi command. */
export function registerClassificationCommands(program: Command, deps: ClassificationCliDeps = {}): void {
  program
    .command('classify')
    .description('classify one message; prints the sector, confidence and the words that decided it')
    .argument('<text>', 'the message text')
    .option('--title <title>', 'the message title, if any')
    .option('--lexicon <file>', 'lexicon JSON (default: config/lexicon.json with the console\'s changes, as the service runs it)')
    .action(async (text: string, opts: { title?: string; lexicon?: string }) => {
      const lexicon = opts.lexicon || !deps.tunedLexicon ? loadLexicon(opts.lexicon) : await deps.tunedLexicon(loadLexicon(undefined));
      const result = new Classifier(lexicon, tokenizerFor(lexicon).tokenize).classify({ text, title: opts.title });
      const route = result.sector && deps.resolveRoute ? await deps.resolveRoute(result.sector) : null;
      const { sector, ...rest } = result;
      print({ sector, committee: route?.committee ?? null, workstation: route?.workstation ?? null, ...rest });
    });

  program
    .command('train')
    .description('learn a lexicon from a CSV (id,label,title,text); curated entries of the base lexicon are kept')
    .argument('<csv>', 'labelled messages')
    .requiredOption('--out <file>', 'where to write the lexicon')
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10))
    .option('--base <file>', 'lexicon whose curated entries to keep (default: --out when it exists)')
    .option('--hmm', 'segment with jieba HMM (default: as the base lexicon, else off)')
    .option('--trained-at <iso>', 'timestamp to record (omitted by default so output is reproducible)')
    .option('--with-corrections', "add members' re-routings as training examples")
    .action(async (csv: string, opts: { out: string; seed?: number; base?: string; hmm?: boolean; trainedAt?: string; withCorrections?: boolean }) => {
      const basePath = opts.base ?? (existsSync(opts.out) ? opts.out : undefined);
      const base = basePath ? readLexicon(basePath) : undefined;
      const examples: TrainingExample[] = readExamplesCsv(csv, base ? Object.keys(base.sectors) : undefined);
      if (opts.withCorrections) examples.push(...(await corrections(deps)));
      const tokenizerSettings = { hmm: opts.hmm ?? base?.tokenizer.hmm ?? false };
      const bar = progress('train');
      const lexicon = train(examples, {
        ...(base ? trainingOptionsOf(base) : {}),
        tokenizer: tokenizerFor({ tokenizer: tokenizerSettings }).tokenize,
        tokenizerSettings,
        seed: opts.seed,
        base,
        trainedAt: opts.trainedAt,
        onProgress: bar.update,
      });
      bar.stop();
      writeLexicon(opts.out, lexicon);
      const sizes = Object.fromEntries(Object.entries(lexicon.sectors).map(([s, e]) => [s, Object.keys(e.keywords).length]));
      print({ out: opts.out, examples: examples.length, temperature: lexicon.calibration.temperature, keywords: sizes });
    });

  program
    .command('eval')
    .description('score a lexicon on labelled messages, or cross-validate its training recipe with --cv')
    .argument('<csv>', 'labelled messages')
    .option('--lexicon <file>', 'lexicon JSON (default config/lexicon.json)')
    .option('--table', 'also print a confusion matrix (stderr)')
    .option('--cv <k>', 'k-fold cross-validation of training on the CSV', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'fold seed for --cv', (v) => Number.parseInt(v, 10))
    .option('--all-sectors', 'let every lexicon sector compete, even those absent from the CSV')
    .action((csv: string, opts: { lexicon?: string; table?: boolean; cv?: number; seed?: number; allSectors?: boolean }) => {
      const lexicon = loadLexicon(opts.lexicon);
      const examples = readExamplesCsv(csv, Object.keys(lexicon.sectors));
      const tokenizer = tokenizerFor(lexicon).tokenize;
      const bar = progress(opts.cv ? 'cross-validate' : 'eval');
      const result = opts.cv
        ? crossValidate(examples, opts.cv, opts.seed ?? 42, {
            ...trainingOptionsOf(lexicon),
            tokenizer,
            tokenizerSettings: lexicon.tokenizer,
            base: lexicon,
            calibrationFolds: 0, // temperature does not change which sector wins; skipping it makes --cv k times faster
            allSectors: opts.allSectors,
            onProgress: bar.update,
          })
        : evaluate(examples, new Classifier(lexicon, tokenizer), { allSectors: opts.allSectors, onProgress: bar.update });
      bar.stop();
      if (opts.table) process.stderr.write(confusionTable(result.confusion) + '\n');
      print(result);
    });

  program
    .command('lexicon')
    .description('inspect and improve the lexicon')
    .command('suggest')
    .description('keywords to add per sector, mined from misclassified messages and corrections')
    .option('--csv <file>', 'labelled messages')
    .option('--lexicon <file>', 'lexicon JSON (default config/lexicon.json)')
    .action(async (opts: { csv?: string; lexicon?: string }) => {
      const lexicon = loadLexicon(opts.lexicon);
      const examples: TrainingExample[] = opts.csv ? readExamplesCsv(opts.csv, Object.keys(lexicon.sectors)) : [];
      if (deps.loadCorrections) examples.push(...(await deps.loadCorrections()));
      if (examples.length === 0) {
        throw new ClassificationException('lexicon suggest needs --csv or stored corrections', ClassificationExceptionCode.CSV_EMPTY);
      }
      print(suggestKeywords(examples, new Classifier(lexicon, tokenizerFor(lexicon).tokenize)));
    });
}
