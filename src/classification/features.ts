import { hasReadableContent, normaliseText, truncate } from './text';

/** How a message's tokens become feature values; stored in the lexicon so training and scoring agree. */
export interface FeatureSettings {
  /** A title token counts this many times a body token (titles are short and on topic). */
  titleWeight: number;
  /** Adjacent content-word pairs (e.g. "property fee" as two words) are features too; written with one space between the words. */
  phrases: boolean;
  /** Divide values by the message's Euclidean norm, so long messages do not score higher than short ones. */
  normalise: boolean;
  /**
   * A word the lexicon does not know counts as the longest word it knows inside it (a compound such as
   * "black-lung disease" scored as "black lung"). Residents keep naming things no labelled set showed, and the
   * known part usually carries the topic. Scoring only: training learns whole words.
   */
  backoff?: boolean;
}

/** The separator of a phrase's two words: tokens never contain whitespace. */
export const PHRASE_SEPARATOR = ' ';

function count(into: Map<string, number>, tokens: readonly string[], weight: number, phrases: boolean): void {
  for (let i = 0; i < tokens.length; i++) {
    into.set(tokens[i], (into.get(tokens[i]) ?? 0) + weight);
    if (phrases && i > 0) {
      const phrase = tokens[i - 1] + PHRASE_SEPARATOR + tokens[i];
      into.set(phrase, (into.get(phrase) ?? 0) + weight);
    }
  }
}

/**
 * Feature values of one message: value(word) = ln(1 + titleWeight × count in title + count in body).
 * Sublinear, so a word repeated ten times does not outvote the rest of the message.
 */
export function featureValues(
  titleTokens: readonly string[],
  bodyTokens: readonly string[],
  settings: FeatureSettings,
): Map<string, number> {
  const counts = new Map<string, number>();
  count(counts, titleTokens, settings.titleWeight, settings.phrases);
  count(counts, bodyTokens, 1, settings.phrases);
  let squares = 0;
  for (const [key, c] of counts) {
    const v = Math.log1p(c);
    counts.set(key, v);
    squares += v * v;
  }
  if (settings.normalise && squares > 0) {
    const norm = Math.sqrt(squares);
    for (const [key, v] of counts) counts.set(key, v / norm);
  }
  return counts;
}

/** The text of a message as the classifier reads it (shared by training and classification). */
export interface PreparedMessage {
  values: Map<string, number>;
  truncated: boolean;
  empty: boolean;
}

/**
 * Normalises, bounds (`maxChars` per field) and tokenizes a message into feature values. Training and
 * classification both go through here so that they can never read a message differently.
 */
export function prepareMessage(
  tokenizer: (text: string) => string[],
  input: { title?: string; text: string },
  settings: FeatureSettings,
  maxChars: number,
): PreparedMessage {
  const body = truncate(normaliseText(typeof input.text === 'string' ? input.text : ''), maxChars);
  const title = truncate(normaliseText(typeof input.title === 'string' ? input.title : ''), maxChars);
  const truncated = body.truncated || title.truncated;
  if (!hasReadableContent(body.text) && !hasReadableContent(title.text)) {
    return { values: new Map(), truncated, empty: true };
  }
  return { values: featureValues(tokenizer(title.text), tokenizer(body.text), settings), truncated, empty: false };
}
