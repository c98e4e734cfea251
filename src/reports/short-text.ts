/** Short forms of residents' words for report titles and lists, cut between words, never inside one. */

const SENTENCE_END = /[\u3002\uff01\uff1f\uff1b!?;\n]/u;
const TRAILING = /[\s\uff0c\u3001,\uff1a:]+$/u;

export function firstSentence(text: string): string {
  return text.trim().split(SENTENCE_END).find((s) => s.trim().length > 0)?.trim() ?? text.trim();
}

/**
 * At most `max` characters of `text`, ending on a word boundary (as `segment` cuts words) with "…" when cut.
 * A first word longer than the limit is cut where the limit falls: something must show.
 */
export function cutAtWord(text: string, max: number, segment: (text: string) => string[]): string {
  if (Array.from(text).length <= max) return text;
  let out = '';
  for (const word of segment(text)) {
    if (Array.from(out + word).length > max - 1) break;
    out += word;
  }
  out = out.replace(TRAILING, '');
  if (!out) out = Array.from(text).slice(0, max - 1).join('');
  return `${out}…`;
}

/** The words said most often across concerns, most frequent first, then in first-seen order. */
export function commonWords(lists: string[][], n: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const word of new Set(list)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([word]) => word);
}
