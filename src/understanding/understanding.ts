import { compact, core, normalise, withoutParticles } from './normalise';
import { closestTopic, type Topic } from './topic-choice';
import { toSimplified } from '../common/simplified';
import { parsePhone, PhoneReading } from './phone';
import { findTicketNumber } from './ticket-number';
import { escapeRegExp, grammar, type WordListName, type WordLists } from './word-lists';

/** One offered answer (a button on the web, a numbered line in WeCom, a msgmenu item in Customer Service). */
export interface Option {
  title: string;
  payload: string;
}

/** A town or street of the organisation with its other names. */
export interface AreaName {
  code: string;
  name: string;
  aliases: readonly string[];
}

export type Rating = 'satisfied' | 'basically_satisfied' | 'not_satisfied';

/** What the question just asked expects; `optional` questions also accept "none / don't know / skip". */
export type Expected = { optional?: boolean } & (
  | { kind: 'yesno' }
  | { kind: 'choice'; options: readonly Option[] }
  | { kind: 'phone' }
  | { kind: 'name' }
  | { kind: 'place'; areas: readonly AreaName[] }
  | { kind: 'rating' }
  | { kind: 'ticket' }
  | { kind: 'text' }
);

/** What the resident meant, with what was found in the text. */
export type Reading =
  | { intent: 'yes' }
  | { intent: 'no' }
  | { intent: 'skip' }
  | { intent: 'choice'; index: number; payload: string }
  | { intent: 'phone'; phone: string; landline: boolean }
  | { intent: 'bad_phone'; reason: Exclude<PhoneReading, { ok: true }>['reason']; digits: number }
  | { intent: 'name'; name: string }
  | { intent: 'place'; areaCode: string | null; areaName: string | null; address: string }
  | { intent: 'rating'; rating: Rating }
  | { intent: 'ticket'; number: string }
  | { intent: 'text'; text: string }
  | { intent: 'unknown' };

/** Words that mean the same anywhere in a conversation, whatever was asked. */
export type GlobalIntent = 'cancel' | 'menu' | 'help' | 'handoff' | 'resume' | 'back';

const GLOBAL_LISTS: ReadonlyArray<readonly [GlobalIntent, WordListName]> = [
  ['cancel', 'cancel'],
  ['menu', 'menu'],
  ['help', 'help'],
  ['handoff', 'handoff'],
  ['resume', 'resume'],
  ['back', 'back'],
];

/** Longer answers are sentences, not a yes, a choice or a skip said with a few extra words. */
const SHORT_ANSWER = 16;
const SKIP_ANSWER = 12;
const MAX_NAME = 10;
const CJK = /\p{Script=Han}/u;
/** The numeral for ten joins tens and units ("ten-two" is twelve, "two-ten" twenty). */
const TEN = 10;
const LATIN_WORD = /^[a-z0-9' /?-]+$/;

type Polarity = 'yes' | 'no';

interface Token {
  word: string;
  at: number;
  tag: string;
}

/**
 * The one place that reads residents' text. Built from word lists (data) and asked per message: it normalises
 * once and answers what a question expects (`interpret`) or what a message means anywhere (`global`,
 * `ticketNumber`, `isGreeting`). Knows nothing of dialogs, channels or tickets.
 */
export class Understanding {
  private readonly lists: Record<WordListName, string[]>;
  private readonly polarityWords: Map<string, Polarity>;
  private readonly ratingWords: Map<string, Rating>;
  private readonly compacted = new Map<string, string>();
  private filler?: ReadonlySet<string>;
  private polite?: ReadonlyMap<string, string>;
  private readonly indexes = new WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, readonly string[]>>();

  constructor(lists: WordLists) {
    this.lists = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, [...new Set(v.map((w) => compact(w)).filter(Boolean))]])) as Record<WordListName, string[]>;
    this.polarityWords = new Map<string, Polarity>([...this.lists.yes.map((w) => [w, 'yes'] as const), ...this.lists.no.map((w) => [w, 'no'] as const)]);
    this.ratingWords = new Map<string, Rating>([
      ...this.lists.rating_satisfied.map((w) => [w, 'satisfied'] as const),
      ...this.lists.rating_basic.map((w) => [w, 'basically_satisfied'] as const),
      ...this.lists.rating_not.map((w) => [w, 'not_satisfied'] as const),
    ]);
  }

  normalise(text: string): string {
    return normalise(text);
  }

  /** Which of two or more topics a free answer leans to (`closestTopic`), with the office's filler characters. */
  closestTopic(answer: string, topics: readonly Topic[]): string | null {
    this.filler ??= new Set(this.lists.topic_filler.flatMap((w) => Array.from(w)));
    return closestTopic(answer, topics, this.filler);
  }

  /** The answer to the question just asked. */
  interpret(text: string, expected: Expected): Reading {
    if (expected.optional && this.isSkip(text)) return { intent: 'skip' };
    switch (expected.kind) {
      case 'yesno': {
        const p = this.polarity(text);
        return p ? { intent: p } : { intent: 'unknown' };
      }
      case 'choice': {
        const index = this.choose(text, expected.options);
        return index === null ? { intent: 'unknown' } : { intent: 'choice', index, payload: expected.options[index].payload };
      }
      case 'phone': {
        const phone = parsePhone(text);
        return phone.ok ? { intent: 'phone', phone: phone.phone, landline: phone.landline } : { intent: 'bad_phone', reason: phone.reason, digits: phone.digits };
      }
      case 'name': {
        const name = this.name(text);
        return name ? { intent: 'name', name } : { intent: 'unknown' };
      }
      case 'place': {
        const address = this.withoutPlaceLead(text.trim(), expected.areas);
        if (!address) return { intent: 'unknown' };
        const area = this.area(text, expected.areas);
        return { intent: 'place', areaCode: area?.code ?? null, areaName: area?.name ?? null, address };
      }
      case 'rating': {
        const rating = this.rating(text);
        return rating ? { intent: 'rating', rating } : { intent: 'unknown' };
      }
      case 'ticket': {
        const number = findTicketNumber(text);
        return number ? { intent: 'ticket', number } : { intent: 'unknown' };
      }
      case 'text':
        return text.trim() ? { intent: 'text', text: text.trim() } : { intent: 'unknown' };
    }
  }

  /** A word that means the same at any point (cancel, menu, help, hand-off, continue), said on its own. */
  global(text: string): GlobalIntent | null {
    const c = core(text);
    if (!c || Array.from(c).length > SHORT_ANSWER) return null;
    for (const [intent, list] of GLOBAL_LISTS) if (this.lists[list].includes(c) || this.lists[list].includes(compact(text))) return intent;
    // "I want a person" in a few words: a hand-off asked for inside a short sentence.
    if (Array.from(c).length <= SKIP_ANSWER && this.containsWord(c, this.lists.handoff.filter((w) => Array.from(w).length >= 3))) return 'handoff';
    // "said it wrong, change it": every piece a word of going back.
    const pieces = segments(text).map((p) => compact(p));
    if (pieces.length > 1 && pieces.every((p) => this.lists.back.includes(p) || this.lists.back.includes(withoutParticles(p)))) return 'back';
    return null;
  }

  ticketNumber(text: string): string | null {
    return findTicketNumber(text);
  }

  /** A greeting alone (hello, are you there, hello may I ask): the resident is starting, not reporting. */
  isGreeting(text: string): boolean {
    const c = core(text);
    if (!c) return true;
    const whole = compact(text);
    return this.lists.greetings.some((g) => c === g || whole === g || (whole.startsWith(g) && Array.from(whole).length <= Array.from(g).length + 3));
  }

  /** Whether the text asks about progress ("check the progress of…", "how is … going"). */
  asksStatus(text: string): boolean {
    return this.containsWord(compact(text), this.lists.status);
  }

  /**
   * Whether a message reads as a concern: it states a problem however short ("the house has cracked"), or it is
   * long enough and mostly words; never a greeting or a word that means the same anywhere.
   */
  readsAsConcern(text: string, minChars: number): boolean {
    const c = compact(text);
    const chars = Array.from(c);
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
    if (!c || Array.from(c).length > SHORT_ANSWER * 2) return false;
    return this.lists.problem.some((w) => {
      const at = c.indexOf(w);
      if (at < 0 || (this.negatedAt(c, at) && !this.startsNegated(w))) return false;
      const rest = this.withoutSubject(withoutParticles(c.slice(0, at) + c.slice(at + w.length)));
      if (!rest || this.lists.subject.includes(rest)) return false;
      return CJK.test(rest) || (rest.match(/[a-z]/g)?.length ?? 0) >= 3;
    });
  }

  /**
   * Thanks, agreement or "got it" and nothing else (`acknowledge`, `courtesy`, `yes`): said to be polite, not an
   * answer to a question that wants content (a time, a place, who is affected).
   */
  saysOnlyPoliteness(text: string): boolean {
    this.polite ??= new Map([...this.lists.acknowledge, ...this.lists.courtesy, ...this.lists.yes].map((w) => [w, 'polite'] as const));
    const pieces = segments(text).map((p) => compact(p)).filter(Boolean);
    return pieces.length > 0 && pieces.every((p) => this.covers(p, this.polite!) || this.covers(withoutParticles(p), this.polite!));
  }

  /** The number typed for an option (digits, or "the third") when it is not one of the `count` offered; else null. */
  optionNotOffered(text: string, count: number): number | null {
    const c = this.withoutChoicePrefix(core(text));
    if (!/\d/.test(c) && !grammar().ordinalPrefixes.some((p) => c.startsWith(p))) return null;
    const n = ordinal(c);
    return n !== null && (n < 1 || n > count) ? n : null;
  }

  /** Yes or no, with negation ("not right" is no, "no problem" is yes, "there is a problem" is not yes); null when neither is said. */
  polarity(text: string): Polarity | null {
    const length = Array.from(compact(text)).length;
    if (length === 0 || length > SHORT_ANSWER * 2) return null;
    let yes = false;
    let no = false;
    // Each piece between punctuation or spaces is read alone: "fine, pass it on" is a yes although "fine" is one character.
    for (const piece of segments(text)) {
      const c = this.withoutCourtesy(compact(piece));
      if (!c) continue;
      const tokens = this.tokens(c, this.polarityWords);
      const end = core(c).length;
      for (const [i, t] of tokens.entries()) {
        if (!this.counts(t, tokens[i + 1], end)) continue;
        const negated = t.tag === 'yes' && this.negatedAt(c, t.at);
        if (t.tag === 'no' || negated) no = true;
        else yes = true;
      }
    }
    return no ? 'no' : yes ? 'yes' : null;
  }

  /** "none / no photo taken / don't know / skip / that's all": nothing to give at an optional question. */
  isSkip(text: string): boolean {
    const c = this.withoutSubject(core(text));
    if (!c) return false;
    if (this.lists.skip.includes(c) || this.lists.skip.includes(compact(text))) return true;
    if (Array.from(c).length > SKIP_ANSWER) return false;
    // Two-character words lead the answer ("none, no picture"); longer ones may sit inside it ("my phone can't take one").
    const whole = compact(text);
    return this.lists.skip.some((w) => {
      const n = Array.from(w).length;
      if (n < 2 || LATIN_WORD.test(w)) return false;
      return c.startsWith(w) || (n >= 3 && whole.includes(w));
    });
  }

  /** "done / finished / that's all": the resident has sent all the photos. */
  isDone(text: string): boolean {
    const c = core(text);
    return this.lists.done.includes(c) || this.lists.done.includes(compact(text)) || this.isSkip(text);
  }

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
    if (Array.from(c).length > SHORT_ANSWER) return null;
    let best: { index: number; length: number } | null = null;
    let tie = false;
    for (const [index, ls] of labels.entries()) {
      for (const label of ls) {
        if (Array.from(label).length < 2 || LATIN_WORD.test(label)) continue;
        const at = c.indexOf(label);
        if (at < 0 || (this.negatedAt(c, at) && !this.startsNegated(label))) continue;
        if (!best || label.length > best.length) [best, tie] = [{ index, length: label.length }, false];
        else if (label.length === best.length && index !== best.index) tie = true;
      }
    }
    return best && !tie ? best.index : null;
  }

  /** "I choose the second" is "the second". */
  private withoutChoicePrefix(c: string): string {
    const prefix = this.lists.choice_prefix.filter((p) => c.startsWith(p) && c.length > p.length).sort((a, b) => b.length - a.length)[0];
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

  /** Whether the answer is one of `words` and nothing more (particles and punctuation aside). */
  saysExactly(text: string, words: readonly string[]): boolean {
    const c = core(text);
    const list = this.compactWords(words);
    return c !== '' && (list.includes(c) || list.includes(compact(text)));
  }

  /** Whether the answer says one of `words` (a word list of a script option), exactly or in a short sentence, not negated. */
  says(text: string, words: readonly string[]): boolean {
    const c = core(text);
    if (!c) return false;
    const list = this.compactWords(words).filter(Boolean);
    if (list.includes(c) || list.includes(compact(text))) return true;
    if (Array.from(c).length > SHORT_ANSWER) return false;
    return this.containsWord(c, list.filter((w) => Array.from(w).length >= 2 && !LATIN_WORD.test(w)));
  }

  /**
   * "at Daliuta town, the front village" is kept as "Daliuta town, the front village": the lead word (`place_lead`)
   * is how people answer, not where. Only before a town or street's name, so a lead that is part of a word stays.
   */
  private withoutPlaceLead(address: string, areas: readonly AreaName[]): string {
    const names = areas.flatMap((a) => [a.name, ...a.aliases]).filter((n) => n.length > 0);
    for (const lead of [...this.lists.place_lead].sort((a, b) => b.length - a.length)) {
      if (!address.toLowerCase().startsWith(lead.toLowerCase())) continue;
      const rest = address.slice(lead.length).replace(/^[\s:：,，]+/, '');
      if (names.some((n) => rest.startsWith(n))) return rest;
    }
    return address;
  }

  /** A form of address ("my surname is Wang", "Mr Wang", "just call me Old Liu", "Auntie Li"); null when none can be told. */
  name(text: string): string | null {
    // Case is kept: a name is stored as the resident wrote it.
    let c = toSimplified(text.normalize('NFKC')).replace(/[\s\p{P}\p{S}]+/gu, '');
    const call = this.longestAt(c, this.lists.name_call);
    if (call) c = c.slice(call.at + call.word.length);
    else {
      const surname = this.longestAt(c, this.lists.name_surname);
      if (surname) {
        const rest = c.slice(surname.at + surname.word.length);
        const two = this.lists.name_compound_surnames.find((s) => rest.startsWith(s));
        const family = two ?? Array.from(rest)[0] ?? '';
        return CJK.test(family) ? family : null;
      }
    }
    c = withoutParticles(c);
    for (const tail of this.lists.name_tail) if (c.endsWith(tail) && c.length > tail.length) c = c.slice(0, -tail.length);
    c = withoutParticles(c);
    const length = Array.from(c).length;
    if (length === 0 || length > MAX_NAME || /\d/.test(c)) return null;
    // "the phone number is wrong" answers the phone question again; it is nobody's name.
    if (this.lists.phone_words.some((w) => Array.from(w).length >= 2 && c.includes(w))) return null;
    return c;
  }

  /**
   * A name said explicitly inside a longer answer: with a way of introducing oneself or a title, never a bare
   * word such as "thanks".
   */
  explicitName(text: string): string | null {
    const c = compact(text);
    const introduced = [...this.lists.name_call, ...this.lists.name_surname].some((w) => c.includes(w));
    const titled = this.lists.name_titles.some((t) => c.endsWith(t) && c.length > t.length);
    return introduced || titled ? this.name(text) : null;
  }

  /** A name written next to a phone number in one answer (a title or an introduction, not the phone words). */
  nameBesidePhone(text: string): string | null {
    const rest = normalise(text).replace(/[+\d\s()（）-]+/g, ' ').trim();
    const pieces = rest.split(/[\s,，。、;；:：!！]+/).filter((p) => p && !this.lists.phone_words.some((w) => p.includes(w)));
    return pieces.length === 1 ? this.explicitName(pieces[0]) : null;
  }

  /** The town or street named in the text (longest name or alias found inside it). */
  area(text: string, areas: readonly AreaName[]): AreaName | null {
    const c = compact(text);
    let best: { area: AreaName; length: number } | null = null;
    for (const area of areas) {
      for (const name of [area.name, area.code, ...area.aliases]) {
        const n = compact(name);
        if (n && c.includes(n) && (!best || n.length > best.length)) best = { area, length: n.length };
      }
    }
    return best?.area ?? null;
  }

  /** A rating in words (satisfied, so-so, not satisfied, terrible) or 1–5 stars (3+ satisfied, 2 basically, 1 not). */
  rating(text: string): Rating | null {
    const stars = this.stars(text);
    if (stars !== null) return stars >= 3 ? 'satisfied' : stars === 2 ? 'basically_satisfied' : 'not_satisfied';
    const c = compact(text);
    if (!c || Array.from(c).length > SHORT_ANSWER * 2) return null;
    const tokens = this.tokens(c, this.ratingWords);
    const end = core(text).length;
    const found = new Set<Rating>();
    for (const [i, t] of tokens.entries()) {
      if (!this.counts(t, tokens[i + 1], end)) continue;
      found.add(t.tag === 'satisfied' && this.negatedAt(c, t.at) ? 'not_satisfied' : (t.tag as Rating));
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
    for (const unit of [...this.lists.stars].sort((a, b) => b.length - a.length)) {
      const m = new RegExp(`(${number})${escapeRegExp(unit)}`).exec(c);
      if (m) return ordinal(m[1]);
    }
    return null;
  }

  /** Greedy longest-match tokens of `text` over the words of `dictionary`. */
  private tokens(text: string, dictionary: ReadonlyMap<string, string>): Token[] {
    const byFirst = this.firstIndex(dictionary);
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

  /** Whether `text` is nothing but words of `dictionary`, one after another. */
  private covers(text: string, dictionary: ReadonlyMap<string, string>): boolean {
    if (!text) return false;
    let at = 0;
    for (const t of this.tokens(text, dictionary)) {
      if (t.at !== at) return false;
      at += t.word.length;
    }
    return at === text.length;
  }

  /** The dictionary's words by their first code unit, longest first (built once per dictionary). */
  private firstIndex(dictionary: ReadonlyMap<string, string>): ReadonlyMap<string, readonly string[]> {
    let index = this.indexes.get(dictionary);
    if (!index) {
      const built = new Map<string, string[]>();
      for (const word of dictionary.keys()) built.set(word[0], [...(built.get(word[0]) ?? []), word]);
      for (const words of built.values()) words.sort((a, b) => b.length - a.length);
      index = built;
      this.indexes.set(dictionary, index);
    }
    return index;
  }

  /**
   * A one-character word (good, right, yes, fine, not) counts only when it stands alone: followed by another
   * listed word or by nothing but particles (`end`: the length without them). A word that merely starts with
   * one ("a long time", "administrative village") is not a yes.
   */
  private counts(t: Token, next: Token | undefined, end: number): boolean {
    if (Array.from(t.word).length > 1) return true;
    const after = t.at + t.word.length;
    return after >= end || next?.at === after;
  }

  /** A negation right before the word, or one character before it ("not very satisfied" reads as not). */
  private negatedAt(text: string, at: number): boolean {
    if (at === 0) return false;
    const before = text.slice(0, at);
    const window = before.slice(-2);
    return this.lists.negations.some((n) => (n.length === 1 && !LATIN_WORD.test(n) ? window.includes(n) : before.endsWith(n)));
  }

  private startsNegated(word: string): boolean {
    return this.lists.negations.some((n) => word.startsWith(n));
  }

  private containsWord(text: string, words: readonly string[]): boolean {
    return words.some((w) => {
      const at = text.indexOf(w);
      return at >= 0 && (!this.negatedAt(text, at) || this.startsNegated(w));
    });
  }

  private longestAt(text: string, words: readonly string[]): { word: string; at: number } | null {
    let best: { word: string; at: number } | null = null;
    for (const word of words) {
      const at = text.indexOf(word);
      if (at >= 0 && (!best || at < best.at || (at === best.at && word.length > best.word.length))) best = { word, at };
    }
    return best;
  }

  /** Thanks and politeness closing an answer ("yes, thank you all") say nothing about the answer. */
  private withoutCourtesy(text: string): string {
    return trimWords(text, this.lists.courtesy, 'end');
  }

  private withoutSubject(text: string): string {
    return trimWords(text, this.lists.subject.filter((s) => !LATIN_WORD.test(s)), 'start');
  }
}

/**
 * Digits, "the first", "item two", numerals up to ninety-nine → the number; null for anything else. The ordinal
 * prefixes, counters and numerals are word lists (`ordinal_prefix`, `counters`, `numerals`).
 */
export function ordinal(text: string): number | null {
  const { numerals, ordinalPrefixes, counters } = grammar();
  let s = text;
  const prefix = ordinalPrefixes.find((p) => s.startsWith(p) && s.length > p.length);
  if (prefix) s = s.slice(prefix.length);
  const counter = counters.find((c) => s.endsWith(c) && s.length > c.length);
  if (counter) s = s.slice(0, -counter.length);
  if (/^\d{1,2}$/.test(s)) return Number(s);
  const digits = Array.from(s).map((ch) => numerals.get(ch));
  if (digits.length === 0 || digits.length > 3 || !digits.every((d): d is number => d !== undefined && d <= TEN)) return null;
  if (digits.length === 1) return digits[0];
  if (digits.length === 2 && digits[0] === TEN) return TEN + digits[1];
  if (digits.length === 2 && digits[1] === TEN) return digits[0] * TEN;
  if (digits.length === 3 && digits[1] === TEN) return digits[0] * TEN + digits[2];
  return null;
}

/** Removes words of the list from one end of the text, as often as they occur, never the whole text. */
function trimWords(text: string, words: readonly string[], side: 'start' | 'end'): string {
  let c = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (c.length > w.length && (side === 'start' ? c.startsWith(w) : c.endsWith(w))) {
        c = side === 'start' ? c.slice(w.length) : c.slice(0, -w.length);
        changed = true;
      }
    }
  }
  return c;
}

/** The pieces of a text between punctuation, symbols and spaces (after normalisation). */
function segments(text: string): string[] {
  return normalise(text).split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
}

function isLatinBoundary(text: string, at: number, length: number): boolean {
  const before = text[at - 1];
  const after = text[at + length];
  return !(before && /[a-z]/.test(before)) && !(after && /[a-z]/.test(after));
}

