/** The resident's rating of a handled concern, in words or stars: its own words and its own scale. */
import { compact, core } from './normalise';
import { ordinal } from './ordinal';
import type { Rating } from './reading.types';
import { charCount, SHORT_ANSWER } from './text-shape';
import { standingTokens } from './tokens';
import type { Vocabulary } from './vocabulary';
import { escapeRegExp, grammar } from './word-lists';

export class RatingReader {
  private readonly ratingWords: ReadonlyMap<string, Rating>;

  constructor(private readonly words: Vocabulary) {
    const lists = words.lists;
    this.ratingWords = new Map<string, Rating>([
      ...lists.rating_satisfied.map((w) => [w, 'satisfied'] as const),
      ...lists.rating_basic.map((w) => [w, 'basically_satisfied'] as const),
      ...lists.rating_not.map((w) => [w, 'not_satisfied'] as const),
    ]);
  }

  /** A rating in words (satisfied, so-so, not satisfied, terrible) or 1–5 stars (3+ satisfied, 2 basically, 1 not). */
  rating(text: string): Rating | null {
    const stars = this.stars(text);
    if (stars !== null) return stars >= 3 ? 'satisfied' : stars === 2 ? 'basically_satisfied' : 'not_satisfied';
    const c = compact(text);
    if (!c || charCount(c) > SHORT_ANSWER * 2) return null;
    const found = new Set<Rating>();
    for (const t of standingTokens(c, this.ratingWords, core(text).length)) {
      found.add(t.tag === 'satisfied' && this.words.negatedAt(c, t.at) ? 'not_satisfied' : (t.tag as Rating));
    }
    for (const r of ['not_satisfied', 'basically_satisfied', 'satisfied'] as const) if (found.has(r)) return r;
    return null;
  }

  private stars(text: string): number | null {
    const emoji = Array.from(text).filter((ch) => ch === '⭐' || ch === '★' || ch === '🌟').length;
    if (emoji > 0) return Math.min(emoji, 5);
    const c = compact(text);
    // One to five, in digits or in the numerals of the word lists.
    const numerals = [...grammar().numerals].filter(([, v]) => v >= 1 && v <= 5).map(([n]) => escapeRegExp(n));
    const number = numerals.length ? `[1-5]|${numerals.join('|')}` : '[1-5]';
    for (const unit of [...this.words.lists.stars].sort((a, b) => b.length - a.length)) {
      const m = new RegExp(`(${number})${escapeRegExp(unit)}`).exec(c);
      if (m) return ordinal(m[1]);
    }
    return null;
  }
}
