/** Longest-match tokenising over a word dictionary, apart because yes/no, politeness and ratings all read by it. */
import { LATIN_WORD } from './text-shape';

export interface Token {
  word: string;
  at: number;
  tag: string;
}

/** Each dictionary's words by their first code unit, longest first, built once per dictionary. */
const indexes = new WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, readonly string[]>>();

function firstIndex(dictionary: ReadonlyMap<string, string>): ReadonlyMap<string, readonly string[]> {
  let index = indexes.get(dictionary);
  if (!index) {
    const built = new Map<string, string[]>();
    for (const word of dictionary.keys()) built.set(word[0], [...(built.get(word[0]) ?? []), word]);
    for (const words of built.values()) words.sort((a, b) => b.length - a.length);
    index = built;
    indexes.set(dictionary, index);
  }
  return index;
}

function isLatinBoundary(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const after = text[at + length];
  return !(before && /[a-z]/.test(before)) && !(after && /[a-z]/.test(after));
}

/** Greedy longest-match tokens of `text` over the words of `dictionary`. */
export function tokens(text: string, dictionary: ReadonlyMap<string, string>): Token[] {
  const byFirst = firstIndex(dictionary);
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let found: string | null = null;
    for (const word of byFirst.get(text[i]) ?? []) {
      if (text.startsWith(word, i) && (!LATIN_WORD.test(word) || isLatinBoundary(text, i, word.length))) {
        found = word;
        break;
      }
    }
    if (found) {
      out.push({ word: found, at: i, tag: dictionary.get(found)! });
      i += found.length;
    } else i += 1;
  }
  return out;
}

/**
 * The tokens that stand as words. A one-character word (good, right, yes, fine, not) counts only when it stands
 * alone: followed by another listed word or by nothing but particles (`end`: the length without them). A word
 * that merely starts with one ("a long time", "administrative village") is not a yes.
 */
export function standingTokens(text: string, dictionary: ReadonlyMap<string, string>, end: number): Token[] {
  const all = tokens(text, dictionary);
  return all.filter((t, i) => {
    if (Array.from(t.word).length > 1) return true;
    const after = t.at + t.word.length;
    return after >= end || all[i + 1]?.at === after;
  });
}

/** Whether `text` is nothing but words of `dictionary`, one after another. */
export function covers(text: string, dictionary: ReadonlyMap<string, string>): boolean {
  if (!text) return false;
  let at = 0;
  for (const t of tokens(text, dictionary)) {
    if (t.at !== at) return false;
    at += t.word.length;
  }
  return at === text.length;
}
