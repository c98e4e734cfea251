/** Numbers said as words stand alone: choices, options not offered and star ratings all read them the same way. */
import { grammar } from './word-lists';

/** The numeral for ten joins tens and units ("ten-two" is twelve, "two-ten" twenty). */
const TEN = 10;

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
