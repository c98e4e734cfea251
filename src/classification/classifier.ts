import { PHRASE_SEPARATOR, prepareMessage } from './features';
import { CompiledLexicon, compileLexicon, Lexicon, Thresholds } from './lexicon';
import { Tokenizer } from './tokenizer';

/** A message to classify: the resident's text and, when the channel has one, a title (weighted higher). */
export interface ClassifyInput {
  text: string;
  title?: string;
}

export interface ClassifyOptions {
  /** Overrides the lexicon's triage thresholds. */
  thresholds?: Partial<Thresholds>;
  /** Only these sectors compete (evaluation on data with fewer sectors than the lexicon). */
  restrictTo?: readonly string[];
  /** How many explaining keywords to return (default 8). */
  explain?: number;
  /** Overrides the lexicon's prefix length. */
  maxChars?: number;
}

/** Why a message goes to the triage queue; `null` when the classifier is confident. */
export type TriageReason = 'empty' | 'no-keywords' | 'low-confidence' | 'close-call' | null;

export interface SectorScore {
  sector: string;
  score: number;
  confidence: number;
}

/** One word's share of the winning sector's score: weight × feature value. */
export interface KeywordContribution {
  word: string;
  weight: number;
  /** The lexicon word inside `word` that scored for it, when the lexicon does not know `word` itself. */
  via?: string;
}

/**
 * The classifier's answer. `score(sector) = bias + Σ contributions`; `keywords` lists the largest
 * contributions to the winning sector and `otherContribution` the sum of the rest, so the three add up.
 */
export interface Classification {
  sector: string | null;
  confidence: number;
  top3: SectorScore[];
  keywords: KeywordContribution[];
  bias: number;
  otherContribution: number;
  triage: boolean;
  reason: TriageReason;
  /** The second sector, the one a close call is between. */
  runnerUp: SectorScore | null;
  /**
   * The top two are close and together likely (thresholds askMargin, askCoverage): asking the resident which of
   * `sector` and `runnerUp` fits beats guessing or sending the concern to triage.
   */
  closeCall: boolean;
  truncated: boolean;
}

const EMPTY: Omit<Classification, 'truncated'> = {
  sector: null,
  confidence: 0,
  top3: [],
  keywords: [],
  bias: 0,
  otherContribution: 0,
  triage: true,
  reason: 'empty',
  runnerUp: null,
  closeCall: false,
};

/** A word of the message the lexicon scores, directly or through a known word inside it (`via`). */
interface Match {
  word: string;
  via?: string;
  row: Float64Array;
  value: number;
}

/** Unknown words of three to eight characters are looked into: a shorter one holds no other word, a longer one is a run of Latin letters or digits. */
const BACKOFF_MIN = 3;
const BACKOFF_MAX = 8;

/** The longest word of the lexicon inside `word` (at least two characters, leftmost first), if any. */
function knownInside(lexicon: CompiledLexicon, word: string, value: number): Match | null {
  const chars = Array.from(word);
  if (chars.length < BACKOFF_MIN || chars.length > BACKOFF_MAX || word.includes(PHRASE_SEPARATOR)) return null;
  for (let len = chars.length - 1; len >= 2; len--) {
    for (let i = 0; i + len <= chars.length; i++) {
      const via = chars.slice(i, i + len).join('');
      const row = lexicon.weights.get(via);
      if (row) return { word, via, row, value };
    }
  }
  return null;
}

/** Raw scores of every sector: bias + Σ weight × value over the message's words and phrases. */
export function scoreMessage(lexicon: CompiledLexicon, tokenizer: Tokenizer, input: ClassifyInput, maxChars?: number) {
  const meta = lexicon.source;
  const prepared = prepareMessage(tokenizer, input, meta.features, maxChars ?? meta.maxChars);
  const k = lexicon.sectors.length;
  const scores = Float64Array.from(lexicon.bias);
  const matches: Match[] = [];
  for (const [word, value] of prepared.values) {
    const row = lexicon.weights.get(word);
    const match = row ? { word, row, value } : meta.features.backoff ? knownInside(lexicon, word, value) : null;
    if (!match) continue;
    matches.push(match);
    for (let c = 0; c < k; c++) scores[c] += match.row[c] * value;
  }
  return { ...prepared, scores, matches, matched: matches.length };
}

/** Classifies one message with a compiled lexicon: pure apart from the tokenizer, and never throws on input. */
export function classifyWith(
  lexicon: CompiledLexicon,
  tokenizer: Tokenizer,
  input: ClassifyInput,
  options: ClassifyOptions = {},
): Classification {
  const meta = lexicon.source;
  const scored = scoreMessage(lexicon, tokenizer, input, options.maxChars);
  const { matches, scores, matched, truncated } = scored;
  if (scored.empty) return { ...EMPTY, truncated };
  const active = activeSectors(lexicon, options.restrictTo);

  const temperature = meta.calibration.temperature;
  let max = -Infinity;
  for (const c of active) max = Math.max(max, scores[c]);
  let z = 0;
  for (const c of active) z += Math.exp((scores[c] - max) / temperature);
  const ranked = active
    .map((c) => ({ c, score: scores[c], confidence: Math.exp((scores[c] - max) / temperature) / z }))
    .sort((a, b) => b.score - a.score || a.c - b.c);

  const best = ranked[0];
  const second = ranked[1];
  const thresholds = { ...meta.thresholds, ...options.thresholds };
  const margin = best.confidence - (second?.confidence ?? 0);
  const closeCall =
    matched > 0 &&
    second !== undefined &&
    thresholds.askMargin !== undefined &&
    margin < thresholds.askMargin &&
    best.confidence + second.confidence >= (thresholds.askCoverage ?? 0) &&
    second.confidence >= (thresholds.askRunnerUp ?? 0);
  const reason: TriageReason =
    matched === 0
      ? 'no-keywords'
      : best.confidence < thresholds.minConfidence
        ? 'low-confidence'
        : margin < thresholds.minMargin
          ? 'close-call'
          : null;

  const contributions: KeywordContribution[] = [];
  for (const { word, via, row, value } of matches) {
    const w = row[best.c];
    if (w !== 0) contributions.push(via ? { word, via, weight: w * value } : { word, weight: w * value });
  }
  contributions.sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1));
  const keywords = contributions.slice(0, options.explain ?? 8);
  const shown = keywords.reduce((sum, kw) => sum + kw.weight, 0);
  const bias = lexicon.bias[best.c];

  return {
    sector: lexicon.sectors[best.c],
    confidence: best.confidence,
    top3: ranked.slice(0, 3).map((r) => ({ sector: lexicon.sectors[r.c], score: r.score, confidence: r.confidence })),
    runnerUp: second ? { sector: lexicon.sectors[second.c], score: second.score, confidence: second.confidence } : null,
    closeCall,
    keywords,
    bias,
    otherContribution: best.score - bias - shown,
    triage: reason !== null,
    reason,
    truncated,
  };
}

function activeSectors(lexicon: CompiledLexicon, restrictTo?: readonly string[]): number[] {
  const all = lexicon.sectors.map((_, c) => c);
  if (!restrictTo) return all;
  const wanted = new Set(restrictTo);
  const some = all.filter((c) => wanted.has(lexicon.sectors[c]));
  return some.length > 0 ? some : all;
}

/**
 * A lexicon and a tokenizer bound together. Plain class (no Nest) so the CLI, the bench and tests share it;
 * `ClassificationService` wraps it for the application.
 */
export class Classifier {
  readonly compiled: CompiledLexicon;

  constructor(
    readonly lexicon: Lexicon,
    readonly tokenizer: Tokenizer,
  ) {
    this.compiled = compileLexicon(lexicon);
  }

  get sectors(): readonly string[] {
    return this.compiled.sectors;
  }

  classify(input: ClassifyInput, options?: ClassifyOptions): Classification {
    return classifyWith(this.compiled, this.tokenizer, input, options);
  }
}
