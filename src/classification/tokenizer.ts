/**
 * Turns a text into the content words the classifier scores: lower-cased, without punctuation, whitespace,
 * bare numbers or stop words, in text order (adjacent pairs become phrase features).
 *
 * The production implementation is {@link JiebaTokenizer} (nodejieba); tests pass a fake such as
 * `(text) => text.split(' ')`, so classifier rules are tested without the 240 MB dictionary.
 */
export type Tokenizer = (text: string) => string[];

/** Settings of the segmenter, recorded in the lexicon so training and classification segment alike. */
export interface TokenizerSettings {
  /** jieba's HMM guesses unknown words; without it they split into single characters. */
  hmm: boolean;
  /**
   * jieba's main dictionary: 'full' (nodejieba's own, 349k words, ≈ 240 MB resident) or 'small'
   * (`config/jieba/dict.small.utf8`, jieba's 110k-word dictionary, ≈ 90 MB); absent means 'full'.
   */
  dictionary?: 'full' | 'small';
}

/** Splits on whitespace: enough for tests and for a lexicon written in space-separated words. */
export const whitespaceTokenizer: Tokenizer = (text) => text.split(/\s+/).filter((t) => t.length > 0);

const NOISE = /^[\p{P}\p{S}\p{N}\s_]*$/u;

/** Keeps a token when it is a word (not punctuation, symbols or a bare number) and not a stop word. */
export function isContentToken(token: string, stopWords: ReadonlySet<string>): boolean {
  const first = token.charCodeAt(0);
  // Fast path for the common case, a CJK word: the Unicode-class regex is the slow part of tokenizing.
  if (first >= 0x4e00 && first <= 0x9fff) return !stopWords.has(token);
  return token.length > 0 && !NOISE.test(token) && !stopWords.has(token);
}
