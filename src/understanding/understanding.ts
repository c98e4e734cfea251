/** The facade callers hold: one object built from the word lists, delegating each question to the reader that owns it. */
import { ChoiceReader } from './choice';
import { type ContactAhead, ContactReader } from './contact-ahead';
import { IntentReader } from './intents';
import { normalise } from './normalise';
import { NameReader } from './person-name';
import { parsePhone } from './phone';
import { area, PlaceReader } from './place';
import { RatingReader } from './rating';
import type { AreaName, Expected, GlobalIntent, Option, Rating, Reading } from './reading.types';
import { findTicketNumber, ticketNumberEnding } from './ticket-number';
import type { Topic } from './topic-choice';
import { Vocabulary } from './vocabulary';
import type { WordLists } from './word-lists';
import { type Polarity, YesNoReader } from './yes-no';

/**
 * The one place that reads residents' text. Built from word lists (data) and asked per message: it normalises
 * once and answers what a question expects (`interpret`) or what a message means anywhere (`global`,
 * `ticketNumber`, `isGreeting`). Knows nothing of dialogs, channels or tickets.
 */
export class Understanding {
  private readonly yesNo: YesNoReader;
  private readonly choices: ChoiceReader;
  private readonly names: NameReader;
  private readonly places: PlaceReader;
  private readonly ratings: RatingReader;
  private readonly intents: IntentReader;
  private readonly contacts: ContactReader;

  constructor(lists: WordLists) {
    const words = new Vocabulary(lists);
    this.yesNo = new YesNoReader(words);
    this.choices = new ChoiceReader(words);
    this.names = new NameReader(words);
    this.places = new PlaceReader(words);
    this.ratings = new RatingReader(words);
    this.intents = new IntentReader(words);
    this.contacts = new ContactReader(words, this.names, this.yesNo);
  }

  normalise(text: string): string {
    return normalise(text);
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
      case 'place':
        return this.places.read(text, expected.areas);
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

  // Message-level meaning (intents.ts).
  global(text: string): GlobalIntent | null {
    return this.intents.global(text);
  }

  ticketNumber(text: string): string | null {
    return findTicketNumber(text);
  }

  /** At a question asking for a ticket number: the whole number or the end of it, typed loosely (ticket-number.ts). */
  ticketNumberEnding(text: string): string | null {
    return ticketNumberEnding(text);
  }

  isGreeting(text: string): boolean {
    return this.intents.isGreeting(text);
  }

  asksStatus(text: string): boolean {
    return this.intents.asksStatus(text);
  }

  readsAsConcern(text: string, minChars: number): boolean {
    return this.intents.readsAsConcern(text, minChars);
  }

  statesProblem(text: string): boolean {
    return this.intents.statesProblem(text);
  }

  // Answers without content (yes-no.ts).
  polarity(text: string): Polarity | null {
    return this.yesNo.polarity(text);
  }

  isSkip(text: string): boolean {
    return this.yesNo.isSkip(text);
  }

  isDone(text: string): boolean {
    return this.yesNo.isDone(text);
  }

  saysOnlyPoliteness(text: string): boolean {
    return this.yesNo.saysOnlyPoliteness(text);
  }

  // Choosing among what was offered (choice.ts).
  choose(text: string, options: readonly Option[]): number | null {
    return this.choices.choose(text, options);
  }

  optionNotOffered(text: string, count: number): number | null {
    return this.choices.optionNotOffered(text, count);
  }

  saysExactly(text: string, words: readonly string[]): boolean {
    return this.choices.saysExactly(text, words);
  }

  says(text: string, words: readonly string[]): boolean {
    return this.choices.says(text, words);
  }

  closestTopic(answer: string, topics: readonly Topic[]): string | null {
    return this.choices.closestTopic(answer, topics);
  }

  // Names and places (person-name.ts, place.ts).
  name(text: string): string | null {
    return this.names.name(text);
  }

  explicitName(text: string): string | null {
    return this.names.explicitName(text);
  }

  nameBesidePhone(text: string): string | null {
    return this.names.nameBesidePhone(text);
  }

  /** A mobile (and maybe a name) typed at the start or end of an answer to an earlier question (contact-ahead.ts). */
  contactAhead(text: string): ContactAhead | null {
    return this.contacts.read(text);
  }

  area(text: string, areas: readonly AreaName[]): AreaName | null {
    return area(text, areas);
  }

  // Ratings (rating.ts).
  rating(text: string): Rating | null {
    return this.ratings.rating(text);
  }
}
