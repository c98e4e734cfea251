/** How long an answer is and what it is made of, shared by every reader so they draw the same lines. */
import { normalise } from './normalise';

/** Longer answers are sentences, not a yes, a choice or a skip said with a few extra words. */
export const SHORT_ANSWER = 16;
export const SKIP_ANSWER = 12;
export const CJK = /\p{Script=Han}/u;
export const LATIN_WORD = /^[a-z0-9' /?-]+$/;

/** Length in characters, not UTF-16 code units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** The pieces of a text between punctuation, symbols and spaces (after normalisation). */
export function segments(text: string): string[] {
  return normalise(text).split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
}

/** Removes words of the list from one end of the text, as often as they occur, never the whole text. */
export function trimWords(text: string, words: readonly string[], side: 'start' | 'end'): string {
  let c = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (c.length > w.length && (side === 'start' ? c.startsWith(w) : c.endsWith(w))) {
        c = side === 'start' ? c.slice(w.length) : c.slice(0, -w.length);
        changed = true;
      }
    }
  }
  return c;
}
