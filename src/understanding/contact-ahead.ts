/** A resident's contact details typed before the contact question, beside or instead of another answer. */
import { compact } from './normalise';
import type { NameReader } from './person-name';
import { findMobile } from './phone';
import { charCount, CJK } from './text-shape';
import type { Vocabulary } from './vocabulary';
import type { YesNoReader } from './yes-no';

export interface ContactAhead {
  /** The mobile, 11 digits. */
  phone: string;
  /** A name written with it (a bare surname, "call me Old Liu"), or null. */
  name: string | null;
  /** What else the message says (the answer to the question in progress), normalised; '' when nothing. */
  rest: string;
}

/** Separators around the number and the words about it. */
const EDGE = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

export class ContactReader {
  constructor(
    private readonly words: Vocabulary,
    private readonly names: NameReader,
    private readonly yesNo: YesNoReader,
  ) {}

  /**
   * Only what cannot be anything else: a valid mobile at the start or the end of the message, with at most a name
   * on its other side. A number inside free text (a neighbour's, the property office's) is not the resident's.
   */
  read(text: string): ContactAhead | null {
    const found = findMobile(text);
    if (!found) return null;
    const before = this.withoutPhoneWords(found.normalised.slice(0, found.start), 'end');
    const after = this.withoutPhoneWords(found.normalised.slice(found.end), 'start');
    if (before && after) {
      const name = this.nameAlone(after) ?? null;
      if (name) return { phone: found.phone, name, rest: before };
      const first = this.nameAlone(before);
      return first ? { phone: found.phone, name: first, rest: after } : null;
    }
    const piece = before || after;
    const name = piece ? this.nameAlone(piece) : null;
    return { phone: found.phone, name, rest: name ? '' : piece };
  }

  /** "…, my phone is" / "phone: …": the words that introduce the number are not part of the other answer. */
  private withoutPhoneWords(piece: string, side: 'start' | 'end'): string {
    const phoneWords = [...this.words.lists.phone_words].sort((a, b) => b.length - a.length);
    let c = piece.replace(EDGE, '');
    let introduced = false;
    for (let changed = true; changed && c; ) {
      changed = false;
      const word = phoneWords.find((w) => (side === 'end' ? c.endsWith(w) : c.startsWith(w)));
      // Glue words go only with a phone word ("my phone is"); on their own they belong to the answer.
      const beside = (g: string) => introduced || phoneWords.some((w) => c.slice(0, -g.length).replace(EDGE, '').endsWith(w));
      const glue = word || side !== 'end' ? undefined : this.words.lists.phone_glue.find((g) => c.endsWith(g) && beside(g));
      const cut = word ?? glue;
      if (cut) {
        const left = side === 'end' ? c.slice(0, -cut.length) : c.slice(cut.length);
        c = left.replace(EDGE, '');
        introduced ||= !!word;
        // A comma or a space ends the words about the phone: what comes before it is the other answer.
        changed = c === left;
      }
    }
    return c;
  }

  /** A name said explicitly, or a bare surname, or one with a familiar prefix ("Old Wang"), written next to the number. */
  private nameAlone(piece: string): string | null {
    const explicit = this.names.explicitName(piece);
    if (explicit) return explicit;
    const c = compact(piece);
    if (this.yesNo.polarity(c) !== null || this.yesNo.isSkip(c) || this.yesNo.saysOnlyPoliteness(c)) return null;
    const prefixed = this.words.lists.name_prefixes.some((p) => c.startsWith(p) && charCount(c) === charCount(p) + 1);
    const bare = (charCount(c) === 1 || prefixed) && CJK.test(c);
    return bare ? this.names.name(c) : null;
  }
}
