/** The word lists in compact form and the negation-aware look-ups on them, built once and shared by every reader. */
import { compact, core } from './normalise';
import { LATIN_WORD, trimWords } from './text-shape';
import type { WordListName, WordLists } from './word-lists';

export class Vocabulary {
  readonly lists: Readonly<Record<WordListName, string[]>>;
  private readonly subjects: readonly string[];

  constructor(lists: WordLists) {
    this.lists = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, [...new Set(v.map((w) => compact(w)).filter(Boolean))]])) as Record<WordListName, string[]>;
    this.subjects = this.lists.subject.filter((s) => !LATIN_WORD.test(s));
  }

  /** Whether the answer is one of `list` (compact words) and nothing more, particles and punctuation aside. */
  isOneOf(text: string, list: readonly string[]): boolean {
    const c = core(text);
    return c !== '' && (list.includes(c) || list.includes(compact(text)));
  }

  /** A negation right before the word, or one character before it ("not very satisfied" reads as not). */
  negatedAt(text: string, at: number): boolean {
    if (at === 0) return false;
    const before = text.slice(0, at);
    const window = before.slice(-2);
    return this.lists.negations.some((n) => (n.length === 1 && !LATIN_WORD.test(n) ? window.includes(n) : before.endsWith(n)));
  }

  /** A word that is itself a negation ("not working") is not undone by the negation it starts with. */
  startsNegated(word: string): boolean {
    return this.lists.negations.some((n) => word.startsWith(n));
  }

  /** Where `word` first stands in `text` without a negation before it; -1 when absent or negated. */
  find(text: string, word: string): number {
    const at = text.indexOf(word);
    return at >= 0 && (!this.negatedAt(text, at) || this.startsNegated(word)) ? at : -1;
  }

  containsWord(text: string, words: readonly string[]): boolean {
    return words.some((w) => this.find(text, w) >= 0);
  }

  /** Thanks and politeness closing an answer ("yes, thank you all") say nothing about the answer. */
  withoutCourtesy(text: string): string {
    return trimWords(text, this.lists.courtesy, 'end');
  }

  withoutSubject(text: string): string {
    return trimWords(text, this.subjects, 'start');
  }
}
