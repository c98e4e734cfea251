/** The shapes callers trade with `Understanding`, apart so every reader can name them without importing the facade. */
import type { PhoneReading } from './phone';

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
