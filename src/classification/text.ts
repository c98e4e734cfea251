import { readFileSync } from 'node:fs';
import { configPath } from '../config/paths';

/**
 * Text clean-up before segmentation: full-width → half-width (NFKC), lower case, masked digits removed, a few
 * common traditional characters mapped to simplified ones (residents from Hong Kong, Taiwan or older phones).
 * The mapping is data: `config/jieba/traditional.txt`, one "traditional simplified" pair per line.
 */
const T2S = new Map<string, string>(
  readFileSync(configPath('jieba', 'traditional.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]),
);
const T2S_PATTERN = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  // The data masks phone numbers and e-mail addresses with runs of "*"; they carry no sector information.
  if (out.includes('**')) out = out.replace(/\*{2,}/g, ' ');
  return out.replace(T2S_PATTERN, (ch) => T2S.get(ch) ?? ch);
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
