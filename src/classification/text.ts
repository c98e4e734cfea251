import { toSimplified } from '../common/simplified';

/**
 * Text clean-up before segmentation: full-width → half-width (NFKC), lower case, masked digits removed, common
 * traditional characters mapped to simplified ones (`toSimplified`, the table in `config/traditional.txt`).
 */
export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  // The data masks phone numbers and e-mail addresses with runs of "*"; they carry no sector information.
  if (out.includes('**')) out = out.replace(/\*{2,}/g, ' ');
  return toSimplified(out);
}

/** True when the text holds anything a classifier can read: a CJK character, a letter or a digit. */
export function hasReadableContent(text: string): boolean {
  return /[\p{Script=Han}\p{L}\p{N}]/u.test(text);
}

/** The first `maxChars` characters (code points, so a surrogate pair is never cut in half). */
export function truncate(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const chars = Array.from(text);
  if (chars.length <= maxChars) return { text, truncated: false };
  return { text: chars.slice(0, maxChars).join(''), truncated: true };
}
