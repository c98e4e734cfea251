import { normalise } from './normalise';

/** One side of an either-or question: what to answer with, and the words that describe it. */
export interface Topic {
  payload: string;
  words: string;
}

/** Characters and two-character words, keeping only Han characters that are not filler (`topic_filler`). */
function grams(text: string, filler: ReadonlySet<string>): Set<string> {
  const chars = Array.from(normalise(text)).map((c) => (/\p{Script=Han}/u.test(c) && !filler.has(c) ? c : ' '));
  const out = new Set(chars.filter((c) => c !== ' '));
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.add(chars[i] + chars[i + 1]);
  return out;
}

/**
 * The topic a free answer leans to, by the characters and two-character words it shares with each topic's words
 * (a shared two-character word counts double): a resident answering an either-or question in words of their own.
 * Filler characters that every answer and topic share say nothing about which. Null when no topic leads.
 */
export function closestTopic(answer: string, topics: readonly Topic[], filler: ReadonlySet<string>): string | null {
  const said = grams(answer, filler);
  const scored = topics.map((t) => ({ t, n: [...grams(t.words, filler)].reduce((sum, g) => sum + (said.has(g) ? g.length : 0), 0) }));
  scored.sort((a, b) => b.n - a.n);
  if (!scored.length || scored[0].n === 0 || (scored[1] && scored[1].n === scored[0].n)) return null;
  return scored[0].t.payload;
}
