import { normalise } from './normalise';

/** One side of an either-or question: what to answer with, and the words that describe it. */
export interface Topic {
  payload: string;
  words: string;
}

// Characters every answer shares with every topic ("是…的问题", "还是", "方面"): they say nothing about which.
const FILLER = new Set(Array.from('的是了吧呢啊呀哦嗯这那个些种方面问题还有和与及或都也就'));

const meaningful = (text: string): string[] =>
  Array.from(normalise(text)).map((c) => (/\p{Script=Han}/u.test(c) && !FILLER.has(c) ? c : ' '));

/** Single characters, and (counting double) the two-character words they form: 文物 says more than 文 and 物. */
function grams(text: string): Set<string> {
  const chars = meaningful(text);
  const out = new Set(chars.filter((c) => c !== ' '));
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.add(chars[i] + chars[i + 1]);
  return out;
}

/**
 * The topic a free answer leans to, by the characters and two-character words it shares with each topic's words
 * ("是老房子文物保护的事" → 文物古迹… over 住房、物业…): a resident answering an either-or question in words of their
 * own. Null when no topic shares more than the others.
 */
export function closestTopic(answer: string, topics: readonly Topic[]): string | null {
  const said = grams(answer);
  const scored = topics.map((t) => ({ t, n: [...grams(t.words)].reduce((sum, g) => sum + (said.has(g) ? g.length : 0), 0) }));
  scored.sort((a, b) => b.n - a.n);
  if (!scored.length || scored[0].n === 0 || (scored[1] && scored[1].n === scored[0].n)) return null;
  return scored[0].t.payload;
}
