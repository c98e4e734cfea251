import { core, normalise } from './normalise';
import { ordinal } from './ordinal';
import { grammar } from './word-lists';

/** Two letters, the date, a dash (or none, or an underscore) and the sequence: SM20261128-0007. */
const NUMBER = /(?<![a-z])([a-z]{2})(\d{8})[-_—–~]?(\d{4})(?!\d)/;

/** The date and the sequence without the letters (20261128-0007, 202611280007); the date must be one. */
const DATED = /(?<![\da-z])(20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[-_—–~]?(\d{4})(?!\d)/;

/** Longest sequence a resident may type alone (the fourth digit of SM20261128-0007's sequence). */
const SEQUENCE = /^\d{1,4}$/;

/** A ticket number anywhere in the text (lower case, full-width, spaces inside), upper-cased with its dash. */
export function findTicketNumber(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = NUMBER.exec(normalise(text).replace(/\s+/g, ''));
  return m ? `${m[1]}${m[2]}-${m[3]}`.toUpperCase() : null;
}

/**
 * What an answer to "which ticket number?" says of the number, however loosely it is typed: the whole number
 * (SM20261128-0007), or the end of it, to be matched against the resident's own tickets: the date and the
 * sequence without the letters ("20261128-0007", also typed 202611280007 or 2026 1128 0007), or the sequence
 * alone as the whole answer ("-0007", typed 0007, "no. 7", "the 7th", in digits or numerals). Only for a
 * question asking for a ticket number: in a sentence anywhere else such digits are phone numbers, dates or house
 * numbers.
 */
export function ticketNumberEnding(text: string | null | undefined): string | null {
  if (!text) return null;
  const full = findTicketNumber(text);
  if (full) return full;
  const dated = DATED.exec(normalise(text).replace(/\s+/g, ''));
  if (dated) return `${dated[1]}-${dated[2]}`;
  const sequence = sequenceAlone(core(text));
  return sequence ? `-${String(sequence).padStart(4, '0')}` : null;
}

/** "0007", "no. 7", "the 7th" (an ordinal prefix, a counter, digits or numerals) → 7; null for anything else, zero included. */
function sequenceAlone(c: string): number | null {
  const { ordinalPrefixes, counters } = grammar();
  let s = c;
  const prefix = ordinalPrefixes.find((p) => s.startsWith(p) && s.length > p.length);
  if (prefix) s = s.slice(prefix.length);
  const counter = counters.find((w) => s.endsWith(w) && s.length > w.length);
  if (counter) s = s.slice(0, -counter.length);
  const n = SEQUENCE.test(s) ? Number(s) : ordinal(c);
  return n ? n : null;
}
