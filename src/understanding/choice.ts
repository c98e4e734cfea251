/** Choosing among what was offered (numbers, labels, a script option's words, either-or topics): one reader of options. */
import { compact, core } from './normalise';
import { ordinal } from './ordinal';
import type { Option } from './reading.types';
import { charCount, LATIN_WORD, SHORT_ANSWER } from './text-shape';
import { closestTopic, type Topic } from './topic-choice';
import type { Vocabulary } from './vocabulary';
import { grammar } from './word-lists';

export class ChoiceReader {
  private readonly compacted = new Map<string, string>();
  private filler?: ReadonlySet<string>;

  constructor(private readonly words: Vocabulary) {}

  /**
   * Which offered option the resident chose: by its number (digits, full-width digits, "the first", a Chinese
   * numeral), by its label or payload, or by a short sentence containing one label ("I choose X"). Null when none
   * or more than one fits.
   */
  choose(text: string, options: readonly Option[]): number | null {
    if (options.length === 0) return null;
    const c = this.withoutChoicePrefix(core(text));
    const n = ordinal(c);
    if (n !== null) return n >= 1 && n <= options.length ? n - 1 : null;
    const labels = options.map((o) => [core(o.title), core(o.payload)]);
    const exact = labels.findIndex((ls) => ls.includes(c));
    if (exact >= 0) return exact;
    if (charCount(c) > SHORT_ANSWER) return null;
    let best: { index: number; length: number } | null = null;
    let tie = false;
    for (const [index, ls] of labels.entries()) {
      for (const label of ls) {
        if (charCount(label) < 2 || LATIN_WORD.test(label)) continue;
        if (this.words.find(c, label) < 0) continue;
        if (!best || label.length > best.length) [best, tie] = [{ index, length: label.length }, false];
        else if (label.length === best.length && index !== best.index) tie = true;
      }
    }
    return best && !tie ? best.index : null;
  }

  /** The number typed for an option (digits, or "the third") when it is not one of the `count` offered; else null. */
  optionNotOffered(text: string, count: number): number | null {
    const c = this.withoutChoicePrefix(core(text));
    if (!/\d/.test(c) && !grammar().ordinalPrefixes.some((p) => c.startsWith(p))) return null;
    const n = ordinal(c);
    return n !== null && (n < 1 || n > count) ? n : null;
  }

  /** Whether the answer is one of `words` and nothing more (particles and punctuation aside). */
  saysExactly(text: string, words: readonly string[]): boolean {
    return this.words.isOneOf(text, this.compactWords(words));
  }

  /** Whether the answer says one of `words` (a word list of a script option), exactly or in a short sentence, not negated. */
  says(text: string, words: readonly string[]): boolean {
    const c = core(text);
    if (!c) return false;
    const list = this.compactWords(words).filter(Boolean);
    if (this.words.isOneOf(text, list)) return true;
    if (charCount(c) > SHORT_ANSWER) return false;
    return this.words.containsWord(c, list.filter((w) => charCount(w) >= 2 && !LATIN_WORD.test(w)));
  }

  /** Which of two or more topics a free answer leans to (`closestTopic`), with the office's filler characters. */
  closestTopic(answer: string, topics: readonly Topic[]): string | null {
    this.filler ??= new Set(this.words.lists.topic_filler.flatMap((w) => Array.from(w)));
    return closestTopic(answer, topics, this.filler);
  }

  /** "I choose the second" is "the second". */
  private withoutChoicePrefix(c: string): string {
    const prefix = this.words.lists.choice_prefix.filter((p) => c.startsWith(p) && c.length > p.length).sort((a, b) => b.length - a.length)[0];
    return prefix ? c.slice(prefix.length) : c;
  }

  /** Word lists of scripts arrive as text on every turn; their compact forms are made once. */
  private compactWords(words: readonly string[]): string[] {
    return words.map((w) => {
      let c = this.compacted.get(w);
      if (c === undefined) {
        c = compact(w);
        this.compacted.set(w, c);
      }
      return c;
    });
  }
}
