/** What a message means wherever the conversation is (cancel, menu, greeting, a concern), unlike answers to a question. */
import { compact, core, withoutParticles } from './normalise';
import type { GlobalIntent } from './reading.types';
import { charCount, CJK, segments, SHORT_ANSWER, SKIP_ANSWER } from './text-shape';
import { covers, tokens } from './tokens';
import type { Vocabulary } from './vocabulary';
import type { WordListName } from './word-lists';

const GLOBAL_LISTS: ReadonlyArray<readonly [GlobalIntent, WordListName]> = [
  ['cancel', 'cancel'],
  ['menu', 'menu'],
  ['help', 'help'],
  ['handoff', 'handoff'],
  ['resume', 'resume'],
  ['back', 'back'],
];

export class IntentReader {
  private leaving?: ReadonlyMap<string, string>;

  constructor(private readonly words: Vocabulary) {}

  /** A word that means the same at any point (cancel, menu, help, hand-off, continue), said on its own. */
  global(text: string): GlobalIntent | null {
    const lists = this.words.lists;
    const c = core(text);
    if (!c || charCount(c) > SHORT_ANSWER) return null;
    for (const [intent, list] of GLOBAL_LISTS) if (this.words.isOneOf(text, lists[list])) return intent;
    if (this.leavesDeclining(compact(text))) return 'cancel';
    // "I want a person" in a few words: a hand-off asked for inside a short sentence.
    if (charCount(c) <= SKIP_ANSWER && this.words.containsWord(c, lists.handoff.filter((w) => charCount(w) >= 3))) return 'handoff';
    // "said it wrong, change it": every piece a word of going back.
    const pieces = segments(text).map((p) => compact(p));
    if (pieces.length > 1 && pieces.every((p) => lists.back.includes(p) || lists.back.includes(withoutParticles(p)))) return 'back';
    return null;
  }

  /**
   * "Never mind, not checking any more": a word of leaving beside words of declining and particles, nothing else.
   * Declining alone ("never mind") stays a no or a skip for the question to read.
   */
  private leavesDeclining(c: string): boolean {
    const { cancel, no, particles } = this.words.lists;
    this.leaving ??= new Map([...particles.map((w) => [w, 'particle'] as const), ...no.map((w) => [w, 'no'] as const), ...cancel.map((w) => [w, 'cancel'] as const)]);
    return covers(c, this.leaving) && tokens(c, this.leaving).some((t) => t.tag === 'cancel');
  }

  /** A greeting alone (hello, are you there, hello may I ask): the resident is starting, not reporting. */
  isGreeting(text: string): boolean {
    if (!core(text)) return true;
    const whole = compact(text);
    return this.words.isOneOf(text, this.words.lists.greetings) || this.words.lists.greetings.some((g) => whole.startsWith(g) && charCount(whole) <= charCount(g) + 3);
  }

  /** Whether the text asks about progress ("check the progress of…", "how is … going"). */
  asksStatus(text: string): boolean {
    return this.words.containsWord(compact(text), this.words.lists.status);
  }

  /**
   * Whether a message reads as a concern: it states a problem however short ("the house has cracked"), or it is
   * long enough and mostly words; never a greeting or a word that means the same anywhere.
   */
  readsAsConcern(text: string, minChars: number): boolean {
    const chars = Array.from(compact(text));
    if (this.isGreeting(text) || this.global(text)) return false;
    if (this.statesProblem(text)) return true;
    if (chars.length < minChars) return false;
    const letters = chars.filter((ch) => CJK.test(ch) || /[a-z]/.test(ch)).length;
    return letters >= minChars * 0.75;
  }

  /**
   * A thing or place and what is wrong with it (`problem`: cracked, leaking, nobody looks after it), in a short
   * sentence: a concern however few its characters. A problem word alone, or negated ("no longer leaking"), is not.
   */
  statesProblem(text: string): boolean {
    const c = compact(text);
    if (!c || charCount(c) > SHORT_ANSWER * 2) return false;
    return this.words.lists.problem.some((w) => {
      const at = this.words.find(c, w);
      if (at < 0) return false;
      const rest = this.words.withoutSubject(withoutParticles(c.slice(0, at) + c.slice(at + w.length)));
      if (!rest || this.words.lists.subject.includes(rest)) return false;
      return CJK.test(rest) || (rest.match(/[a-z]/g)?.length ?? 0) >= 3;
    });
  }
}
