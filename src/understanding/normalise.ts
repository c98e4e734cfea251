import { toSimplified } from './t2s';

/**
 * One reading of the resident's text, made once per message: NFKC (full-width digits, letters and punctuation
 * become half-width), traditional → simplified, lower case, runs of white space as one space.
 */
export function normalise(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The normalised text without spaces, punctuation or symbols (emoji included): what word lists are matched on. */
export function compact(text: string): string {
  return normalise(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Sentence-final particles residents add to a short answer: they never change its meaning. */
const PARTICLES = /[吧啊呀的啦嘛哈呢哦喔噢了呗哟]+$/u;

/** `compact` without trailing particles; the answer itself when it is nothing but particles. */
export function core(text: string): string {
  const c = compact(text);
  const stripped = c.replace(PARTICLES, '');
  return stripped === '' ? c : stripped;
}
