import { toSimplified } from '../common/simplified';
import { grammar } from './word-lists';

/**
 * One turn reads the same answer many times (global words, the ticket number, the options, the script's word
 * lists, option labels): normalised forms of short texts are remembered. Bounded; cleared when full.
 */
const MEMO_LIMIT = 2000;
const MEMO_MAX_CHARS = 200;

function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    if (text.length > MEMO_MAX_CHARS) return fn(text);
    let out = cache.get(text);
    if (out === undefined) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      out = fn(text);
      cache.set(text, out);
    }
    return out;
  };
}

/**
 * One reading of the resident's text: NFKC (full-width digits, letters and punctuation become half-width),
 * traditional → simplified, lower case, runs of white space as one space.
 */
export const normalise = memo((text: string): string => toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim());

/** The normalised text without spaces, punctuation or symbols (emoji included): what word lists are matched on. */
export const compact = memo((text: string): string => normalise(text).replace(/[\s\p{P}\p{S}]+/gu, ''));

/** The text without the sentence-final particles residents add to a short answer (`particles`): they never change its meaning. */
export const withoutParticles = (text: string): string => {
  const particles = grammar().particles;
  return particles ? text.replace(particles, '') : text;
};

/** `compact` without trailing particles; the answer itself when it is nothing but particles. */
export const core = memo((text: string): string => {
  const c = compact(text);
  const stripped = withoutParticles(c);
  return stripped === '' ? c : stripped;
});
