/** Answers that carry no content of their own (yes, no, skip, done, thanks), read apart from answers that do. */
import { compact, core, withoutParticles } from './normalise';
import { charCount, LATIN_WORD, segments, SHORT_ANSWER, SKIP_ANSWER } from './text-shape';
import { covers, standingTokens } from './tokens';
import type { Vocabulary } from './vocabulary';

export type Polarity = 'yes' | 'no';

export class YesNoReader {
  private readonly polarityWords: ReadonlyMap<string, Polarity>;
  private polite?: ReadonlyMap<string, string>;

  constructor(private readonly words: Vocabulary) {
    const { yes, no } = words.lists;
    this.polarityWords = new Map<string, Polarity>([...yes.map((w) => [w, 'yes'] as const), ...no.map((w) => [w, 'no'] as const)]);
  }

  /** Yes or no, with negation ("not right" is no, "no problem" is yes, "there is a problem" is not yes); null when neither is said. */
  polarity(text: string): Polarity | null {
    const length = charCount(compact(text));
    if (length === 0 || length > SHORT_ANSWER * 2) return null;
    let yes = false;
    let no = false;
    // Each piece between punctuation or spaces is read alone: "fine, pass it on" is a yes although "fine" is one character.
    for (const piece of segments(text)) {
      const c = this.words.withoutCourtesy(compact(piece));
      if (!c) continue;
      for (const t of standingTokens(c, this.polarityWords, core(c).length)) {
        if (t.tag === 'no' || this.words.negatedAt(c, t.at)) no = true;
        else yes = true;
      }
    }
    return no ? 'no' : yes ? 'yes' : null;
  }

  /** "none / no photo taken / don't know / skip / that's all": nothing to give at an optional question. */
  isSkip(text: string): boolean {
    const { skip } = this.words.lists;
    const c = this.words.withoutSubject(core(text));
    if (!c) return false;
    if (skip.includes(c) || skip.includes(compact(text))) return true;
    if (charCount(c) > SKIP_ANSWER) return false;
    // Two-character words lead the answer ("none, no picture"); longer ones may sit inside it ("my phone can't take one").
    const whole = compact(text);
    return skip.some((w) => {
      const n = charCount(w);
      if (n < 2 || LATIN_WORD.test(w)) return false;
      return c.startsWith(w) || (n >= 3 && whole.includes(w));
    });
  }

  /** "done / finished / that's all": the resident has sent all the photos. */
  isDone(text: string): boolean {
    return this.words.isOneOf(text, this.words.lists.done) || this.isSkip(text);
  }

  /**
   * Thanks, agreement or "got it" and nothing else (`acknowledge`, `courtesy`, `yes`): said to be polite, not an
   * answer to a question that wants content (a time, a place, who is affected).
   */
  saysOnlyPoliteness(text: string): boolean {
    const { acknowledge, courtesy, yes } = this.words.lists;
    const polite = (this.polite ??= new Map([...acknowledge, ...courtesy, ...yes].map((w) => [w, 'polite'] as const)));
    const pieces = segments(text).map((p) => compact(p)).filter(Boolean);
    return pieces.length > 0 && pieces.every((p) => covers(p, polite) || covers(withoutParticles(p), polite));
  }
}
