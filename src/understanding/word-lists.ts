import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configPath, localesPath } from '../config/paths';

/** The lists under `understanding` in `locales/<locale>/understanding.json`; the office extends them. */
export const WORD_LIST_NAMES = [
  'yes', 'no', 'negations', 'skip', 'done', 'subject', 'courtesy', 'cancel', 'menu', 'help', 'handoff', 'resume', 'greetings',
  'status', 'rating_satisfied', 'rating_basic', 'rating_not', 'stars', 'name_call', 'name_surname', 'name_tail', 'name_titles', 'phone_words',
  'phone_glue', 'name_prefixes',
  'choice_prefix', 'name_compound_surnames', 'topic_filler', 'place_lead', 'problem', 'acknowledge', 'back',
  'numerals', 'ordinal_prefix', 'counters', 'particles',
] as const;

export type WordListName = (typeof WORD_LIST_NAMES)[number];
export type WordLists = Readonly<Record<WordListName, readonly string[]>>;

/** Builds the lists from a lookup (e.g. the service's translations: every locale's words under one key). */
export function wordListsFrom(words: (name: WordListName) => readonly string[]): WordLists {
  return Object.fromEntries(WORD_LIST_NAMES.map((n) => [n, [...words(n)]])) as Record<WordListName, string[]>;
}

/**
 * Reads the lists of every locale under `root` and merges them: a resident may answer in either language
 * whatever the session's locale. A file that is not valid JSON is an error naming the file.
 */
export function loadWordLists(root = localesPath()): WordLists {
  const merged = new Map<WordListName, Set<string>>(WORD_LIST_NAMES.map((n) => [n, new Set<string>()]));
  for (const locale of existsSync(root) ? readdirSync(root).sort() : []) {
    const file = join(root, locale, 'understanding.json');
    if (!existsSync(file)) continue;
    let lists: Record<string, unknown>;
    try {
      lists = (JSON.parse(readFileSync(file, 'utf8')) as { understanding?: Record<string, unknown> }).understanding ?? {};
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
    for (const name of WORD_LIST_NAMES) {
      const value = lists[name];
      if (value === undefined) continue;
      if (!Array.isArray(value) || !value.every((w) => typeof w === 'string')) throw new Error(`${file}: understanding.${name} must be a list of strings`);
      value.forEach((w) => merged.get(name)!.add(w));
    }
  }
  return wordListsFrom((n) => [...merged.get(n)!]);
}

/** How numbers and short answers are written, read from the word lists: what `ordinal` and `core` need. */
export interface Grammar {
  /** One character → its value (`numerals`, written "character=value"). */
  numerals: ReadonlyMap<string, number>;
  /** Words before a number that make it an ordinal ("the …", "no."), longest first. */
  ordinalPrefixes: readonly string[];
  /** Counter words after a number ("… item"), longest first. */
  counters: readonly string[];
  /** Sentence-final particles, matched at the end of a short answer however many there are; null when none. */
  particles: RegExp | null;
}

let grammarOfLocales: Grammar | undefined;

/** The grammar of the service's own locale files, read once (module-level readers such as `ordinal` use it). */
export function grammar(): Grammar {
  return (grammarOfLocales ??= grammarOf(loadWordLists()));
}

export function grammarOf(lists: WordLists): Grammar {
  const longestFirst = (words: readonly string[]) => [...words].filter(Boolean).sort((a, b) => b.length - a.length);
  const numerals = new Map<string, number>();
  for (const entry of lists.numerals) {
    const [numeral, value] = entry.split('=');
    if (!numeral || !/^\d+$/.test(value ?? '')) throw new Error(`understanding.numerals: "${entry}" is not "character=value"`);
    numerals.set(numeral, Number(value));
  }
  const particles = longestFirst(lists.particles);
  return {
    numerals,
    ordinalPrefixes: longestFirst(lists.ordinal_prefix),
    counters: longestFirst(lists.counters),
    particles: particles.length ? new RegExp(`(?:${particles.map(escapeRegExp).join('|')})+$`, 'u') : null,
  };
}

/**
 * What separates the terms of a sector's description in `config/org.yaml`, besides white space: one separator a
 * line of `config/term-separators.txt` (lines starting with # are comments).
 */
export function termSeparators(file = configPath('term-separators.txt')): RegExp {
  const words = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return new RegExp(`(?:\\s|${words.map(escapeRegExp).join('|')})+`, 'u');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
