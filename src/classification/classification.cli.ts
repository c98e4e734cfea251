import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { Classifier } from './classifier';
import { DEFAULT_LEXICON_PATH, tokenizerFor } from './classifier.loader';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { readExamplesCsv } from './dataset';
import { confusionTable } from './confusion-table';
import { CrossValidation, crossValidateSets, evaluate, Evaluation } from './evaluate';
import { Lexicon, readLexicon, writeLexicon } from './lexicon';
import { suggestKeywords } from './suggest';
import { isLocalSet, markLocal, train, TrainingExample, trainingOptionsOf, weighSet } from './train';
import { basename } from 'node:path';
import type { TokenizerSettings } from './tokenizer';
import { DEFAULT_GLOSSARY_PATH, lexiconWords, loadGlossary, seedFromGlossary } from './glossary';
import { seedFromDescriptions } from './org-seeds';
import { loadOrgConfig } from '../org/org-config';
import { configPath } from '../config/paths';

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

/**
 * Per-CSV weights: `--weights 1,3` for two CSVs; else the weights recorded in the lexicon when they match the
 * number of CSVs; else 1 each.
 */
function setWeights(csvs: readonly string[], given: string | undefined, lexicon?: Lexicon): number[] {
  const recorded = typeof lexicon?.training?.weights === 'string' ? lexicon.training.weights : undefined;
  const text = given ?? (recorded && recorded.split(',').length === csvs.length ? recorded : undefined);
  if (!text) return csvs.map(() => 1);
  const weights = text.split(',').map((w) => Number(w.trim()));
  if (weights.length !== csvs.length || weights.some((w) => !Number.isFinite(w) || w <= 0)) {
    throw new ClassificationException(
      `--weights ${text}: expected ${csvs.length} positive number(s), one per CSV, e.g. ${csvs.map(() => 1).join(',')}`,
      ClassificationExceptionCode.CSV_MALFORMED,
    );
  }
  return weights;
}

const isDictionary = (name: string): name is 'full' | 'small' => name === 'full' || name === 'small';

/** A CSV's messages, weighed, and marked as the city's own when it labels every sector (see `localShare`). */
/** One labelled set from a CSV, or from several joined with `+` (the city set in its parts, scored as one). */
function readSet(csv: string, weight: number, sectors?: readonly string[]): TrainingExample[] {
  const examples = weighSet(
    csv.split('+').flatMap((part) => readExamplesCsv(part, sectors)),
    weight,
  );
  return sectors && isLocalSet(examples.map((e) => e.label), sectors) ? markLocal(examples) : examples;
}

/** Accuracy, macro-F1, triage rate and each sector's recall, as lines for a terminal. */
function summary(name: string, r: Evaluation | CrossValidation): string {
  const recall = Object.entries(r.perLabel).map(([label, s]) => `  ${label}: recall ${s.recall.toFixed(3)} (${s.support})`);
  const pc = (x: number): string => `${(x * 100).toFixed(1)} %`;
  return [
    `${name}: n ${r.n}, accuracy ${r.accuracy.toFixed(4)}, macro-F1 ${r.macroF1.toFixed(4)}, triage ${pc(r.triageRate)}` +
      `; close calls ${pc(r.closeCallRate)} (right sector among the two ${pc(r.closeCallInTwo)}), triage when they are asked ${pc(r.triageRateWithQuestion)}`,
    ...recall,
  ].join('\n');
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
    .description('learn a lexicon from CSVs (id,label,title,text); curated entries of the base lexicon are kept')
    .argument('<csv...>', 'labelled messages, e.g. the public set and the city set')
    .option('--weights <list>', 'how much a message of each CSV counts, e.g. 1,3 (default: 1 each)')
    .requiredOption('--out <file>', 'where to write the lexicon')
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10))
    .option('--base <file>', 'lexicon whose curated entries to keep (default: --out when it exists)')
    .option('--hmm', 'segment with jieba HMM (default: as the base lexicon, else off)')
    .option('--dictionary <full|small>', "jieba's main dictionary (default: as the base lexicon, else full)")
    .option('--trained-at <iso>', 'timestamp to record (omitted by default so output is reproducible)')
    .option('--with-corrections', "add members' re-routings as training examples")
    .option('--org <file>', "seed each sector with the words of its description in this org.yaml (default config/org.yaml; 'none' to skip)")
    .option('--glossary <file>', "seed each sector with its own words from this file (default config/sector-words.yaml; 'none' to skip)")
    .action(async (csvs: string[], opts: { out: string; seed?: number; base?: string; hmm?: boolean; trainedAt?: string; withCorrections?: boolean; weights?: string; dictionary?: string; org?: string; glossary?: string }) => {
      const basePath = opts.base ?? (existsSync(opts.out) ? opts.out : undefined);
      const orgPath = opts.org ?? configPath('org.yaml');
      let base = basePath ? readLexicon(basePath) : undefined;
      const weights = setWeights(csvs, opts.weights);
      const examples: TrainingExample[] = csvs.flatMap((csv, i) => readSet(csv, weights[i], base ? Object.keys(base.sectors) : undefined));
      if (opts.withCorrections) examples.push(...markLocal(await corrections(deps)));
      const dictionary = opts.dictionary ?? base?.tokenizer.dictionary ?? 'full';
      if (!isDictionary(dictionary)) {
        throw new ClassificationException(`--dictionary ${dictionary}: expected full or small`, ClassificationExceptionCode.CSV_MALFORMED);
      }
      const tokenizerSettings: TokenizerSettings = { hmm: opts.hmm ?? base?.tokenizer.hmm ?? false, dictionary };
      const jieba = tokenizerFor({ tokenizer: tokenizerSettings });
      const tokenizer = jieba.tokenize;
      if (base && orgPath !== 'none' && existsSync(orgPath)) {
        const sectors = loadOrgConfig(orgPath).sectors;
        base = seedFromDescriptions(base, sectors, tokenizer).lexicon;
        const glossaryPath = opts.glossary ?? DEFAULT_GLOSSARY_PATH();
        if (glossaryPath !== 'none' && existsSync(glossaryPath)) {
          base = seedFromGlossary(base, loadGlossary(glossaryPath, sectors.map((s) => s.code)), sectors).lexicon;
        }
      }
      if (base) jieba.addWords(lexiconWords(base));
      const bar = progress('train');
      const lexicon = train(examples, {
        ...(base ? trainingOptionsOf(base) : {}),
        tokenizer,
        tokenizerSettings,
        seed: opts.seed,
        base,
        trainedAt: opts.trainedAt,
        onProgress: bar.update,
      });
      bar.stop();
      if (lexicon.training) lexicon.training.weights = weights.join(',');
      writeLexicon(opts.out, lexicon);
      const sizes = Object.fromEntries(Object.entries(lexicon.sectors).map(([s, e]) => [s, Object.keys(e.keywords).length]));
      print({ out: opts.out, examples: examples.length, temperature: lexicon.calibration.temperature, keywords: sizes });
    });

  program
    .command('eval')
    .description('score a lexicon on labelled messages, or cross-validate its training recipe with --cv; several CSVs are scored each on its own')
    .argument('<csv...>', 'labelled messages, e.g. the city set and the public set; a+b.csv joins two files into one set')
    .option('--lexicon <file>', 'lexicon JSON (default config/lexicon.json)')
    .option('--table', 'also print a confusion matrix per CSV (stderr)')
    .option('--cv <k>', 'k-fold cross-validation of training on the CSVs together', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'fold seed for --cv', (v) => Number.parseInt(v, 10))
    .option('--weights <list>', 'for --cv: how much a message of each CSV counts in training (default: as the lexicon was trained)')
    .option('--all-sectors', 'let every lexicon sector compete, even those absent from the CSV')
    .action((csvs: string[], opts: { lexicon?: string; table?: boolean; cv?: number; seed?: number; weights?: string; allSectors?: boolean }) => {
      const lexicon = loadLexicon(opts.lexicon);
      const weights = setWeights(csvs, opts.weights, lexicon);
      const sets = csvs.map((csv, i) => ({ name: basename(csv), examples: readSet(csv, weights[i], Object.keys(lexicon.sectors)) }));
      if (new Set(sets.map((s) => s.name)).size !== sets.length) {
        throw new ClassificationException('eval: give each CSV a different file name', ClassificationExceptionCode.CSV_MALFORMED);
      }
      const tokenizer = tokenizerFor(lexicon).tokenize;
      const bar = progress(opts.cv ? 'cross-validate' : 'eval');
      const results: Record<string, Evaluation | CrossValidation> = opts.cv
        ? crossValidateSets(sets, opts.cv, opts.seed ?? 42, {
            ...trainingOptionsOf(lexicon),
            tokenizer,
            tokenizerSettings: lexicon.tokenizer,
            base: lexicon,
            calibrationFolds: 0, // temperature does not change which sector wins; skipping it makes --cv k times faster
            allSectors: opts.allSectors,
            onProgress: bar.update,
          })
        : Object.fromEntries(
            sets.map((s) => [s.name, evaluate(s.examples, new Classifier(lexicon, tokenizer), { allSectors: opts.allSectors, onProgress: bar.update })]),
          );
      bar.stop();
      for (const [name, result] of Object.entries(results)) {
        process.stderr.write(summary(name, result) + '\n');
        if (opts.table) process.stderr.write(confusionTable(result.confusion) + '\n\n');
      }
      print(sets.length === 1 ? results[sets[0].name] : { sets: results });
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
