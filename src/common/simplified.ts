import { readFileSync } from 'node:fs';
import { configPath } from '../config/paths';

/**
 * Traditional → simplified for the characters residents commonly type (phones set to traditional input, relatives
 * abroad). No maintained converter ships with the project, so the mapping is data: `config/traditional.txt`, one
 * "traditional simplified" pair per line. Word lists and the lexicon are simplified; both readers use this one table.
 */
const T2S = new Map<string, string>(
  readFileSync(configPath('traditional.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]),
);
const T2S_PATTERN = new RegExp(`[${[...T2S.keys()].join('')}]`, 'gu');

/** Replaces the table's traditional characters by their simplified forms; everything else is kept. */
export function toSimplified(text: string): string {
  return text.replace(T2S_PATTERN, (ch) => T2S.get(ch) ?? ch);
}
