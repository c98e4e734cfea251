/** How residents give their name (surname, title, "call me …"), which no other answer resembles. */
import { toSimplified } from '../common/simplified';
import { compact, normalise, withoutParticles } from './normalise';
import { charCount, CJK } from './text-shape';
import type { Vocabulary } from './vocabulary';

const MAX_NAME = 10;

function longestAt(text: string, words: readonly string[]): { word: string; at: number } | null {
  let best: { word: string; at: number } | null = null;
  for (const word of words) {
    const at = text.indexOf(word);
    if (at >= 0 && (!best || at < best.at || (at === best.at && word.length > best.word.length))) best = { word, at };
  }
  return best;
}

export class NameReader {
  constructor(private readonly words: Vocabulary) {}

  /** A form of address ("my surname is Wang", "Mr Wang", "just call me Old Liu", "Auntie Li"); null when none can be told. */
  name(text: string): string | null {
    const lists = this.words.lists;
    // Case is kept: a name is stored as the resident wrote it.
    let c = toSimplified(text.normalize('NFKC')).replace(/[\s\p{P}\p{S}]+/gu, '');
    const call = longestAt(c, lists.name_call);
    if (call) c = c.slice(call.at + call.word.length);
    else {
      const surname = longestAt(c, lists.name_surname);
      if (surname) {
        const rest = c.slice(surname.at + surname.word.length);
        const two = lists.name_compound_surnames.find((s) => rest.startsWith(s));
        const family = two ?? Array.from(rest)[0] ?? '';
        return CJK.test(family) ? family : null;
      }
    }
    c = withoutParticles(c);
    for (const tail of lists.name_tail) if (c.endsWith(tail) && c.length > tail.length) c = c.slice(0, -tail.length);
    c = withoutParticles(c);
    const length = charCount(c);
    if (length === 0 || length > MAX_NAME || /\d/.test(c)) return null;
    // "the phone number is wrong" answers the phone question again; it is nobody's name.
    if (lists.phone_words.some((w) => charCount(w) >= 2 && c.includes(w))) return null;
    return c;
  }

  /**
   * A name said explicitly inside a longer answer: with a way of introducing oneself or a title, never a bare
   * word such as "thanks".
   */
  explicitName(text: string): string | null {
    const lists = this.words.lists;
    const c = compact(text);
    const introduced = [...lists.name_call, ...lists.name_surname].some((w) => c.includes(w));
    const titled = lists.name_titles.some((t) => c.endsWith(t) && c.length > t.length);
    return introduced || titled ? this.name(text) : null;
  }

  /** A name written next to a phone number in one answer (a title or an introduction, not the phone words). */
  nameBesidePhone(text: string): string | null {
    const rest = normalise(text).replace(/[+\d\s()（）-]+/g, ' ').trim();
    const pieces = rest.split(/[\s,，。、;；:：!！]+/).filter((p) => p && !this.words.lists.phone_words.some((w) => p.includes(w)));
    return pieces.length === 1 ? this.explicitName(pieces[0]) : null;
  }
}
